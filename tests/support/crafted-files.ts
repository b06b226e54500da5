// Crafted report files for the upload checks (src/server/storage/document-structure.ts):
// whole ZIP files (.docx, .odt) with a central directory, and PDFs, built by
// hand so each test says exactly what is in them.
import { deflateRawSync } from 'node:zlib';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

export interface Entry {
  name: string;
  data: string | Uint8Array;
  store?: boolean;
  /** What the headers claim the entry inflates to (a bomb lies). */
  claimedSize?: number;
}

/** A whole ZIP file: local entries, central directory, end record. */
export function zip(entries: Entry[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data, store, claimedSize } of entries) {
    const raw = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
    const body = store ? raw : deflateRawSync(raw);
    const nameBytes = Buffer.from(name);
    const size = claimedSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(store ? 0 : 8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(store ? 0 : 8, 10);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    central.push(header, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

export const CONTENT_TYPES =
  '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
export const RELS = (extra = '') =>
  `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${extra}</Relationships>`;
export const docx = (more: Entry[] = [], documentRels = RELS()) =>
  zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS() },
    { name: 'word/document.xml', data: '<w:document><w:body><w:p><w:t>Report</w:t></w:p></w:body></w:document>' },
    { name: 'word/_rels/document.xml.rels', data: documentRels },
    ...more,
  ]);
export const odt = (
  content = '<office:document-content><office:body><text:p>Report</text:p></office:body></office:document-content>',
  more: Entry[] = [],
) =>
  zip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
    { name: 'content.xml', data: content },
    { name: 'META-INF/manifest.xml', data: '<manifest:manifest/>' },
    ...more,
  ]);

/** A PDF with a cross-reference stream instead of a table (as PDF 1.5 and later writers make them). */
export function pdfWithXrefStream(): Uint8Array {
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n';
  body += '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n';
  const xref = body.length;
  body += '3 0 obj\n<< /Type /XRef /Size 4 /W [1 2 1] /Root 1 0 R /Length 0 >>\nstream\n\nendstream\nendobj\n';
  body += `startxref\n${xref}\n%%EOF\r\n`;
  return bytes(body);
}
