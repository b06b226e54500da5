import { describe, it, expect } from 'vitest';
import { authorityIds, getAuthority } from '~/config/authorities';
import { LOCALES } from '~/config/locales';
import { getT } from '~/i18n';
import { COUNCIL_FACTS, councilFactSentence } from '~/i18n/council-facts';

// Every council sentence a page can show, for every council, in every language:
// a finished sentence in that language, never a key, a placeholder or English.
describe.each(LOCALES.map((l) => l.code))('council sentences in %s', (code) => {
  const t = getT(code);
  const en = getT('en');

  it.each(authorityIds)('are whole and translated for %s', (id) => {
    const authority = getAuthority(id);
    for (const name of COUNCIL_FACTS) {
      const sentence = councilFactSentence(name, authority, t);
      if (sentence === null) continue;
      expect(sentence, `${name}`).not.toMatch(/\{\{|\}\}|council:|notStated|_other\b/);
      expect(sentence.length, `${name}`).toBeGreaterThan(10);
      if (code !== 'en')
        expect(sentence, `${name} is still in English`).not.toBe(councilFactSentence(name, authority, en));
    }
  });
});
