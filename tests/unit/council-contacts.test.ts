import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorityIds, getAuthority } from '~/config/authorities';
import { authoritySchema, type Authority } from '~/config/authority-schema';
import { contactRoutes, type ContactRoute } from '~/i18n/contacts';

const leaflet = (a: Authority) =>
  readFileSync(path.resolve(process.cwd(), 'tests/fixtures/leaflets', a.leaflet), 'utf8').replace(/\s+/g, ' ');

/** Everything a profile gives a parent to reach someone, as text: numbers, addresses, names. */
function routeText(routes: ContactRoute[]): string {
  return routes
    .map((r) => {
      switch (r.kind) {
        case 'team':
          return r.name;
        case 'phone':
        case 'textphone':
        case 'other-formats':
          return r.number;
        case 'email':
        case 'complaint-email':
          return r.address;
        case 'complaint-website':
        case 'website':
          return r.url;
        case 'reception':
          return r.place;
        case 'address':
          return r.lines.join(' ');
        case 'other':
          return `${r.contact.name} ${r.contact.phone ?? ''}`;
        default:
          return r.kind;
      }
    })
    .join(' | ');
}

/**
 * Contacts a leaflet prints that are deliberately not a council route, with the reason. Anything
 * else a leaflet prints (a phone number, an email, a web address) must be in the council's profile.
 */
const NOT_COUNCIL_ROUTES: Record<string, string> = {
  '0808 801 0366': 'Family Rights Group advice line: national help, shown on every build by NationalHelp',
  '0808 802 000': "Children's Legal Centre: printed with a digit missing (domain.md), never copied",
  'www.swcpp.org.uk': 'the South West procedures manual, for professionals',
};

const PHONE = /\b0\d{2,4} ?\d{3,4} ?\d{3,4}\b/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const WEB = /(https?:\/\/)?www\.[\w.-]+(\/[\w./-]*)?/g;

/** Each route a leaflet names in words (no number to find), as the kind of route the profile must give it. */
const NAMED_ROUTES: Record<string, Array<[ContactRoute['kind'], string]>> = {
  barnsley: [['complaint-email', 'customerresolutionteam@barnsley.gov.uk']],
  hartlepool: [
    ['reception', 'Civic Centre'],
    ['team', 'First Contact and Support Hub'],
    ['website', 'https://www.hartlepool.gov.uk/childrensfactsheets'],
  ],
  kingston: [
    ['team', 'Safeguarding Service'],
    ['phone', '020 8547 6587'],
    ['other', 'Guildhall Information Desk'],
    ['other', 'Eagle Chambers'],
    ['other', 'Advancing Services for Kingston Kids (ASKK)'],
    ['other', 'Kingston Police Station'],
  ],
  redbridge: [
    ['complaint-website', 'https://www.redbridge.gov.uk/tell-us/tell-us-whats-wrong/tell-us-what-we-did-wrong/'],
  ],
  torbay: [
    ['other', 'Safeguarding and Reviewing Service'],
    ['other-formats', '01803 207176'],
  ],
};

describe.each(authorityIds)('%s: the ways to get in touch', (id) => {
  const authority = getAuthority(id);
  const routes = contactRoutes(authority);
  // The out-of-hours number is shown beside the 999 line under the list.
  const text = `${routeText(routes)} | ${authority.contacts.outOfHoursPhone.value ?? ''}`;

  it('always start with the social worker and the chair, then what the council gives', () => {
    expect(routes.slice(0, 2).map((r) => r.kind)).toEqual(['social-worker', 'chair']);
    // Every council's leaflet gives at least one route of its own beyond those two.
    expect(routes.length).toBeGreaterThan(2);
  });

  it('carry every contact its leaflet prints for parents', () => {
    const printed = leaflet(authority);
    const found = [
      ...(printed.match(PHONE) ?? []),
      ...(printed.match(EMAIL) ?? []),
      ...(printed.match(WEB) ?? []).map((w) => w.replace(/^https?:\/\//, '').replace(/[./]+$/, '')),
    ];
    expect(found.length).toBeGreaterThan(0);
    const compact = text.replace(/https:\/\//g, '').replace(/\s/g, '');
    for (const contact of found) {
      if (NOT_COUNCIL_ROUTES[contact]) continue;
      expect(compact, `${id}: "${contact}" is in the leaflet but not in the profile`).toContain(
        contact.replace(/\s/g, '').replace(/\/$/, ''),
      );
    }
    for (const [kind, named] of NAMED_ROUTES[id] ?? [])
      expect(
        routes.filter((r) => r.kind === kind).map((r) => routeText([r])),
        `${id}: ${kind} "${named}"`,
      ).toContainEqual(expect.stringContaining(named));
  });

  it('label each website for what it is', () => {
    const website = routes.find((r) => r.kind === 'website');
    if (id === 'torbay') {
      // The safeguarding board's page for professionals: never called a complaints page.
      expect(website).toMatchObject({ label: 'footer.website.board-for-professionals' });
      expect(routes.some((r) => r.kind === 'complaint-website')).toBe(false);
    }
    if (id === 'barnsley')
      expect(routes.find((r) => r.kind === 'complaint-email')).toMatchObject({
        label: 'council:complaintEmail.feedback-team',
      });
  });
});

describe('a council whose profile gives no contact at all', () => {
  it('still shows the social worker and the chair, so no list is empty', () => {
    const none = structuredClone(getAuthority('redbridge'));
    none.rules.complaint.website = { source: 'not-stated', value: null };
    const routes = contactRoutes(none);
    expect(routes.map((r) => r.kind)).toEqual(['social-worker', 'chair']);
    expect(contactRoutes(getAuthority('redbridge')).map((r) => r.kind)).toEqual([
      'social-worker',
      'chair',
      'complaint-website',
    ]);
    // Where a complaints list stands beside it, the complaints routes are not repeated.
    expect(contactRoutes(getAuthority('barnsley'), { complaints: false }).map((r) => r.kind)).toEqual([
      'social-worker',
      'chair',
    ]);
  });

  it('cannot say what a website is without one, nor leave a website unlabelled', () => {
    const torbay = structuredClone(getAuthority('torbay'));
    expect(authoritySchema.safeParse({ ...torbay, contacts: { ...torbay.contacts, websiteIs: null } }).success).toBe(
      false,
    );
    const barnsley = structuredClone(getAuthority('barnsley'));
    expect(
      authoritySchema.safeParse({ ...barnsley, contacts: { ...barnsley.contacts, websiteIs: 'council' } }).success,
    ).toBe(false);
  });
});
