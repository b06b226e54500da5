// The parent area's part of the demo family: two small, valid PDF reports in
// the report store (one shared with the first parent only, one with both), and
// a conference held 12 days ago, so the demo shows reports, past conferences
// and the complaint form.
import { randomUUID } from 'node:crypto';
import { addCalendarDays, londonDate } from '~/server/domain/working-days';
import type { Services } from '~/server/services';
import { londonInstant } from './seed';

const SEED = { type: 'system', id: 'demo-seed' } as const;

/**
 * A one-page PDF saying `lines`, built by hand: header, four objects, a
 * cross-reference table with exact byte offsets, trailer. ASCII text only.
 */
export function minimalPdf(lines: readonly string[]): Uint8Array {
  const escape = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
  const text = lines.map((l, i) => `BT /F1 14 Tf 72 ${760 - i * 22} Td (${escape(l)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

/** A web stream over some bytes, as the report store takes them. */
export function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export interface NewSharedReport {
  caseId: string;
  conferenceId: string;
  title: string;
  agency: string;
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  /** Each parent it is shared with, and when. */
  shares: { parentId: string; sharedAt: Date }[];
  uploadedBy: string;
}

/**
 * Stores a report file and shares it. For the demo seed and tests only: the
 * staff area's upload (its own issue) is the real way reports come in.
 */
export async function addSharedReport(services: Services, input: NewSharedReport): Promise<string> {
  const id = randomUUID();
  const key = `${input.caseId}/${id}`;
  const size = await services.reportStore.put(key, bytesStream(input.bytes));
  const db = services.db.db;
  const uploadedAt = new Date(
    Math.min(...input.shares.map((s) => s.sharedAt.getTime()), services.clock.now().getTime()),
  ).toISOString();
  await db
    .insertInto('reports')
    .values({
      id,
      case_id: input.caseId,
      conference_id: input.conferenceId,
      title: input.title,
      agency: input.agency,
      file_key: key,
      file_name: input.fileName,
      content_type: input.contentType,
      size_bytes: size,
      uploaded_by: input.uploadedBy,
      uploaded_at: uploadedAt,
      withdrawn_at: null,
      withdrawn_by: null,
    })
    .execute();
  for (const share of input.shares) {
    await db
      .insertInto('report_shares')
      .values({ report_id: id, parent_id: share.parentId, shared_at: share.sharedAt.toISOString() })
      .execute();
  }
  await services.audit.record({
    actorType: 'system',
    actorId: input.uploadedBy,
    action: 'report.share',
    caseId: input.caseId,
    subjectType: 'report',
    subjectId: id,
    detail: { conferenceId: input.conferenceId, parents: input.shares.length, size },
  });
  return id;
}

/** The demo family's two reports: one shared with the first parent only, one with both. */
export async function seedDemoReports(
  services: Services,
  family: { caseId: string; conferenceId: string; parentIds: readonly [string, string] },
): Promise<string[]> {
  const sharedAt = services.clock.now();
  const [one, two] = family.parentIds;
  return [
    await addSharedReport(services, {
      caseId: family.caseId,
      conferenceId: family.conferenceId,
      title: 'Social work report for the conference',
      agency: "Children's social care",
      fileName: 'Social work report.pdf',
      contentType: 'application/pdf',
      bytes: minimalPdf(['Social work report for the conference', 'Demo family: this is example text only.']),
      shares: [{ parentId: one, sharedAt }],
      uploadedBy: 'demo-seed',
    }),
    await addSharedReport(services, {
      caseId: family.caseId,
      conferenceId: family.conferenceId,
      title: 'School report',
      agency: 'Riverside Primary School',
      fileName: 'School report.pdf',
      contentType: 'application/pdf',
      bytes: minimalPdf(['School report', 'Demo family: this is example text only.']),
      shares: [
        { parentId: one, sharedAt },
        { parentId: two, sharedAt },
      ],
      uploadedBy: 'demo-seed',
    }),
  ];
}

/** A conference the demo family had 12 days ago: held, so the complaint window is open. */
export async function seedDemoPastConference(
  services: Services,
  family: { caseId: string; childIds: readonly string[] },
): Promise<string> {
  const startsAt = londonInstant(addCalendarDays(londonDate(services.clock.now()), -12), '14:00');
  const id = await services.cases.scheduleConference(
    {
      caseId: family.caseId,
      type: 'initial',
      startsAt,
      durationMinutes: 90,
      onlineLink: 'https://meet.example.test/demo-conference',
      chairName: 'Priya Shah',
      childIds: [...family.childIds],
    },
    SEED,
  );
  // The staff area records the outcome (its own issue); the demo writes it directly.
  await services.db.db
    .updateTable('conferences')
    .set({ status: 'held', outcome: 'cin-plan' })
    .where('id', '=', id)
    .execute();
  return id;
}

/** Everything the parent area adds to the demo family (called at the end of seedDemo). */
export async function seedDemoParentArea(
  services: Services,
  family: { caseId: string; conferenceId: string; parentIds: readonly [string, string]; childIds: readonly string[] },
): Promise<void> {
  await seedDemoReports(services, family);
  await seedDemoPastConference(services, family);
}
