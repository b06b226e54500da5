// The ways a parent can reach someone, from the council's profile, each with a label that says
// truthfully what it is (Torbay's website is its safeguarding board's page for professionals).
// The list is never empty: the child's social worker and the conference chair are routes for
// every council, whatever its leaflet prints.
import type { Authority, WebsiteKind } from '~/config/authority-schema';
import type { TranslationKey } from '~/i18n/keys';

type OtherContact = Authority['contacts']['others'][number];
type OpeningHours = NonNullable<Authority['contacts']['openingHours']['value']>;

/** One way to get in touch, in the order the contacts list shows them. */
export type ContactRoute =
  | { kind: 'social-worker' }
  | { kind: 'chair' }
  | { kind: 'team'; name: string }
  | { kind: 'phone'; number: string; officeHoursOnly: boolean }
  | { kind: 'textphone'; number: string }
  | { kind: 'email'; address: string }
  | { kind: 'complaint-email'; address: string; label: TranslationKey }
  | { kind: 'complaint-website'; url: string }
  | { kind: 'website'; url: string; label: TranslationKey }
  | { kind: 'reception'; place: string }
  | { kind: 'address'; lines: string[] }
  /** When the office (its phone and reception) is open: not a route itself, shown with them. */
  | { kind: 'hours'; hours: OpeningHours }
  | { kind: 'other-formats'; number: string }
  | { kind: 'other'; contact: OtherContact };

const WEBSITE_LABELS = {
  council: 'footer.website',
  factsheets: 'footer.website.factsheets',
  'board-for-professionals': 'footer.website.board-for-professionals',
} as const satisfies Record<WebsiteKind, TranslationKey>;

/** The label of the council's website link, by what the website is. */
export function websiteLabelKey(kind: WebsiteKind): TranslationKey {
  return WEBSITE_LABELS[kind];
}

/** The label of the council's complaints email: Barnsley's goes to its feedback and improvement team. */
export function complaintEmailLabelKey(authority: Authority): TranslationKey {
  return authority.rules.complaint.route.value === 'email-feedback-team'
    ? 'council:complaintEmail.feedback-team'
    : 'council:complaintEmail';
}

export interface ContactRouteOptions {
  /** Include the council's complaints email and web page (off where a complaints list is beside it). */
  complaints?: boolean;
}

/** Every way to get in touch that this council's profile gives, after the social worker and the chair. */
export function contactRoutes(authority: Authority, { complaints = true }: ContactRouteOptions = {}): ContactRoute[] {
  const c = authority.contacts;
  const complaint = authority.rules.complaint;
  const routes: ContactRoute[] = [{ kind: 'social-worker' }, { kind: 'chair' }];
  if (c.teamName.value) routes.push({ kind: 'team', name: c.teamName.value });
  if (c.phone.value)
    routes.push({ kind: 'phone', number: c.phone.value, officeHoursOnly: c.phoneHours.value === 'office-hours' });
  if (c.textphone.value) routes.push({ kind: 'textphone', number: c.textphone.value });
  if (c.email.value) routes.push({ kind: 'email', address: c.email.value });
  if (complaints && complaint.email.value)
    routes.push({ kind: 'complaint-email', address: complaint.email.value, label: complaintEmailLabelKey(authority) });
  if (complaints && complaint.website.value) routes.push({ kind: 'complaint-website', url: complaint.website.value });
  if (c.website.value && c.websiteIs)
    routes.push({ kind: 'website', url: c.website.value, label: websiteLabelKey(c.websiteIs) });
  if (c.reception.value) routes.push({ kind: 'reception', place: c.reception.value });
  if (c.postalAddress.value) routes.push({ kind: 'address', lines: c.postalAddress.value });
  if (c.openingHours.value?.length) routes.push({ kind: 'hours', hours: c.openingHours.value });
  if (c.otherFormatsPhone.value) routes.push({ kind: 'other-formats', number: c.otherFormatsPhone.value });
  for (const contact of c.others) routes.push({ kind: 'other', contact });
  return routes;
}

/** A phone number as a tel: link. */
export const telHref = (number: string) => `tel:${number.replace(/\s/g, '')}`;
