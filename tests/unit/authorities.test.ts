import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { authorityIds, getAuthority, parseAuthorities } from '~/config/authorities';
import type { Authority } from '~/config/authority-schema';

const EXPECTED_IDS = ['barnsley', 'hartlepool', 'kingston', 'redbridge', 'torbay'];

/** A deep copy of a parsed profile, safe to break. */
const copyOf = (id: string): Authority => structuredClone(getAuthority(id));

type Fact = { value: unknown; source: string; where?: string };
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

  it('carries the facts that differ between councils', () => {
    const kingston = getAuthority('kingston');
    const redbridge = getAuthority('redbridge');
    const barnsley = getAuthority('barnsley');
    const hartlepool = getAuthority('hartlepool');
    const torbay = getAuthority('torbay');

    expect(hartlepool.rules.childInvitedFromAge).toMatchObject({ value: 11, source: 'leaflet' });
    expect(redbridge.rules.childInvitedFromAge).toMatchObject({ value: 10, source: 'leaflet' });
    expect(kingston.rules.childInvitedFromAge.value).toBeNull();

    expect(kingston.rules.recording).toMatchObject({ value: 'audio-recorded', source: 'leaflet' });
    expect(barnsley.rules.recording.value).toBe('typed-on-screen');
    expect(hartlepool.rules.recording.value).toBe('minutes');

    expect(torbay.rules.decisionsWithinHours).toMatchObject({ value: 24, source: 'leaflet' });
    expect(kingston.rules.decisionsWithinHours).toMatchObject({ value: 48, source: 'leaflet' });

    expect(barnsley.rules.visitsEveryWeeks).toMatchObject({ value: 2, source: 'leaflet' });
    expect(kingston.rules.planAimMaxYears).toMatchObject({ value: 2, source: 'leaflet' });
    expect(redbridge.rules.planAimMaxYears).toMatchObject({ value: null, source: 'not-stated' });

    expect(redbridge.rules.reportSharing.initial).toMatchObject({
      value: { days: 2, dayType: 'working' },
      source: 'leaflet',
    });
    expect(redbridge.rules.reportSharing.review).toMatchObject({
      value: { days: 5, dayType: 'working' },
      source: 'national-default',
    });
    expect(hartlepool.rules.reportSharing.review.value).toEqual({ days: 5, dayType: 'calendar' });

    expect(kingston.rules.complaint.route.value).toBe('in-writing-to-chair');
    expect(kingston.rules.complaint.windowDays).toMatchObject({ value: 28, source: 'leaflet' });
    expect(redbridge.rules.complaint.route.value).toBe('council-complaints-procedure');
    expect(barnsley.rules.complaint.route.value).toBe('email-complaints-team');
    expect(torbay.rules.complaint.route.value).toBe('escalation-policy');

    expect(kingston.contacts.phone.value).toBe('020 8547 6587');
    expect(kingston.contacts.outOfHoursPhone.value).toBe('020 8770 5000');
    expect(hartlepool.contacts.openingHours.value).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu'], opens: '08:30', closes: '17:00' },
      { days: ['fri'], opens: '08:30', closes: '16:30' },
    ]);
    expect(redbridge.contacts.phone).toMatchObject({ value: null, source: 'not-stated' });
  });

  it('rejects a phone number with a digit missing', () => {
    const broken = copyOf('kingston');
    broken.contacts.phone.value = '020 8547 658';
    expect(() => parseAuthorities({ '/content/authorities/kingston.json': { default: broken } })).toThrow(
      /contacts\.phone\.value/,
    );
  });

  it('rejects a fact that has a value but is marked not-stated', () => {
    const broken = copyOf('kingston') as unknown as { rules: Record<string, unknown> };
    broken.rules.visitsEveryWeeks = { value: 2, source: 'not-stated', where: 'made up' };
    expect(() => parseAuthorities({ '/content/authorities/kingston.json': { default: broken } })).toThrow(
      /rules\.visitsEveryWeeks.*not-stated/,
    );
  });

  it('names the valid councils when asked for one that does not exist', () => {
    expect(() => getAuthority('nowhere')).toThrow(/nowhere/);
    expect(() => getAuthority('nowhere')).toThrow(EXPECTED_IDS.join(', '));
  });

  describe.each(EXPECTED_IDS)('%s: contacts marked "leaflet" are printed in its leaflet', (id) => {
    const authority = getAuthority(id);
    const leafletText = readFileSync(path.resolve(process.cwd(), '../shared/seeds', authority.leaflet), 'utf8');
    const facts = factsOf(authority).filter(([, f]) => f.source === 'leaflet');

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
