import { z } from 'zod';
import type { AttendanceMode } from '~/server/db/schema';
import { optionalLongText } from './text';

const E = 'account:attendance.error';
export const ATTENDANCE_MODES = ['in-person', 'online', 'not-coming'] as const satisfies readonly AttendanceMode[];
export const NEEDS = ['access', 'childcare', 'travel', 'breaks'] as const;
/** The longest written views the conference can be read (GOV.UK character count: the page says so). */
export const VIEWS_MAX = 5000;
export const NEEDS_DETAIL_MAX = 1000;

const views = optionalLongText(VIEWS_MAX, { tooLong: `${E}.views.tooLong` });

/** The attendance form: how the parent will take part, what they need, and their views. */
export const attendanceForm = z.object({
  mode: z.enum(ATTENDANCE_MODES, { error: `${E}.mode.required` }),
  needs: z.array(z.enum(NEEDS, { error: `${E}.needs.invalid` })).default([]),
  needsDetail: optionalLongText(NEEDS_DETAIL_MAX, { tooLong: `${E}.needsDetail.tooLong` }),
  views,
});
/** The same form for a parent the chair has asked not to attend at all: their views only. */
export const viewsOnlyForm = z.object({ views });

export type AttendanceInput = z.output<typeof attendanceForm>;
export type ViewsOnlyInput = z.output<typeof viewsOnlyForm>;
