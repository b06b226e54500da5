import { describe, it, expect } from 'vitest';
import { getT } from '~/i18n';
import { parseTimelineQuery, timelineSearch, isEmptyQuery } from '~/pages/[lang]/timeline/_query';
import { parseCalendarDate } from '~/server/domain/working-days';
import { dataKey } from '~/i18n/keys';

const today = parseCalendarDate('2026-11-01');
const parse = (query: string) => parseTimelineQuery(new URLSearchParams(query), today);
const errorsOf = (query: string) => {
  const r = parse(query);
  return r.ok ? [] : r.errors.map((e) => [e.key, e.parts, e.href]);
};

describe('the timeline form answers', () => {
  it('reads a first conference', () => {
    const r = parse('type=initial&conference-day=24&conference-month=12&conference-year=2026');
    expect(r).toMatchObject({
      ok: true,
      type: 'initial',
      conferenceDate: '2026-12-24',
      initialConferenceDate: undefined,
    });
  });

  it('reads a review with its first conference, accepting leading zeros and spaces', () => {
    const r = parse(
      'type=review&conference-day=05&conference-month=1&conference-year=2027&initial-day=7&initial-month=0 7&initial-year=2026',
    );
    expect(r).toMatchObject({
      ok: true,
      type: 'review',
      conferenceDate: '2027-01-05',
      initialConferenceDate: '2026-07-07',
    });
  });

  it('ignores the first conference date for a first conference', () => {
    const r = parse('type=initial&conference-day=24&conference-month=12&conference-year=2026&initial-day=99');
    expect(r.ok).toBe(true);
  });

  it('asks for everything when nothing is given', () => {
    expect(errorsOf('')).toEqual([
      ['timeline:error.type.missing', [], 'type'],
      ['timeline:error.conference.missing', ['day', 'month', 'year'], 'conference-day'],
    ]);
    expect(isEmptyQuery(new URLSearchParams(''))).toBe(true);
    expect(isEmptyQuery(new URLSearchParams('type=initial'))).toBe(false);
  });

  it('names the missing parts of a date', () => {
    expect(errorsOf('type=initial&conference-month=12&conference-year=2026')).toEqual([
      ['timeline:error.conference.missingDay', ['day'], 'conference-day'],
    ]);
    expect(errorsOf('type=initial&conference-year=2026')).toEqual([
      ['timeline:error.conference.missingDayMonth', ['day', 'month'], 'conference-day'],
    ]);
  });

  it('refuses dates that do not exist, and marks the part at fault', () => {
    expect(errorsOf('type=initial&conference-day=31&conference-month=2&conference-year=2027')).toEqual([
      ['timeline:error.conference.real', ['day'], 'conference-day'],
    ]);
    expect(errorsOf('type=initial&conference-day=3&conference-month=13&conference-year=2027')).toEqual([
      ['timeline:error.conference.real', ['month'], 'conference-month'],
    ]);
    expect(errorsOf('type=initial&conference-day=3&conference-month=x&conference-year=2027')).toEqual([
      ['timeline:error.conference.real', ['month'], 'conference-month'],
    ]);
    expect(errorsOf('type=initial&conference-day=3&conference-month=3&conference-year=27')).toEqual([
      ['timeline:error.conference.yearDigits', ['year'], 'conference-year'],
    ]);
  });

  it('keeps the year near today', () => {
    const r = parse('type=initial&conference-day=3&conference-month=3&conference-year=2030');
    expect(r.ok ? [] : r.errors.map((e) => [e.key, e.values])).toEqual([
      ['timeline:error.conference.range', { from: 2025, to: 2027 }],
    ]);
  });

  it('asks a review for its first conference, which must come first', () => {
    expect(errorsOf('type=review&conference-day=5&conference-month=1&conference-year=2027')).toEqual([
      ['timeline:error.initial.missing', ['day', 'month', 'year'], 'initial-day'],
    ]);
    expect(
      errorsOf(
        'type=review&conference-day=5&conference-month=1&conference-year=2027&initial-day=5&initial-month=2&initial-year=2027',
      ),
    ).toEqual([['timeline:error.initial.order', ['day', 'month', 'year'], 'initial-day']]);
  });

  it('refuses an unknown kind of conference, and keeps what was typed', () => {
    const r = parse('type=other&conference-day=31&conference-month=2&conference-year=2027');
    expect(r.ok).toBe(false);
    expect(r.values).toEqual({
      type: 'other',
      conference: { day: '31', month: '2', year: '2027' },
      initial: { day: '', month: '', year: '' },
    });
  });

  it('has English text for every error key', () => {
    const en = getT('en');
    for (const field of ['conference', 'initial']) {
      for (const reason of [
        'missing',
        'missingDay',
        'missingMonth',
        'missingYear',
        'missingDayMonth',
        'missingDayYear',
        'missingMonthYear',
        'real',
        'yearDigits',
        'range',
      ]) {
        expect(en(dataKey(`timeline:error.${field}.${reason}`), { from: 1, to: 2 })).not.toContain('error.');
      }
    }
  });

  it('carries the answers on in links', () => {
    const r = parse(
      'type=review&conference-day=5&conference-month=1&conference-year=2027&initial-day=7&initial-month=7&initial-year=2026',
    );
    expect(timelineSearch(r.values)).toBe(
      'type=review&conference-day=5&conference-month=1&conference-year=2027&initial-day=7&initial-month=7&initial-year=2026',
    );
  });
});

describe('calendar entries', () => {
  it('have neutral titles: no child, no protection, no conference', () => {
    const en = getT('en');
    for (const id of [
      'conference',
      'reports',
      'supporter',
      'decisions',
      'minutes',
      'coreGroup',
      'nextReview',
      'complaint',
    ]) {
      const title = en(dataKey(`timeline:calendar.event.${id}`));
      expect(title).not.toContain('calendar.event');
      expect(title).not.toMatch(/child|protection|conference|safeguard|social/i);
    }
  });
});
