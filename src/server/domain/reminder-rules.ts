// The council's rules as the reminder schedule needs them: which exist, and
// their numbers. A rule the council has not set (`not-stated`) becomes null,
// and the schedule sends nothing for it.
import type { Authority } from '~/config/authority-schema';
import { minutesDays, valueOf as setValue } from './deadlines';
import type { ReminderRules } from './reminders';

/** The reminder rules of a council profile. */
export function reminderRulesOf(authority: Authority): ReminderRules {
  const r = authority.rules;
  return {
    supporterNoticeDays: setValue(r.supporterNoticeDays),
    reportsDue: { initial: setValue(r.reportSharing.initial), review: setValue(r.reportSharing.review) },
    decisionsWithinHours: setValue(r.decisionsWithinHours),
    minutesWithinDays: minutesDays(r),
    complaintWindowDays: setValue(r.complaint.windowDays),
  };
}
