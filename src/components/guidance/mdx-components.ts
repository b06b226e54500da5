// The components a content page (MDX) may use without importing them.
import CouncilName from './CouncilName.astro';
import CouncilFact from './CouncilFact.astro';
import ComplaintContacts from './ComplaintContacts.astro';
import NationalHelp from './NationalHelp.astro';
import Term from './Term.astro';
import CouncilContacts from '~/components/layout/CouncilContacts.astro';

export const mdxComponents = { CouncilName, CouncilFact, ComplaintContacts, NationalHelp, Term, CouncilContacts };
