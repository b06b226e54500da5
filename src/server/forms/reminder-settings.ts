import { z } from 'zod';
import type { ReminderChannel } from '~/server/db/schema';
import { ukMobile } from '~/server/domain/mobile';

export const REMINDER_CHANNELS = ['email', 'sms', 'both', 'none'] as const satisfies readonly ReminderChannel[];

const E = 'account:reminders.error';
/** Text messages are sent with this channel. */
export const usesSms = (channel: string) => channel === 'sms' || channel === 'both';

/**
 * The form. `mobile` is needed with text messages unless the parent already
 * has a confirmed one (left empty, it stays); it must be a UK mobile.
 */
export function reminderSettingsForm(options: { smsOffered: boolean; hasMobile: boolean }) {
  const offered = options.smsOffered ? REMINDER_CHANNELS : (['email', 'none'] as const);
  return z
    .object({
      channel: z.enum(offered, { error: `${E}.channel` }),
      mobile: z
        .string()
        .trim()
        .max(30, { error: `${E}.mobileInvalid` })
        .default(''),
      complaintReminder: z.array(z.literal('yes')).default([]),
    })
    .superRefine((v, ctx) => {
      if (!usesSms(v.channel)) return;
      if (v.mobile === '' && !options.hasMobile)
        ctx.addIssue({ code: 'custom', path: ['mobile'], message: `${E}.mobileMissing` });
      else if (v.mobile !== '' && !ukMobile(v.mobile))
        ctx.addIssue({ code: 'custom', path: ['mobile'], message: `${E}.mobileInvalid` });
    });
}
export type ReminderSettingsInput = z.output<ReturnType<typeof reminderSettingsForm>>;
