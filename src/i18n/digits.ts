// Parents type on their own phone keyboards: a Bengali keyboard gives ২৪,
// an Arabic one ٢٤, an Urdu one ۲۴, a Gujarati one ૨૪, a Tamil one ௨௪. Forms read every one of them as 24.
// (Gujarati and Tamil pages themselves write 0–9, as their readers in England mostly do.)

/** The zero of each set of decimal digits a reader of our languages may type. */
const ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0be6, 0xff10] as const;
const OTHER_DIGITS =
  /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef\u0be6-\u0bef\uff10-\uff19]/g;

/** The text with Arabic-Indic, Persian/Urdu, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil and full-width digits written as 0–9. */
export function asciiDigits(text: string): string {
  return text.replace(OTHER_DIGITS, (d) => {
    const cp = d.codePointAt(0) ?? 0;
    const zero = ZEROS.find((z) => cp >= z && cp <= z + 9) ?? cp;
    return String(cp - zero);
  });
}
