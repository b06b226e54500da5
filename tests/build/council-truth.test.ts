// Council truth (issue #11, step 5): each council's build says only what that
// council's leaflet, national guidance or the council itself says. Reads the
// five builds that global-setup.ts makes; builds nothing of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { authorityIds, getAuthority } from '~/config/authorities';
import { valueOf, type Authority, type Fact } from '~/config/authority-schema';
import { LOCALES } from '~/config/locales';
import { NATIONAL_HELP } from '~/config/national';
import { site as settings } from '~/config/site';
import { COUNCIL_FACTS, councilFactSource, type CouncilFactName } from '~/i18n/council-facts';
import { site as built, text } from './site';

type Id = 'kingston' | 'redbridge' | 'barnsley' | 'hartlepool' | 'torbay';

/**
 * Sentences that are true for some councils only, and where each is true.
 * `holds` asks the council's profile the same question, so a profile that
 * gains or loses the rule is caught here as well as a page that says it anyway.
 * Sentences with `trueFor: []` came from one council's leaflet into every build
 * once, and must never come back.
 */
const SENTENCES: { says: string; page: string; trueFor: Id[]; holds?: (a: Authority) => boolean }[] = [
  // Hartlepool's leaflet: both parents are always invited, even if they live apart.
  {
    says: 'both parents are always invited, even if they live apart',
    page: 'who-will-be-there',
    trueFor: ['hartlepool'],
    holds: (a) => stated(a.practice.bothParentsInvited),
  },
  // Torbay's leaflet (for professionals): consensus or majority, the chair decides a split.
  {
    says: 'the decision goes with what all or most of the workers think',
    page: 'at-the-conference',
    trueFor: ['torbay'],
    holds: (a) => stated(a.practice.decisionByMajority),
  },
  { says: 'the chair follows what most of them think', page: 'at-the-conference', trueFor: [] },
  // Kingston's leaflet: a special panel hearing and the complaints manager; a questionnaire when a plan ends.
  {
    says: 'a complaint may lead to a special meeting to look at what happened',
    page: 'how-to-complain',
    trueFor: ['kingston'],
    holds: (a) => stated(a.practice.complaintPanel),
  },
  {
    says: 'you are asked to fill in a short form about how things went',
    page: 'life-on-a-plan',
    trueFor: ['kingston'],
    holds: (a) => stated(a.practice.endOfPlanQuestionnaire),
  },
  // Barnsley's leaflet: no age, the chair decides with the parent and the social worker.
  {
    says: 'there is no set age. The chair decides',
    page: 'can-my-child-come',
    trueFor: ['barnsley'],
    holds: (a) => valueOf(a.rules.childInvitedFromAge) === null && valueOf(a.rules.childAttendance) === 'chair-decides',
  },
  {
    says: 'the chair meets your child before the meeting, depending on their age',
    page: 'can-my-child-come',
    trueFor: ['barnsley'],
    holds: (a) => stated(a.practice.chairMeetsChild),
  },
  // Interpreters: Kingston's and Redbridge's leaflets send parents to the social worker; no leaflet says it is free.
  {
    says: 'They can arrange an interpreter for you',
    page: 'interpreters-and-help',
    trueFor: ['kingston', 'redbridge'],
    holds: (a) => valueOf(a.rules.interpreter) === 'social-worker-arranges',
  },
  {
    says: 'has not said how to ask for an interpreter',
    page: 'interpreters-and-help',
    trueFor: ['barnsley', 'torbay'],
    holds: (a) => !stated(a.rules.interpreter),
  },
  { says: 'You do not pay', page: 'interpreters-and-help', trueFor: [] },
  // Core group: every 4 weeks in Barnsley and Torbay; "regularly" elsewhere.
  {
    says: 'After that, it meets every 4 weeks',
    page: 'life-on-a-plan',
    trueFor: ['barnsley', 'torbay'],
    holds: (a) => valueOf(a.rules.coreGroupEveryWeeks) === 4,
  },
  {
    says: 'After that, it meets regularly',
    page: 'life-on-a-plan',
    trueFor: ['kingston', 'redbridge', 'hartlepool'],
    holds: (a) => !stated(a.rules.coreGroupEveryWeeks),
  },
  { says: 'at least every 4 weeks', page: 'life-on-a-plan', trueFor: [] },
  // Barnsley's record is typed during the meeting by a member of staff; nobody's is "on a big screen".
  {
    says: 'types the main points during the meeting',
    page: 'at-the-conference',
    trueFor: ['barnsley'],
    holds: (a) => valueOf(a.rules.recording) === 'typed-during-meeting',
  },
  { says: 'big screen', page: 'at-the-conference', trueFor: [] },
  // Barnsley's routine safety scale.
  {
    says: 'on a scale of 0 to 10',
    page: 'at-the-conference',
    trueFor: ['barnsley'],
    holds: (a) => valueOf(a.practice.safetyScaleTo) === 10,
  },
  // Torbay's leaflet: 1 to 2 hours, one observer, reports 24 hours before to its Safeguarding and Reviewing Service.
  {
    says: 'usually takes 1 to 2 hours',
    page: 'at-the-conference',
    trueFor: ['torbay'],
    holds: (a) => stated(a.practice.meetingHours),
  },
  {
    says: 'only 1 observer can come to each meeting',
    page: 'who-will-be-there',
    trueFor: ['torbay'],
    holds: (a) => valueOf(a.practice.observersMax) === 1,
  },
  {
    says: 'send your report to the Safeguarding and Reviewing Service at least 24 hours before the meeting',
    page: 'for-professionals',
    trueFor: ['torbay'],
    holds: (a) => valueOf(a.practice.professionalReports)?.hours === 24,
  },
  {
    says: 'You can ask the Safeguarding and Reviewing Service for these reports',
    page: 'professionals-after-the-conference',
    trueFor: ['torbay'],
    holds: (a) => stated(a.practice.agencyReportsFrom),
  },
  // Reports should reach parents before the meeting; no council but Redbridge and Hartlepool says how many days.
  { says: 'a few days before the meeting', page: 'before-the-conference', trueFor: [] },
  { says: "Call the council's conference team", page: 'bringing-a-supporter', trueFor: [] },
  // Reports: Redbridge (2 working days, first conference only) and Hartlepool (2 and 5 days) alone set days.
  {
    says: 'you should get the reports at least 2 working days before it',
    page: 'before-the-conference',
    trueFor: ['redbridge'],
    holds: (a) => valueOf(a.rules.reportSharing.initial)?.dayType === 'working',
  },
  {
    says: 'you should get the reports at least 5 days before it',
    page: 'before-the-conference',
    trueFor: ['hartlepool'],
    holds: (a) => valueOf(a.rules.reportSharing.review)?.days === 5,
  },
  // Kingston's "about 3 weeks" was once turned into a firm 21 days.
  { says: 'within 21 days', page: 'the-decisions', trueFor: [] },
  // The rules table: complaint window, supporter notice, written records, children's ages, visits, plan length.
  {
    says: 'days after the conference to make a complaint',
    page: 'how-to-complain',
    trueFor: ['kingston'],
    holds: (a) => stated(a.rules.complaint.windowDays),
  },
  {
    says: 'has not set a time limit for complaints',
    page: 'how-to-complain',
    trueFor: ['redbridge', 'barnsley', 'hartlepool', 'torbay'],
    holds: (a) => !stated(a.rules.complaint.windowDays),
  },
  {
    says: 'Tell the chair who is coming with you at least 2 days before',
    page: 'bringing-a-supporter',
    trueFor: ['redbridge'],
    holds: (a) => valueOf(a.rules.supporterNoticeDays) === 2,
  },
  {
    says: 'decisions in writing within 48 hours',
    page: 'the-decisions',
    trueFor: ['kingston'],
    holds: (a) => valueOf(a.rules.decisionsWithinHours) === 48,
  },
  {
    says: 'decisions in writing within 24 hours',
    page: 'the-decisions',
    trueFor: ['torbay'],
    holds: (a) => valueOf(a.rules.decisionsWithinHours) === 24,
  },
  {
    says: 'minutes about 3 weeks after',
    page: 'the-decisions',
    trueFor: ['kingston'],
    holds: (a) => valueOf(a.rules.minutes)?.about === true,
  },
  {
    says: 'minutes within 28 days',
    page: 'the-decisions',
    trueFor: ['hartlepool'],
    holds: (a) => valueOf(a.rules.minutes)?.count === 28,
  },
  {
    says: 'the conference is recorded on audio',
    page: 'at-the-conference',
    trueFor: ['kingston'],
    holds: (a) => valueOf(a.rules.recording) === 'audio-recorded',
  },
  {
    says: 'children aged 11 and over are invited',
    page: 'can-my-child-come',
    trueFor: ['hartlepool'],
    holds: (a) => valueOf(a.rules.childInvitedFromAge) === 11,
  },
  {
    says: 'children aged 10 and over are invited',
    page: 'can-my-child-come',
    trueFor: ['redbridge'],
    holds: (a) => valueOf(a.rules.childInvitedFromAge) === 10,
  },
  {
    says: 'visits your child at least every 2 weeks',
    page: 'life-on-a-plan',
    trueFor: ['barnsley'],
    holds: (a) => valueOf(a.rules.visitsEveryWeeks) === 2,
  },
  {
    says: 'longer than 2 years',
    page: 'life-on-a-plan',
    trueFor: ['kingston'],
    holds: (a) => valueOf(a.rules.planAimMaxYears) === 2,
  },
];

const stated = (f: Fact<unknown>) => f.source !== 'not-stated';

/**
 * Numbers the pages may carry in shared text: they are the same for every
 * council (the law, the portal's own settings, dates), never a council's rule.
 * Anything else with a digit in it must sit inside a council fact and come from the profile.
 */
const SITE_NUMBERS: RegExp[] = [
  /Page last checked: \w+ \d{1,2}, \d{4}/g, // the page's own date
  /section 47|Children Act 1989|[Ii]n 2019/g, // the law; partnerships replaced boards in 2019
  /under 18/g, // a child, in law
  /\b(2 kinds of conference|3 possible outcomes|4 kinds of harm|There are 4:|4 categories|4 jobs)/g, // national structure
  /WCAG 2\.2|200%|320 pixels|1 tiny dot|30 minutes|after 30 days|within 1 month|3 times|1 cookie|1 exception/g, // the site's own settings and the law (privacy, cookies, accessibility)
  /For example, \d{1,2} \d{1,2} \d{4}/g, // the timeline's date examples
  /\b999\b/g, // emergency
  /(Family Rights Group advice line: )?0808 801 0366/g, // national help
  /on 22 November 2026/g, // the accessibility statement's date
];

const digits = (s: string) =>
  s.replace(/[٠-٩۰-۹০-৯੦-੯]/g, (d) => {
    const c = d.charCodeAt(0);
    for (const zero of [0x660, 0x6f0, 0x9e6, 0xa66]) if (c >= zero && c <= zero + 9) return String(c - zero);
    return d;
  });

/** Every number in a value (nested objects and arrays too). */
const numbersIn = (v: unknown): number[] =>
  typeof v === 'number'
    ? [v]
    : v && typeof v === 'object'
      ? Object.values(v as Record<string, unknown>).flatMap(numbersIn)
      : [];

/** The profile value behind a council fact, for tracing its numbers. */
function factValue(name: CouncilFactName, a: Authority): unknown {
  const r = a.rules;
  const p = a.practice;
  const values: Record<CouncilFactName, unknown> = {
    initialWithin: valueOf(r.initialConferenceWithinWorkingDays),
    supporterNotice: valueOf(r.supporterNoticeDays),
    reportsInitial: valueOf(r.reportSharing.initial),
    reportsReview: valueOf(r.reportSharing.review),
    workingDay: null,
    childAge: valueOf(r.childInvitedFromAge),
    recording: null,
    decisions: valueOf(r.decisionsWithinHours),
    minutes: valueOf(r.minutes),
    firstReview: valueOf(r.firstReviewWithinMonths),
    laterReviews: valueOf(r.laterReviewsEveryMonths),
    coreGroupFirst: valueOf(r.coreGroupFirstWithinWorkingDays),
    coreGroupEvery: valueOf(r.coreGroupEveryWeeks),
    visits: valueOf(r.visitsEveryWeeks),
    planAim: valueOf(r.planAimMaxYears),
    complaintWindow: valueOf(r.complaint.windowDays),
    complaintRoute: null,
    interpreter: null,
    bothParents: null,
    decisionMajority: null,
    // "0 to 10": the scale starts at 0.
    safetyScale: ((to) => (to === null ? null : [0, to]))(valueOf(p.safetyScaleTo)),
    chairMeetsChild: null,
    complaintPanel: null,
    endOfPlanForm: null,
    meetingLength: valueOf(p.meetingHours),
    observers: valueOf(p.observersMax),
    professionalReports: valueOf(p.professionalReports),
    agencyReports: null,
  };
  return values[name];
}

/** Every phone number, email address and web address the profile gives with a source. */
function profileContacts(a: Authority): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if ('source' in node && 'value' in node) {
      if ((node as Fact<unknown>).source === 'not-stated') return;
      const v = (node as { value: unknown }).value;
      for (const s of Array.isArray(v) ? v : [v])
        if (typeof s === 'string' && /^(0[\d ]+|[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(s)) found.add(s);
      return;
    }
    Object.values(node).forEach(walk);
  };
  walk(a);
  for (const o of a.contacts.others) if (o.phone) found.add(o.phone);
  for (const line of valueOf(a.contacts.postalAddress) ?? []) found.add(line);
  return found;
}

/** Clock times as shown ("8:30 AM", "16:30"), as HH:MM. */
const TIME = /\b(\d{1,2})[:.](\d{2})(?: ?([AP]M))?/g;
const clock = (h: string, m: string, half?: string) =>
  `${String((Number(h) % 12) + (half === 'PM' ? 12 : half === 'AM' ? 0 : Math.floor(Number(h) / 12) * 12)).padStart(2, '0')}:${m}`;
/** The opening and closing times the profile gives with a source. */
const profileTimes = (a: Authority) => (valueOf(a.contacts.openingHours) ?? []).flatMap((o) => [o.opens, o.closes]);

const main = (html: string) => /<main\b[\s\S]*?<\/main>/.exec(html)?.[0] ?? '';
const FACT_SPAN = /<span data-council-fact="([^"]+)">([\s\S]*?)<\/span>/g;
const PHONE = /(?<![\d])0\d{2,4}(?: ?\d){6,8}(?![\d])/g;

describe.each(authorityIds as Id[])('the %s build tells the truth', (id) => {
  const authority = getAuthority(id);
  const site = built(id);
  const pages = site.pages();
  const english = pages.filter((p) => p.startsWith('/en/'));

  it('every council fact on a page has a number only where the profile has one, and the same number', () => {
    for (const path of pages.filter((p) => /^\/[a-z]{2}\//.test(p))) {
      for (const [, name, sentence] of site.html(path).matchAll(FACT_SPAN)) {
        expect(COUNCIL_FACTS, `${path}: data-council-fact="${name}"`).toContain(name);
        const fact = name as CouncilFactName;
        const numbers = [...digits(text(sentence ?? '')).matchAll(/\d+/g)].map((m) => Number(m[0]));
        if (numbers.length === 0) continue;
        expect(councilFactSource(fact, authority), `${path}: "${fact}" shows a number`).toMatch(
          /^(leaflet|national|council)$/,
        );
        const allowed = numbersIn(factValue(fact, authority));
        for (const n of numbers) expect(allowed, `${path}: "${text(sentence ?? '')}"`).toContain(n);
      }
    }
  });

  it('shared text carries no council number: every other number is the same for every council', () => {
    for (const path of english) {
      let rest = text(main(site.html(path)).replace(FACT_SPAN, ' '));
      for (const c of profileContacts(authority)) rest = rest.split(c).join(' ');
      rest = rest.replace(TIME, (t, h: string, m: string, half?: string) => {
        expect(profileTimes(authority), `${path}: the time ${t}`).toContain(clock(h, m, half));
        return ' ';
      });
      for (const pattern of SITE_NUMBERS) rest = rest.replace(pattern, ' ');
      const left = [...rest.matchAll(/[^.?!:]*\d[^.?!]*/g)].map((m) => m[0].trim());
      expect(left, `${path}: numbers in shared text that no profile value explains`).toEqual([]);
    }
  });

  it('translations carry no number the English page does not', () => {
    const numbers = (html: string) =>
      [
        ...digits(text(main(html).replace(FACT_SPAN, ' ')))
          // Times are checked against the profile in English; other languages write them their own way.
          .replace(TIME, ' ')
          .matchAll(/\d+/g),
      ]
        .map((m) => m[0])
        .sort();
    for (const path of english) {
      const en = numbers(site.html(path));
      for (const { code } of LOCALES.filter((l) => l.code !== 'en')) {
        const other = path.replace(/^\/en\//, `/${code}/`);
        if (!pages.includes(other)) continue;
        const extra = numbers(site.html(other)).filter((n) => !en.includes(n));
        expect(extra, `${other}: numbers the English page does not have`).toEqual([]);
      }
    }
  });

  it('every phone number, email address and link to the council traces to its profile', () => {
    const contacts = profileContacts(authority);
    const national = new Set<string>([NATIONAL_HELP.familyRightsGroup.phone, NATIONAL_HELP.emergencyPhone]);
    const phones = new Set([...contacts, ...national].map((c) => c.replace(/\s/g, '')));
    for (const path of pages) {
      const html = site.html(path);
      for (const [, tel] of html.matchAll(/href="tel:([^"]+)"/g))
        expect([...phones], `${path}: tel:${tel}`).toContain(tel);
      for (const [, mail] of html.matchAll(/href="mailto:([^"?]+)/g))
        expect([...contacts], `${path}: mailto:${mail}`).toContain(mail);
      for (const [phone] of digits(text(html)).matchAll(PHONE))
        expect([...phones], `${path}: ${phone}`).toContain(phone.replace(/\s/g, ''));
      for (const [, url] of html.matchAll(/href="(https:\/\/[^"]+)"/g)) {
        const council = url === settings.EXIT_URL || [...contacts].some((c) => c.startsWith('https://') && url === c);
        expect(council, `${path}: a link to ${url} that the profile does not give`).toBe(true);
      }
    }
  });

  it.each(SENTENCES.map((s) => [s.says, s] as const))('says "%s" only where it is true', (_says, s) => {
    if (s.holds) {
      expect(
        (authorityIds as Id[]).filter((a) => s.holds?.(getAuthority(a))),
        'councils whose profile says it',
      ).toEqual([...s.trueFor].sort());
    }
    // Any case: "Both parents are always…" at the start of a sentence is the same claim.
    const where = english.filter((p) => text(site.html(p)).toLowerCase().includes(s.says.toLowerCase()));
    if (s.trueFor.includes(id))
      expect(where, `${id} builds should say it on /en/${s.page}/`).toContain(`/en/${s.page}/`);
    else expect(where, `${id}'s leaflet does not say this`).toEqual([]);
  });
});

/** The fact map's facts that name the words a council's own build shows (`shows`). */
const shown = readdirSync('tests/fact-map')
  .filter((f) => f.endsWith('.json'))
  .flatMap(
    (f) =>
      JSON.parse(readFileSync(`tests/fact-map/${f}`, 'utf8')) as {
        leaflet: Id;
        page: string;
        fact: string;
        shows?: string;
      }[],
  )
  .filter((f): f is typeof f & { shows: string } => typeof f.shows === 'string');

describe('the fact map', () => {
  it('names what each council build shows for the facts only its leaflet has', () => {
    expect(shown.length).toBeGreaterThanOrEqual(10);
  });

  it.each(shown.map((f) => [`${f.leaflet}: ${f.fact}`, f] as const))('%s reaches its parents', (_name, f) => {
    expect(text(built(f.leaflet).html(`/en/${f.page}/`))).toContain(f.shows);
  });
});
