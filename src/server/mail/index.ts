import type { ServerConfig } from '~/server/config';
import { folderMailer } from './local-outbox';
import type { Mailer } from './mailer';
import { resendMailer } from './resend';

export type { EmailMessage, Mailer } from './mailer';
export { memoryMailer } from './mailer';
export { mailService, startOutboxWorker, type MailService } from './outbox';

/** Resend when RESEND_API_KEY is set; otherwise the embedded default, a folder of .eml files (OUTBOX_DIR). */
export function createMailer(config: ServerConfig): Mailer {
  if (config.RESEND_API_KEY) return resendMailer({ apiKey: config.RESEND_API_KEY, baseUrl: config.RESEND_BASE_URL });
  return folderMailer(config.OUTBOX_DIR);
}
