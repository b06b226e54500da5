// The parent area's part of the demo family: two small, valid PDF reports in
// the report store (one shared with the first parent only, one with both), and
// a conference held 12 days ago, so the demo shows reports, past conferences
// and the complaint form.
import { randomUUID } from 'node:crypto';
import { addCalendarDays, londonDate } from '~/server/domain/working-days';
import { reportsRepository } from '~/server/db/repositories/reports';
import type { Services } from '~/server/services';
import type { StaffActor } from '~/server/services/staff-reports';
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
 * Stores a report file and shares it at the given times, with no checks of
 * the file. For tests and the benchmark only, which need shares dated in the
 * past and files of any size; the demo seed and the staff area upload
 * through the staff reports service (checked, shared from now).
 */
export async function addSharedReport(services: Services, input: NewSharedReport): Promise<string> {
  const id = randomUUID();
  const key = `${input.caseId}/${id}`;
  const size = await services.reportStore.put(key, bytesStream(input.bytes));
  const uploadedAt = new Date(
    Math.min(...input.shares.map((s) => s.sharedAt.getTime()), services.clock.now().getTime()),
  ).toISOString();
  await services.db.db.transaction().execute(async (trx) => {
    const reports = reportsRepository(trx);
    await reports.insert({
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
    });
    for (const share of input.shares) await reports.addShare(id, share.parentId, share.sharedAt.toISOString());
    await services.audit.record(
      {
        actorType: 'system',
        actorId: input.uploadedBy,
        action: 'report.share',
        caseId: input.caseId,
        subjectType: 'report',
        subjectId: id,
        detail: { conferenceId: input.conferenceId, parents: input.shares.length, size },
      },
      trx,
    );
  });
  return id;
}

/**
 * The demo family's two reports, uploaded by a member of the demo team
 * through the staff area's own service (the file checked as any upload is):
 * one shared with the first parent only, one with both.
 */
export async function seedDemoReports(
  services: Services,
  family: { conferenceId: string; parentIds: readonly [string, string] },
  uploader: StaffActor,
): Promise<string[]> {
  const [one, two] = family.parentIds;
  const upload = async (title: string, agency: string, fileName: string, parentIds: string[]) => {
    const uploaded = await services.staffReports.upload(
      {
        conferenceId: family.conferenceId,
        title,
        agency,
        fileName,
        stream: bytesStream(minimalPdf([title, 'Demo family: this is example text only.'])),
        parentIds,
      },
      uploader,
    );
    // The demo's own PDFs: a refusal is a bug in the demo, not something to show.
    if (!uploaded.ok) throw new Error(`The demo report ${fileName} was refused: ${uploaded.reason}`);
    return uploaded.id;
  };
  return [
    await upload('Social work report for the conference', "Children's social care", 'Social work report.pdf', [one]),
    await upload('School report', 'Riverside Primary School', 'School report.pdf', [one, two]),
  ];
}

/**
 * A conference the demo family had 12 days ago, scheduled and then given its
 * outcome (a child in need plan) by the chair through the staff area's
 * service: held, so the complaint window is open.
 */
export async function seedDemoPastConference(
  services: Services,
  family: { caseId: string; childIds: readonly string[] },
  chair: StaffActor,
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
  await services.staffConferences.recordOutcome(id, { outcome: 'cin-plan', category: null }, chair);
  return id;
}

/** Everything the parent area adds to the demo family (called at the end of seedDemo), by the demo team. */
export async function seedDemoParentArea(
  services: Services,
  family: { caseId: string; conferenceId: string; parentIds: readonly [string, string]; childIds: readonly string[] },
  team: { officer: StaffActor; chair: StaffActor },
): Promise<void> {
  await seedDemoReports(services, family, team.officer);
  await seedDemoPastConference(services, family, team.chair);
}
