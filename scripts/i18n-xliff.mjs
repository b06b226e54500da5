// XLIFF 2.1 for translators' CAT tools (Trados, memoQ, Phrase, Weblate):
// `exportXliff(lang)` writes one file holding every UI string, every guidance
// and site page segment and the glossary of a language; `importXliff(xml)`
// checks a translated file and writes it back into locales/ and content/.
// See locales/README.md ("Working in a CAT tool"). Paths are relative to the
// working directory (the project, or a copy of it).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { compile } from '@mdx-js/mdx';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as prettier from 'prettier';
import { LOCALES } from '../src/config/locales.ts';
import { englishVersion } from '../src/i18n/translation-state.ts';
import { CONTENT, EN, namespaces, pluralSuffix, readJson, strings } from './i18n-report.mjs';
import { codes, joinParts, plainText, sameShape, splitBody, tokenise } from './i18n-segments.mjs';

const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
/** Page frontmatter a translator translates; the rest (section, order, lastChecked) stays as English has it. */
const FIELDS = ['title', 'description', 'shortTitle'];
const CLDR_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];
const LETTER = /\p{L}/u;
/** XLIFF states that mean a qualified translator has checked the segment. */
const REVIEWED_STATES = new Set(['reviewed', 'final']);
const STATE_RANK = { initial: 0, translated: 1, reviewed: 2, final: 3 };

/** The hash a reviewed segment records: it stops matching when the English or the translation changes. */
export const reviewHash = (source, target) =>
  createHash('sha256').update(`${source}\u0000${target}`).digest('hex').slice(0, 12);

export const pluralCategories = (lang) =>
  [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort(
    (a, b) => CLDR_ORDER.indexOf(a) - CLDR_ORDER.indexOf(b),
  );

export const readMeta = (lang) =>
  existsSync(`locales/${lang}/meta.json`)
    ? readJson(`locales/${lang}/meta.json`)
    : { status: 'unreviewed', reviewer: null, reviewedOn: null };

/** An .mdx file as frontmatter lines and body; `fields` holds the values of simple `key: value` lines. */
export function readMdx(path) {
  const raw = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
  const m = /^---\n([\s\S]*?)\n---\n?/.exec(raw);
  const lines = m ? m[1].split('\n') : [];
  const fields = {};
  for (const line of lines) {
    const f = /^(\w+):\s*(.*)$/.exec(line);
    if (f) fields[f[1]] = yamlValue(f[2]);
  }
  return { lines, fields, body: m ? raw.slice(m[0].length) : raw };
}

function yamlValue(v) {
  if (v.startsWith('"') && v.endsWith('"')) {
    try {
      return JSON.parse(v);
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}

/** Frontmatter lines with some fields set (a changed value is written double-quoted). */
function setFields(lines, values) {
  const out = [...lines];
  for (const [key, value] of Object.entries(values)) {
    const i = out.findIndex((l) => l.startsWith(`${key}:`));
    if (i >= 0 && yamlValue(out[i].slice(key.length + 1).trim()) === value) continue;
    const line = `${key}: ${key === 'englishVersion' ? value : JSON.stringify(value)}`;
    if (i >= 0) out[i] = line;
    else out.push(line);
  }
  return out;
}

const mdx = (lines, body) => `---\n${lines.join('\n')}\n---\n${body}`;

/** The language's key terms, to remind the translator in each segment that uses one. */
function keyTerms(lang) {
  const path = (l) => `content/glossary/${l}.json`;
  if (!existsSync(path(EN)) || !existsSync(path(lang))) return [];
  const own = new Map(readJson(path(lang)).map((e) => [e.id, e]));
  return readJson(path(EN))
    .filter((e) => own.has(e.id))
    .map((e) => ({
      term: e.term,
      own: own.get(e.id).term,
      match: new RegExp(`\\b(${e.match.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i'),
    }));
}

/**
 * Everything translatable in one language, as XLIFF files of units, each unit one segment:
 * its English source, the language's text (target) and its state.
 */
export function model(lang) {
  const meta = readMeta(lang);
  const reviewed = meta.reviewedSegments ?? {};
  const terms = keyTerms(lang);
  const drafting = [meta.note, ...(meta.draftingNotes ?? [])].filter(Boolean);
  const files = [];
  const unit = (file, id, source, target, { outdated = false, notes = [] } = {}) => {
    const key = `${file.id}/${id}`;
    const state =
      target === undefined
        ? 'initial'
        : reviewed[key] === reviewHash(source, target)
          ? 'final'
          : outdated
            ? 'initial'
            : 'translated';
    const plain = plainText(source);
    const termNotes = terms
      .filter((t) => t.match.test(plain))
      .map((t) => `Key term "${t.term}": the glossary says "${t.own}".`);
    file.units.push({ id, key, source, target, state, notes: [...notes, ...termNotes] });
  };

  for (const ns of namespaces(EN)) {
    const en = strings(EN, ns);
    const own = strings(lang, ns);
    const file = {
      id: `strings.${ns}`,
      kind: 'strings',
      ns,
      path: `locales/${lang}/${ns}.json`,
      source: `locales/${EN}/${ns}.json`,
      notes: [`English source: locales/${EN}/${ns}.json`, ...drafting],
      units: [],
    };
    const cats = pluralCategories(lang);
    const seen = new Set();
    for (const key of Object.keys(en)) {
      if (!pluralSuffix.test(key)) {
        unit(file, key, en[key], own[key]);
        continue;
      }
      const base = key.replace(pluralSuffix, '');
      if (seen.has(base)) continue;
      seen.add(base);
      for (const cat of cats) {
        const note = `Plural form "${cat}" of "${base}": ${lang} uses ${cats.join(', ')} (CLDR).`;
        unit(file, `${base}_${cat}`, en[`${base}_${cat}`] ?? en[`${base}_other`], own[`${base}_${cat}`], {
          notes: [note],
        });
      }
    }
    files.push(file);
  }

  for (const dir of CONTENT) {
    if (!existsSync(`${dir}/${EN}`)) continue;
    const collection = dir.split('/')[1];
    for (const name of readdirSync(`${dir}/${EN}`).filter((f) => f.endsWith('.mdx'))) {
      const slug = name.slice(0, -4);
      const enPath = `${dir}/${EN}/${name}`;
      const path = `${dir}/${lang}/${name}`;
      const en = readMdx(enPath);
      const own = existsSync(path) ? readMdx(path) : null;
      const version = englishVersion(en.body);
      const outdated = !!own && own.fields.englishVersion !== version;
      const enParts = splitBody(en.body);
      const ownParts = own ? splitBody(own.body) : null;
      const aligned = !own || sameShape(enParts, ownParts);
      const notes = [`English source: ${enPath}`, ...drafting];
      if (outdated)
        notes.push(
          `Out of date: this translation follows English version ${own.fields.englishVersion ?? '(none)'}; the English page has changed since. Check every segment against the English.`,
        );
      if (!aligned)
        notes.push(
          'The paragraphs of this translation do not line up with the English page, so the body is one segment.',
        );
      const file = {
        id: `${collection}.${slug}`,
        kind: 'page',
        path,
        source: enPath,
        en,
        own,
        enParts,
        ownParts,
        aligned,
        version,
        outdated,
        notes,
        units: [],
      };
      for (const field of FIELDS)
        if (en.fields[field] !== undefined) unit(file, field, en.fields[field], own?.fields[field], { outdated });
      if (!aligned) unit(file, 'body', en.body.trim(), own.body.trim(), { outdated });
      else {
        const ownSegs = ownParts?.filter((p) => p.seg !== undefined);
        enParts
          .filter((p) => p.seg !== undefined)
          .forEach((p, i) => unit(file, `p${i + 1}`, p.seg, ownSegs?.[i].seg, { outdated }));
      }
      files.push(file);
    }
  }

  const gEn = `content/glossary/${EN}.json`;
  if (existsSync(gEn)) {
    const path = `content/glossary/${lang}.json`;
    const own = new Map((existsSync(path) ? readJson(path) : []).map((e) => [e.id, e]));
    const file = {
      id: 'glossary',
      kind: 'glossary',
      path,
      source: gEn,
      notes: [`English source: ${gEn}`, ...drafting],
      units: [],
    };
    for (const e of readJson(gEn)) {
      unit(file, `${e.id}.term`, e.term, own.get(e.id)?.term, {
        notes: ['The word as a parent will hear it; add the English term in brackets where it helps.'],
      });
      unit(file, `${e.id}.definition`, e.definition, own.get(e.id)?.definition);
    }
    files.push(file);
  }
  return { lang, meta, files };
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s) => esc(s).replace(/"/g, '&quot;');

/** One unit as XLIFF: its code as original data, referred to by <ph> and <pc> inline codes. */
function unitXml(u) {
  const data = new Map();
  const dataRef = (c) => {
    if (!data.has(c)) data.set(c, `d${data.size + 1}`);
    return data.get(c);
  };
  let next = 0;
  const pool = new Map();
  const sourceId = (key) => {
    const id = String(++next);
    pool.set(key, [...(pool.get(key) ?? []), id]);
    return id;
  };
  const targetId = (key) => pool.get(key)?.shift() ?? String(++next);
  const render = (tokens, id) =>
    tokens
      .map((t) => {
        if (t.text !== undefined) return esc(t.text);
        if (t.ph !== undefined) return `<ph id="${id(t.ph)}" dataRef="${dataRef(t.ph)}" disp="${escAttr(t.ph)}"/>`;
        return `<pc id="${id(`${t.open}\u0000${t.close}`)}" dataRefStart="${dataRef(t.open)}" dataRefEnd="${dataRef(t.close)}" dispStart="${escAttr(t.open)}" dispEnd="${escAttr(t.close)}">${render(t.inner, id)}</pc>`;
      })
      .join('');
  const source = render(tokenise(u.source), sourceId);
  const target = u.target === undefined ? null : render(tokenise(u.target), targetId);
  const out = [`    <unit id="${escAttr(u.id)}">`];
  if (u.notes.length)
    out.push(`      <notes>`, ...u.notes.map((n) => `        <note>${esc(n)}</note>`), `      </notes>`);
  if (data.size)
    out.push(
      `      <originalData>`,
      ...[...data].map(([c, id]) => `        <data id="${id}">${esc(c)}</data>`),
      `      </originalData>`,
    );
  out.push(
    `      <segment state="${u.state}">`,
    `        <source>${source}</source>`,
    ...(target === null ? [] : [`        <target>${target}</target>`]),
    `      </segment>`,
    `    </unit>`,
  );
  return out.join('\n');
}

/** The XLIFF 2.1 document for one language. */
export function exportXliff(lang) {
  if (lang === EN || !LOCALES.some((l) => l.code === lang))
    throw new Error(
      `"${lang}" is not a language to translate into (${LOCALES.filter((l) => l.code !== EN)
        .map((l) => l.code)
        .join(', ')})`,
    );
  const { files } = model(lang);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NS}" version="2.1" srcLang="${EN}" trgLang="${lang}">`,
  ];
  for (const f of files) {
    const version = f.kind === 'page' ? f.version : englishVersion(readFileSync(f.source, 'utf8'));
    const notes = [...f.notes.map((n) => ({ text: n })), { category: 'englishVersion', text: version }];
    out.push(
      `  <file id="${escAttr(f.id)}" original="${escAttr(f.path)}">`,
      `    <notes>`,
      ...notes.map((n) => `      <note${n.category ? ` category="${n.category}"` : ''}>${esc(n.text)}</note>`),
      `    </notes>`,
      ...f.units.map(unitXml),
      `  </file>`,
    );
  }
  out.push('</xliff>', '');
  return out.join('\n');
}

/** Thrown when an import is refused; `problems` names each segment and the reason. */
export class ImportError extends Error {
  constructor(problems) {
    super(`Import refused, nothing written. ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.problems = problems;
  }
}

const tagOf = (node) => Object.keys(node).find((k) => k !== ':@');
const attrsOf = (node) => node[':@'] ?? {};
const childrenOf = (node, name) => (node[tagOf(node)] ?? []).filter((n) => tagOf(n) === name);
const textOf = (nodes) => nodes.map((n) => n['#text'] ?? '').join('');

/** A segment's content back as our text: inline codes replaced by their original data. */
function content(nodes, data, where) {
  return nodes
    .map((n) => {
      const tag = tagOf(n);
      const a = attrsOf(n);
      const ref = (r) => {
        if (r === undefined || !data.has(r))
          throw new ImportError([
            `${where}: inline code <${tag} id="${a.id}"> has no original data; keep the codes as the file had them`,
          ]);
        return data.get(r);
      };
      if (tag === '#text') return n['#text'];
      if (tag === 'ph' || tag === 'sc' || tag === 'ec') return ref(a.dataRef);
      if (tag === 'pc') return ref(a.dataRefStart) + content(n.pc, data, where) + ref(a.dataRefEnd);
      if (tag === 'mrk') return content(n.mrk, data, where);
      if (tag === 'cp') return String.fromCodePoint(parseInt(a.hex, 16));
      throw new ImportError([`${where}: unexpected <${tag}> in a segment`]);
    })
    .join('');
}

/** Reads an XLIFF 2 document: its target language and, per file, its notes and units. */
export function parseXliff(xml) {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ImportError([`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`]);
  const doc = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: true,
  }).parse(xml.replace(/^\uFEFF/, ''));
  const root = doc.find((n) => tagOf(n) === 'xliff');
  if (!root) throw new ImportError(['this is not an XLIFF file (no <xliff> element)']);
  const { version, trgLang } = attrsOf(root);
  if (!String(version).startsWith('2.'))
    throw new ImportError([`this is XLIFF ${version}; export and import XLIFF 2.1`]);
  const files = childrenOf(root, 'file').map((f) => {
    const notes = childrenOf(f, 'notes').flatMap((ns) =>
      childrenOf(ns, 'note').map((n) => ({ ...attrsOf(n), text: textOf(n.note) })),
    );
    const units = childrenOf(f, 'unit').map((u) => {
      const id = attrsOf(u).id;
      const where = `${attrsOf(f).id}/${id}`;
      const data = new Map(
        childrenOf(u, 'originalData').flatMap((od) =>
          childrenOf(od, 'data').map((d) => [attrsOf(d).id, textOf(d.data)]),
        ),
      );
      let source = '';
      let target = '';
      let hasTarget = false;
      let state = 'final';
      for (const part of u.unit.filter((n) => ['segment', 'ignorable'].includes(tagOf(n)))) {
        const s = childrenOf(part, 'source')[0];
        const t = childrenOf(part, 'target')[0];
        source += s ? content(s.source, data, where) : '';
        if (t) hasTarget = true;
        target += t
          ? content(t.target, data, where)
          : s && tagOf(part) === 'ignorable'
            ? content(s.source, data, where)
            : '';
        if (tagOf(part) === 'segment') {
          const st = attrsOf(part).state ?? 'initial';
          if (STATE_RANK[st] === undefined) throw new ImportError([`${where}: unknown state "${st}"`]);
          if (STATE_RANK[st] < STATE_RANK[state]) state = st;
        }
      }
      return { id, where, source, target: hasTarget ? target : undefined, state };
    });
    return { id: attrsOf(f).id, notes, units };
  });
  return { lang: trgLang, files };
}

/** What differs between two sorted lists of codes, for a message. */
function codeDiff(want, got) {
  const left = [...got];
  const missing = want.filter((c) => {
    const i = left.indexOf(c);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
  return [missing.length ? `missing ${missing.join(' ')}` : '', left.length ? `unexpected ${left.join(' ')}` : '']
    .filter(Boolean)
    .join('; ');
}

/**
 * Checks a translated XLIFF file and, if nothing is wrong, writes it back. Returns what changed
 * and warnings (segments skipped because the English moved on since the export).
 * Throws ImportError, writing nothing, when a placeholder, inline code or plural form is broken
 * or English is left where there was a translation.
 */
export async function importXliff(
  xml,
  { reviewer, today = new Date().toISOString().slice(0, 10), dryRun = false } = {},
) {
  const doc = parseXliff(xml);
  const lang = doc.lang;
  if (!lang || lang === EN || !LOCALES.some((l) => l.code === lang))
    throw new ImportError([`the file's trgLang "${lang}" is not one of our languages`]);
  const current = model(lang);
  const problems = [];
  const warnings = [];
  /** unit key → { target, state } for every unit the file brings. */
  const incoming = new Map();
  /** unit key → the file's target (undefined when it has none), for the plural check. */
  const inFile = new Map();
  const byId = new Map(current.files.map((f) => [f.id, f]));
  for (const f of doc.files) {
    const file = byId.get(f.id);
    if (!file) {
      warnings.push(`${f.id}: no such page or group of strings any more; skipped`);
      continue;
    }
    const units = new Map(file.units.map((u) => [u.id, u]));
    const version = f.notes.find((n) => n.category === 'englishVersion')?.text;
    file.fileVersion = version;
    for (const u of f.units) {
      const cur = units.get(u.id);
      if (!cur) {
        warnings.push(
          `${u.where}: the English has changed since this file was exported (no such segment now); skipped`,
        );
        continue;
      }
      if (u.source !== cur.source) {
        warnings.push(`${u.where}: the English has changed since this file was exported; skipped (export again)`);
        continue;
      }
      const target = u.target;
      inFile.set(cur.key, target?.trim() ? target : undefined);
      if (target === undefined || target.trim() === '') continue;
      const english = target === cur.source && LETTER.test(plainText(target));
      if (english && cur.target !== undefined && cur.target !== cur.source) {
        problems.push(`${u.where}: the target is the English text, but this segment was translated ("${cur.target}")`);
        continue;
      }
      if (english && u.state === 'initial') {
        inFile.set(cur.key, undefined);
        continue;
      }
      const got = codes(target);
      const allowed = [codes(cur.source)];
      if (cur.target !== undefined) allowed.push(codes(cur.target));
      if (file.kind === 'strings' && pluralSuffix.test(u.id)) {
        const noCount = codes(cur.source);
        const i = noCount.indexOf('{{count}}');
        if (i >= 0) allowed.push(noCount.toSpliced(i, 1));
      }
      if (!allowed.some((a) => a.join('\u0000') === got.join('\u0000'))) {
        const kind = file.kind === 'strings' ? 'placeholders' : 'inline codes';
        problems.push(`${u.where}: ${kind} differ from the English: ${codeDiff(allowed[0], got)}`);
        continue;
      }
      incoming.set(cur.key, { target, state: u.state, file, unit: cur });
    }
  }

  const nextTarget = (u) => incoming.get(u.key)?.target ?? u.target;
  const writes = new Map();

  for (const file of current.files) {
    const changed = file.units.some((u) => nextTarget(u) !== u.target);
    if (file.kind === 'strings') {
      // Every plural form the language uses, once any form of a sentence is translated.
      const cats = pluralCategories(lang);
      const bases = new Set(
        file.units.filter((u) => pluralSuffix.test(u.id)).map((u) => u.id.replace(pluralSuffix, '')),
      );
      for (const base of bases) {
        const forms = cats.map((c) => file.units.find((u) => u.id === `${base}_${c}`));
        // A form the file brings without a translation counts as missing, even if the project has one.
        const after = (u) => (inFile.has(u.key) ? (incoming.get(u.key)?.target ?? inFile.get(u.key)) : u.target);
        if (!forms.some((u) => after(u) !== undefined)) continue;
        for (const u of forms)
          if (after(u) === undefined)
            problems.push(
              `${file.id}/${u.id}: plural form "${u.id.slice(base.length + 1)}" is missing (${lang} needs ${cats.map((c) => `"${c}"`).join(', ')})`,
            );
      }
      if (!changed) continue;
      const own = existsSync(file.path) ? readJson(file.path) : {};
      const entries = Object.entries(own);
      for (const u of file.units) {
        const t = nextTarget(u);
        if (t === undefined || t === own[u.id]) continue;
        const at = entries.findIndex(([k]) => k === u.id);
        if (at >= 0) entries[at][1] = t;
        else entries.splice(insertAt(entries, u.id, file.units), 0, [u.id, t]);
      }
      writes.set(file.path, JSON.stringify(Object.fromEntries(entries), null, 2));
    } else if (file.kind === 'page') {
      const units = new Map(file.units.map((u) => [u.id, u]));
      const allIn = file.units.every((u) => {
        const i = incoming.get(u.key);
        return i && i.state !== 'initial';
      });
      const followsNow = allIn && file.fileVersion === file.version;
      if (!changed && !(followsNow && file.outdated)) continue;
      if (!file.own && file.units.some((u) => nextTarget(u) === undefined)) {
        warnings.push(`${file.id}: not written: some segments have no translation yet`);
        continue;
      }
      const base = file.own ?? file.en;
      const fields = Object.fromEntries(FIELDS.filter((f) => units.has(f)).map((f) => [f, nextTarget(units.get(f))]));
      if (followsNow || !file.own) fields.englishVersion = file.version;
      let body;
      if (!file.aligned) body = file.own.body.replace(file.own.body.trim(), () => nextTarget(units.get('body')));
      else {
        let i = 0;
        body = joinParts(
          (file.ownParts ?? file.enParts).map((p) =>
            p.seg === undefined ? p : { seg: nextTarget(units.get(`p${++i}`)) },
          ),
        );
      }
      try {
        await compile(body);
      } catch (e) {
        problems.push(`${file.id}: the page would not build: ${e.message.split('\n')[0]}`);
        continue;
      }
      writes.set(file.path, mdx(setFields(base.lines, fields), body));
    } else if (file.kind === 'glossary') {
      if (!changed) continue;
      const own = existsSync(file.path) ? readJson(file.path) : [];
      const enEntries = readJson(file.source);
      const byEntry = new Map(own.map((e) => [e.id, e]));
      for (const u of file.units) {
        const t = nextTarget(u);
        if (t === undefined) continue;
        const [id, field] = [u.id.slice(0, u.id.lastIndexOf('.')), u.id.slice(u.id.lastIndexOf('.') + 1)];
        let entry = byEntry.get(id);
        if (!entry) {
          const en = enEntries.find((e) => e.id === id);
          entry = { id, term: '', match: [], check: en.check, definition: '' };
          byEntry.set(id, entry);
          own.push(entry);
        }
        entry[field] = t;
        if (field === 'term' && entry.match.length === 0)
          entry.match = [t.replace(/\s*[(（].*[)）]\s*$/, '').toLowerCase()];
      }
      writes.set(file.path, JSON.stringify(own, null, 2));
    }
  }

  // Review: a final (or reviewed) segment records what was checked; a segment sent back as translated is unchecked.
  const meta = { ...current.meta };
  const reviewed = { ...(meta.reviewedSegments ?? {}) };
  for (const [key, { target, state, unit }] of incoming) {
    if (REVIEWED_STATES.has(state)) reviewed[key] = reviewHash(unit.source, target);
    else if (state === 'translated') delete reviewed[key];
  }
  const all = current.files.flatMap((f) => f.units);
  const allReviewed = all.every(
    (u) => nextTarget(u) !== undefined && reviewed[u.key] === reviewHash(u.source, nextTarget(u)),
  );
  const sorted = Object.fromEntries(Object.entries(reviewed).sort(([a], [b]) => a.localeCompare(b)));
  const reviewChanged = JSON.stringify(sorted) !== JSON.stringify(meta.reviewedSegments ?? {});
  if (reviewChanged) {
    if (Object.keys(sorted).length) meta.reviewedSegments = sorted;
    else delete meta.reviewedSegments;
  }
  if (allReviewed && meta.status !== 'reviewed') {
    if (!reviewer)
      problems.push(
        `every segment of ${lang} is now reviewed: name the reviewer with --reviewer "Name, qualification"`,
      );
    Object.assign(meta, { status: 'reviewed', reviewer: reviewer ?? null, reviewedOn: today });
  } else if (!allReviewed && meta.status === 'reviewed' && (reviewChanged || writes.size)) {
    Object.assign(meta, { status: 'unreviewed', reviewer: null, reviewedOn: null });
  }
  if (reviewChanged || meta.status !== current.meta.status)
    writes.set(`locales/${lang}/meta.json`, JSON.stringify(meta, null, 2));

  if (problems.length) throw new ImportError(problems);
  const written = [];
  for (const [path, text] of writes) {
    const out = path.endsWith('.json')
      ? await prettier.format(text, { ...(await prettier.resolveConfig(path)), filepath: path })
      : text;
    if (existsSync(path) && readFileSync(path, 'utf8') === out) continue;
    written.push(path);
    if (dryRun) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, out);
  }
  return { lang, written, warnings, status: meta.status };
}

/** Where a new key goes: after the last present key of the same sentence, or of the English before it. */
function insertAt(entries, key, units) {
  const base = key.replace(pluralSuffix, '');
  const order = units.map((u) => u.id);
  for (let i = order.indexOf(key) - 1; i >= 0; i--) {
    const at = entries.findIndex(([k]) => k === order[i]);
    if (at >= 0) return at + 1;
  }
  const sibling = entries.findLastIndex(([k]) => k.replace(pluralSuffix, '') === base);
  return sibling >= 0 ? sibling + 1 : 0;
}
