// The components a content page (MDX) may use without importing them.
import CouncilName from './CouncilName.astro';
import CouncilFact from './CouncilFact.astro';
import ComplaintContacts from './ComplaintContacts.astro';
import NationalHelp from './NationalHelp.astro';
import Term from './Term.astro';
import CouncilContacts from '~/components/layout/CouncilContacts.astro';

// typescript-eslint's type service does not read .astro files (astro check does).
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
export const mdxComponents = { CouncilName, CouncilFact, ComplaintContacts, NationalHelp, Term, CouncilContacts };
