/**
 * The translation keys, as types, from the English files (English is the
 * source: every other language follows it). `t('account:typo')` then fails
 * `npm run check` instead of showing the raw key on a page, as Starlight's
 * `i18n.d.ts` does for its own strings.
 *
 * Type-only: nothing here exists at run time. A new key in an existing
 * `locales/en/<namespace>.json` is typed as soon as it is saved; a new
 * namespace file needs a line in `Resources` and `TYPED_NAMESPACES` (a unit
 * test says so).
 */
import type account from '../../locales/en/account.json';
import type auth from '../../locales/en/auth.json';
import type common from '../../locales/en/common.json';
import type council from '../../locales/en/council.json';
import type email from '../../locales/en/email.json';
import type errors from '../../locales/en/errors.json';
import type form from '../../locales/en/form.json';
import type messages from '../../locales/en/messages.json';
import type outage from '../../locales/en/outage.json';
import type security from '../../locales/en/security.json';
import type staff from '../../locales/en/staff.json';
import type timeline from '../../locales/en/timeline.json';

/** Namespace → the English file's contents (`meta.json` is not a namespace). */
export interface Resources {
  account: typeof account;
  auth: typeof auth;
  common: typeof common;
  council: typeof council;
  email: typeof email;
  errors: typeof errors;
  form: typeof form;
  messages: typeof messages;
  outage: typeof outage;
  security: typeof security;
  staff: typeof staff;
  timeline: typeof timeline;
}

export type Namespace = keyof Resources;

/**
 * The namespaces typed above, at run time, so a unit test can find an English
 * file not yet listed in `Resources` (its keys would all fail the type check).
 */
export const TYPED_NAMESPACES = {
  account: true,
  auth: true,
  common: true,
  council: true,
  email: true,
  errors: true,
  form: true,
  messages: true,
  outage: true,
  security: true,
  staff: true,
  timeline: true,
} as const satisfies Record<Namespace, true>;

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/** "reports_one" → "reports" (asked for with `{ count }`), and the key itself. */
type Asked<K> = K extends `${infer Base}_${PluralSuffix}` ? Base | K : K;
/** The keys of one namespace, without its "ns:" prefix. */
export type KeysOf<N extends Namespace> = Asked<keyof Resources[N] & string>;

/** A key as code asks for it: "ns:key", or a bare key in the default namespace "common". */
export type TranslationKey = { [N in Namespace]: `${N}:${KeysOf<N>}` }[Namespace] | KeysOf<'common'>;

/** Values put into the sentence (`{{name}}`), and i18next options such as `count`. */
export type TranslationOptions = Record<string, unknown>;

/** The translator on `Astro.locals.t`: only keys English has. */
export type Translator = (key: TranslationKey, options?: TranslationOptions) => string;

/**
 * A key built from data (a deadline's id, a schema's message) that the type
 * checker cannot follow. Use sparingly, where tests render every value; a
 * key written in code never needs it.
 */
export const dataKey = (key: string): TranslationKey => key as TranslationKey;
