import { z } from 'zod';
import { isValidPhoneNumber } from 'libphonenumber-js';

/**
 * Where a fact in a council profile comes from: the council's own leaflet in
 * ../shared/seeds, or the national default in ../shared/docs/domain.md because
 * the leaflet says nothing about it.
 */
export const factSource = z.enum(['leaflet', 'national-default', 'not-stated']);
export type FactSource = z.infer<typeof factSource>;

// zod cannot see through the generic value type, so the checks read the parsed object plainly.
const stated = (f: unknown) => (f as { source: FactSource }).source;
const valueOf = (f: unknown) => (f as { value: unknown }).value;

/** A fact with its provenance. `where` names the leaflet heading it comes from. */
const fact = <T extends z.ZodType>(value: T) =>
  z
    .object({
      value,
      source: factSource,
      where: z.string().min(1).optional(),
    })
    .strict()
    .refine((f) => stated(f) !== 'not-stated' || valueOf(f) === null, {
      message: 'a fact marked not-stated must have the value null',
    })
    .refine((f) => stated(f) === 'not-stated' || valueOf(f) !== null, {
      message: 'a fact with a value must say where it comes from (leaflet or national-default)',
    });

/** A UK phone number, as dialled (spaces allowed). A malformed number fails validation. */
export const ukPhone = z
  .string()
  .regex(/^[0-9 ]+$/, 'phone numbers hold digits and spaces only')
  .refine((n) => isValidPhoneNumber(n, 'GB'), { message: 'not a valid UK phone number' });

const dayType = z.enum(['working', 'calendar']);
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'time as HH:MM (24-hour)');

export const openingHours = z.array(z.object({ days: z.array(weekday).min(1), opens: time, closes: time }).strict());

export const authoritySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z-]*$/),
    /** Full legal name, as the council calls itself. */
    name: z.string().min(3),
    /** The place name parents use: "Kingston". */
    shortName: z.string().min(3),
    leaflet: z.string().regex(/^[a-z0-9-]+\.txt$/),
    contacts: z
      .object({
        /** The team a parent calls about a conference. */
        teamName: fact(z.string().min(3).nullable()),
        phone: fact(ukPhone.nullable()),
        textphone: fact(ukPhone.nullable()),
        email: fact(z.email().nullable()),
        postalAddress: fact(z.array(z.string().min(1)).min(2).nullable()),
        openingHours: fact(openingHours.nullable()),
        /** Out-of-hours emergency duty team, for when the office is closed. */
        outOfHoursPhone: fact(ukPhone.nullable()),
        website: fact(z.url().startsWith('https://').nullable()),
      })
      .strict(),
    rules: z
      .object({
        /** Initial conference within N working days of the strategy discussion. */
        initialConferenceWithinWorkingDays: fact(z.number().int().positive()),
        /** Tell the chair about a supporter at least N calendar days before. */
        supporterNoticeDays: fact(z.number().int().nonnegative()),
        reportSharing: z
          .object({
            initial: fact(z.object({ days: z.number().int().nonnegative(), dayType }).strict()),
            review: fact(z.object({ days: z.number().int().nonnegative(), dayType }).strict()),
          })
          .strict(),
        /** Age from which a child is invited; null means the chair decides case by case. */
        childInvitedFromAge: fact(z.number().int().min(5).max(17).nullable()),
        recording: fact(z.enum(['minutes', 'audio-recorded', 'typed-on-screen'])),
        decisionsWithinHours: fact(z.number().int().positive()),
        minutesWithinDays: fact(z.number().int().positive()),
        firstReviewWithinMonths: fact(z.number().int().positive()),
        laterReviewsEveryMonths: fact(z.number().int().positive()),
        coreGroupFirstWithinWorkingDays: fact(z.number().int().positive()),
        coreGroupEveryWeeks: fact(z.number().int().positive()),
        /** Social worker visits a child on a plan at least every N weeks. */
        visitsEveryWeeks: fact(z.number().int().positive().nullable()),
        /** The council aims for no plan to last longer than N years. */
        planAimMaxYears: fact(z.number().int().positive().nullable()),
        complaint: z
          .object({
            windowDays: fact(z.number().int().positive()),
            route: fact(
              z.enum([
                'in-writing-to-chair',
                'council-complaints-procedure',
                'email-complaints-team',
                'escalation-policy',
              ]),
            ),
            email: fact(z.email().nullable()),
            website: fact(z.url().startsWith('https://').nullable()),
          })
          .strict(),
        interpreter: fact(z.enum(['ask-social-worker', 'ask-council', 'ask-conference-team'])),
      })
      .strict(),
  })
  .strict();

export type Authority = z.infer<typeof authoritySchema>;
