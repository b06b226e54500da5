import { parseArgs } from 'node:util';
import { isLocale, LOCALE_CODES, type LocaleCode } from '~/config/locales';
import { notifyTemplateTexts } from '~/server/notify/notify-template-text';

/**
 * `npm run notify:templates -- [--lang en,pl] [--json]`: every GOV.UK Notify
 * template to create, with its subject and text (paste them in as they are),
 * or, with --json, the NOTIFY_TEMPLATES file to fill in with their ids.
 */
export function printNotifyTemplates(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { lang: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  const asked = values.lang ? values.lang.split(',').map((l) => l.trim()) : LOCALE_CODES;
  const unknown = asked.filter((l) => !isLocale(l));
  if (unknown.length) {
    console.error(`Unknown language: ${unknown.join(', ')}. Use some of: ${LOCALE_CODES.join(', ')}`);
    return 2;
  }
  const texts = notifyTemplateTexts(asked as LocaleCode[]);
  if (values.json) {
    const ids: Record<string, Record<string, Record<string, string>>> = {};
    for (const t of texts) ((ids[t.message] ??= {})[t.channel] ??= {})[t.lang] = '<template id>';
    console.log(JSON.stringify(ids, null, 2));
    return 0;
  }
  for (const t of texts) {
    console.log(`## ${t.name}\n`);
    if (t.subject !== undefined) console.log(`Subject: ${t.subject}\n`);
    console.log(`${t.body}\n`);
  }
  return 0;
}
