// The staff conference page's names for each deadline, from the council's
// profile: whom a parent tells about a supporter follows the council's own rule
// (Kingston's leaflet says the social worker, Redbridge's the chair).
import { valueOf, type Authority } from '~/config/authority-schema';
import { undatedDeadlines, type ConferenceType, type DeadlineId } from '~/server/domain/deadlines';

/** Whom a parent tells about a supporter, as staff read it. */
function supporterWho(a: Authority): string {
  switch (valueOf(a.rules.supporterTell)) {
    case 'chair':
      return 'the chair';
    case 'social-worker':
      return 'the social worker';
    default:
      // The council's leaflet names nobody: the parent may tell either.
      return 'the chair or the social worker';
  }
}

/** The label of each deadline on the staff conference page, for this council. */
export function deadlineLabels(a: Authority): Record<DeadlineId, string> {
  return {
    reports: 'Reports to reach parents by',
    supporter: `Last day to tell ${supporterWho(a)} about a supporter`,
    decisions: 'Decisions sent by',
    minutes: 'Minutes sent by',
    coreGroup: 'Core group first meets by (if there is a plan)',
    nextReview: 'Next review due by (if there is a plan)',
    complaint: 'Last day for a complaint',
  };
}

/**
 * The sentence saying which deadlines this council has set no date for (null when it has set
 * them all): staff must see that nothing is enforced there, not a missing row.
 */
export function undatedSentence(a: Authority, type: ConferenceType): string | null {
  const labels = deadlineLabels(a);
  const undated = undatedDeadlines(a, type).map((id) => labels[id].toLowerCase());
  if (undated.length === 0) return null;
  return (
    `${a.shortName} has not set a date for: ${undated.join('; ')}. ` +
    'Parents are not held to a date for these, and their forms stay open.'
  );
}
