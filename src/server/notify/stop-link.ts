import { createHmac, timingSafeEqual } from 'node:crypto';

// The one-tap "stop these reminders" link in every reminder: /stop/<token>,
// where the token is the parent's id and a signature made with the server's
// secret (BETTER_AUTH_SECRET), so nobody can stop another parent's reminders
// by guessing, and nobody needs to sign in to stop their own.

const UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;
const MAC_BYTES = 16;

function mac(secret: string, parentId: string): Buffer {
  return createHmac('sha256', secret).update(`stop-reminders:${parentId}`).digest().subarray(0, MAC_BYTES);
}

/** The token for a parent's stop link (short, for a text message: 43 characters). */
export function stopToken(secret: string, parentId: string): string {
  const m = UUID.exec(parentId.toLowerCase());
  if (!m) throw new Error('a parent id is a UUID');
  const id = Buffer.from(m.slice(1).join(''), 'hex');
  return Buffer.concat([id, mac(secret, parentId.toLowerCase())]).toString('base64url');
}

/** The parent a stop token was made for, or null when it is not one of ours (altered, or made with another secret). */
export function parentOfStopToken(secret: string, token: string): string | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 16 + MAC_BYTES) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  const parentId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return timingSafeEqual(bytes.subarray(16), mac(secret, parentId)) ? parentId : null;
}
