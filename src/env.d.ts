/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The reader's language, from the first segment of the URL. */
    lang: import('./config/locales').LocaleCode;
    locale: import('./config/locales').Locale;
    /** Translator for `lang`; falls back to English key by key. */
    t: import('./i18n/keys').Translator;
    /** Attributes marking an element whose string `key` fell back to English. */
    en: (key: import('./i18n/keys').TranslationKey) => { lang?: string };
    /** The council this build serves (AUTHORITY). */
    authority: import('./config/authority-schema').Authority;
    /** The signed-in better-auth user, on /{lang}/account/ pages (set by the middleware). */
    user?: { id: string; email: string };
    /**
     * The signed-in parent, on /{lang}/account/ pages. One person may be a
     * parent in more than one case, so each case's parent row is listed.
     */
    parent?: {
      userId: string;
      name: string;
      preferredLanguage: string;
      /** One entry per case this person is a parent in. */
      memberships: { parentId: string; caseId: string }[];
    };
    /** The signed-in member of the council's team, on /staff/ pages (set by the middleware). */
    staff?: import('./server/auth/staff').StaffMember;
    /** When the signed-in session ends unless another page is loaded (for the timeout warning). */
    sessionExpiresAt?: Date;
    /** When the signed-in session ends whatever happens: its absolute lifetime after signing in. */
    sessionEndsAt?: Date;
  }
}
