import { createHmac } from 'node:crypto';

/** Decodes RFC 4648 base32 (what authenticator apps are given). */
function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const i = alphabet.indexOf(c);
    if (i < 0) throw new Error(`Not base32: ${c}`);
    bits += i.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The 6-digit code an authenticator app shows for a base32 secret at a moment (RFC 6238, SHA-1, 30 s). */
export function totp(secret: string, at = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

/**
 * A code for `secret` that no test has used yet in this run. The portal takes
 * each code once (per account and 30-second step), and accepts the next
 * step's code too, so this claims the current step or the next one (with an
 * exclusive file, safe across test workers), waiting for a new step only when
 * both are taken.
 */
export async function unusedTotp(secret: string): Promise<string> {
  const { mkdirSync, openSync, closeSync } = await import('node:fs');
  const dir = 'test-results/totp-used';
  mkdirSync(dir, { recursive: true });
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    for (const step of [now, now + 1]) {
      try {
        closeSync(openSync(`${dir}/${secret}-${step}`, 'wx'));
        return totp(secret, step * 30_000);
      } catch {
        // Taken: try the next step.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * 30_000 - Date.now() + 50));
  }
}
