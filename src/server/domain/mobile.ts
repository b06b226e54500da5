// A UK mobile number, as a parent may type it ("07700 900123", "+44 7700
// 900123", "447700900123"): checked with libphonenumber-js's full metadata
// (a landline or a made-up number is refused) and kept in international form.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** The number in international form (+447…) when it is a UK mobile; null otherwise. */
export function ukMobile(typed: string): string | null {
  const cleaned = typed.replace(/[\s().-]/g, '');
  if (!/^\+?\d{10,13}$/.test(cleaned)) return null;
  const number = parsePhoneNumberFromString(cleaned.startsWith('44') ? `+${cleaned}` : cleaned, 'GB');
  // +44 covers Guernsey, Jersey and the Isle of Man too: their mobiles get UK text messages.
  if (!number || number.countryCallingCode !== '44' || !number.isValid()) return null;
  return number.getType() === 'MOBILE' ? number.number : null;
}

/** The last three digits only, to show which number without showing it all ("ending 123"). */
export function mobileEnding(international: string): string {
  return international.slice(-3);
}

/** A number as a parent would write it ("07123 456789"); '' for none. */
export function nationalMobile(international: string | null): string {
  if (!international) return '';
  return parsePhoneNumberFromString(international)?.formatNational() ?? international;
}
