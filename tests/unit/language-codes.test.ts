// Language codes that are not two lowercase letters (zh-Hans): reading them
// from paths, and choosing one from the browser's languages.
import { describe, it, expect } from 'vitest';
import { LANGUAGE_SEGMENT, LOCALE_CODES } from '~/config/locales';
import { preferredLocale } from '~/i18n/negotiate';
import { isAccountPath, isPublicAccountPath } from '~/server/http/account-guard';
import { isSearchPath, securityHeaders } from '~/server/http/security-headers';

const CODES = [...LOCALE_CODES, 'zh-Hans'] as const;

describe('a language code in a path', () => {
  it('matches every code we ship and a language with a script or a region', () => {
    const segment = new RegExp(`^${LANGUAGE_SEGMENT}$`);
    for (const code of CODES) expect(code).toMatch(segment);
    expect('pt-BR').toMatch(segment);
    for (const other of ['staff', 'account', 'zh-hans-', '', 'z', 'ZH', 'pagefind']) expect(other).not.toMatch(segment);
  });

  it('guards the parent area in every language, /zh-Hans/ as /pl/', () => {
    for (const code of CODES) {
      expect(isAccountPath(`/${code}/account/`), code).toBe(true);
      expect(isAccountPath(`/${code}/account/conferences/1/`), code).toBe(true);
      expect(isAccountPath(`/${code}/account`), code).toBe(true);
      expect(isPublicAccountPath(`/${code}/account/sign-in/`), code).toBe(true);
      expect(isPublicAccountPath(`/${code}/account/sign-in/code/`), code).toBe(true);
      expect(isPublicAccountPath(`/${code}/account/`), code).toBe(false);
    }
    expect(isAccountPath('/zh-Hans/accounts/')).toBe(false);
    expect(isAccountPath('/staff/account/')).toBe(false);
    expect(isAccountPath('/zh-Hans/what-is-a-conference/')).toBe(false);
  });

  it('lets the search page run Pagefind in every language, and no other page', () => {
    for (const code of CODES) {
      expect(isSearchPath(`/${code}/search/`), code).toBe(true);
      expect(isSearchPath(`/${code}/search/?q=会议`), code).toBe(true);
      expect(securityHeaders(false, `/${code}/search/`)['Content-Security-Policy']).toContain("'wasm-unsafe-eval'");
    }
    expect(isSearchPath('/zh-Hans/search-help/')).toBe(false);
    expect(securityHeaders(false, '/zh-Hans/')['Content-Security-Policy']).not.toContain("'wasm-unsafe-eval'");
  });
});

describe('the browser language the chooser goes to', () => {
  it('sends Chinese in simplified characters, however the browser names it, to zh-Hans', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-cn', 'zh-SG', 'zh-Hans', 'zh-hans', 'zh-Hans-CN'])
      expect(preferredLocale([tag], CODES), tag).toBe('zh-Hans');
  });

  it('does not send traditional Chinese to the simplified pages', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW'])
      expect(preferredLocale([tag], CODES), tag).toBeUndefined();
    expect(preferredLocale(['zh-TW', 'en-GB'], CODES)).toBe('en');
  });

  it('takes the first language the browser lists that we have', () => {
    expect(preferredLocale(['cy', 'zh-CN', 'en'], CODES)).toBe('zh-Hans');
    expect(preferredLocale(['en-GB', 'zh-CN'], CODES)).toBe('en');
    expect(preferredLocale(['pl-PL', 'en'], CODES)).toBe('pl');
    expect(preferredLocale(['pt-BR'], CODES)).toBe('pt');
    expect(preferredLocale(['pa-IN'], CODES)).toBe('pa');
    expect(preferredLocale(['cy', 'ga'], CODES)).toBeUndefined();
    expect(preferredLocale([], CODES)).toBeUndefined();
  });

  it('matches the script too: Panjabi in Shahmukhi is not our Gurmukhi page', () => {
    expect(preferredLocale(['pa-PK'], CODES)).toBeUndefined();
    expect(preferredLocale(['pa-Arab'], CODES)).toBeUndefined();
    expect(preferredLocale(['ur-IN'], CODES)).toBe('ur');
  });

  it('ignores what is not a language tag', () => {
    expect(preferredLocale(['*', '', 'not a tag', 'fr'], CODES)).toBe('fr');
  });
});
