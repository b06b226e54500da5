import { createHash } from 'node:crypto';

/**
 * The version of an English page that a translation follows: a short hash of
 * the English page's body (the text after its frontmatter). A translation records it in its frontmatter as
 * `englishVersion`; when the English page changes, the hashes differ and the
 * translation is out of date until a translator updates it.
 */
export function englishVersion(englishSource: string): string {
  const normalised = englishSource.replace(/\r\n/g, '\n').trim();
  return createHash('sha256').update(normalised).digest('hex').slice(0, 12);
}
