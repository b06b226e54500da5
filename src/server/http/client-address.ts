/**
 * Who is asking: the client's address and the address they used, seen
 * through the council's reverse proxies. Only proxies named in
 * TRUSTED_PROXIES are believed; with none (the default) the X-Forwarded-*
 * headers are ignored and the client is whoever opened the connection.
 *
 * scripts/serve.mjs loads this file directly, so it uses only erasable
 * TypeScript and relative imports.
 */
import { BlockList, isIP } from 'node:net';

/** The reverse proxies whose X-Forwarded-For, -Proto and -Host are believed. */
export interface TrustedProxies {
  /** Is `address` one of them? */
  has(address: string): boolean;
  /** No proxy is trusted: every X-Forwarded-* header is ignored. */
  readonly none: boolean;
}

/** "::ffff:192.0.2.1" → "192.0.2.1"; "[2001:db8::1]" → "2001:db8::1"; "192.0.2.1:1234" → "192.0.2.1"; zone ids dropped. */
export function normaliseAddress(raw: string): string {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1] ?? address;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  return (mapped ? mapped[1] : address)?.toLowerCase() ?? address;
}

/**
 * Reads TRUSTED_PROXIES: addresses and CIDR ranges, IPv4 and IPv6, separated
 * by commas or spaces ("127.0.0.1, ::1, 10.0.0.0/8"). An IPv4 address is also
 * matched in its IPv6-mapped form (::ffff:10.1.2.3). Throws naming an entry
 * that is neither.
 */
export function parseTrustedProxies(list: string): TrustedProxies {
  const blocks = new BlockList();
  const entries = list
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [rawAddress = '', rawPrefix] = entry.split('/');
    const address = normaliseAddress(rawAddress);
    let prefix = rawPrefix === undefined ? undefined : Number(rawPrefix);
    // An IPv6-mapped IPv4 range (::ffff:10.0.0.0/104) is the IPv4 range it maps.
    if (address !== rawAddress.toLowerCase() && isIP(address) === 4 && prefix !== undefined) prefix -= 96;
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    if (!family || (prefix !== undefined && (!Number.isInteger(prefix) || prefix < 0 || prefix > max)))
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) blocks.addAddress(address, type);
    else blocks.addSubnet(address, prefix, type);
  }
  return {
    none: entries.length === 0,
    has(candidate) {
      const address = normaliseAddress(candidate);
      const family = isIP(address);
      return family !== 0 && blocks.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** The values of a comma-separated header, in order (a header sent twice counts as one list). */
function listOf(header: string | string[] | undefined): string[] {
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
  return joined
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The client's address: the first hop, counting back from the connection,
 * that is not a trusted proxy. A client may put anything in
 * X-Forwarded-For, but only the entries our own proxies appended are read:
 * "forged, 198.51.100.7" arriving from a trusted proxy is 198.51.100.7.
 */
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string | undefined {
  if (!remoteAddress) return undefined;
  const peer = normaliseAddress(remoteAddress);
  if (trusted.none || !trusted.has(peer)) return peer;
  const hops = listOf(forwardedFor).map(normaliseAddress);
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    // Something that is not an address: our proxy wrote nonsense; the last address we can vouch for stands.
    if (!isIP(hop)) return nearest;
    if (!trusted.has(hop)) return hop;
    nearest = hop;
  }
  return nearest;
}

/**
 * The scheme and host the client used: from a trusted proxy's
 * X-Forwarded-Proto and X-Forwarded-Host (the last value, which our nearest
 * proxy set), otherwise from the connection and its Host header.
 */
export function publicOrigin(
  request: {
    headers: Record<string, string | string[] | undefined>;
    socket: { remoteAddress?: string | undefined; encrypted?: boolean };
  },
  trusted: TrustedProxies,
): { protocol: 'http' | 'https'; host: string | undefined } {
  const fromProxy = !trusted.none && !!request.socket.remoteAddress && trusted.has(request.socket.remoteAddress);
  const proto = fromProxy ? listOf(request.headers['x-forwarded-proto']).at(-1)?.toLowerCase() : undefined;
  const forwardedHost = fromProxy ? listOf(request.headers['x-forwarded-host']).at(-1) : undefined;
  const host = forwardedHost ?? (typeof request.headers.host === 'string' ? request.headers.host : undefined);
  const protocol = proto === 'https' || proto === 'http' ? proto : request.socket.encrypted ? 'https' : 'http';
  return { protocol, host };
}
