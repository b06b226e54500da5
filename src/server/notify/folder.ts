import { randomUUID } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeliveryError, type Notification, type Notifier } from './notifier';

/** "=?UTF-8?B?…?=" for a header that is not plain ASCII (RFC 2047). */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** An email as an .eml file (multipart/alternative: text, then HTML), readable by any mail program. */
export function toEml(n: Notification, id: string, date: Date): string {
  const boundary = `portal-${id}`;
  const { subject = '', text, html = '', unsubscribeUrl } = n.rendered;
  return [
    `From: ${encodeHeader(n.from)}`,
    `To: ${n.to}`,
    `Subject: ${encodeHeader(subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${id}@outbox.local>`,
    `X-Portal-Template: ${n.message}`,
    `Content-Language: ${n.rendered.lang}`,
    ...(unsubscribeUrl
      ? [`List-Unsubscribe: <${unsubscribeUrl}>`, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click']
      : []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    html,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** A text message as a .txt file: who to, when, in which language, then the words. */
export function toTxt(n: Notification, id: string, date: Date): string {
  return [
    `To: ${n.to}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: ${id}`,
    `X-Portal-Template: ${n.message}`,
    `Content-Language: ${n.rendered.lang}`,
    '',
    n.rendered.text,
    '',
  ].join('\n');
}

/**
 * The embedded default: writes each email to an .eml file and each text
 * message to a .txt file in `dir` instead of sending it, and says where the
 * newest one is (never what it says: a code stays in the file).
 */
export function folderNotifier(dir: string, log: (line: string) => void = console.log): Notifier {
  return {
    name: 'folder',
    channels: ['email', 'sms'],
    async send(n) {
      if (!n.to.trim()) throw new DeliveryError('no address to write to', true);
      const id = n.reference || randomUUID();
      await mkdir(dir, { recursive: true });
      // Tried again after a crash: the file written the first time is the message.
      const earlier = n.attempt > 0 ? (await readdir(dir)).find((f) => f.includes(`-${id}.`)) : undefined;
      if (earlier) return { id: `file:${join(dir, earlier)}` };
      const now = new Date();
      const stamp = now.toISOString().replace(/[-:.]/g, '');
      const file = join(dir, `${stamp}-${n.message}-${id}.${n.channel === 'sms' ? 'txt' : 'eml'}`);
      await writeFile(file, n.channel === 'sms' ? toTxt(n, id, now) : toEml(n, id, now), 'utf8');
      log(`[notify] ${n.channel === 'sms' ? 'A text message' : 'An email'} was written to ${file}`);
      return { id: `file:${file}` };
    },
  };
}
