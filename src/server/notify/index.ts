import type { ServerConfig } from '~/server/config';
import { folderNotifier } from './folder';
import type { Notifier } from './notifier';
import { notifyNotifier } from './notify';
import { missingEnglishTemplates, readNotifyTemplates } from './notify-templates';
import { resendNotifier } from './resend';

export type { Notification, Notifier } from './notifier';
export { DeliveryError, memoryNotifier } from './notifier';

/**
 * The sender chosen by the settings: GOV.UK Notify when NOTIFY_API_KEY is set
 * (email and text messages), else Resend when RESEND_API_KEY is (email only),
 * else the embedded default, a folder (OUTBOX_DIR) of .eml and .txt files.
 */
export function createNotifier(config: ServerConfig, log: (line: string) => void = console.log): Notifier {
  if (config.NOTIFY_API_KEY) {
    const templates = readNotifyTemplates(config.NOTIFY_TEMPLATES ?? '{}');
    const missing = missingEnglishTemplates(templates, ['email', 'sms']);
    if (missing.length)
      log(`[notify] No GOV.UK Notify template for ${missing.join(', ')}: these messages cannot be sent.`);
    return notifyNotifier({ apiKey: config.NOTIFY_API_KEY, baseUrl: config.NOTIFY_BASE_URL, templates });
  }
  if (config.RESEND_API_KEY) return resendNotifier({ apiKey: config.RESEND_API_KEY, baseUrl: config.RESEND_BASE_URL });
  return folderNotifier(config.OUTBOX_DIR, log);
}
