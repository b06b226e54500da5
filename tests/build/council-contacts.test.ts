import { describe, expect, it } from 'vitest';
import { authorityIds, getAuthority } from '~/config/authorities';
import { getT } from '~/i18n';
import { contactRoutes, telHref, type ContactRoute } from '~/i18n/contacts';
import { inALanguage, site as built, text } from './site';

/** Where a route leads, as it is written in the page: a tel:, mailto: or web link, or its words. */
function marks(r: ContactRoute): string[] {
  switch (r.kind) {
    case 'phone':
    case 'textphone':
    case 'other-formats':
      return [`href="${telHref(r.number)}"`];
    case 'email':
    case 'complaint-email':
      return [`href="mailto:${r.address}"`];
    case 'website':
    case 'complaint-website':
      return [`href="${r.url}"`];
    case 'team':
      return [r.name];
    case 'reception':
      return [r.place];
    case 'address':
      return r.lines;
    case 'other':
      return [r.contact.name, ...(r.contact.phone ? [`href="${telHref(r.contact.phone)}"`] : [])];
    default:
      return [];
  }
}

const section = (html: string, open: RegExp, close: string) => {
  const start = html.search(open);
  return start < 0 ? '' : html.slice(start, html.indexOf(close, start) + close.length);
};
const footerOf = (html: string) => section(html, /<footer\b/, '</footer>');
const contactsIn = (html: string) => section(html, /<dl class="portal-contacts"/, '</dl>');

/** English sentences that send the reader to the contacts on the same page. */
const PROMISES = [
  'at the bottom of this page',
  'Here are all the ways to get in touch',
  'These are all the ways to get in touch',
  'use one of these ways',
  'in one of the ways below',
  'using the details above',
];
/** Sentences that promised a phone or a team some councils do not have: they must never come back. */
const GONE = [
  'Their phone number is at the bottom of this page',
  'You can also call or write to the council',
  "Call the council's conference team",
  "You can also contact the council's team",
  'call the conference team',
];

describe.each(authorityIds)('the contacts on every page built for %s', (id) => {
  const authority = getAuthority(id);
  const site = built(id);
  const pages = site.pages().filter(inALanguage);
  const routes = contactRoutes(authority);
  const en = getT('en');

  it('fill the footer with the social worker, the chair and every route the council has', () => {
    expect(routes.length).toBeGreaterThan(2);
    for (const path of pages) {
      const html = site.html(path);
      const footer = footerOf(html);
      expect(footer, `${path}: footer`).not.toBe('');
      const list = contactsIn(footer);
      expect((list.match(/<dt\b/g) ?? []).length, `${path}: contact entries`).toBeGreaterThanOrEqual(routes.length);
      for (const r of routes) for (const m of marks(r)) expect(list, `${path}: ${r.kind} ${m}`).toContain(m);
      // No empty list or heading anywhere on the page.
      expect(html, path).not.toMatch(/<dl\b[^>]*>\s*<\/dl>/);
      expect(html, path).not.toMatch(/<ul\b[^>]*>\s*<\/ul>/);
    }
  });

  it('say "social worker" and "chair" first in English, and label the website for what it is', () => {
    const footer = text(contactsIn(footerOf(site.html('/en/'))));
    expect(footer.trim().startsWith(en('footer.socialWorker'))).toBe(true);
    expect(footer).toContain(en('footer.chair'));
    const website = routes.find((r) => r.kind === 'website');
    if (website?.kind === 'website') expect(footer).toContain(`${en(website.label)} ${website.url.slice(8)}`);
    // A "Complaints web page" label is only ever beside the council's own complaints page.
    for (const m of footer.matchAll(new RegExp(`${en('council:complaintWebsite')} (\\S+)`, 'g')))
      expect(`https://${m[1]}`).toBe(authority.rules.complaint.website.value);
  });

  it('list whom to complain to on the complaints page, never an empty list', () => {
    for (const lang of ['en', 'ar', 'pl']) {
      const html = site.html(`/${lang}/how-to-complain/`);
      const list = section(html, /<ul [^>]*data-complaint-contacts/, '</ul>');
      expect((list.match(/<li\b/g) ?? []).length, lang).toBeGreaterThanOrEqual(2);
      const { email, website } = authority.rules.complaint;
      if (email.value) expect(list).toContain(`href="mailto:${email.value}"`);
      if (website.value) expect(list).toContain(`href="${website.value}"`);
      if (authority.contacts.reception.value) expect(list).toContain(authority.contacts.reception.value);
    }
  });

  it('keep every promise of a contact: the contacts follow it on the same page', () => {
    let promises = 0;
    for (const path of pages.filter((p) => p.startsWith('/en/'))) {
      const html = site.html(path);
      const body = text(html);
      for (const gone of GONE) expect(body, `${path}: "${gone}"`).not.toContain(gone);
      for (const promise of PROMISES) {
        const at = html.indexOf(promise);
        if (at < 0) continue;
        promises++;
        const contacts = promise.includes('above')
          ? html.lastIndexOf('data-council-contacts', at)
          : html.indexOf('data-council-contacts', at);
        expect(
          contacts,
          `${path}: "${promise}" with no contacts ${promise.includes('above') ? 'above' : 'below'}`,
        ).toBeGreaterThan(-1);
      }
    }
    // The home page, the independent help page and the accessibility statement make such promises.
    expect(promises).toBeGreaterThanOrEqual(3);
  });
});
