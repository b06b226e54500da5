import { addCalendarDays, londonDate, londonInstant } from '~/server/domain/working-days';

export { londonInstant };
import type { Actor } from '~/server/auth/invite';
import type { Services } from '~/server/services';
import type { StaffActor } from '~/server/services/staff-reports';
import { seedDemoParentArea } from './parent-area';

/** The demo family's case reference: the seed runs once per database. */
export const DEMO_REFERENCE = 'DEMO-0001';
export const DEMO_PARENT_EMAILS = ['parent.one@example.test', 'parent.two@example.test'] as const;
/** The demo team, one per role. Each sets up an authenticator app at first sign-in. */
export const DEMO_STAFF = [
  { name: 'Ada Admin', email: 'admin@example.test', role: 'admin' },
  { name: 'Olu Officer', email: 'officer@example.test', role: 'officer' },
  { name: 'Priya Shah', email: 'chair@example.test', role: 'chair' },
  { name: 'Rui Reader', email: 'readonly@example.test', role: 'readonly' },
] as const;

const SEED: Actor = { type: 'system', id: 'demo-seed' };

/** What the seed made, for tests and later seed steps. */
export interface DemoFamily {
  caseId: string;
  parentIds: [string, string];
  childIds: [string, string];
  conferenceId: string;
}

/**
 * The demo team (one per role), added through the staff accounts service;
 * one already on the team is kept as it is. Returns the officer who uploads
 * the demo's reports and the chair who records its outcome.
 */
async function seedDemoTeam(services: Services): Promise<{ officer: StaffActor; chair: StaffActor }> {
  for (const member of DEMO_STAFF) await services.auth.staff.create(member, SEED);
  const team = await services.auth.staff.list();
  const member = (role: 'officer' | 'chair'): StaffActor => {
    const email = DEMO_STAFF.find((m) => m.role === role)!.email;
    const row = team.find((m) => m.email === email);
    if (!row) throw new Error(`The demo ${role} (${email}) is not on the team`);
    return { type: 'staff', id: row.id, role: row.role };
  };
  return { officer: member('officer'), chair: member('chair') };
}

/** The demo's coming conference: an initial one 9 days from today at 10:00 London time, for 2 hours. */
export function scheduleDemoConference(
  services: Services,
  caseId: string,
  childIds: string[],
  actor: Actor,
): Promise<string> {
  return services.cases.scheduleConference(
    {
      caseId,
      type: 'initial',
      startsAt: londonInstant(addCalendarDays(londonDate(services.clock.now()), 9), '10:00'),
      durationMinutes: 120,
      venue: 'Guildhall, High Street, Kingston upon Thames, KT1 1EU (Meeting room 3)',
      chairName: 'Priya Shah',
      childIds,
    },
    actor,
  );
}

/**
 * One family, built only through the services the staff area uses: a case,
 * two parents who live apart, two children, an initial conference in 9 days
 * at 10:00 London time, both parents invited. Add later steps (reports,
 * requests) at the end, as further service calls.
 */
export async function seedDemo(services: Services): Promise<DemoFamily | null> {
  const { cases, auth } = services;
  if (await cases.findCaseByReference(DEMO_REFERENCE)) return null;

  const team = await seedDemoTeam(services);
  const caseId = await cases.createCase(DEMO_REFERENCE, SEED);
  const parentIds: [string, string] = [
    await cases.addParent(
      { caseId, name: 'Sam Taylor', email: DEMO_PARENT_EMAILS[0], preferredLanguage: 'en', sharesHousehold: false },
      SEED,
    ),
    await cases.addParent(
      // The second parent reads Arabic: the parent area opens in Arabic for them.
      { caseId, name: 'Alex Morgan', email: DEMO_PARENT_EMAILS[1], preferredLanguage: 'ar', sharesHousehold: false },
      SEED,
    ),
  ];
  const childIds: [string, string] = [
    await cases.addChild({ caseId, firstName: 'Jamie', dateOfBirth: '2016-04-12' }, SEED),
    await cases.addChild({ caseId, firstName: 'Riley', dateOfBirth: '2020-09-30' }, SEED),
  ];
  const conferenceId = await scheduleDemoConference(services, caseId, childIds, SEED);
  for (const id of parentIds) await auth.inviteParent(id, SEED);

  // Later steps go here: shared reports, requests (the other services' own calls).
  await seedDemoParentArea(services, { caseId, conferenceId, parentIds, childIds }, team);
  return { caseId, parentIds, childIds, conferenceId };
}
