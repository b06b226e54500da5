// How the translators' XLIFF files see our text: an MDX page splits into
// segments (a heading, a paragraph, a list item), and each segment's code
// (council placeholders, components, tags, link targets) becomes inline codes
// a CAT tool protects. Shared by scripts/i18n-xliff.mjs and its tests.

/** A line's structure that stays outside the segment: heading marks, list bullets and numbers, quote marks. */
const LINE_PREFIX = /^([ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d+[.)][ \t]+|>[ \t]?)+)/;
/** Letters in any script: a part with none (only components) is not for translating. */
const LETTER = /\p{L}/u;

/**
 * Splits an MDX body into parts: literal text kept as it is, and segments to translate.
 * Joining every part's text gives the body back exactly.
 * @returns {{ lit?: string, seg?: string }[]}
 */
export function splitBody(body) {
  const parts = [];
  const lit = (s) => s && parts.push({ lit: s });
  const seg = (s) => {
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(s);
    if (!LETTER.test(plainText(m[2]))) return lit(s);
    lit(m[1]);
    parts.push({ seg: m[2] });
    lit(m[3]);
  };
  const pieces = body.split(/(\n(?:[ \t]*\n)+)/);
  pieces.forEach((block, i) => {
    if (i % 2 === 1 || !block.trim()) return lit(block);
    const lines = block.split('\n');
    if (lines.every((l) => LINE_PREFIX.test(l))) {
      lines.forEach((line, j) => {
        if (j > 0) lit('\n');
        const prefix = LINE_PREFIX.exec(line)[1];
        lit(prefix);
        seg(line.slice(prefix.length));
      });
    } else seg(block);
  });
  // Merge neighbouring literals so two bodies can be compared part by part.
  return parts.reduce((out, p) => {
    const last = out[out.length - 1];
    if (p.lit !== undefined && last?.lit !== undefined) last.lit += p.lit;
    else out.push({ ...p });
    return out;
  }, []);
}

export const joinParts = (parts) => parts.map((p) => p.lit ?? p.seg).join('');

/** True when two bodies have the same structure (the same literals, the same number of segments). */
export function sameShape(a, b) {
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  return (
    a.length === b.length &&
    a.every(
      (p, i) =>
        (p.lit === undefined) === (b[i].lit === undefined) && (p.lit === undefined || norm(p.lit) === norm(b[i].lit)),
    )
  );
}

/** Code inside a segment: i18next placeholders, JSX expressions, tags and components, Markdown link targets. */
const CODE = /\{\{\s*[\w.]+\s*\}\}|\{[^{}]*\}|<\/?[A-Za-z][^<>]*>|\[(?=[^\]]*\]\([^)]*\))|\]\([^)]*\)/g;

/**
 * Splits a segment into text and code tokens. Paired tags (and a Markdown link's `[` and `](url)`)
 * become `open`/`close` pairs; everything else is a standalone `ph`.
 * @returns {({ text: string } | { ph: string } | { open: string, close: string, inner: any[] })[]}
 */
export function tokenise(s) {
  const flat = [];
  let at = 0;
  for (const m of s.matchAll(CODE)) {
    if (m.index > at) flat.push({ text: s.slice(at, m.index) });
    flat.push({ code: m[0] });
    at = m.index + m[0].length;
  }
  if (at < s.length) flat.push({ text: s.slice(at) });
  const name = (c) => (c === '[' ? '[' : c.startsWith('](') ? ']' : /^<\/?([A-Za-z][\w.-]*)/.exec(c)?.[1]);
  const isOpen = (c) => c === '[' || (/^<[A-Za-z]/.test(c) && !c.endsWith('/>'));
  const isClose = (c) => c.startsWith('](') || c.startsWith('</');
  const partner = (c) => (c === '[' ? ']' : name(c));
  // Match opening and closing codes with a stack; an unmatched one is standalone.
  const closes = new Map();
  const stack = [];
  flat.forEach((t, i) => {
    if (t.code === undefined) return;
    if (isOpen(t.code)) stack.push(i);
    else if (isClose(t.code)) {
      const j = stack.findLastIndex((k) => partner(flat[k].code) === name(t.code));
      if (j >= 0) {
        closes.set(stack[j], i);
        stack.length = j;
      }
    }
  });
  const build = (from, to) => {
    const out = [];
    for (let i = from; i < to; i++) {
      const t = flat[i];
      if (t.text !== undefined) out.push({ text: t.text });
      else if (closes.has(i)) {
        const end = closes.get(i);
        out.push({ open: t.code, close: flat[end].code, inner: build(i + 1, end) });
        i = end;
      } else out.push({ ph: t.code });
    }
    return out;
  };
  return build(0, flat.length);
}

/** A segment's text without its code: what a reader reads. */
export function plainText(s) {
  const walk = (ts) => ts.map((t) => t.text ?? (t.inner ? walk(t.inner) : '')).join('');
  return walk(tokenise(s));
}

/** The code of a segment as a sorted list, to compare a translation's with the English. */
export function codes(s) {
  const out = [];
  const walk = (ts) =>
    ts.forEach((t) => {
      if (t.ph !== undefined) out.push(t.ph);
      if (t.open !== undefined) {
        out.push(`${t.open}…${t.close}`);
        walk(t.inner);
      }
    });
  walk(tokenise(s));
  return out.map((c) => c.replace(/\s+/g, ' ')).sort();
}
