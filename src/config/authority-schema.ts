import { z } from 'zod';
import { isValidPhoneNumber } from 'libphonenumber-js';

/**
 * Where a value in a council profile comes from (docs/council-profiles.md):
 * - `leaflet`: the council's own leaflet in ../shared/seeds, with its words quoted in `quote`
 *   (a test checks the quote is really in the leaflet);
 * - `national`: national guidance (Working Together to Safeguard Children 2023), named in `ref`;
 * - `council`: a setting the deploying council chose itself, explained in `note`;
 * - `not-stated`: neither the leaflet nor national guidance sets it. There is no value, and
 *   the portal says so honestly and enforces no limit.
 * A number can never be given without one of the first three.
 */
export const FACT_SOURCES = ['leaflet', 'national', 'council', 'not-stated'] as const;
export const factSource = z.enum(FACT_SOURCES);
export type FactSource = z.infer<typeof factSource>;

const words = z.string().min(3);

/** A value with its provenance; `not-stated` has the value null. */
const fact = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('source', [
    z.object({ source: z.literal('leaflet'), value, quote: words, where: words.optional() }).strict(),
    z.object({ source: z.literal('national'), value, ref: words }).strict(),
    z.object({ source: z.literal('council'), value, note: words }).strict(),
    z.object({ source: z.literal('not-stated'), value: z.null(), note: words.optional() }).strict(),
  ]);

/** Any fact, whatever its value: what code that only reads the provenance needs. */
export type Fact<T> =
  | { source: 'leaflet'; value: T; quote: string; where?: string | undefined }
  | { source: 'national'; value: T; ref: string }
  | { source: 'council'; value: T; note: string }
  | { source: 'not-stated'; value: null; note?: string | undefined };

/** The value of a fact that has one (leaflet, national or council); null when not stated. */
export const valueOf = <T>(f: Fact<T>): T | null => (f.source === 'not-stated' ? null : f.value);

/** A UK phone number, as dialled (spaces allowed). A malformed number fails validation. */
export const ukPhone = z
  .string()
  .regex(/^[0-9 ]+$/, 'phone numbers hold digits and spaces only')
  .refine((n) => isValidPhoneNumber(n, 'GB'), { message: 'not a valid UK phone number' });

const dayType = z.enum(['working', 'calendar']);
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'time as HH:MM (24-hour)');
const https = z.url().startsWith('https://');

/** What a council's website is (contacts.websiteIs): each has its own label, footer.website.* */
export const WEBSITE_KINDS = ['council', 'factsheets', 'board-for-professionals'] as const;
export type WebsiteKind = (typeof WEBSITE_KINDS)[number];

export const openingHours = z.array(z.object({ days: z.array(weekday).min(1), opens: time, closes: time }).strict());

/** Another service a leaflet names that a parent could need (Kingston's useful numbers). */
const otherContact = z
  .object({
    /** The service's name, as the leaflet gives it. */
    name: z.string().min(2),
    phone: ukPhone.nullable(),
    /** When the number answers, if the leaflet says. */
    hours: z.enum(['office-hours', 'out-of-office-hours']).nullable(),
    /** What it is for, as a key of council:contacts.for.* */
    purpose: z.enum(['family-support', 'local-services', 'police', 'reports-and-records', 'translation-help']),
    quote: words,
  })
  .strict();

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
        teamName: fact(z.string().min(3)),
        phone: fact(ukPhone),
        /** The main phone answers in office hours only. */
        phoneHours: fact(z.literal('office-hours')),
        textphone: fact(ukPhone),
        email: fact(z.email()),
        postalAddress: fact(z.array(z.string().min(1)).min(2)),
        openingHours: fact(openingHours),
        /** Somewhere a parent can go in person, e.g. "Civic Centre". */
        reception: fact(z.string().min(3)),
        /** Out-of-hours emergency duty team, for when the office is closed. */
        outOfHoursPhone: fact(ukPhone),
        website: fact(https),
        /**
         * What that web page is, so its link is labelled truthfully: the council's own site, its
         * factsheets for parents, or a safeguarding board's page for professionals (Torbay's).
         * Null exactly when there is no website.
         */
        websiteIs: z.enum(WEBSITE_KINDS).nullable(),
        /** The council offers its information in other formats and languages, on this number. */
        otherFormatsPhone: fact(ukPhone),
        /** Other services the leaflet names that a parent could need. */
        others: z.array(otherContact),
      })
      .strict()
      .refine((c) => (c.website.value === null) === (c.websiteIs === null), {
        message: 'websiteIs says what the website is, and is null exactly when there is no website',
        path: ['websiteIs'],
      }),
    rules: z
      .object({
        /** Initial conference within N working days of the strategy discussion. */
        initialConferenceWithinWorkingDays: fact(z.number().int().positive()),
        /** Tell the chair about a supporter at least N calendar days before. */
        supporterNoticeDays: fact(z.number().int().nonnegative()),
        /** Whom to tell about a supporter. */
        supporterTell: fact(z.enum(['chair', 'social-worker'])),
        reportSharing: z
          .object({
            initial: fact(z.object({ days: z.number().int().nonnegative(), dayType }).strict()),
            review: fact(z.object({ days: z.number().int().nonnegative(), dayType }).strict()),
          })
          .strict(),
        /** Age from which a child is invited. */
        childInvitedFromAge: fact(z.number().int().min(5).max(17)),
        /** How the council decides whether a child comes, where it sets no age. */
        childAttendance: fact(z.enum(['best-interest', 'chair-decides', 'age-and-understanding'])),
        recording: fact(z.enum(['minutes', 'audio-recorded', 'typed-during-meeting'])),
        /** Written decisions (or the outline plan) within N hours. */
        decisionsWithinHours: fact(z.number().int().positive()),
        /** Minutes within N days or weeks; `about` when the leaflet says "about". */
        minutes: fact(
          z
            .object({ count: z.number().int().positive(), unit: z.enum(['days', 'weeks']), about: z.boolean() })
            .strict(),
        ),
        firstReviewWithinMonths: fact(z.number().int().positive()),
        laterReviewsEveryMonths: fact(z.number().int().positive()),
        coreGroupFirstWithinWorkingDays: fact(z.number().int().positive()),
        coreGroupEveryWeeks: fact(z.number().int().positive()),
        /** Social worker visits a child on a plan at least every N weeks. */
        visitsEveryWeeks: fact(z.number().int().positive()),
        /** The council aims for no plan to last longer than N years. */
        planAimMaxYears: fact(z.number().int().positive()),
        complaint: z
          .object({
            windowDays: fact(z.number().int().positive()),
            route: fact(
              z.enum([
                'in-writing-to-chair',
                'council-complaints-procedure',
                'email-feedback-team',
                'complaints-factsheet',
              ]),
            ),
            email: fact(z.email()),
            website: fact(https),
          })
          .strict(),
        interpreter: fact(z.enum(['social-worker-arranges', 'council-translation-service'])),
      })
      .strict(),
    /**
     * How this council's conferences run, where its leaflet says more than the shared guidance
     * can say for every council. Each is shown only where the council's own leaflet (or national
     * guidance) says it; `not-stated` gets an honest sentence or nothing.
     */
    practice: z
      .object({
        /** Both parents are always invited, even if they live apart. */
        bothParentsInvited: fact(z.literal('always')),
        /** The decision goes with all or most of the professionals; the chair decides a split. */
        decisionByMajority: fact(z.literal(true)),
        /** Everyone at the meeting scores how safe the child is, from 0 to this number. */
        safetyScaleTo: fact(z.number().int().positive()),
        /** The chair meets the child before the meeting, depending on their age. */
        chairMeetsChild: fact(z.literal(true)),
        /** A complaint may lead to a special panel meeting, with the complaints manager. */
        complaintPanel: fact(z.literal(true)),
        /** When a plan ends, the chair asks the parents to fill in a short form about how it went. */
        endOfPlanQuestionnaire: fact(z.literal(true)),
        /** A conference usually lasts between `from` and `to` hours. */
        meetingHours: fact(z.object({ from: z.number().int().positive(), to: z.number().int().positive() }).strict()),
        /** At most this many observers per conference, agreed with the chair beforehand. */
        observersMax: fact(z.number().int().positive()),
        /** Professionals send their written reports at least `hours` before, to `sendTo` (a service name). */
        /** The minutes leave out each service's report; they can be asked for from this service (a name). */
        agencyReportsFrom: fact(z.string().min(3)),
        professionalReports: fact(z.object({ hours: z.number().int().positive(), sendTo: z.string().min(3) }).strict()),
        /** The police may share facts with the workers in a private part of the meeting that families do not stay for. */
        policeOnlyPart: fact(z.literal(true)),
        /** The chair reminds everyone at the start of every conference that it is confidential. */
        chairRemindsConfidential: fact(z.literal(true)),
        /** A council lawyer sometimes comes to give the meeting legal advice. */
        councilLawyerAttends: fact(z.literal(true)),
        /**
         * The leaflet's own reasons for asking a parent not to come, beyond violence and disruption (risk to the
         * child, to the parent's health, drink or drugs; police information; reviewed at every conference).
         */
        exclusionReasons: fact(z.literal(true)),
      })
      .strict(),
  })
  .strict();

export type Authority = z.infer<typeof authoritySchema>;
