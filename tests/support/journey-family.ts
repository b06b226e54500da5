// A family of its own for one end-to-end parent journey: a case with one
// parent who reads `lang`, a child, an initial conference in 9 days with a
// report shared with the parent, and one held 12 days ago (so a complaint can
// be made). Built through the services the staff area uses, in the test
// server's own database (tests/support/seed-journey.mjs runs it).
import { scheduleDemoConference } from '~/server/demo/seed';
import { addSharedReport, minimalPdf, seedDemoPastConference } from '~/server/demo/parent-area';
import { getServices } from '~/server/services';
import type { LocaleCode } from '~/config/locales';

const ACTOR = { type: 'system', id: 'e2e-journey' } as const;
/** The chair who records the past conference's outcome (through the staff conferences service). */
const CHAIR = { type: 'staff', id: 'e2e-journey-chair', role: 'chair' } as const;

export interface JourneyFamily {
  email: string;
  conferenceId: string;
  pastConferenceId: string;
}

/** Seeds one family per language; each parent's email is `journey.<lang>.<stamp>@example.test`, in lower case (zh-hans) as the server keeps it. */
export async function seedJourneyFamilies(langs: LocaleCode[], stamp: string): Promise<Record<string, JourneyFamily>> {
  const services = await getServices();
  const { cases, auth, clock } = services;
  const families: Record<string, JourneyFamily> = {};
  for (const lang of langs) {
    const email = `journey.${lang}.${stamp}@example.test`.toLowerCase();
    const caseId = await cases.createCase(`JOURNEY-${lang}-${stamp}`.toUpperCase(), ACTOR);
    const parentId = await cases.addParent(
      { caseId, name: 'Jo Journey', email, preferredLanguage: lang, sharesHousehold: true },
      ACTOR,
    );
    const childId = await cases.addChild({ caseId, firstName: 'Kit', dateOfBirth: '2015-03-03' }, ACTOR);
    const conferenceId = await scheduleDemoConference(services, caseId, [childId], ACTOR);
    await addSharedReport(services, {
      caseId,
      conferenceId,
      title: 'Health visitor report',
      agency: 'Health visiting service',
      fileName: 'Health visitor report.pdf',
      contentType: 'application/pdf',
      bytes: minimalPdf(['Health visitor report', 'Example text only.']),
      shares: [{ parentId, sharedAt: clock.now() }],
      uploadedBy: ACTOR.id,
    });
    const pastConferenceId = await seedDemoPastConference(services, { caseId, childIds: [childId] }, CHAIR);
    await auth.inviteParent(parentId, ACTOR);
    families[lang] = { email, conferenceId, pastConferenceId };
  }
  await services.db.close();
  return families;
}
