import { flesch } from 'flesch';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

/** The limits every English guidance page must meet (content-style.md: reading age 9). */
export const LIMITS = { minReadingEase: 60, maxAverageWords: 15, maxSentenceWords: 25 };

export interface Readability {
  sentences: string[];
  words: number;
  readingEase: number;
  grade: number;
  averageWords: number;
  longest: { sentence: string; words: number };
}

const decode = (s: string) =>
  s
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'");

/**
 * The readable text blocks of a page's article: paragraphs, list items,
 * headings, table cells and definitions, each one separate so a list item
 * without a full stop still counts as its own sentence.
 */
export function textBlocks(html: string): string[] {
  const article = /<article\b[^>]*>([\s\S]*?)<\/article>/i.exec(html)?.[1] ?? '';
  const withoutNav = article.replace(/<nav\b[\s\S]*?<\/nav>/gi, '');
  const blocks = withoutNav.split(/<\/?(?:p|li|h[1-6]|dt|dd|td|th|ul|ol|dl|tr|table|div|section|blockquote)\b[^>]*>/i);
  return blocks
    .map((b) =>
      decode(b.replace(/<[^>]+>/g, ''))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((b) => /[\p{L}\d]/u.test(b));
}

const wordsOf = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w));

/** Splits a block into sentences at . ! ? followed by a space (not inside numbers like 0.5). */
export function sentences(block: string): string[] {
  return block
    .split(/(?<=[.!?])\s+(?=[^a-z])/)
    .map((s) => s.trim())
    .filter((s) => wordsOf(s).length > 0);
}

/** Flesch reading ease, Flesch–Kincaid grade and sentence lengths of some text blocks. */
export function measure(blocks: string[]): Readability {
  const all = blocks.flatMap(sentences);
  const counts = { sentence: all.length, word: 0, syllable: 0 };
  let longest = { sentence: '', words: 0 };
  for (const s of all) {
    const words = wordsOf(s);
    counts.word += words.length;
    counts.syllable += words.reduce((n, w) => n + (/^\d/.test(w) ? 1 : syllable(w.replace(/[^\p{L}'-]/gu, ''))), 0);
    if (words.length > longest.words) longest = { sentence: s, words: words.length };
  }
  return {
    sentences: all,
    words: counts.word,
    readingEase: flesch(counts),
    grade: fleschKincaid(counts),
    averageWords: counts.word / Math.max(1, counts.sentence),
    longest,
  };
}
