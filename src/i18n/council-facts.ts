import { valueOf, type Authority, type FactSource } from '~/config/authority-schema';
import { dataKey, type KeysOf, type Translator } from '~/i18n/keys';

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
  'bothParents',
  'decisionMajority',
  'safetyScale',
  'chairMeetsChild',
  'complaintPanel',
  'endOfPlanForm',
  'meetingLength',
  'observers',
  'professionalReports',
  'agencyReports',
  'policeOnlyPart',
  'confidentialReminder',
  'councilLawyer',
  'exclusionReasons',
] as const;
export type CouncilFactName = (typeof COUNCIL_FACTS)[number];

/** The rule behind a council fact and where it comes from: what staff and tests can check a sentence against. */
export function councilFactSource(name: CouncilFactName, a: Authority): FactSource | null {
  const r = a.rules;
  const p = a.practice;
  const facts: Record<CouncilFactName, { source: FactSource } | null> = {
    initialWithin: r.initialConferenceWithinWorkingDays,
    supporterNotice: r.supporterNoticeDays,
    reportsInitial: r.reportSharing.initial,
    reportsReview: r.reportSharing.review,
    workingDay: null,
    childAge: r.childInvitedFromAge.source === 'not-stated' ? r.childAttendance : r.childInvitedFromAge,
    recording: r.recording,
    decisions: r.decisionsWithinHours,
    minutes: r.minutes,
    firstReview: r.firstReviewWithinMonths,
    laterReviews: r.laterReviewsEveryMonths,
    coreGroupFirst: r.coreGroupFirstWithinWorkingDays,
    coreGroupEvery: r.coreGroupEveryWeeks,
    visits: r.visitsEveryWeeks,
    planAim: r.planAimMaxYears,
    complaintWindow: r.complaint.windowDays,
    complaintRoute: r.complaint.route,
    interpreter: r.interpreter,
    bothParents: p.bothParentsInvited,
    decisionMajority: p.decisionByMajority,
    safetyScale: p.safetyScaleTo,
    chairMeetsChild: p.chairMeetsChild,
    complaintPanel: p.complaintPanel,
    endOfPlanForm: p.endOfPlanQuestionnaire,
    meetingLength: p.meetingHours,
    observers: p.observersMax,
    professionalReports: p.professionalReports,
    agencyReports: p.agencyReportsFrom,
    policeOnlyPart: p.policeOnlyPart,
    confidentialReminder: p.chairRemindsConfidential,
    councilLawyer: p.councilLawyerAttends,
    exclusionReasons: p.exclusionReasons,
  };
  return facts[name]?.source ?? null;
}

/**
 * The sentence for one council fact, in the reader's language, from the
 * council's profile. A rule the council has not set gets an honest sentence
 * (what usually happens, that the council has set no time, whom to ask),
 * never a number; null when there is nothing worth saying.
 */
export function councilFactSentence(name: CouncilFactName, a: Authority, t: Translator): string | null {
  const r = a.rules;
  const council = a.shortName;
  const c = (key: KeysOf<'council'>, count: number) => t(`council:${key}`, { count, council });
  // Each rule that can be not-stated has a "<rule>.notStated" sentence (tests render every council).
  const notStated = (key: string) => t(dataKey(`council:${key}.notStated`), { council });
  switch (name) {
    case 'initialWithin': {
      const days = valueOf(r.initialConferenceWithinWorkingDays);
      return days === null ? null : c('initialWithin', days);
    }
    case 'supporterNotice': {
      const days = valueOf(r.supporterNoticeDays);
      if (days !== null) return c('supporterNotice', days);
      if (valueOf(r.supporterTell) === 'social-worker') return t('council:supporterNotice.socialWorker', { council });
      return notStated('supporterNotice');
    }
    case 'reportsInitial':
    case 'reportsReview': {
      const type = name === 'reportsInitial' ? 'initial' : 'review';
      const rule = valueOf(r.reportSharing[type]);
      return rule === null ? notStated(`reports.${type}`) : c(`reports.${type}.${rule.dayType}`, rule.days);
    }
    case 'workingDay':
      return t('council:workingDay');
    case 'childAge': {
      const age = valueOf(r.childInvitedFromAge);
      if (age !== null) return t('council:childAge.fromAge', { council, age });
      const how = valueOf(r.childAttendance) ?? 'age-and-understanding';
      return t(how === 'chair-decides' ? 'council:childAge.chairDecides' : `council:childAge.${how}`, { council });
    }
    case 'recording': {
      const how = valueOf(r.recording);
      return how === null ? notStated('recording') : t(`council:recording.${how}`, { council });
    }
    case 'decisions': {
      const hours = valueOf(r.decisionsWithinHours);
      return hours === null ? notStated('decisions') : c('decisions', hours);
    }
    case 'minutes': {
      const m = valueOf(r.minutes);
      if (m === null) return notStated('minutes');
      if (m.about && m.unit === 'weeks') return c('minutes.aboutWeeks', m.count);
      return c('minutes', m.unit === 'weeks' ? m.count * 7 : m.count);
    }
    case 'firstReview': {
      const months = valueOf(r.firstReviewWithinMonths);
      return months === null ? null : c('firstReview', months);
    }
    case 'laterReviews': {
      const months = valueOf(r.laterReviewsEveryMonths);
      return months === null ? null : c('laterReviews', months);
    }
    case 'coreGroupFirst': {
      const days = valueOf(r.coreGroupFirstWithinWorkingDays);
      return days === null ? null : c('coreGroupFirst', days);
    }
    case 'coreGroupEvery': {
      const weeks = valueOf(r.coreGroupEveryWeeks);
      return weeks === null ? notStated('coreGroupEvery') : c('coreGroupEvery.weeks', weeks);
    }
    case 'visits': {
      const weeks = valueOf(r.visitsEveryWeeks);
      return weeks === null ? t('council:visits.none') : c('visits', weeks);
    }
    case 'planAim': {
      const years = valueOf(r.planAimMaxYears);
      return years === null ? null : c('planAim', years);
    }
    case 'complaintWindow': {
      const days = valueOf(r.complaint.windowDays);
      return days === null ? notStated('complaintWindow') : c('complaintWindow', days);
    }
    case 'complaintRoute': {
      const route = valueOf(r.complaint.route);
      return route === null ? notStated('complaintRoute') : t(`council:complaintRoute.${route}`, { council });
    }
    case 'interpreter': {
      const how = valueOf(r.interpreter);
      return how === null ? notStated('interpreter') : t(`council:interpreter.${how}`, { council });
    }
    // How conferences run (profile `practice`): said only where the council's leaflet says it.
    case 'bothParents':
      return valueOf(a.practice.bothParentsInvited) === null ? null : t('council:bothParents.always', { council });
    case 'decisionMajority':
      return valueOf(a.practice.decisionByMajority) === null ? null : t('council:decisionMajority', { council });
    case 'safetyScale': {
      const to = valueOf(a.practice.safetyScaleTo);
      return to === null ? notStated('safetyScale') : c('safetyScale', to);
    }
    case 'chairMeetsChild':
      return valueOf(a.practice.chairMeetsChild) === null
        ? notStated('chairMeetsChild')
        : t('council:chairMeetsChild', { council });
    case 'complaintPanel':
      return valueOf(a.practice.complaintPanel) === null ? null : t('council:complaintPanel', { council });
    case 'endOfPlanForm':
      return valueOf(a.practice.endOfPlanQuestionnaire) === null ? null : t('council:endOfPlanForm', { council });
    case 'meetingLength': {
      const hours = valueOf(a.practice.meetingHours);
      return hours === null
        ? notStated('meetingLength')
        : t('council:meetingLength', { council, from: hours.from, count: hours.to });
    }
    case 'observers': {
      const max = valueOf(a.practice.observersMax);
      return max === null ? notStated('observers') : c('observers', max);
    }
    case 'professionalReports': {
      const rule = valueOf(a.practice.professionalReports);
      return rule === null
        ? notStated('professionalReports')
        : t('council:professionalReports', { council, count: rule.hours, service: rule.sendTo });
    }
    case 'agencyReports': {
      const service = valueOf(a.practice.agencyReportsFrom);
      return service === null ? notStated('agencyReports') : t('council:agencyReports', { council, service });
    }
    // One leaflet's own words, once in every build's shared text: said only where that leaflet says them.
    case 'policeOnlyPart':
      return valueOf(a.practice.policeOnlyPart) === null ? null : t('council:policeOnlyPart', { council });
    case 'confidentialReminder':
      return valueOf(a.practice.chairRemindsConfidential) === null
        ? null
        : t('council:confidentialReminder', { council });
    case 'councilLawyer':
      return valueOf(a.practice.councilLawyerAttends) === null ? null : t('council:councilLawyer', { council });
    case 'exclusionReasons':
      return valueOf(a.practice.exclusionReasons) === null ? null : t('council:exclusionReasons', { council });
  }
}
