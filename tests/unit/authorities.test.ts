import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { authorityIds, getAuthority, parseAuthorities } from '~/config/authorities';
import type { Authority } from '~/config/authority-schema';

const EXPECTED_IDS = ['barnsley', 'hartlepool', 'kingston', 'redbridge', 'torbay'];

/** A deep copy of a parsed profile, safe to break. */
const copyOf = (id: string): Authority => structuredClone(getAuthority(id));

type Fact = { value: unknown; source: string; quote?: string };
const isFact = (x: unknown): x is Fact =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && 'source' in x && 'value' in x;

/** Every fact in a profile, with its dotted path. */
function factsOf(node: unknown, at = ''): Array<[string, Fact]> {
  if (isFact(node)) return [[at, node]];
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  return Object.entries(node).flatMap(([k, v]) => factsOf(v, at ? `${at}.${k}` : k));
}

const PHONE = /^0[0-9 ]+$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

describe('council profiles', () => {
  it('loads exactly the five councils', () => {
    expect(authorityIds).toEqual(EXPECTED_IDS);
    expect([...parseAuthorities().keys()].sort()).toEqual(EXPECTED_IDS);
    for (const id of EXPECTED_IDS) expect(getAuthority(id).id).toBe(id);
  });

  it("carries each council's own rules, and nothing from another council", () => {
    const kingston = getAuthority('kingston');
    const redbridge = getAuthority('redbridge');
    const barnsley = getAuthority('barnsley');
    const hartlepool = getAuthority('hartlepool');
    const torbay = getAuthority('torbay');

    // Complaint window: only Kingston's leaflet has one; there is no national one.
    expect(kingston.rules.complaint.windowDays).toMatchObject({ value: 28, source: 'leaflet' });
    for (const a of [redbridge, barnsley, hartlepool, torbay])
      expect(a.rules.complaint.windowDays, a.id).toMatchObject({ value: null, source: 'not-stated' });
    // Supporter notice: only Redbridge's leaflet gives days; Kingston's says talk to the social worker.
    expect(redbridge.rules.supporterNoticeDays).toMatchObject({ value: 2, source: 'leaflet' });
    for (const a of [kingston, barnsley, hartlepool, torbay])
      expect(a.rules.supporterNoticeDays.source, a.id).toBe('not-stated');
    expect(kingston.rules.supporterTell).toMatchObject({ value: 'social-worker', source: 'leaflet' });
    // Reports: Redbridge (initial, working days) and Hartlepool (2 and 5 calendar days) only.
    expect(redbridge.rules.reportSharing.initial).toMatchObject({
      value: { days: 2, dayType: 'working' },
      source: 'leaflet',
    });
    expect(redbridge.rules.reportSharing.review.source).toBe('not-stated');
    expect(hartlepool.rules.reportSharing.initial.value).toEqual({ days: 2, dayType: 'calendar' });
    expect(hartlepool.rules.reportSharing.review.value).toEqual({ days: 5, dayType: 'calendar' });
    for (const a of [kingston, barnsley, torbay]) {
      expect(a.rules.reportSharing.initial.source, a.id).toBe('not-stated');
      expect(a.rules.reportSharing.review.source, a.id).toBe('not-stated');
    }
    // Written records: Kingston "about 3 weeks" stays "about 3 weeks".
    expect(kingston.rules.minutes.value).toEqual({ count: 3, unit: 'weeks', about: true });
    expect(hartlepool.rules.minutes.value).toEqual({ count: 28, unit: 'days', about: false });
    expect(torbay.rules.decisionsWithinHours).toMatchObject({ value: 24, source: 'leaflet' });
    expect(kingston.rules.decisionsWithinHours).toMatchObject({ value: 48, source: 'leaflet' });
    for (const a of [redbridge, barnsley, hartlepool]) expect(a.rules.decisionsWithinHours.source).toBe('not-stated');

    expect(hartlepool.rules.childInvitedFromAge).toMatchObject({ value: 11, source: 'leaflet' });
    expect(redbridge.rules.childInvitedFromAge).toMatchObject({ value: 10, source: 'leaflet' });
    expect(kingston.rules.recording).toMatchObject({ value: 'audio-recorded', source: 'leaflet' });
    expect(barnsley.rules.recording.value).toBe('typed-during-meeting');
    expect(barnsley.rules.visitsEveryWeeks).toMatchObject({ value: 2, source: 'leaflet' });
    expect(kingston.rules.planAimMaxYears).toMatchObject({ value: 2, source: 'leaflet' });
    expect(redbridge.rules.planAimMaxYears).toMatchObject({ value: null, source: 'not-stated' });
    // Core group frequency: Barnsley and Torbay; the others say "regularly" or nothing.
    for (const a of [kingston, redbridge, hartlepool]) expect(a.rules.coreGroupEveryWeeks.source).toBe('not-stated');

    expect(kingston.rules.complaint.route.value).toBe('in-writing-to-chair');
    expect(redbridge.rules.complaint.route.value).toBe('council-complaints-procedure');
    expect(barnsley.rules.complaint.route.value).toBe('email-feedback-team');
    expect(hartlepool.rules.complaint.route.value).toBe('complaints-factsheet');
    // Torbay's leaflet is for professionals: its escalation page is not a complaints page for parents.
    expect(torbay.rules.complaint.route.source).toBe('not-stated');
    expect(torbay.rules.complaint.website.source).toBe('not-stated');

    expect(kingston.contacts.phone.value).toBe('020 8547 6587');
    expect(kingston.contacts.phoneHours.value).toBe('office-hours');
    expect(kingston.contacts.outOfHoursPhone.value).toBe('020 8770 5000');
    expect(kingston.contacts.others.map((o) => o.phone)).toEqual([
      '020 8547 5888',
      '020 8547 6920',
      '020 8546 1212',
      null,
    ]);
    expect(hartlepool.contacts.reception.value).toBe('Civic Centre');
    expect(hartlepool.contacts.openingHours.value).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu'], opens: '08:30', closes: '17:00' },
      { days: ['fri'], opens: '08:30', closes: '16:30' },
    ]);
    expect(torbay.contacts.otherFormatsPhone.value).toBe('01803 207176');
    expect(torbay.contacts.others.map((o) => o.name)).toContain('Safeguarding and Reviewing Service');
    expect(redbridge.contacts.phone).toMatchObject({ value: null, source: 'not-stated' });
  });

  it('rejects a phone number with a digit missing', () => {
    const broken = copyOf('kingston') as unknown as { contacts: { phone: { value: string } } };
    broken.contacts.phone.value = '020 8547 658';
    expect(() => parseAuthorities({ '/content/authorities/kingston.json': { default: broken } })).toThrow(
      /contacts\.phone\.value/,
    );
  });

  it('refuses a number without a source: not-stated has no value, leaflet needs a quote, council a note', () => {
    const withRule = (rule: unknown) => {
      const broken = copyOf('kingston') as unknown as { rules: Record<string, unknown> };
      broken.rules.visitsEveryWeeks = rule;
      return () => parseAuthorities({ '/content/authorities/kingston.json': { default: broken } });
    };
    expect(withRule({ value: 2, source: 'not-stated' })).toThrow(/rules\.visitsEveryWeeks/);
    expect(withRule({ value: 2, source: 'leaflet' })).toThrow(/rules\.visitsEveryWeeks/);
    expect(withRule({ value: 2, source: 'council' })).toThrow(/rules\.visitsEveryWeeks/);
    expect(withRule({ value: 2 })).toThrow(/rules\.visitsEveryWeeks/);
    expect(withRule({ value: 2, source: 'national-default' })).toThrow(/rules\.visitsEveryWeeks/);
    expect(withRule({ value: 2, source: 'council', note: 'our own setting' })).not.toThrow();
    expect(withRule({ value: null, source: 'not-stated' })).not.toThrow();
  });

  it('names the valid councils when asked for one that does not exist', () => {
    expect(() => getAuthority('nowhere')).toThrow(/nowhere/);
    expect(() => getAuthority('nowhere')).toThrow(EXPECTED_IDS.join(', '));
  });

  describe.each(EXPECTED_IDS)('%s: contacts marked "leaflet" are printed in its leaflet', (id) => {
    const authority = getAuthority(id);
    const leafletText = readFileSync(path.resolve(process.cwd(), 'tests/fixtures/leaflets', authority.leaflet), 'utf8');
    const facts = factsOf(authority).filter(([, f]) => f.source === 'leaflet');

    it("every quote in the profile is the leaflet's own words", () => {
      const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
      const leaflet = norm(leafletText);
      const quotes = [...facts.map(([at, f]) => [at, f.quote ?? ''] as const)];
      authority.contacts.others.forEach((o, i) => quotes.push([`contacts.others.${i}`, o.quote]));
      for (const [at, quote] of quotes) expect(leaflet, `${id} ${at}: "${quote}"`).toContain(norm(quote));
      expect(quotes.length).toBeGreaterThan(3);
    });

    it('every leaflet phone number, email, web address and address line appears in the leaflet', () => {
      let checked = 0;
      for (const [at, f] of facts) {
        const values = Array.isArray(f.value) ? f.value : [f.value];
        for (const v of values) {
          if (typeof v !== 'string') continue;
          const isContact =
            PHONE.test(v) || EMAIL.test(v) || v.startsWith('https://') || at === 'contacts.postalAddress';
          if (!isContact) continue;
          const printed = v.replace(/^https:\/\//, '');
          expect(leafletText, `${id} ${at} = "${v}"`).toContain(printed);
          checked++;
        }
      }
      // Kingston, Hartlepool and Torbay print contacts; Redbridge and Barnsley print a complaints address.
      expect(checked).toBeGreaterThan(0);
    });
  });
});
