// A family for the parent-area tests: one case, two parents who live apart,
// two children, one conference; services over a test database with a clock
// the test moves and a temporary report folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAuthority } from '~/config/authorities';
import { readConfig } from '~/server/config';
import type { Db } from '~/server/db/client';
import { addSharedReport, minimalPdf } from '~/server/demo/parent-area';
import { memoryMailer } from '~/server/mail';
import { createServices, type Services } from '~/server/services';
import type { ParentActor } from '~/server/services/parent-scope';
import { manualClock } from './services';

const SYSTEM = { type: 'system', id: null } as const;

export interface ParentAreaWorld {
  services: Services;
  clock: ReturnType<typeof manualClock>;
  close(): Promise<void>;
}

/** Services for the parent area over `db`, for one council's rules. */
export async function openParentArea(
  db: Db,
  options: { now: string; authority?: string; env?: Record<string, string> },
): Promise<ParentAreaWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'portal-reports-'));
  const clock = manualClock(options.now);
  const config = readConfig({ NODE_ENV: 'test', REPORTS_DIR: dir, ...options.env });
  const services = createServices({
    config,
    db,
    clock,
    mailer: memoryMailer(),
    authority: getAuthority(options.authority ?? 'kingston'),
  });
  return {
    services,
    clock,
    close: async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Family {
  caseId: string;
  conferenceId: string;
  parentIds: [string, string];
  /** Each parent as the middleware would put them in Astro.locals.parent. */
  one: ParentActor;
  two: ParentActor;
}

/** A case with two parents and a conference starting at `startsAt`. */
export async function makeFamily(
  services: Services,
  startsAt: string,
  options: { reference?: string; type?: 'initial' | 'review'; initialConferenceDate?: string } = {},
): Promise<Family> {
  const caseId = await services.cases.createCase(
    options.reference ?? `TEST-${Math.random().toString(36).slice(2, 8)}`,
    SYSTEM,
  );
  const add = (name: string, email: string) =>
    services.cases.addParent({ caseId, name, email, preferredLanguage: 'en', sharesHousehold: false }, SYSTEM);
  const parentIds: [string, string] = [
    await add('Sam Taylor', 'one@example.test'),
    await add('Alex Morgan', 'two@example.test'),
  ];
  const childIds = [
    await services.cases.addChild({ caseId, firstName: 'Jamie', dateOfBirth: '2016-04-12' }, SYSTEM),
    await services.cases.addChild({ caseId, firstName: 'Riley', dateOfBirth: '2020-09-30' }, SYSTEM),
  ];
  const conferenceId = await services.cases.scheduleConference(
    {
      caseId,
      type: options.type ?? 'initial',
      startsAt: new Date(startsAt),
      chairName: 'Priya Shah',
      venue: 'Guildhall, meeting room 3',
      childIds,
      initialConferenceDate: options.initialConferenceDate ?? null,
    },
    SYSTEM,
  );
  return {
    caseId,
    conferenceId,
    parentIds,
    one: { userId: 'user-one', memberships: [{ parentId: parentIds[0], caseId }] },
    two: { userId: 'user-two', memberships: [{ parentId: parentIds[1], caseId }] },
  };
}

/** Shares a small PDF with some of the family's parents at `sharedAt`; returns the report id. */
export function shareReport(
  services: Services,
  family: Family,
  sharedWith: ('one' | 'two')[],
  sharedAt: string,
  title = 'Social work report',
): Promise<string> {
  return addSharedReport(services, {
    caseId: family.caseId,
    conferenceId: family.conferenceId,
    title,
    agency: "Children's social care",
    fileName: `${title}.pdf`,
    contentType: 'application/pdf',
    bytes: minimalPdf([title]),
    shares: sharedWith.map((who) => ({
      parentId: family.parentIds[who === 'one' ? 0 : 1],
      sharedAt: new Date(sharedAt),
    })),
    uploadedBy: 'test',
  });
}

/** The audit entries with this action, oldest first. */
export async function auditEntries(services: Services, action: string) {
  return services.db.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}

/** Reads a whole web stream (tests only: the portal itself never does this). */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Buffer; chunks: number }> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return { bytes: Buffer.concat(parts), chunks: parts.length };
}
