import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LOCALE_CODES } from '~/config/locales';
import { CHANNELS } from '~/server/domain/reminders';
import { isMessage, MESSAGES, type MessageName } from './messages';
import type { Channel } from '~/server/domain/reminders';

/**
 * Which GOV.UK Notify template sends each message, by channel and language:
 * `{ "meeting-tomorrow": { "sms": { "en": "<template id>", "pl": "…" } } }`.
 * A council creates only the languages its parents read; a message in a
 * language without a template goes in English.
 */
export type NotifyTemplateIds = Partial<Record<MessageName, Partial<Record<Channel, Partial<Record<string, string>>>>>>;

const uuid = z.uuid('a GOV.UK Notify template id (copy it from the template page)');
const byLanguage = z.partialRecord(z.enum(LOCALE_CODES), uuid);
const file = z.record(z.string(), z.partialRecord(z.enum(CHANNELS), byLanguage)).superRefine((ids, ctx) => {
  for (const [name, channels] of Object.entries(ids)) {
    if (!isMessage(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'is not a message the portal sends' });
    else
      for (const channel of Object.keys(channels ?? {}))
        if (!(MESSAGES[name].channels as readonly string[]).includes(channel))
          ctx.addIssue({ code: 'custom', path: [name, channel], message: `"${name}" is not sent by ${channel}` });
  }
});

/** Reads NOTIFY_TEMPLATES: a JSON object, or the path of a JSON file holding one. Throws naming each problem. */
export function readNotifyTemplates(setting: string): NotifyTemplateIds {
  const text = setting.trim().startsWith('{') ? setting : readFileSync(setting, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`NOTIFY_TEMPLATES is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const result = file.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`NOTIFY_TEMPLATES is not right:\n${problems}`);
  }
  return result.data;
}

/** The messages that have no English template for a channel they use: the portal cannot send them at all. */
export function missingEnglishTemplates(ids: NotifyTemplateIds, channels: readonly Channel[]): string[] {
  const missing: string[] = [];
  for (const [name, spec] of Object.entries(MESSAGES) as [MessageName, (typeof MESSAGES)[MessageName]][])
    for (const channel of spec.channels)
      if (channels.includes(channel) && !ids[name]?.[channel]?.en) missing.push(`${name}.${channel}.en`);
  return missing;
}
