import { describe, it, expect } from 'vitest';
import { authorityIds, getAuthority } from '~/config/authorities';
import { getT } from '~/i18n';
import {
  conferenceTimeline,
  reportsDueBy,
  type ConferenceType,
  type DeadlineId,
  type DeadlineSource,
} from '~/server/domain/deadlines';
import { londonDate, parseCalendarDate as d } from '~/server/domain/working-days';
import { dataKey } from '~/i18n/keys';

interface Example {
  council: string;
  type: ConferenceType;
  conference: string;
  initial?: string;
  /** The instant "now", for the past marks; none means nothing is past. */
  now?: string;
  /** Expected deadlines, earliest first: [id, date, source, past]. */
  expected: [DeadlineId, string, DeadlineSource, boolean?][];
}

// The worked examples of tests/unit/timeline-examples.md, row for row.
const EXAMPLES: Example[] = [
  {
    council: 'kingston',
    type: 'initial',
    conference: '2026-12-24', // Christmas Eve
    expected: [
      ['reports', '2026-12-22', 'national-default'],
      ['supporter', '2026-12-22', 'national-default'],
      ['decisions', '2026-12-26', 'leaflet'],
      ['coreGroup', '2027-01-12', 'national-default'],
      ['minutes', '2027-01-14', 'leaflet'],
      ['complaint', '2027-01-21', 'leaflet'],
      ['nextReview', '2027-03-24', 'leaflet'],
    ],
  },
  {
    council: 'redbridge',
    type: 'initial',
    conference: '2027-03-30', // the day after Easter Monday
    expected: [
      ['reports', '2027-03-24', 'leaflet'],
      ['supporter', '2027-03-28', 'leaflet'],
      ['decisions', '2027-04-01', 'national-default'],
      ['coreGroup', '2027-04-13', 'national-default'],
      ['minutes', '2027-04-27', 'national-default'],
      ['complaint', '2027-04-27', 'national-default'],
      ['nextReview', '2027-06-30', 'leaflet'],
    ],
  },
  {
    council: 'barnsley',
    type: 'review',
    conference: '2027-01-05', // over Christmas and New Year
    initial: '2026-07-07',
    expected: [
      ['reports', '2026-12-24', 'national-default'],
      ['supporter', '2027-01-03', 'national-default'],
      ['decisions', '2027-01-07', 'national-default'],
      ['coreGroup', '2027-01-19', 'national-default'],
      ['minutes', '2027-02-02', 'national-default'],
      ['complaint', '2027-02-02', 'national-default'],
      ['nextReview', '2027-07-05', 'leaflet'],
    ],
  },
  {
    council: 'hartlepool',
    type: 'review',
    conference: '2027-03-31', // calendar days back onto Good Friday
    initial: '2026-12-16',
    expected: [
      ['reports', '2027-03-26', 'leaflet'],
      ['supporter', '2027-03-29', 'national-default'],
      ['decisions', '2027-04-02', 'national-default'],
      ['coreGroup', '2027-04-14', 'national-default'],
      ['minutes', '2027-04-28', 'leaflet'],
      ['complaint', '2027-04-28', 'national-default'],
      ['nextReview', '2027-09-30', 'national-default'],
    ],
  },
  {
    council: 'torbay',
    type: 'initial',
    conference: '2026-10-23', // the clocks go back on Sunday 25 October 2026
    now: '2026-11-01T00:30:00Z',
    expected: [
      ['reports', '2026-10-21', 'national-default', true],
      ['supporter', '2026-10-21', 'national-default', true],
      ['decisions', '2026-10-24', 'leaflet', true],
      ['coreGroup', '2026-11-06', 'leaflet', false],
      ['minutes', '2026-11-20', 'national-default', false],
      ['complaint', '2026-11-20', 'national-default', false],
      ['nextReview', '2027-01-23', 'national-default', false],
    ],
  },
];

describe('conference timeline: worked examples for every council', () => {
  it('covers all five council profiles', () => {
    expect(new Set(EXAMPLES.map((e) => e.council))).toEqual(new Set(authorityIds));
  });

  for (const ex of EXAMPLES) {
    it(`${ex.council}: ${ex.type} conference on ${ex.conference}`, () => {
      const timeline = conferenceTimeline({
        authority: getAuthority(ex.council),
        type: ex.type,
        conferenceDate: d(ex.conference),
        initialConferenceDate: ex.initial ? d(ex.initial) : undefined,
        today: ex.now ? londonDate(new Date(ex.now)) : undefined,
      });
      expect(timeline.map((e) => [e.id, e.date, e.source, e.past])).toEqual(
        ex.expected.map(([id, date, source, past]) => [id, date, source, past ?? false]),
      );
    });
  }

  it('Kingston: 2 working days before Tue 5 Jan 2027 is Thu 31 Dec 2026', () => {
    expect(reportsDueBy(getAuthority('kingston').rules, 'initial', d('2027-01-05'))).toBe('2026-12-31');
  });

  it('Hartlepool: 2 calendar days before Tue 27 Oct 2026 is Sun 25 Oct, the day the clocks go back', () => {
    expect(reportsDueBy(getAuthority('hartlepool').rules, 'initial', d('2026-10-27'))).toBe('2026-10-25');
  });
});

describe('conference timeline: rules and marks', () => {
  const kingston = getAuthority('kingston');

  it('states each rule with the council values, as a key English can render', () => {
    const en = getT('en');
    for (const id of authorityIds) {
      for (const type of ['initial', 'review'] as const) {
        const timeline = conferenceTimeline({ authority: getAuthority(id), type, conferenceDate: d('2026-12-24') });
        for (const entry of timeline) {
          expect(entry.rule.key).toMatch(/^timeline:rule\./);
          const text = en(dataKey(entry.rule.key), entry.rule.values);
          expect(text, entry.rule.key).not.toContain('rule.');
          expect(text).toContain(String(entry.rule.values.count));
        }
      }
    }
  });

  it('uses the review rules for a review conference', () => {
    const timeline = conferenceTimeline({
      authority: kingston,
      type: 'review',
      conferenceDate: d('2027-01-05'),
      initialConferenceDate: d('2026-10-05'),
    });
    const reports = timeline.find((e) => e.id === 'reports');
    const next = timeline.find((e) => e.id === 'nextReview');
    expect(reports?.rule).toEqual({
      key: 'timeline:rule.reports.review.working',
      values: { count: 5, council: 'Kingston' },
    });
    expect(next?.date).toBe('2027-07-05');
    expect(next?.rule.key).toBe('timeline:rule.nextReview.review');
  });

  it('says the core group and the next review depend on a plan being made', () => {
    const en = getT('en');
    const timeline = conferenceTimeline({ authority: kingston, type: 'initial', conferenceDate: d('2026-12-24') });
    for (const id of ['coreGroup', 'nextReview']) {
      const entry = timeline.find((e) => e.id === id);
      if (!entry) throw new Error(`no ${id} in the timeline`);
      expect(en(dataKey(entry.rule.key), entry.rule.values)).toMatch(/plan/);
    }
  });

  it('marks nothing past without a today, and today itself is not past', () => {
    const none = conferenceTimeline({ authority: kingston, type: 'initial', conferenceDate: d('2026-12-24') });
    expect(none.every((e) => !e.past)).toBe(true);
    const onTheDay = conferenceTimeline({
      authority: kingston,
      type: 'initial',
      conferenceDate: d('2026-12-24'),
      today: d('2026-12-22'),
    });
    expect(onTheDay.filter((e) => e.past)).toEqual([]);
    const after = conferenceTimeline({
      authority: kingston,
      type: 'initial',
      conferenceDate: d('2026-12-24'),
      today: d('2026-12-23'),
    });
    expect(after.filter((e) => e.past).map((e) => e.id)).toEqual(['reports', 'supporter']);
  });

  it('refuses a first conference that is not before the review', () => {
    expect(() =>
      conferenceTimeline({
        authority: kingston,
        type: 'review',
        conferenceDate: d('2027-01-05'),
        initialConferenceDate: d('2027-01-05'),
      }),
    ).toThrow(RangeError);
  });
});
