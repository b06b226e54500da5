// Which of our languages a browser's preferred languages ask for
// (navigator.languages: its Accept-Language tags, best first). Our codes are not
// all one language subtag: zh-Hans is Chinese in simplified characters.

/** A tag's language and script, as Intl fills them in: "zh-CN" → "zh-Hans", "zh-TW" → "zh-Hant", "pa-PK" → "pa-Arab". */
function languageAndScript(tag: string): string | undefined {
  try {
    const full = new Intl.Locale(tag).maximize();
    return `${full.language}-${full.script ?? ''}`;
  } catch {
    // Not a language tag ("*", "x"), or a browser without Intl.Locale.
    return undefined;
  }
}

/**
 * The first of `tags` that one of `codes` serves: the same tag in any case
 * ("zh-hans" is zh-Hans), else the same language written in the same script
 * ("zh", "zh-CN", "zh-SG", "zh-Hans-CN" → zh-Hans; "pl-PL" → pl). A tag in
 * another script is not served by it: "zh-TW" and "zh-HK" (traditional
 * characters) get no Chinese page, "pa-PK" (Shahmukhi) not the Gurmukhi one.
 */
export function preferredLocale<C extends string>(tags: readonly string[], codes: readonly C[]): C | undefined {
  for (const tag of tags) {
    const lower = tag.trim().toLowerCase();
    if (!lower) continue;
    const same = codes.find((c) => c.toLowerCase() === lower);
    if (same) return same;
    const wanted = languageAndScript(lower);
    const served = wanted
      ? codes.find((c) => languageAndScript(c) === wanted)
      : // Without Intl.Locale: a bare language only ("pl-PL" → pl), never a guess at the script.
        codes.find((c) => !c.includes('-') && c === lower.split('-')[0]);
    if (served) return served;
  }
  return undefined;
}
