/**
 * What kind of document some bytes are, from their content, never from a
 * file name: the staff area accepts only PDF, Word (.docx and the older .doc)
 * and OpenDocument text. The first 64 KB are enough to tell.
 */
export type DocumentType = 'pdf' | 'docx' | 'doc' | 'odt';

export const SNIFF_BYTES = 64 * 1024;

export const DOCUMENT_TYPES: Record<DocumentType, { contentType: string; extension: string; name: string }> = {
  pdf: { contentType: 'application/pdf', extension: 'pdf', name: 'PDF' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    name: 'Word',
  },
  doc: { contentType: 'application/msword', extension: 'doc', name: 'Word (old format)' },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extension: 'odt', name: 'OpenDocument text' },
};

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // OLE compound file (Word 97–2003)
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: a ZIP local file header (.docx, .odt)
const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const latin1 = new TextDecoder('latin1');
const ascii = (bytes: Uint8Array, from: number, length: number) => latin1.decode(bytes.subarray(from, from + length));

/** Where the next ZIP local header starts at or after `from`, or -1. */
function nextLocalHeader(head: Uint8Array, from: number): number {
  for (let i = from; i + 4 <= head.length; i++) if (startsWith(head, ZIP, i)) return i;
  return -1;
}

/** The names (and, for uncompressed entries, the first bytes) of the ZIP entries whose local headers lie in `head`. */
function zipEntries(head: Uint8Array): { name: string; data: string }[] {
  const entries: { name: string; data: string }[] = [];
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let at = 0;
  while (at >= 0 && at + 30 <= head.length && view.getUint32(at, true) === 0x04034b50) {
    const flags = view.getUint16(at + 6, true);
    const method = view.getUint16(at + 8, true);
    const compressed = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const name = ascii(head, at + 30, nameLength);
    const dataAt = at + 30 + nameLength + extraLength;
    entries.push({ name, data: method === 0 ? ascii(head, dataAt, Math.min(compressed, 80)) : '' });
    // Streaming writers leave the sizes to a trailing descriptor (flag bit 3): look for the next header instead.
    at = flags & 0x8 ? nextLocalHeader(head, dataAt) : dataAt + compressed;
  }
  return entries;
}

/**
 * False as soon as the first bytes cannot begin any accepted document, so an
 * upload can be stopped after its first chunk; true while they still might
 * (an empty or very short prefix included).
 */
export function mayBeDocument(prefix: Uint8Array): boolean {
  const fits = (signature: number[]) => signature.slice(0, prefix.length).every((b, i) => prefix[i] === b);
  return fits(PDF) || fits(OLE) || fits(ZIP);
}

/** The document type of a file whose first bytes are `head` (up to SNIFF_BYTES), or null for anything else. */
export function detectDocumentType(head: Uint8Array): DocumentType | null {
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, OLE)) return 'doc';
  if (!startsWith(head, ZIP)) return null;
  const entries = zipEntries(head);
  // OpenDocument puts an uncompressed "mimetype" entry first; exactly text (not a template or spreadsheet).
  const first = entries[0];
  if (first?.name === 'mimetype') return first.data === ODT_MIMETYPE ? 'odt' : null;
  // A macro-enabled Word file (.docm) has a VBA project: not a report to hand to a parent.
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return null;
  if (entries.some((e) => e.name.startsWith('word/'))) return 'docx';
  // Some writers put word/ after the first 64 KB: an uncompressed content types list still names it.
  if (
    entries.some((e) => e.name === '[Content_Types].xml') &&
    ascii(head, 0, head.length).includes('wordprocessingml.document.main+xml')
  )
    return 'docx';
  return null;
}
