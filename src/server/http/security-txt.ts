/**
 * /.well-known/security.txt (RFC 9116): where to report a security problem
 * in this council's portal, from the SECURITY_CONTACT setting. Without the
 * setting there is no file (404): the council has not said whom to tell, and
 * no address is invented. SECURITY.md tells people how to report a problem
 * in the portal's code itself.
 *
 * scripts/serve.mjs loads this file directly, so it uses only erasable
 * TypeScript and relative imports.
 */

/** One contact as security.txt wants it: an email address becomes mailto:, a web address stays. */
export function securityContactUri(contact: string): string | null {
  const value = contact.trim();
  if (/^mailto:[^\s@]+@[^\s@]+\.[^\s@]+$/i.test(value) || /^https:\/\/[^\s]+$/i.test(value)) return value;
  if (/^tel:\+?[0-9-]+$/i.test(value)) return value;
  if (/^[^\s@:]+@[^\s@]+\.[^\s@]+$/.test(value)) return `mailto:${value}`;
  return null;
}

/** The contacts in SECURITY_CONTACT (comma-separated); throws, naming it, on one that is not an email, https:// or tel: address. */
export function parseSecurityContacts(setting: string | undefined): string[] {
  if (!setting?.trim()) return [];
  return setting.split(',').map((item) => {
    const uri = securityContactUri(item);
    if (!uri) throw new Error(`"${item.trim()}" is not an email address, an https:// address or a tel: number`);
    return uri;
  });
}

/**
 * The file's text, or null when there is no contact. It expires a year after
 * `now` (RFC 9116 asks for less than a year ahead, so readers know it is
 * looked after): it is made from the setting on every request.
 */
export function securityTxt(options: {
  contacts: readonly string[];
  siteUrl: string;
  policy?: string | undefined;
  now?: Date;
}): string | null {
  if (options.contacts.length === 0) return null;
  const now = options.now ?? new Date();
  const expires = new Date(now.getTime() + 364 * 24 * 60 * 60 * 1000);
  expires.setUTCHours(0, 0, 0, 0);
  const lines = [
    ...options.contacts.map((c) => `Contact: ${c}`),
    `Expires: ${expires.toISOString().replace('.000Z', 'Z')}`,
    ...(options.policy ? [`Policy: ${options.policy}`] : []),
    'Preferred-Languages: en',
    `Canonical: ${new URL('/.well-known/security.txt', options.siteUrl).href}`,
  ];
  return `${lines.join('\n')}\n`;
}
