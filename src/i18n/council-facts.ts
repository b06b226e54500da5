import type { KeysOf, Translator } from '~/i18n/keys';
import type { Authority } from '~/config/authority-schema';

/** The council facts a guidance page can show; each becomes one plain sentence. */
export const COUNCIL_FACTS = [
  'initialWithin',
  'supporterNotice',
  'reportsInitial',
  'reportsReview',
  'workingDay',
  'childAge',
  'recording',
  'decisions',
  'minutes',
  'firstReview',
  'laterReviews',
  'coreGroupFirst',
  'coreGroupEvery',
  'visits',
  'planAim',
  'complaintWindow',
  'complaintRoute',
  'interpreter',
] as const;
export type CouncilFactName = (typeof COUNCIL_FACTS)[number];

/**
 * The sentence for one council fact, in the reader's language, from the
 * council's profile. Returns null when the council has no such rule.
 */
export function councilFactSentence(name: CouncilFactName, a: Authority, t: Translator): string | null {
  const r = a.rules;
  const council = a.shortName;
  const c = (key: KeysOf<'council'>, count: number) => t(`council:${key}`, { count, council });
  switch (name) {
    case 'initialWithin':
      return c('initialWithin', r.initialConferenceWithinWorkingDays.value);
    case 'supporterNotice':
      return c('supporterNotice', r.supporterNoticeDays.value);
    case 'reportsInitial':
      return c(`reports.initial.${r.reportSharing.initial.value.dayType}`, r.reportSharing.initial.value.days);
    case 'reportsReview':
      return c(`reports.review.${r.reportSharing.review.value.dayType}`, r.reportSharing.review.value.days);
    case 'workingDay':
      return t('council:workingDay');
    case 'childAge':
      return r.childInvitedFromAge.value === null
        ? t('council:childAge.chairDecides', { council })
        : t('council:childAge.fromAge', { council, age: r.childInvitedFromAge.value });
    case 'recording':
      return t(`council:recording.${r.recording.value}`, { council });
    case 'decisions':
      return c('decisions', r.decisionsWithinHours.value);
    case 'minutes':
      return c('minutes', r.minutesWithinDays.value);
    case 'firstReview':
      return c('firstReview', r.firstReviewWithinMonths.value);
    case 'laterReviews':
      return c('laterReviews', r.laterReviewsEveryMonths.value);
    case 'coreGroupFirst':
      return c('coreGroupFirst', r.coreGroupFirstWithinWorkingDays.value);
    case 'coreGroupEvery':
      return c('coreGroupEvery', r.coreGroupEveryWeeks.value);
    case 'visits':
      return r.visitsEveryWeeks.value === null ? t('council:visits.none') : c('visits', r.visitsEveryWeeks.value);
    case 'planAim':
      return r.planAimMaxYears.value === null ? null : c('planAim', r.planAimMaxYears.value);
    case 'complaintWindow':
      return c('complaintWindow', r.complaint.windowDays.value);
    case 'complaintRoute':
      return t(`council:complaintRoute.${r.complaint.route.value}`, { council });
    case 'interpreter':
      return t(`council:interpreter.${r.interpreter.value}`, { council });
  }
}
