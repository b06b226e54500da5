import { describe, expect, it } from 'vitest';
import { detectDocumentType } from '~/server/storage/file-type';
import { toCsv } from '~/server/services/csv';
import { can } from '~/server/auth/staff-roles';

/** A minimal ZIP local file header for one stored (uncompressed) entry. */
function zipEntry(name: string, data: string): Uint8Array {
  const header = new Uint8Array(30 + name.length + data.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(8, 0, true);
  view.setUint32(18, data.length, true);
  view.setUint32(22, data.length, true);
  view.setUint16(26, name.length, true);
  header.set(new TextEncoder().encode(name + data), 30);
  return header;
}
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};

describe('telling documents from their content', () => {
  it('knows PDF, old Word, Word and OpenDocument text', () => {
    expect(detectDocumentType(new TextEncoder().encode('%PDF-1.7\n...'))).toBe('pdf');
    expect(detectDocumentType(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe('doc');
    expect(
      detectDocumentType(
        join(zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('word/document.xml', '<w:document/>')),
      ),
    ).toBe('docx');
    expect(
      detectDocumentType(
        join(zipEntry('mimetype', 'application/vnd.oasis.opendocument.text'), zipEntry('content.xml', '<x/>')),
      ),
    ).toBe('odt');
  });
  it('refuses an executable, a spreadsheet zip, a spreadsheet OpenDocument and plain text, whatever they are called', () => {
    expect(detectDocumentType(new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0]))).toBeNull();
    expect(
      detectDocumentType(join(zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('xl/workbook.xml', '<w/>'))),
    ).toBeNull();
    expect(detectDocumentType(join(zipEntry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')))).toBeNull();
    expect(detectDocumentType(new TextEncoder().encode('Dear chair, this is a letter'))).toBeNull();
    expect(detectDocumentType(new Uint8Array(0))).toBeNull();
  });
});

describe('CSV for the chair’s pack', () => {
  it('quotes every cell, doubles quotes and defuses formulas', () => {
    const csv = toCsv([
      ['a', 'say "hi"', '=1+1'],
      ['-2', '@SUM(A1)', 'line\nbreak'],
    ]);
    expect(csv).toBe('\uFEFF"a","say ""hi""","\'=1+1"\r\n"\'-2","\'@SUM(A1)","line\nbreak"\r\n');
  });
});

describe('staff roles', () => {
  it('lets a read-only member look but change nothing, and only administrators manage staff', () => {
    expect(can('readonly', 'view')).toBe(true);
    for (const p of [
      'editCases',
      'manageConferences',
      'uploadReports',
      'handleRequests',
      'recordDecisions',
      'manageStaff',
    ] as const)
      expect(can('readonly', p)).toBe(false);
    expect(can('officer', 'recordDecisions')).toBe(false);
    expect(can('chair', 'recordDecisions')).toBe(true);
    expect(can('chair', 'manageStaff')).toBe(false);
    expect(can('admin', 'manageStaff')).toBe(true);
  });
});
