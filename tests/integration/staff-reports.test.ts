import { readdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ForbiddenError } from '~/server/auth/staff-roles';
import { minimalPdf } from '~/server/demo/parent-area';
import { MAX_REPORT_BYTES, type NewReport, type StaffActor } from '~/server/services/staff-reports';
import { DATABASES } from '../support/db';
import { docx, odt } from '../support/crafted-files';
import { makeFamily, openParentArea, readAll, type Family, type ParentAreaWorld } from '../support/parent-area';
import { accepted } from '../support/accepted';

const OFFICER: StaffActor = { type: 'staff', id: 'staff-officer', role: 'officer' };
const READER: StaffActor = { type: 'staff', id: 'staff-reader', role: 'readonly' };

/** A web stream of `bytes` in 64 KB chunks that counts how many chunks the reader actually pulled. */
function countedStream(bytes: Uint8Array, chunk = 64 * 1024) {
  let at = 0;
  const counter = { pulled: 0, chunks: Math.ceil(bytes.length / chunk) };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        counter.pulled += 1;
        controller.enqueue(bytes.slice(at, at + chunk));
        at += chunk;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

/** A Windows program: "MZ" and its DOS stub, padded out to `size` bytes. */
function exe(size = 4096): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0x4d, 0x5a, 0x90, 0x00, 0x03]);
  bytes.set(new TextEncoder().encode('This program cannot be run in DOS mode.'), 0x4e);
  return bytes;
}

/** A real PDF of exactly `size` bytes: one long line of text. */
function pdfOfSize(size: number): Uint8Array {
  let line = size - minimalPdf(['']).length;
  for (;;) {
    const pdf = minimalPdf(['x'.repeat(line)]);
    if (pdf.length === size) return pdf;
    line -= pdf.length - size;
  }
}

// Uploading, sharing and withdrawing reports in the staff area, checked from
// both sides: what staff see (type, timescale) and what each parent sees.
describe.each(DATABASES)('staff reports on $name', ({ open }) => {
  let world: ParentAreaWorld;
  let family: Family;
  afterEach(() => world.close());

  // Kingston: reports reach parents 2 working days before an initial conference.
  // The conference is Thursday 12 November 2026, so the last day is Tuesday 10 November.
  async function setUp(now = '2026-11-02T09:00:00Z') {
    world = await openParentArea(await open(), { now, authority: 'redbridge' });
    family = await makeFamily(world.services, '2026-11-12T10:00:00Z');
  }
  const reports = () => world.services.staffReports;
  const upload = (input: Partial<NewReport> & Pick<NewReport, 'stream'>, actor = OFFICER) =>
    reports().upload(
      {
        conferenceId: family.conferenceId,
        title: 'Health visitor report',
        agency: 'Health',
        parentIds: [family.parentIds[0]],
        fileName: 'report.pdf',
        ...input,
      },
      actor,
    );
  /** An upload that must be taken: its report's id. */
  const uploaded = async (input: Partial<NewReport> & Pick<NewReport, 'stream'>, actor = OFFICER) => {
    const answer = await upload(input, actor);
    if (!answer.ok) throw new Error(`refused: ${answer.reason}`);
    return answer.id;
  };
  const pdf = (title = 'Health visitor report') => Readable.from([Buffer.from(minimalPdf([title]))]);
  /** Every file in the report folder (temporary files included). */
  const storedFiles = async () =>
    (await readdir(world.services.config.REPORTS_DIR, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => e.name);
  const parentTitles = async (who: 'one' | 'two') => {
    const state = await world.services.parentReports.list(family[who], family.conferenceId);
    return accepted(state).reports.map((r) => r.title);
  };
  const trail = async () =>
    await world.services.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'subject_id', 'detail'])
      .where('action', 'like', 'report.%')
      .orderBy('id')
      .execute();

  it('shares a report with one parent only: that parent sees and can download it, the other parent does not', async () => {
    await setUp();
    const id = await uploaded({ stream: pdf(), fileName: 'C:\\Users\\officer\\HV report (final).pdf' });
    expect(await parentTitles('one')).toEqual(['Health visitor report']);
    expect(await parentTitles('two')).toEqual([]);
    expect(await world.services.parentReports.open(family.two, id)).toBeNull();
    const download = await world.services.parentReports.open(family.one, id);
    expect(download).toMatchObject({ fileName: 'HV report (final).pdf', contentType: 'application/pdf' });
    expect((await readAll(download!.stream)).bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('names and labels the file from what it is, not from what it is called', async () => {
    await setUp();
    const { stream } = countedStream(minimalPdf(['Minutes']));
    await uploaded({ stream, fileName: '../../etc/notes.txt' });
    const [report] = await reports().forConference(family.conferenceId);
    expect(report).toMatchObject({
      fileName: 'notes.pdf',
      contentType: 'application/pdf',
      title: 'Health visitor report',
      agency: 'Health',
    });
    expect(report?.sizeBytes).toBe(minimalPdf(['Minutes']).length);
  });

  it('tells staff the deadline and that a report shared in good time is on time', async () => {
    await setUp('2026-11-10T16:00:00Z');
    await uploaded({ stream: pdf() });
    const [report] = await reports().forConference(family.conferenceId);
    expect(report).toMatchObject({ deadline: '2026-11-10', onTime: true });
    expect(report?.shares).toEqual([
      expect.objectContaining({ parentId: family.parentIds[0], parentName: 'Sam Taylor', onTime: true }),
    ]);
  });

  it('says a report shared now is late from midnight in England, not midnight UTC (summer time)', async () => {
    world = await openParentArea(await open(), { now: '2026-07-14T22:30:00Z', authority: 'redbridge' });
    family = await makeFamily(world.services, '2026-07-16T09:00:00Z');
    // Thursday 16 July: the last day is Tuesday 14 July. 23:30 on the 14th in London is still in time…
    expect(await reports().deadline(family.conferenceId)).toEqual({ dueBy: '2026-07-14', lateToday: false });
    // …and 00:30 on the 15th (23:30 UTC on the 14th) is late.
    world.clock.set('2026-07-14T23:30:00Z');
    expect(await reports().deadline(family.conferenceId)).toEqual({ dueBy: '2026-07-14', lateToday: true });
  });

  it('flags a report shared with a second parent after the deadline as late, for staff and for that parent alike', async () => {
    await setUp();
    const id = await uploaded({ stream: pdf() });
    world.clock.set('2026-11-11T09:00:00Z');
    await reports().share(id, [family.parentIds[0], family.parentIds[1]], OFFICER);
    const [report] = await reports().forConference(family.conferenceId);
    expect(report?.onTime).toBe(false);
    expect(report?.shares.map((s) => [s.parentName, s.onTime])).toEqual([
      ['Alex Morgan', false],
      ['Sam Taylor', true],
    ]);
    // The first parent keeps the date they had it from.
    expect(report?.shares.find((s) => s.parentName === 'Sam Taylor')?.sharedAt).toBe('2026-11-02T09:00:00.000Z');
    const two = await world.services.parentReports.list(family.two, family.conferenceId);
    expect(accepted(two).reports.map((r) => [r.title, r.late])).toEqual([['Health visitor report', true]]);
    const one = await world.services.parentReports.list(family.one, family.conferenceId);
    expect(accepted(one).reports.map((r) => r.late)).toEqual([false]);
  });

  it('refuses a program renamed report.pdf, stops reading it at once and keeps nothing', async () => {
    await setUp();
    const { stream, counter } = countedStream(exe(2 * 1024 * 1024));
    const refused = upload({ stream, fileName: 'report.pdf' });
    // An answer, not an exception: the page shows the reason's message.
    expect(await refused).toEqual({ ok: false, reason: 'staff:report.file.type' });
    expect(counter.pulled).toBeLessThan(counter.chunks);
    expect(await storedFiles()).toEqual([]);
    expect(await reports().forConference(family.conferenceId)).toEqual([]);
    expect(await parentTitles('one')).toEqual([]);
  });

  it('refuses a zip or a text file called .docx, and keeps nothing', async () => {
    await setUp();
    const zipWithProgram = new Uint8Array([
      0x50,
      0x4b,
      0x03,
      0x04,
      20,
      0,
      0,
      0,
      0,
      0,
      ...new Array<number>(16).fill(0),
      11,
      0,
      0,
      0,
      ...new TextEncoder().encode('payload.exe'),
      0x4d,
      0x5a,
    ]);
    await expect(
      upload({ stream: Readable.from([Buffer.from(zipWithProgram)]), fileName: 'report.docx' }),
    ).resolves.toEqual({ ok: false, reason: 'staff:report.file.type' });
    await expect(
      upload({ stream: Readable.from([Buffer.from('Dear chair')]), fileName: 'letter.docx' }),
    ).resolves.toEqual({ ok: false, reason: 'staff:report.file.type' });
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses a file over the size limit and keeps nothing, not even the part already written', async () => {
    await setUp();
    const big = pdfOfSize(MAX_REPORT_BYTES + 1);
    const { stream, counter } = countedStream(big);
    await expect(upload({ stream, fileName: 'big.pdf' })).resolves.toEqual({
      ok: false,
      reason: 'staff:report.file.tooBig',
    });
    expect(counter.pulled).toBe(counter.chunks);
    expect(await storedFiles()).toEqual([]);
    expect(await reports().forConference(family.conferenceId)).toEqual([]);
    // Exactly at the limit is fine.
    const just = pdfOfSize(MAX_REPORT_BYTES);
    const id = await uploaded({ stream: countedStream(just).stream, fileName: 'just.pdf' });
    expect((await reports().get(id))?.sizeBytes).toBe(MAX_REPORT_BYTES);
  }, 120_000);

  it('refuses a PDF/HTML polyglot, a .docx bomb, a .docx with macros or a remote template, and keeps nothing', async () => {
    await setUp();
    const polyglot = Buffer.concat([
      Buffer.from(minimalPdf(['Report'])),
      Buffer.from('<html><script>alert(1)</script>'),
    ]);
    const zeros = new Uint8Array(30 * 1024 * 1024);
    const bomb = docx([
      { name: 'word/media/a.bin', data: zeros },
      { name: 'word/media/b.bin', data: zeros },
    ]);
    const macros = docx([{ name: 'word/vbaProject.bin', data: 'Attribute VB_Name' }]);
    const template = docx(
      [],
      '<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="https://evil.example/t.dotm" TargetMode="External"/></Relationships>',
    );
    for (const [fileName, file, code] of [
      ['polyglot.pdf', polyglot, 'staff:report.file.unsafe'],
      ['bomb.docx', bomb, 'staff:report.file.unsafe'],
      // Named for what it is from its first bytes already (a macro-enabled document).
      ['macros.docx', macros, 'staff:report.file.type'],
      ['template.docx', template, 'staff:report.file.unsafe'],
    ] as const) {
      await expect(upload({ stream: Readable.from([Buffer.from(file)]), fileName }), fileName).resolves.toEqual({
        ok: false,
        reason: code,
      });
    }
    expect(await storedFiles()).toEqual([]);
    expect(await reports().forConference(family.conferenceId)).toEqual([]);
    expect(await parentTitles('one')).toEqual([]);
    // A real .docx and .odt are taken.
    await uploaded({ stream: Readable.from([Buffer.from(docx())]), fileName: 'report.docx', title: 'Word' });
    await uploaded({ stream: Readable.from([Buffer.from(odt())]), fileName: 'report.odt', title: 'OpenDocument' });
    expect((await reports().forConference(family.conferenceId)).map((r) => r.title).sort()).toEqual([
      'OpenDocument',
      'Word',
    ]);
  }, 60_000);

  it('refuses an empty file and keeps nothing', async () => {
    await setUp();
    await expect(upload({ stream: Readable.from([]), fileName: 'empty.pdf' })).resolves.toEqual({
      ok: false,
      reason: 'staff:report.file.empty',
    });
    await expect(upload({ stream: countedStream(new Uint8Array(0)).stream, fileName: 'empty.pdf' })).resolves.toEqual({
      ok: false,
      reason: 'staff:report.file.empty',
    });
    expect(await storedFiles()).toEqual([]);
    expect(await trail()).toEqual([]);
  });

  it('withdraws a report: the parent no longer sees or downloads it, staff still see it, the trail keeps every step', async () => {
    await setUp();
    const id = await uploaded({ stream: pdf('Police report'), title: 'Police report', agency: 'Police' });
    await reports().share(id, [family.parentIds[1]], OFFICER);
    expect(await parentTitles('two')).toEqual(['Police report']);
    world.clock.set('2026-11-03T09:00:00Z');
    expect(await reports().withdraw(id, OFFICER)).toEqual({ ok: true });
    expect(await reports().withdraw(id, OFFICER)).toEqual({ ok: true });
    expect(await parentTitles('one')).toEqual([]);
    expect(await parentTitles('two')).toEqual([]);
    expect(await world.services.parentReports.open(family.one, id)).toBeNull();
    expect(await reports().get(id)).toMatchObject({
      withdrawnAt: '2026-11-03T09:00:00.000Z',
      conferenceId: family.conferenceId,
      caseId: family.caseId,
    });
    const entries = await trail();
    expect(entries.map((e) => [e.action, e.actor_id, e.subject_id])).toEqual([
      ['report.upload', OFFICER.id, id],
      ['report.share', OFFICER.id, id],
      ['report.withdraw', OFFICER.id, id],
    ]);
    // Ids only: no title, agency or file name in the log.
    expect(JSON.stringify(entries)).not.toMatch(/Police|\.pdf/);
  });

  it('answers a conference or report that is not there, and a report withdrawn meanwhile, with a refusal, changing nothing', async () => {
    await setUp();
    const gone = '00000000-0000-0000-0000-000000000000';
    expect(await upload({ stream: pdf(), conferenceId: gone })).toEqual({ ok: false, reason: 'missing' });
    expect(await storedFiles()).toEqual([]);
    expect(await reports().deadline(gone)).toBeNull();
    expect(await reports().forConference(gone)).toEqual([]);
    expect(await world.services.staffConferences.details(gone)).toBeNull();
    expect(await reports().share(gone, [family.parentIds[1]], OFFICER)).toEqual({ ok: false, reason: 'missing' });
    expect(await reports().withdraw(gone, OFFICER)).toEqual({ ok: false, reason: 'missing' });
    const id = await uploaded({ stream: pdf() });
    await reports().withdraw(id, OFFICER);
    expect(await reports().share(id, [family.parentIds[1]], OFFICER)).toEqual({ ok: false, reason: 'withdrawn' });
    expect(await parentTitles('two')).toEqual([]);
    expect((await trail()).map((e) => e.action)).toEqual(['report.upload', 'report.withdraw']);
  });

  it('shares and withdraws once when each is sent 12 times at once: one change and one entry in the trail each, no error', async () => {
    await setUp();
    const id = await uploaded({ stream: pdf() });
    const shared = await Promise.allSettled(
      Array.from({ length: 12 }, () => reports().share(id, [family.parentIds[1]], OFFICER)),
    );
    expect(shared.filter((r) => r.status === 'rejected')).toEqual([]);
    const withdrawn = await Promise.allSettled(Array.from({ length: 12 }, () => reports().withdraw(id, OFFICER)));
    expect(withdrawn.filter((r) => r.status === 'rejected')).toEqual([]);
    expect((await reports().get(id))?.shares.map((s) => s.parentName)).toEqual(['Alex Morgan', 'Sam Taylor']);
    expect((await trail()).map((e) => e.action)).toEqual(['report.upload', 'report.share', 'report.withdraw']);
  });

  it('gives reports only to parents of the conference’s own case', async () => {
    await setUp();
    const other = await makeFamily(world.services, '2026-11-12T10:00:00Z');
    const id = await uploaded({ stream: pdf(), parentIds: [other.parentIds[0]] });
    await reports().share(id, [other.parentIds[1]], OFFICER);
    const [report] = await reports().forConference(family.conferenceId);
    expect(report?.shares).toEqual([]);
    const theirs = await world.services.parentReports.list(other.one, family.conferenceId);
    expect(theirs.ok).toBe(false);
    expect(await world.services.parentReports.open(other.one, id)).toBeNull();
  });

  it('lets a read-only member change nothing: no upload (nothing stored), no sharing, no withdrawal', async () => {
    await setUp();
    await expect(upload({ stream: pdf() }, READER)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await storedFiles()).toEqual([]);
    const id = await uploaded({ stream: pdf() });
    await expect(reports().share(id, [family.parentIds[1]], READER)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reports().withdraw(id, READER)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await parentTitles('one')).toEqual(['Health visitor report']);
    expect(await parentTitles('two')).toEqual([]);
    expect((await trail()).map((e) => e.action)).toEqual(['report.upload']);
  });
});
