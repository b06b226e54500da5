import { z } from 'zod';
import { isCalendarDate, londonInstant } from '~/server/domain/working-days';
import { cleanLine, optionalLine, requiredLine } from './text';

const E = 'staff:conference.error';

/** Scheduling or changing a conference; the result is what the service stores. */
export const conferenceForm = z
  .object({
    type: z.enum(['initial', 'review'], `${E}.type.required`),
    date: z
      .string({ error: `${E}.date.required` })
      .trim()
      .min(1, `${E}.date.required`)
      .refine((v) => isCalendarDate(v), `${E}.date.real`),
    time: z
      .string({ error: `${E}.time.format` })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${E}.time.format`),
    durationMinutes: z.coerce
      .number(`${E}.durationMinutes.required`)
      .int(`${E}.durationMinutes.whole`)
      .min(30, `${E}.durationMinutes.tooShort`)
      .max(480, `${E}.durationMinutes.tooLong`),
    venue: optionalLine(300, { tooLong: `${E}.venue.tooLong` }),
    onlineLink: cleanLine()
      .transform((v) => v || null)
      .refine((v) => v === null || /^https:\/\/[^\s]+$/.test(v), `${E}.onlineLink.format`),
    chairName: requiredLine(100, { required: `${E}.chairName.required`, tooLong: `${E}.chairName.tooLong` }),
    children: z.array(z.string()).min(1, `${E}.children.required`),
    initialConferenceDate: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
  })
  .refine((v) => v.venue || v.onlineLink, { path: ['venue'], message: `${E}.venue.required` })
  .refine((v) => v.type === 'initial' || (v.initialConferenceDate && isCalendarDate(v.initialConferenceDate)), {
    path: ['initialConferenceDate'],
    message: `${E}.initialConferenceDate.required`,
  })
  .refine((v) => v.type === 'initial' || !v.initialConferenceDate || v.initialConferenceDate < v.date, {
    path: ['initialConferenceDate'],
    message: `${E}.initialConferenceDate.order`,
  })
  .transform((v) => ({
    type: v.type,
    startsAt: londonInstant(v.date, v.time),
    durationMinutes: v.durationMinutes,
    venue: v.venue,
    onlineLink: v.onlineLink,
    chairName: v.chairName,
    childIds: v.children,
    initialConferenceDate: v.type === 'review' ? v.initialConferenceDate : null,
  }));
