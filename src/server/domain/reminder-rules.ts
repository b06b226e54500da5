// The council's rules as the reminder schedule needs them: which exist, and
// their numbers. A rule the council has not set (`not-stated`) becomes null,
// and the schedule sends nothing for it.
import type { Authority, FactSource } from '~/config/authority-schema';
import type { ReminderRules } from './reminders';

type Fact<T> = { value: T | null; source: FactSource };

/** The number of a rule the council has set; null for one it has not. */
function setValue<T>(fact: Fact<T>): T | null {
  return fact.source === 'not-stated' ? null : fact.value;
}

/** The reminder rules of a council profile. */
export function reminderRulesOf(authority: Authority): ReminderRules {
  const r = authority.rules;
  return {
    supporterNoticeDays: setValue(r.supporterNoticeDays),
    reportsDue: { initial: setValue(r.reportSharing.initial), review: setValue(r.reportSharing.review) },
    decisionsWithinHours: setValue(r.decisionsWithinHours),
    minutesWithinDays: setValue(r.minutesWithinDays),
    complaintWindowDays: setValue(r.complaint.windowDays),
  };
}
