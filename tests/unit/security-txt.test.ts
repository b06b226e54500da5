import { describe, expect, it } from 'vitest';
import { parseSecurityContacts, securityTxt } from '~/server/http/security-txt';
import { readConfig } from '~/server/config';

describe('/.well-known/security.txt from SECURITY_CONTACT', () => {
  it('lists each contact (an email becomes mailto:), an expiry under a year ahead, the policy and its own address', () => {
    const contacts = parseSecurityContacts('security@council.gov.uk, https://council.gov.uk/report-a-vulnerability');
    const text = securityTxt({
      contacts,
      siteUrl: 'https://portal.council.gov.uk',
      policy: 'https://council.gov.uk/vdp',
      now: new Date('2026-12-02T19:00:00Z'),
    });
    expect(text).toBe(
      [
        'Contact: mailto:security@council.gov.uk',
        'Contact: https://council.gov.uk/report-a-vulnerability',
        'Expires: 2027-12-01T00:00:00Z',
        'Policy: https://council.gov.uk/vdp',
        'Preferred-Languages: en',
        'Canonical: https://portal.council.gov.uk/.well-known/security.txt',
        '',
      ].join('\n'),
    );
  });

  it('is not published when the council has not said whom to tell', () => {
    expect(parseSecurityContacts(undefined)).toEqual([]);
    expect(parseSecurityContacts('  ')).toEqual([]);
    expect(securityTxt({ contacts: [], siteUrl: 'https://portal.council.gov.uk' })).toBeNull();
  });

  it('refuses, at start, a contact that is neither an email, an https:// address nor a tel: number', () => {
    expect(() => parseSecurityContacts('http://council.gov.uk/security')).toThrow(/not an email address/);
    expect(() => readConfig({ SECURITY_CONTACT: 'call the office' })).toThrow(/SECURITY_CONTACT/);
    expect(readConfig({ SECURITY_CONTACT: 'tel:+44-20-7946-0000' }).SECURITY_CONTACT).toBe('tel:+44-20-7946-0000');
  });
});
