import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { authorityIds, getAuthority } from '~/config/authorities';
import { glossaryEntry } from '~/i18n/glossary';
import { LIMITS, measure, textBlocks } from '../support/readability';
import { site, text } from './site';

const kingston = site('kingston');
const slugs = readdirSync('content/guidance/en')
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''))
  .sort();
const LEAFLETS = ['kingston', 'redbridge', 'barnsley', 'hartlepool', 'torbay'] as const;

const factMap = readdirSync('tests/fact-map')
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) =>
    z
      .array(
        z
          .object({
            leaflet: z.enum(LEAFLETS),
            fact: z.string().min(5),
            page: z.string(),
            heading: z.string().min(2),
            /** Words that council's own build shows for a fact only its leaflet has (council-truth.test.ts checks them). */
            shows: z.string().min(3).optional(),
          })
          .strict(),
      )
      .parse(JSON.parse(readFileSync(`tests/fact-map/${f}`, 'utf8')))
      .map((entry) => ({ ...entry, file: f })),
  );

/** The h2–h3 headings of a built page's article, as plain text. */
const headings = (html: string) =>
  [...html.matchAll(/<h[23]\b[^>]*>([\s\S]*?)<\/h[23]>/g)].map((m) => text(m[1] ?? '').trim());

describe('the guidance', () => {
  it('has pages', () => {
    expect(slugs.length).toBeGreaterThanOrEqual(12);
  });

  it('maps facts from every leaflet', () => {
    for (const leaflet of LEAFLETS) {
      expect(
        factMap.filter((f) => f.leaflet === leaflet).length,
        `facts mapped from the ${leaflet} leaflet`,
      ).toBeGreaterThanOrEqual(8);
    }
  });

  it.each(factMap.map((f) => [`${f.leaflet}: ${f.fact}`, f] as const))(
    'puts the fact "%s" under its heading',
    (_name, fact) => {
      expect(slugs, `${fact.file}: page ${fact.page}`).toContain(fact.page);
      expect(headings(kingston.html(`/en/${fact.page}/`)), `${fact.file}: heading on /en/${fact.page}/`).toContain(
        fact.heading,
      );
    },
  );
});

describe.each(slugs)('the English page %s', (slug) => {
  const html = kingston.html(`/en/${slug}/`);

  it('is plain enough for a reading age of 9', () => {
    const r = measure(textBlocks(html));
    const tooLong = r.sentences.filter((s) => s.split(/\s+/).filter(Boolean).length > LIMITS.maxSentenceWords);
    expect(tooLong, 'sentences over 25 words').toEqual([]);
    expect(r.averageWords, `average sentence length (longest: "${r.longest.sentence}")`).toBeLessThanOrEqual(
      LIMITS.maxAverageWords,
    );
    expect(r.readingEase, 'Flesch reading ease').toBeGreaterThanOrEqual(LIMITS.minReadingEase);
  });

  it('explains every glossary term where it first appears', () => {
    const entries = z.array(glossaryEntry).parse(JSON.parse(readFileSync('content/glossary/en.json', 'utf8')));
    const body = (/<article\b[^>]*>([\s\S]*?)<\/article>/.exec(html)?.[1] ?? '')
      .replace(/<h([1-6])\b[\s\S]*?<\/h\1>/g, '')
      .replace(/<nav\b[\s\S]*?<\/nav>/g, '');
    for (const entry of entries.filter((e) => e.check)) {
      const first = firstUse(body, entry.match);
      if (first === null) continue;
      expect(first.explainedBy, `"${first.word}" first appears without an explanation: "…${first.context}…"`).toBe(
        entry.id,
      );
    }
  });

  it('names no council: council facts come from the profile', () => {
    const source = readFileSync(`content/guidance/en/${slug}.mdx`, 'utf8');
    for (const id of authorityIds) {
      const a = getAuthority(id);
      expect(source).not.toContain(a.shortName);
      if (a.contacts.phone.value) expect(source).not.toContain(a.contacts.phone.value);
    }
    expect(source).not.toMatch(/\b0\d{3,4} ?\d{3} ?\d{3,4}\b/);
  });
});

/**
 * The first place one of `words` appears in some HTML's text, and the glossary
 * id of the term link (<a data-term>) or the <dfn> it sits in, if any.
 */
function firstUse(html: string, words: string[]) {
  const pattern = new RegExp(`\\b(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i');
  const stack: (string | null)[] = [];
  for (const token of html.split(/(<[^>]+>)/)) {
    if (token.startsWith('<')) {
      if (/^<a\b/.test(token)) stack.push(/data-term="([^"]+)"/.exec(token)?.[1] ?? null);
      else if (/^<dfn\b/.test(token)) stack.push(/data-term="([^"]+)"/.exec(token)?.[1] ?? 'dfn');
      else if (/^<\/(a|dfn)>/.test(token)) stack.pop();
      continue;
    }
    const m = pattern.exec(token);
    if (m) {
      const explainedBy = [...stack].reverse().find((s) => s !== null) ?? null;
      return { word: m[0], explainedBy, context: token.slice(Math.max(0, m.index - 40), m.index + 40).trim() };
    }
  }
  return null;
}

describe('council rules in the guidance', () => {
  const rendered = (id: string, slug: string) => text(site(id).html(`/en/${slug}/`));
  it('tells each council’s parents their own age rule for children', () => {
    expect(rendered('hartlepool', 'can-my-child-come')).toContain(
      'In Hartlepool, children aged 11 and over are invited',
    );
    expect(rendered('redbridge', 'can-my-child-come')).toContain('In Redbridge, children aged 10 and over are invited');
    expect(rendered('barnsley', 'can-my-child-come')).toContain('The chair decides');
  });
  it('gives each council’s own deadlines', () => {
    expect(rendered('torbay', 'the-decisions')).toContain('within 24 hours');
    expect(rendered('kingston', 'the-decisions')).toContain('within 48 hours');
    // Kingston's leaflet: minutes "about 3 weeks afterwards", not a firm 21 days.
    expect(rendered('kingston', 'the-decisions')).toContain('about 3 weeks after the conference');
    expect(rendered('kingston', 'the-decisions')).not.toContain('within 21 days');
    expect(rendered('hartlepool', 'the-decisions')).toContain('within 28 days');
    // Redbridge's leaflet sets no time for the decisions or the minutes.
    expect(rendered('redbridge', 'the-decisions')).not.toMatch(/within (48 hours|24 hours|28 days)/);
  });
});
