import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES, SNIFF_BYTES, detectDocumentType, mayBeDocument } from '~/server/storage/file-type';

const text = (s: string) => new TextEncoder().encode(s);
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * A ZIP file's local entries, as writers lay them out: "store" (uncompressed,
 * as OpenDocument's mimetype must be), "deflate" (as Word writes), or
 * "stream" (deflated, sizes left to a data descriptor after the data, as
 * streaming zip writers do). No central directory: the sniffer never needs it.
 */
function zip(entries: { name: string; data: string; how?: 'store' | 'deflate' | 'stream' }[]): Uint8Array {
  return join(
    ...entries.map(({ name, data, how = 'deflate' }) => {
      const raw = text(data);
      const body = how === 'store' ? raw : new Uint8Array(deflateRawSync(raw));
      const header = new Uint8Array(30 + name.length);
      const view = new DataView(header.buffer);
      view.setUint32(0, 0x04034b50, true);
      view.setUint16(4, 20, true);
      view.setUint16(6, how === 'stream' ? 0x8 : 0, true);
      view.setUint16(8, how === 'store' ? 0 : 8, true);
      view.setUint32(18, how === 'stream' ? 0 : body.length, true);
      view.setUint32(22, how === 'stream' ? 0 : raw.length, true);
      view.setUint16(26, name.length, true);
      header.set(text(name), 30);
      const descriptor = new Uint8Array(how === 'stream' ? 16 : 0);
      if (how === 'stream') {
        const d = new DataView(descriptor.buffer);
        d.setUint32(0, 0x08074b50, true);
        d.setUint32(8, body.length, true);
        d.setUint32(12, raw.length, true);
      }
      return join(header, body, descriptor);
    }),
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const docx = (how: 'deflate' | 'stream' = 'deflate') =>
  zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES, how },
    { name: '_rels/.rels', data: '<Relationships/>', how },
    { name: 'word/document.xml', data: '<w:document><w:body>Report</w:body></w:document>', how },
  ]);
const odt = (mimetype = 'application/vnd.oasis.opendocument.text') =>
  zip([
    { name: 'mimetype', data: mimetype, how: 'store' },
    { name: 'content.xml', data: '<office:document-content/>' },
    { name: 'META-INF/manifest.xml', data: '<manifest/>' },
  ]);
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The start of a Windows program: "MZ", then the DOS stub. */
const exe = () =>
  join(
    new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
    text('This program cannot be run in DOS mode.'),
    new Uint8Array(400),
  );

describe('the type of a report, from its content', () => {
  it('knows a PDF, whatever comes after the header', () => {
    expect(detectDocumentType(text('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('pdf');
    expect(detectDocumentType(text('%PDF-2.0'))).toBe('pdf');
  });

  it('knows a Word 97–2003 document by its compound file header', () => {
    expect(detectDocumentType(join(new Uint8Array(OLE), new Uint8Array(504)))).toBe('doc');
  });

  it('knows a Word document (.docx), its entries deflated or streamed', () => {
    expect(detectDocumentType(docx())).toBe('docx');
    expect(detectDocumentType(docx('stream'))).toBe('docx');
  });

  it('knows a .docx whose word/ entries come after the first 64 KB, from its content types list', () => {
    const bigFirst = zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES, how: 'store' },
      { name: 'docProps/thumbnail.jpeg', data: 'x'.repeat(SNIFF_BYTES), how: 'store' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    expect(detectDocumentType(bigFirst.subarray(0, SNIFF_BYTES))).toBe('docx');
  });

  it('knows OpenDocument text by its mimetype entry', () => {
    expect(detectDocumentType(odt())).toBe('odt');
  });

  it('gives the content type and extension stored for each', () => {
    expect(DOCUMENT_TYPES.pdf).toMatchObject({ contentType: 'application/pdf', extension: 'pdf' });
    expect(DOCUMENT_TYPES.docx.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(DOCUMENT_TYPES.odt.contentType).toBe('application/vnd.oasis.opendocument.text');
    expect(DOCUMENT_TYPES.doc).toMatchObject({ contentType: 'application/msword', extension: 'doc' });
  });
});

describe('what is refused, whatever it is called', () => {
  it('refuses a program, even one saved as report.pdf', () => {
    expect(detectDocumentType(exe())).toBeNull();
    expect(mayBeDocument(exe().subarray(0, 2))).toBe(false);
  });

  it('refuses other zips: a spreadsheet, an OpenDocument spreadsheet or template, a macro-enabled Word file, any zip', () => {
    expect(
      detectDocumentType(
        zip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'xl/workbook.xml', data: '<workbook/>' },
        ]),
      ),
    ).toBeNull();
    expect(detectDocumentType(odt('application/vnd.oasis.opendocument.spreadsheet'))).toBeNull();
    expect(detectDocumentType(odt('application/vnd.oasis.opendocument.text-template'))).toBeNull();
    expect(
      detectDocumentType(
        zip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'word/document.xml', data: '<w:document/>' },
          { name: 'word/vbaProject.bin', data: 'VBA' },
        ]),
      ),
    ).toBeNull();
    expect(detectDocumentType(zip([{ name: 'payload.exe', data: 'MZ' }]))).toBeNull();
  });

  it('refuses text, HTML, images, nothing at all, and a header cut short', () => {
    expect(detectDocumentType(text('Dear chair, this is a letter'))).toBeNull();
    expect(detectDocumentType(text('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(detectDocumentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
    expect(detectDocumentType(new Uint8Array(0))).toBeNull();
    expect(detectDocumentType(text('%PDF'))).toBeNull();
    expect(detectDocumentType(new Uint8Array(OLE.slice(0, 7)))).toBeNull();
  });
});

describe('stopping an upload early', () => {
  it('keeps going while the first bytes could still begin a document', () => {
    expect(mayBeDocument(new Uint8Array(0))).toBe(true);
    expect(mayBeDocument(text('%P'))).toBe(true);
    expect(mayBeDocument(text('%PDF-1.4 and more'))).toBe(true);
    expect(mayBeDocument(new Uint8Array([0xd0, 0xcf]))).toBe(true);
    expect(mayBeDocument(docx().subarray(0, 3))).toBe(true);
  });

  it('stops at the first byte that cannot', () => {
    expect(mayBeDocument(text('%X'))).toBe(false);
    expect(mayBeDocument(text('hello'))).toBe(false);
    expect(mayBeDocument(new Uint8Array([0xd0, 0x00]))).toBe(false);
  });
});
