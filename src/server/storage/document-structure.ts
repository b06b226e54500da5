/**
 * Whether a stored report file is built the way its type says, read from the
 * store as a stream (never whole in memory), after file-type.ts has named the
 * type from its first bytes. A parent opens these files: a file that only
 * begins like a document is refused.
 *
 * - PDF: a version header; at the end, "startxref" and its offset, then
 *   "%%EOF" with nothing after it but white space (no HTML or script trailer:
 *   a PDF/HTML polyglot); the offset leads to a cross-reference table whose
 *   trailer names the document's root, or to a cross-reference stream; no
 *   HTML in the first kilobyte.
 * - .docx and .odt (ZIP): a central directory that agrees with the entries;
 *   at most MAX_ZIP_ENTRIES entries, inflating to at most MAX_INFLATED_BYTES
 *   in all (each entry really inflated and counted, not taken at its word);
 *   no encrypted entries; no macros (vbaProject.bin, ActiveX, OpenDocument
 *   Basic and scripts); no external relationships that load something when
 *   the file is opened (a template, a picture, an object or a frame from
 *   elsewhere; an ordinary link the reader may click stays allowed).
 * - .doc (Word 97–2003): left to file-type.ts (its OLE structure is not parsed).
 */
import type { DocumentType } from './file-type';

/** At most this many entries in a .docx or .odt (a long report has a few hundred at most). */
export const MAX_ZIP_ENTRIES = 2000;
/** What a .docx or .odt may inflate to, all entries together. */
export const MAX_INFLATED_BYTES = 50 * 1024 * 1024;

/** Why a file was refused (for the log; the uploader sees "not a document we can take"). */
export type StructureProblem =
  | 'pdf-header'
  | 'pdf-html'
  | 'pdf-eof'
  | 'pdf-trailing-data'
  | 'pdf-startxref'
  | 'pdf-xref'
  | 'zip-directory'
  | 'zip-too-many-entries'
  | 'zip-too-big-inflated'
  | 'zip-entry'
  | 'zip-encrypted'
  | 'macros'
  | 'external-relationship';

type Open = () => Promise<ReadableStream<Uint8Array> | null>;

const latin1 = new TextDecoder('latin1');
const text = (bytes: Uint8Array) => latin1.decode(bytes);

/** Reads a stream by byte counts: skip some, read some, or pass some on in chunks. */
function byteReader(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  let pending: Uint8Array = new Uint8Array(0);
  let position = 0;
  async function fill(): Promise<boolean> {
    if (pending.length) return true;
    const { done, value } = await reader.read();
    if (done) return false;
    pending = value;
    return true;
  }
  return {
    position: () => position,
    /** Up to `n` bytes, as they come; empty at the end. */
    async take(n: number): Promise<Uint8Array> {
      if (!(await fill())) return new Uint8Array(0);
      const part = pending.subarray(0, n);
      pending = pending.subarray(part.length);
      position += part.length;
      return part;
    },
    /** Exactly `n` bytes, or fewer at the end. */
    async read(n: number): Promise<Uint8Array> {
      const out = new Uint8Array(n);
      let got = 0;
      while (got < n) {
        const part = await this.take(n - got);
        if (!part.length) break;
        out.set(part, got);
        got += part.length;
      }
      return out.subarray(0, got);
    },
    async skip(n: number): Promise<number> {
      let skipped = 0;
      while (skipped < n) {
        const part = await this.take(n - skipped);
        if (!part.length) break;
        skipped += part.length;
      }
      return skipped;
    },
    async cancel(): Promise<void> {
      await reader.cancel().catch(() => undefined);
    },
  };
}

/** The first `headBytes` and the last `tailBytes` of a stream, and its size. */
async function headAndTail(
  stream: ReadableStream<Uint8Array>,
  headBytes: number,
  tailBytes: number,
): Promise<{ head: Uint8Array; tail: Uint8Array; size: number }> {
  const head = new Uint8Array(headBytes);
  let headLength = 0;
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (headLength < headBytes) {
      const part = chunk.subarray(0, headBytes - headLength);
      head.set(part, headLength);
      headLength += part.length;
    }
    chunks.push(chunk);
    kept += chunk.length;
    while (chunks.length > 1 && kept - chunks[0]!.length >= tailBytes) kept -= chunks.shift()!.length;
  }
  const all = new Uint8Array(kept);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return { head: head.subarray(0, headLength), tail: all.subarray(Math.max(0, kept - tailBytes)), size };
}

const HTML = /<\s*(!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|link|style|img|a\s)/i;

async function checkPdf(open: Open): Promise<StructureProblem | null> {
  const first = await open();
  if (!first) return 'pdf-header';
  const TAIL = 64 * 1024;
  const { head, tail, size } = await headAndTail(first, 1024, TAIL);
  const start = text(head);
  if (!/^%PDF-(1\.[0-7]|2\.0)[\r\n\s%]/.test(start)) return 'pdf-header';
  const end = text(tail);
  const eof = end.lastIndexOf('%%EOF');
  if (eof < 0) return 'pdf-eof';
  // Nothing after the last %%EOF but white space (some writers add a new line or NULs).
  if (!/^[\s\0]*$/.test(end.slice(eof + 5))) return 'pdf-trailing-data';
  if (HTML.test(start)) return 'pdf-html';
  const startxref = /startxref\s+(\d{1,10})\s*$/.exec(end.slice(0, eof));
  if (!startxref) return 'pdf-startxref';
  const offset = Number(startxref[1]);
  if (offset < 9 || offset >= size) return 'pdf-startxref';
  // What the offset leads to: a table ("xref") or a cross-reference stream ("12 0 obj << /Type /XRef …").
  const second = await open();
  if (!second) return 'pdf-xref';
  const reader = byteReader(second);
  try {
    if ((await reader.skip(offset)) < offset) return 'pdf-xref';
    const at = text(await reader.read(2048));
    if (/^\s*xref\s/.test(at)) {
      // A table: the trailer after it (between it and startxref, so in the tail) names the root.
      const trailer = end.lastIndexOf('trailer');
      if (trailer < 0 || !/\/Root\s+\d+\s+\d+\s+R/.test(end.slice(trailer, eof))) return 'pdf-xref';
      return null;
    }
    const object = /^\s*\d+\s+\d+\s+obj\s*<<([\s\S]*?)>>\s*stream/.exec(at);
    if (object && /\/Type\s*\/XRef\b/.test(object[1]!) && /\/Root\s+\d+\s+\d+\s+R/.test(object[1]!)) return null;
    return 'pdf-xref';
  } finally {
    await reader.cancel();
  }
}

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** The central directory's entries, from the end of the file; null when it cannot be read. */
function centralDirectory(tail: Uint8Array, size: number): ZipEntry[] | 'too-many' | null {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  // The end record: 22 bytes, then a comment of up to 64 KB.
  let end = -1;
  for (let i = tail.length - 22; i >= Math.max(0, tail.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50 && i + 22 + view.getUint16(i + 20, true) === tail.length) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) return null; // ZIP64: no report needs it
  if (count > MAX_ZIP_ENTRIES) return 'too-many';
  // Where the directory starts within the tail we kept.
  const tailStart = size - tail.length;
  const at0 = directoryOffset - tailStart;
  if (at0 < 0 || directoryOffset + directorySize !== size - (tail.length - end)) return null;
  const entries: ZipEntry[] = [];
  let at = at0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
      name: new TextDecoder().decode(tail.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== end) return null;
  return entries;
}

/** Entries that are macros, in Word or OpenDocument. */
const MACRO_ENTRY =
  /(^|\/)(vbaProject\.bin|vbaData\.xml)$|^word\/activeX\/|(^|\/)activeX\d*\.(xml|bin)$|^Basic\/[^/]+\/[^/]+$|^Scripts\//i;

/** An external relationship that loads something when the file opens: anything external but a link. */
function externalRelationship(xml: string): boolean {
  for (const [relationship] of xml.matchAll(/<Relationship\b[^>]*>/gi)) {
    if (!/TargetMode\s*=\s*["']External["']/i.test(relationship)) continue;
    if (/Type\s*=\s*["'][^"']*\/hyperlink["']/i.test(relationship)) continue;
    return true;
  }
  return false;
}

/** OpenDocument content that loads or runs something from elsewhere: linked images/objects/sections, script events. */
function externalOrScriptInOdf(xml: string): StructureProblem | null {
  if (/vnd\.sun\.star\.script:|<script:event-listener\b|<office:script\b/i.test(xml)) return 'macros';
  for (const [element] of xml.matchAll(
    /<(draw:image|draw:object|draw:object-ole|draw:plugin|draw:floating-frame|draw:applet|text:section-source|office:dde-source)\b[^>]*>/gi,
  )) {
    const href = /xlink:href\s*=\s*["']([^"']*)["']/i.exec(element)?.[1] ?? '';
    if (/^([a-z][a-z0-9+.-]*:|\/\/|\.\.\/|\/)/i.test(href) || /office:dde-source|text:section-source/i.test(element))
      return 'external-relationship';
  }
  return null;
}

/** Inflates (or passes on, when stored) `compressed` bytes from the reader, counting what comes out. */
async function inflateEntry(
  reader: ReturnType<typeof byteReader>,
  entry: ZipEntry,
  budget: number,
  onText: ((chunk: string) => void) | null,
): Promise<number | 'too-big' | 'broken'> {
  let remaining = entry.compressedSize;
  const input = new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(controller) {
      if (remaining === 0) return controller.close();
      const part = await reader.take(Math.min(remaining, 64 * 1024));
      if (!part.length) return controller.error(new Error('The file ends inside an entry'));
      remaining -= part.length;
      controller.enqueue(part.slice());
    },
  });
  const output: ReadableStream<Uint8Array> =
    entry.method === 8 ? input.pipeThrough(new DecompressionStream('deflate-raw')) : input;
  const outputReader = output.getReader();
  const decoder = new TextDecoder();
  let produced = 0;
  try {
    for (;;) {
      const { done, value } = await outputReader.read();
      if (done) break;
      produced += value.length;
      // More than it declared (a bomb lies about its size), or over what is left of the whole budget.
      if (produced > entry.size || produced > budget) {
        await outputReader.cancel().catch(() => undefined);
        return produced > budget ? 'too-big' : 'broken';
      }
      onText?.(decoder.decode(value, { stream: true }));
    }
  } catch {
    return 'broken';
  }
  // Whatever the inflater did not need is still the entry's: skip it, so the next entry lines up.
  if (remaining > 0) await reader.skip(remaining);
  return produced === entry.size ? produced : 'broken';
}

async function checkZip(type: 'docx' | 'odt', open: Open): Promise<StructureProblem | null> {
  const first = await open();
  if (!first) return 'zip-directory';
  const { tail, size } = await headAndTail(first, 0, 22 + 0xffff + MAX_ZIP_ENTRIES * 300);
  const directory = centralDirectory(tail, size);
  if (directory === 'too-many') return 'zip-too-many-entries';
  if (!directory || directory.length === 0) return 'zip-directory';
  if (directory.some((e) => e.flags & 0x1)) return 'zip-encrypted';
  if (directory.some((e) => e.method !== 0 && e.method !== 8)) return 'zip-entry';
  if (directory.some((e) => MACRO_ENTRY.test(e.name))) return 'macros';
  // Declared sizes first (cheap); then each entry is inflated and counted anyway.
  if (directory.reduce((n, e) => n + e.size, 0) > MAX_INFLATED_BYTES) return 'zip-too-big-inflated';
  const entries = [...directory].sort((a, b) => a.offset - b.offset);
  const second = await open();
  if (!second) return 'zip-directory';
  const reader = byteReader(second);
  let inflated = 0;
  try {
    for (const entry of entries) {
      // Entries one after another, never overlapping (overlaps are how some bombs multiply).
      if (entry.offset < reader.position()) return 'zip-entry';
      await reader.skip(entry.offset - reader.position());
      const local = await reader.read(30);
      const view = new DataView(local.buffer, local.byteOffset, local.byteLength);
      if (local.length < 30 || view.getUint32(0, true) !== 0x04034b50) return 'zip-entry';
      await reader.skip(view.getUint16(26, true) + view.getUint16(28, true));
      const scan =
        type === 'docx' ? /\.rels$/i.test(entry.name) : /^(content|styles|settings|manifest)\.xml$/.test(entry.name);
      let xml = '';
      let found: StructureProblem | null = null;
      const onText = scan
        ? (chunk: string) => {
            // Read in a window that keeps the end of the last chunk, so nothing is missed across a boundary.
            xml = xml.slice(-4096) + chunk;
            if (found) return;
            if (type === 'odt') found = externalOrScriptInOdf(xml);
            else if (externalRelationship(xml)) found = 'external-relationship';
          }
        : null;
      const result = await inflateEntry(reader, entry, MAX_INFLATED_BYTES - inflated, onText);
      if (result === 'too-big') return 'zip-too-big-inflated';
      if (result === 'broken') return 'zip-entry';
      if (found) return found;
      inflated += result;
    }
    return null;
  } finally {
    await reader.cancel();
  }
}

/**
 * Null when the stored file is what `type` says, or the problem found.
 * `open` opens the stored file again each time it is called.
 */
export async function checkDocumentStructure(type: DocumentType, open: Open): Promise<StructureProblem | null> {
  if (type === 'pdf') return checkPdf(open);
  if (type === 'docx' || type === 'odt') return checkZip(type, open);
  return null;
}
