import { randomUUID } from 'node:crypto';
import { link, mkdir, rm, writeFile } from 'node:fs/promises';
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
 *
 * Like a real provider, it honours the idempotency key: an email's file is
 * named from when it was queued and its key, and written whole beside it
 * then linked into place only if no file has that name yet. An email tried
 * again (its worker stopped after writing it) is not written twice.
 */
export function folderMailer(
  dir: string,
  say: (line: string) => void = (line) => log.info({ component: 'mail' }, line),
): Mailer {
  return {
    async send(message: EmailMessage) {
      const id = message.idempotencyKey ?? randomUUID();
      const queued = message.queuedAt ?? new Date();
      const stamp = queued.toISOString().replace(/[-:.]/g, '');
      const file = join(dir, `${stamp}-${message.template ?? 'email'}-${id}.eml`);
      await mkdir(dir, { recursive: true });
      const temporary = join(dir, `.${randomUUID()}.part`);
      await writeFile(temporary, toEml(message, id, new Date()), { encoding: 'utf8', flag: 'wx' });
      try {
        await link(temporary, file);
        say(`An email was written to ${file}`);
      } catch (error) {
        // Sent already under this key: nothing more to do.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        await rm(temporary, { force: true });
      }
      return { id: `file:${file}` };
    },
  };
}
