import type { TranslationKey } from '~/i18n/keys';

/**
 * Words on a form: a translation key (the parent area, and staff strings kept
 * in the `staff` namespace), or English words written in the page (the staff
 * area is English only). A key is looked up and marked `lang="en"` where the
 * reader's language has no such string yet; written words carry their own lang.
 */
export type Words = TranslationKey | { text: string; lang?: string | undefined };

/** A field's error as the form components take it: a translation key with values, or a message already in words. */
export type ShownError =
  | { field: string; key: TranslationKey; vars?: Record<string, number> | undefined }
  | { field: string; message: string; lang?: string | undefined };
