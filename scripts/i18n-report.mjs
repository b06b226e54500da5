// What the translators' tools report, shared by scripts/i18n.mjs and the
// tests: each language's strings and pages against English. Paths are
// relative to the working directory (the project, or a copy of it).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { compile } from '@mdx-js/mdx';
import { englishVersion } from '../src/i18n/translation-state.ts';

export const EN = 'en';
export const CONTENT = ['content/guidance', 'content/pages'];
export const pluralSuffix = /_(zero|one|two|few|many|other)$/;

export const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
/** Namespaces only English needs: the staff area is in English only. */
export const ENGLISH_ONLY = new Set(['staff']);
export const namespaces = (lang) =>
  existsSync(`locales/${lang}`)
    ? readdirSync(`locales/${lang}`)
        .filter((f) => f.endsWith('.json') && f !== 'meta.json')
        .map((f) => f.slice(0, -5))
        .filter((ns) => !ENGLISH_ONLY.has(ns))
    : [];
export const strings = (lang, ns) =>
  existsSync(`locales/${lang}/${ns}.json`) ? readJson(`locales/${lang}/${ns}.json`) : {};
const placeholders = (s) =>
  [...s.matchAll(/{{\s*([\w.]+)\s*}}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
const markup = (s) =>
  [...s.matchAll(/<\/?[a-zA-Z][^>]*>/g)]
    .map((m) => m[0].replace(/\s.*?(\/?)>$/, '$1>'))
    .sort()
    .join('');
const components = (s) =>
  [...s.matchAll(/<([A-Z]\w*)\b([^>]*)\/?>/g)]
    .map((m) => `${m[1]}${(/\b(name|id)="([^"]+)"/.exec(m[2]) ?? [])[0] ?? ''}`)
    .sort();

/** Splits an .mdx file into its frontmatter fields (simple key: value lines) and body. */
function readPage(path) {
  const raw = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(raw);
  const fields = Object.fromEntries(
    (m?.[1] ?? '')
      .split('\n')
      .map((l) => /^(\w+):\s*(.*)$/.exec(l))
      .filter(Boolean)
      .map((x) => [x[1], x[2].replace(/^["']|["']$/g, '')]),
  );
  return { fields, body: m?.[2] ?? raw };
}

/** Every plural base key of English and the strings of a language, per namespace. */
export function stringReport(lang) {
  const errors = [];
  const missing = [];
  let total = 0;
  let done = 0;
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  for (const ns of namespaces(EN)) {
    const en = strings(EN, ns);
    const own = strings(lang, ns);
    const bases = new Map();
    for (const key of Object.keys(en)) bases.set(key.replace(pluralSuffix, ''), pluralSuffix.test(key));
    for (const [base, plural] of bases) {
      total++;
      const forms = Object.keys(own).filter(
        (k) => k === base || (plural && k.replace(pluralSuffix, '') === base && pluralSuffix.test(k)),
      );
      if (forms.length === 0) {
        missing.push(`${ns}:${base}`);
        continue;
      }
      done++;
      if (plural) {
        for (const cat of categories)
          if (!(`${base}_${cat}` in own))
            errors.push(
              `${lang}/${ns}.json: "${base}" needs the plural form "${base}_${cat}" (${lang} uses ${categories.join(', ')})`,
            );
      }
    }
    for (const [key, text] of Object.entries(own)) {
      const base = key.replace(pluralSuffix, '');
      const source = en[key] ?? en[`${base}_other`] ?? en[base];
      if (source === undefined) {
        errors.push(`${lang}/${ns}.json: "${key}" is not a key in English`);
        continue;
      }
      if (typeof text !== 'string') {
        errors.push(`${lang}/${ns}.json: "${key}" must be text`);
        continue;
      }
      // A plural form may leave the number out (Arabic "one result", "two results").
      const drop = (p) =>
        base !== key
          ? p
              .split(',')
              .filter((x) => x !== 'count')
              .join(',')
          : p;
      if (drop(placeholders(text)) !== drop(placeholders(source)))
        errors.push(
          `${lang}/${ns}.json: "${key}" has placeholders {{${placeholders(text)}}} but English has {{${placeholders(source)}}}`,
        );
      if (markup(text) !== markup(source))
        errors.push(`${lang}/${ns}.json: "${key}" has different markup from English`);
    }
  }
  for (const ns of namespaces(lang))
    if (!namespaces(EN).includes(ns)) errors.push(`locales/${lang}/${ns}.json: English has no namespace "${ns}"`);
  return { errors, missing, total, done };
}

/** Each language's pages against English: missing, out of date, current; and their mistakes. */
export async function pageReport(lang) {
  const errors = [];
  const result = { total: 0, current: [], outdated: [], missing: [] };
  for (const dir of CONTENT) {
    if (!existsSync(`${dir}/${EN}`)) continue;
    for (const file of readdirSync(`${dir}/${EN}`).filter((f) => f.endsWith('.mdx'))) {
      result.total++;
      const slug = `${dir.split('/')[1]}/${file.slice(0, -4)}`;
      const path = `${dir}/${lang}/${file}`;
      if (lang === EN) continue;
      if (!existsSync(path)) {
        result.missing.push(slug);
        continue;
      }
      const en = readPage(`${dir}/${EN}/${file}`);
      const own = readPage(path);
      const want = englishVersion(en.body);
      if (own.fields.englishVersion === want) result.current.push(slug);
      else result.outdated.push(slug);
      if (!own.fields.englishVersion)
        errors.push(`${path}: add "englishVersion: ${want}" to its frontmatter (the English version it follows)`);
      if (components(own.body).join() !== components(en.body).join())
        errors.push(`${path}: its components differ from the English page (${components(en.body).join(' ')})`);
    }
    if (existsSync(`${dir}/${lang}`)) {
      for (const file of readdirSync(`${dir}/${lang}`).filter((f) => f.endsWith('.mdx'))) {
        const path = `${dir}/${lang}/${file}`;
        if (lang !== EN && !existsSync(`${dir}/${EN}/${file}`))
          errors.push(`${path}: there is no English page ${dir}/${EN}/${file}`);
        try {
          await compile(readPage(path).body);
        } catch (e) {
          errors.push(`${path}: broken MDX: ${e.message.split('\n')[0]}`);
        }
      }
    }
  }
  return { errors, ...result };
}

export const meta = (lang) =>
  existsSync(`locales/${lang}/meta.json`) ? readJson(`locales/${lang}/meta.json`) : { status: 'unreviewed' };
export const percent = (n, d) => `${d ? Math.floor((100 * n) / d) : 100}%`;
