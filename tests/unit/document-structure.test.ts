import { describe, expect, it } from 'vitest';
import { minimalPdf } from '~/server/demo/parent-area';
import { MAX_INFLATED_BYTES, MAX_ZIP_ENTRIES, checkDocumentStructure } from '~/server/storage/document-structure';
import { RELS, docx, odt, pdfWithXrefStream } from '../support/crafted-files';

// Crafted files, as the probe sent them and as real writers make them: each
// is read back in small chunks, as the report store streams it.

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const opener =
  (file: Uint8Array, chunk = 1000) =>
  async () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < file.length; at += chunk) controller.enqueue(file.slice(at, at + chunk));
        controller.close();
      },
    });
const check = (type: 'pdf' | 'docx' | 'odt', file: Uint8Array, chunk?: number) =>
  checkDocumentStructure(type, opener(file, chunk));

describe('a PDF must be built as a PDF', () => {
  it('takes real PDFs: a table and trailer, a cross-reference stream, white space or NULs after %%EOF', async () => {
    expect(await check('pdf', minimalPdf(['A report']))).toBeNull();
    expect(await check('pdf', minimalPdf(['A report']), 7)).toBeNull();
    expect(await check('pdf', pdfWithXrefStream())).toBeNull();
    const padded = new Uint8Array([...minimalPdf(['A report']), 0, 0, 0x0a]);
    expect(await check('pdf', padded)).toBeNull();
  });

  it('refuses a PDF/HTML polyglot: a script after %%EOF, or HTML in the first kilobyte', async () => {
    const pdf = Buffer.from(minimalPdf(['A report']));
    const trailer = bytes('<html><script>alert(document.cookie)</script></html>\n');
    expect(await check('pdf', new Uint8Array(Buffer.concat([pdf, trailer])))).toBe('pdf-trailing-data');
    const early = Buffer.from(
      pdf.toString('latin1').replace('%PDF-1.4\n', '%PDF-1.4\n%<html><script>x()</script>\n'),
      'latin1',
    );
    expect(await check('pdf', new Uint8Array(early))).toBe('pdf-html');
  });

  it('refuses what only starts like a PDF: no %%EOF, no startxref, an offset that leads nowhere, no root', async () => {
    expect(await check('pdf', bytes('%PDF-1.4\nHello, this is not a PDF at all.\n'))).toBe('pdf-eof');
    expect(await check('pdf', bytes('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n'))).toBe('pdf-startxref');
    const pdf = Buffer.from(minimalPdf(['A report'])).toString('latin1');
    const wrongOffset = pdf.replace(/startxref\n\d+/, 'startxref\n12');
    expect(await check('pdf', bytes(wrongOffset))).toBe('pdf-xref');
    const beyond = pdf.replace(/startxref\n\d+/, 'startxref\n99999999');
    expect(await check('pdf', bytes(beyond))).toBe('pdf-startxref');
    expect(await check('pdf', bytes(pdf.replace('/Root 1 0 R', '')))).toBe('pdf-xref');
    expect(await check('pdf', bytes(pdf.replace('%PDF-1.4', '%PDF-9.9')))).toBe('pdf-header');
  });
});

describe('a .docx or .odt must be a bounded, macro-free document', () => {
  it('takes a real .docx and .odt, read in chunks of any size, with an ordinary link to click', async () => {
    const link =
      '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.gov.uk/" TargetMode="External"/>';
    expect(await check('docx', docx())).toBeNull();
    expect(await check('docx', docx([], RELS(link)), 13)).toBeNull();
    expect(await check('odt', odt())).toBeNull();
    const linked =
      '<office:document-content><text:a xlink:href="https://www.gov.uk/">GOV.UK</text:a></office:document-content>';
    expect(await check('odt', odt(linked), 5)).toBeNull();
  });

  it('refuses a .docx that inflates past 50 MB in all (a bomb), whether it admits it or lies', async () => {
    const zeros = new Uint8Array(MAX_INFLATED_BYTES / 2 + 1);
    const honest = docx([
      { name: 'word/media/a.bin', data: zeros },
      { name: 'word/media/b.bin', data: zeros },
    ]);
    expect(honest.length).toBeLessThan(200 * 1024);
    expect(await check('docx', honest, 64 * 1024)).toBe('zip-too-big-inflated');
    // Claims to be small: each entry is inflated and counted anyway.
    const lying = docx([{ name: 'word/media/a.bin', data: new Uint8Array(10 * 1024 * 1024), claimedSize: 100 }]);
    expect(await check('docx', lying, 64 * 1024)).toBe('zip-entry');
  }, 60_000);

  it('refuses too many entries, entries that overlap, and a file with no central directory', async () => {
    const many = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({
      name: `word/p${i}.xml`,
      data: 'x',
      store: true,
    }));
    expect(await check('docx', docx(many))).toBe('zip-too-many-entries');
    const file = docx();
    // Cut off the end record: nothing says where the entries are.
    expect(await check('docx', file.subarray(0, file.length - 22))).toBe('zip-directory');
  });

  it('refuses macros: vbaProject.bin, ActiveX, OpenDocument Basic and script events', async () => {
    expect(await check('docx', docx([{ name: 'word/vbaProject.bin', data: 'VBA' }]))).toBe('macros');
    expect(await check('docx', docx([{ name: 'word/activeX/activeX1.xml', data: '<ax/>' }]))).toBe('macros');
    expect(await check('odt', odt(undefined, [{ name: 'Basic/Standard/Module1.xml', data: 'Sub Main' }]))).toBe(
      'macros',
    );
    const onLoad =
      '<office:document-content><office:event-listeners><script:event-listener script:event-name="dom:load" xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic"/></office:event-listeners></office:document-content>';
    expect(await check('odt', odt(onLoad))).toBe('macros');
  });

  it('refuses external relationships that load something on opening: a template, a picture, a frame from elsewhere', async () => {
    for (const kind of ['attachedTemplate', 'image', 'oleObject', 'frame']) {
      const rel = `<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${kind}" Target="https://evil.example/${kind}" TargetMode="External"/>`;
      expect(await check('docx', docx([], RELS(rel)), 17), kind).toBe('external-relationship');
    }
    const picture =
      '<office:document-content><draw:frame><draw:image xlink:href="https://evil.example/track.png"/></draw:frame></office:document-content>';
    expect(await check('odt', odt(picture))).toBe('external-relationship');
    const embedded =
      '<office:document-content><draw:frame><draw:image xlink:href="Pictures/logo.png"/></draw:frame></office:document-content>';
    expect(await check('odt', odt(embedded))).toBeNull();
  });
});
