import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { authorityIds, getAuthority } from '~/config/authorities';
import { LOCALES } from '~/config/locales';
import { inALanguage, site as built, text } from './site';

describe.each(authorityIds)('the portal built for %s', (id) => {
  const authority = getAuthority(id);
  const site = built(id);

  it('names the council and gives its own contacts', () => {
    const home = site.html('/en/');
    expect(text(home)).toContain(authority.name);
    const { phone, email } = authority.contacts;
    if (phone.value) expect(home).toContain(`href="tel:${phone.value.replace(/\s/g, '')}"`);
    if (email.value) expect(home).toContain(`href="mailto:${email.value}"`);
    for (const other of authorityIds.filter((o) => o !== id)) {
      expect(text(home)).not.toContain(getAuthority(other).name);
    }
  });

  it('builds every page in every language', () => {
    const pages = site.pages();
    for (const { code } of LOCALES) {
      for (const slug of ['', 'accessibility/', 'privacy/', 'cookies/']) expect(pages).toContain(`/${code}/${slug}`);
    }
    expect(pages).toContain('/');
  });
});

const common = (lang: string) =>
  JSON.parse(readFileSync(`locales/${lang}/common.json`, 'utf8')) as Record<string, string>;

describe('every built page', () => {
  const site = built('kingston');

  it('declares its language and direction from the locale table', () => {
    for (const path of site.pages().filter(inALanguage)) {
      const code = path.split('/')[1];
      const locale = LOCALES.find((l) => l.code === code);
      expect(locale, path).toBeDefined();
      expect(site.html(path), path).toContain(`<html lang="${code}" dir="${locale?.dir}"`);
    }
  });

  it('offers the same page in every language, in <head> and in the language menu', () => {
    const html = site.html('/pl/privacy/');
    for (const { code } of LOCALES) {
      expect(html).toContain(`<link rel="alternate" hreflang="${code}" href="http://localhost:4321/${code}/privacy/">`);
      if (code !== 'pl')
        expect(html).toMatch(new RegExp(`<a [^>]*href="/${code}/privacy/"[^>]*lang="${code}" hreflang="${code}"`));
    }
  });

  it('has no inline script or style, and loads nothing from another site', () => {
    for (const path of site.pages()) {
      const html = site.html(path);
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, path).not.toMatch(/<style\b/);
      expect(html, path).not.toMatch(/\sstyle="/);
      const assets = [...html.matchAll(/<(?:link|script|img)[^>]+(?:href|src)="(https?:[^"]+)"/g)].map(
        (m) => m[1] ?? '',
      );
      const external = assets.filter((u) => !u.startsWith('http://localhost:4321/'));
      expect(external, path).toEqual([]);
    }
  });

  it('says on every translated page, in its language and in English, that no qualified translator has checked it, and links to the English page', () => {
    for (const { code } of LOCALES.filter((l) => l.code !== 'en')) {
      const html = site.html(`/${code}/privacy/`);
      expect(html, code).toMatch(new RegExp(`<article lang="${code}"`));
      expect(text(html), code).toContain(common(code)['notice.unreviewed']);
      expect(text(html), code).toContain(common('en')['notice.unreviewed']);
      expect(html, code).toMatch(/<a class="[^"]*" href="\/en\/privacy\/" hreflang="en"/);
    }
    expect(site.html('/en/privacy/')).not.toContain('data-notice="language"');
  });
});
