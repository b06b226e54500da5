import { describe, it, expect } from 'vitest';
import { langCaseFix, langFromPath, localPath, switchLangPath } from '~/i18n/paths';

describe('language paths', () => {
  it('keeps the reader on the same page when switching language', () => {
    expect(switchLangPath('/pl/privacy/', 'ar')).toBe('/ar/privacy/');
    expect(switchLangPath('/en/', 'bn')).toBe('/bn/');
    expect(switchLangPath('/en/privacy', 'ur')).toBe('/ur/privacy/');
    expect(switchLangPath('/', 'pl')).toBe('/pl/');
    expect(switchLangPath('/404', 'ar')).toBe('/ar/');
  });
  it('reads the language from the first segment only', () => {
    expect(langFromPath('/ar/cookies/')).toBe('ar');
    expect(langFromPath('/staff/cases/')).toBe('en');
    expect(langFromPath('/xx/')).toBe('en');
  });
  it('builds local paths', () => {
    expect(localPath('pa')).toBe('/pa/');
    expect(localPath('pa', '/accessibility/')).toBe('/pa/accessibility/');
  });

  it('sends a language code in the wrong case to the page in the right case, and leaves every other path alone', () => {
    expect(langCaseFix('/zh-hans/search/')).toBe('/zh-Hans/search/');
    expect(langCaseFix('/ZH-HANS/')).toBe('/zh-Hans/');
    expect(langCaseFix('/PL/privacy/')).toBe('/pl/privacy/');
    expect(langCaseFix('/zh-Hans/search/')).toBeNull();
    expect(langCaseFix('/pl/privacy/')).toBeNull();
    expect(langCaseFix('/staff/cases/')).toBeNull();
    expect(langCaseFix('/')).toBeNull();
  });
});
