import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '~/server/log';
import type { EmailMessage, Mailer } from './mailer';

/** "=?UTF-8?B?…?=" for a header that is not plain ASCII (RFC 2047). */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** The message as an .eml file (multipart/alternative: text, then HTML), readable by any mail program. */
export function toEml(message: EmailMessage, id: string, date: Date): string {
  const boundary = `portal-${id}`;
  return [
    `From: ${encodeHeader(message.from)}`,
    `To: ${message.to}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${id}@outbox.local>`,
    ...(message.template ? [`X-Portal-Template: ${message.template}`] : []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    message.text,
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    message.html,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/**
 * The embedded default: writes each email to a file in `dir` instead of
 * sending it, and says once where the newest one is (never what it says:
 * a sign-in code stays in the file).
 */
export function folderMailer(
  dir: string,
  say: (line: string) => void = (line) => log.info({ component: 'mail' }, line),
): Mailer {
  return {
    async send(message: EmailMessage) {
      const id = message.idempotencyKey ?? randomUUID();
      const now = new Date();
      const stamp = now.toISOString().replace(/[-:.]/g, '');
      const file = join(dir, `${stamp}-${message.template ?? 'email'}-${id}.eml`);
      await mkdir(dir, { recursive: true });
      await writeFile(file, toEml(message, id, now), 'utf8');
      say(`An email was written to ${file}`);
      return { id: `file:${file}` };
    },
  };
}
