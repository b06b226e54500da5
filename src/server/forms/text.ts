import { z } from 'zod';
import type { TranslationKey } from '~/i18n/keys';

/**
 * Free text as people type it, made safe to keep and to show again (to the
 * parent, in the staff inbox, in a CSV): normalised to NFC, with line breaks
 * as "\n", and refused when it holds
 * - control characters (NUL, ESC and the rest of C0 and C1, DEL; a tab or a
 *   new line only in long text), or characters that hide or reorder text
 *   (interlinear annotation, line and paragraph separators in one line,
 *   non-characters, lone surrogates);
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
 *   which can make a name read backwards in someone else's list (the marks
 *   LRM, RLM and ALM stay allowed: Arabic and Urdu keyboards type them);
 * - nothing but spaces and invisible characters (blank "letters" such as
 *   the Hangul filler U+3164 and the blank braille pattern included).
 * Joiners (ZWJ, ZWNJ) and variation selectors stay: Bengali, Panjabi, Urdu
 * and emoji need them. Lengths count what people see: grapheme clusters
 * (Intl.Segmenter), as the character count on the page does.
 */
export type TextProblem = 'control' | 'bidi' | 'invisible';

/** The messages (translation keys) for each problem; every form may use its own. */
export const TEXT_PROBLEM_KEYS: Record<TextProblem, TranslationKey> = {
  control: 'security:text.control',
  bidi: 'security:text.bidi',
  invisible: 'security:text.invisible',
};

// C0 and C1 controls and DEL, but tab (09) and line feed (0A): those are allowed in long text.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_BUT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
const TAB_OR_NEWLINE = /[\t\n]/u;
// Interlinear annotation (hides text), non-characters, and surrogates left alone by a bad encoder.
const HIDING = /[\uFFF9-\uFFFB\uFDD0-\uFDEF\uFFFE\uFFFF]|\p{Cs}/u;
const LINE_SEPARATORS = /[\u2028\u2029]/u;
const ALL_LINE_SEPARATORS = /[\u2028\u2029]/gu;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
// Something a reader can see: a letter, a digit, punctuation or a symbol (emoji included).
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
// Characters that draw nothing although some count as letters or symbols: the Hangul fillers
// (U+3164 and others), the Mongolian separators, and the rest of Unicode's "default ignorable"
// set, and the blank braille pattern (U+2800). Names made only of these look empty.
const DRAWS_NOTHING = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;

export type CleanText = { ok: true; text: string } | { ok: false; problem: TextProblem };

/**
 * Normalises a typed value (NFC; line breaks "\n", trimmed) and checks it.
 * An empty result is fine here: whether a field may be empty is the form's rule.
 */
export function cleanText(raw: string, options: { multiline?: boolean } = {}): CleanText {
  const multiline = options.multiline ?? false;
  let text = raw.replace(/\r\n?/g, '\n');
  if (multiline) text = text.replace(ALL_LINE_SEPARATORS, '\n');
  if (HIDING.test(text) || CONTROL_BUT_TAB_AND_NEWLINE.test(text)) return { ok: false, problem: 'control' };
  if (!multiline && (TAB_OR_NEWLINE.test(text) || LINE_SEPARATORS.test(text))) return { ok: false, problem: 'control' };
  if (BIDI_CONTROLS.test(text)) return { ok: false, problem: 'bidi' };
  text = text.normalize('NFC').trim();
  if (text !== '' && !VISIBLE.test(text.replace(DRAWS_NOTHING, ''))) return { ok: false, problem: 'invisible' };
  return { ok: true, text };
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** How many characters a person sees in `text` ("é" typed as e + accent is one; a family emoji is one). */
export function visibleLength(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

export interface TextMessages {
  /** When the field is empty (omit for an optional field: empty becomes null). */
  required?: string | undefined;
  /** Over the limit; the limit reaches the message as `count`. */
  tooLong: string;
  /** Overrides for the problem messages (default TEXT_PROBLEM_KEYS). */
  problems?: Partial<Record<TextProblem, string>> | undefined;
}

/** The one check behind every text field: clean, then required and length (in graphemes). */
function textField(max: number, multiline: boolean, messages: TextMessages) {
  const problems = { ...TEXT_PROBLEM_KEYS, ...messages.problems };
  return z
    .string({ error: messages.required ?? messages.tooLong })
    .optional()
    .transform((raw, ctx): string | null => {
      const cleaned = cleanText(raw ?? '', { multiline });
      if (!cleaned.ok) {
        ctx.addIssue({ code: 'custom', message: problems[cleaned.problem] });
        return z.NEVER;
      }
      if (cleaned.text === '') {
        if (messages.required === undefined) return null;
        ctx.addIssue({ code: 'too_small', minimum: 1, origin: 'string', inclusive: true, message: messages.required });
        return z.NEVER;
      }
      if (visibleLength(cleaned.text) > max) {
        ctx.addIssue({ code: 'too_big', maximum: max, origin: 'string', inclusive: true, message: messages.tooLong });
        return z.NEVER;
      }
      return cleaned.text;
    });
}

/** A required line of text (no line breaks), at most `max` characters as people count them. */
export function requiredLine(max: number, messages: TextMessages & { required: string }) {
  return textField(max, false, messages).transform((v) => v ?? '');
}

/** An optional line of text; empty becomes null. */
export function optionalLine(max: number, messages: Omit<TextMessages, 'required'>) {
  return textField(max, false, messages);
}

/** Required text from a textarea: line breaks and tabs allowed. */
export function requiredLongText(max: number, messages: TextMessages & { required: string }) {
  return textField(max, true, messages).transform((v) => v ?? '');
}

/** Optional text from a textarea; empty becomes null. */
export function optionalLongText(max: number, messages: Omit<TextMessages, 'required'>) {
  return textField(max, true, messages);
}

/**
 * A value that must match a strict pattern anyway (a link, a reference):
 * cleaned first, so the message for a hidden character is the clear one, and
 * a pattern like [^\s]+ can never let one through.
 */
export function cleanLine(messages: Pick<TextMessages, 'problems'> = {}) {
  const problems = { ...TEXT_PROBLEM_KEYS, ...messages.problems };
  return z
    .string()
    .optional()
    .transform((raw, ctx): string => {
      const cleaned = cleanText(raw ?? '');
      if (cleaned.ok) return cleaned.text;
      ctx.addIssue({ code: 'custom', message: problems[cleaned.problem] });
      return z.NEVER;
    });
}
