import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LOCALE_CODES } from '~/config/locales';
import { getT, isTranslated } from '~/i18n';
import {
  TEXT_PROBLEM_KEYS,
  cleanText,
  optionalLine,
  optionalLongText,
  requiredLine,
  visibleLength,
} from '~/server/forms/text';
import { parseForm } from '~/server/http/forms';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const schema = z.object({
  name: requiredLine(10, { required: 'name.required', tooLong: 'name.tooLong' }),
  note: optionalLongText(20, { tooLong: 'note.tooLong' }),
  nick: optionalLine(10, { tooLong: 'nick.tooLong' }),
});

describe('text fields', () => {
  it('keeps text in NFC, trimmed, with line breaks as \\n in long text', () => {
    expect(cleanText('  Zoe\u0301  ')).toEqual({ ok: true, text: 'Zoé' });
    expect(cleanText('one\r\ntwo\rthree\u2028four\tfive\u2029six\u2028seven', { multiline: true })).toEqual({
      ok: true,
      text: 'one\ntwo\nthree\nfour\tfive\nsix\nseven',
    });
  });

  it('refuses control characters: NUL, ESC sequences, DEL, C1; tab and new line only in long text', () => {
    for (const bad of ['Sam\u0000', '\u001b[31mSam', 'Sam\u007f', 'Sam\u0085', 'Sa\u0008m', 'Sam\uFFFE', 'x\uFFF9y'])
      expect(cleanText(bad), JSON.stringify(bad)).toEqual({ ok: false, problem: 'control' });
    for (const lineOnly of ['Sam\tTaylor', 'Sam\nTaylor', 'Sam\u2028Taylor'])
      expect(cleanText(lineOnly).ok, JSON.stringify(lineOnly)).toBe(false);
    expect(cleanText('Sam\tTaylor\nline two', { multiline: true }).ok).toBe(true);
    expect(cleanText('bad\u0000', { multiline: true })).toEqual({ ok: false, problem: 'control' });
    // A lone surrogate (a broken encoder) is refused too.
    expect(cleanText('Sam\ud800').ok).toBe(false);
  });

  it('refuses bidi overrides, embeddings and isolates, but keeps the marks Arabic and Urdu keyboards type', () => {
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'])
      expect(cleanText(`Sam${c}rolyaT`), `U+${c.codePointAt(0)?.toString(16)}`).toEqual({ ok: false, problem: 'bidi' });
    expect(cleanText('سام \u200fتايلور').ok).toBe(true);
    expect(cleanText('ab\u200ecd').ok).toBe(true);
  });

  it('refuses nothing but invisible characters; keeps the joiners Bengali, Panjabi and emoji need', () => {
    // Zero-width spaces and joiners, a lone accent, a soft hyphen; blank "letters": Hangul fillers, blank braille.
    for (const blank of [
      '\u200b',
      '\u200b\u200c\u200d',
      '\u2060\ufeff',
      '\u0301',
      '\u00ad',
      '\u3164',
      '\u115f\u1160',
      '\uffa0',
      '\u2800 \u2800',
      '\u180e',
    ])
      expect(cleanText(blank), JSON.stringify(blank)).toEqual({ ok: false, problem: 'invisible' });
    expect(cleanText('   ')).toEqual({ ok: true, text: '' });
    for (const ok of ['র‍্যাব', 'ਪੰਜਾਬੀ', 'می‌خواهم', '👩‍👩‍👧', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '김\u3164민', '⠓⠑⠇⠇⠕'])
      expect(cleanText(ok), ok).toEqual({ ok: true, text: ok.normalize('NFC') });
  });

  it('counts what people see: one family emoji, one accented letter, one Bengali syllable', () => {
    expect(visibleLength('👩‍👩‍👧')).toBe(1);
    expect(visibleLength('e\u0301')).toBe(1);
    expect(visibleLength('ক্ষ')).toBe(1);
    expect(visibleLength('Sam')).toBe(3);
    // 10 emoji fit a 10-character limit although they are 70 UTF-16 units.
    expect(parseForm(schema, form({ name: '👩‍👩‍👧'.repeat(10) })).ok).toBe(true);
    const over = parseForm(schema, form({ name: '👩‍👩‍👧'.repeat(11) }));
    expect(!over.ok && over.errors).toEqual([{ field: 'name', key: 'name.tooLong', vars: { count: 10 } }]);
  });

  it('gives each field one clear message and keeps what was typed', () => {
    const typed = { name: 'Sam\u202eTaylor', note: 'ok', nick: '\u200b' };
    const parsed = parseForm(schema, form(typed));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      { field: 'name', key: TEXT_PROBLEM_KEYS.bidi },
      { field: 'nick', key: TEXT_PROBLEM_KEYS.invisible },
    ]);
    expect(parsed.values).toEqual(typed);
    const empty = parseForm(schema, form({ name: ' ', note: '', nick: '' }));
    expect(!empty.ok && empty.errors.map((e) => e.key)).toEqual(['name.required']);
    const good = parseForm(schema, form({ name: ' Zoe\u0301 ', note: 'a\r\nb', nick: '' }));
    expect(good.ok && good.data).toEqual({ name: 'Zoé', note: 'a\nb', nick: null });
  });

  it('says each problem in all nine languages', () => {
    for (const lang of LOCALE_CODES)
      for (const key of Object.values(TEXT_PROBLEM_KEYS)) {
        expect(isTranslated(lang, key), `${lang} ${key}`).toBe(true);
        if (lang !== 'en') expect(getT(lang)(key)).not.toBe(getT('en')(key));
      }
  });
});
