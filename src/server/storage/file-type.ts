/**
 * What kind of document some bytes are, from their content, never from a
 * file name: the staff area accepts only PDF, Word (.docx and the older .doc)
 * and OpenDocument text. The first 64 KB are enough to tell.
 */
export type DocumentType = 'pdf' | 'docx' | 'doc' | 'odt';

export const SNIFF_BYTES = 64 * 1024;

export const DOCUMENT_TYPES: Record<DocumentType, { contentType: string; extension: string; name: string }> = {
  pdf: { contentType: 'application/pdf', extension: 'pdf', name: 'PDF' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', name: 'Word' },
  doc: { contentType: 'application/msword', extension: 'doc', name: 'Word (old format)' },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extension: 'odt', name: 'OpenDocument text' },
};

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const latin1 = new TextDecoder('latin1');
const ascii = (bytes: Uint8Array, from: number, length: number) => latin1.decode(bytes.subarray(from, from + length));

/** The names (and, for uncompressed entries, the first bytes) of the ZIP entries whose local headers lie in `head`. */
function zipEntries(head: Uint8Array): { name: string; data: string }[] {
  const entries: { name: string; data: string }[] = [];
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let at = 0;
  while (at + 30 <= head.length && view.getUint32(at, true) === 0x04034b50) {
    const method = view.getUint16(at + 8, true);
    const compressed = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const name = ascii(head, at + 30, nameLength);
    const dataAt = at + 30 + nameLength + extraLength;
    entries.push({ name, data: method === 0 ? ascii(head, dataAt, Math.min(compressed, 80)) : '' });
    // Sizes may be left to a trailing descriptor (flag bit 3): stop walking then.
    if (view.getUint16(at + 6, true) & 0x8) break;
    at = dataAt + compressed;
  }
  return entries;
}

/** The document type of a file whose first bytes are `head` (up to SNIFF_BYTES), or null for anything else. */
export function detectDocumentType(head: Uint8Array): DocumentType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc'; // OLE compound file
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const entries = zipEntries(head);
    const first = entries[0];
    if (first?.name === 'mimetype' && first.data.startsWith('application/vnd.oasis.opendocument.text')) return 'odt';
    if (entries.some((e) => e.name.startsWith('word/'))) return 'docx';
    // Some writers put word/ after the first 64 KB: its name still shows in the content types list.
    if (entries.some((e) => e.name === '[Content_Types].xml') && ascii(head, 0, head.length).includes('word/document.xml')) return 'docx';
  }
  return null;
}
