import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies, publicOrigin } from '~/server/http/client-address';

describe('the client address behind trusted proxies', () => {
  const proxies = parseTrustedProxies('127.0.0.1, ::1 10.0.0.0/8, 2001:db8:1::/48');

  it('believes nothing when no proxy is trusted (the default)', () => {
    const none = parseTrustedProxies('');
    expect(clientAddress('127.0.0.1', '198.51.100.7', none)).toBe('127.0.0.1');
  });

  it('is the first untrusted hop, counting back from the connection', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
    // A client that forges the header only adds entries to the left of the real one.
    expect(clientAddress('127.0.0.1', 'forged, 198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddress('127.0.0.1', '203.0.113.9, 198.51.100.7, 10.1.2.3', proxies)).toBe('198.51.100.7');
    // Two header lines are one list.
    expect(clientAddress('127.0.0.1', ['203.0.113.9', '198.51.100.7'], proxies)).toBe('198.51.100.7');
  });

  it('ignores the header from a connection that is not a trusted proxy', () => {
    expect(clientAddress('198.51.100.20', '203.0.113.9', proxies)).toBe('198.51.100.20');
  });

  it('matches IPv6, CIDR ranges and IPv4 written as IPv6-mapped', () => {
    expect(clientAddress('::ffff:127.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddress('::1', '2001:db8:2::5', proxies)).toBe('2001:db8:2::5');
    expect(clientAddress('2001:db8:1:ff::1', '::ffff:198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(parseTrustedProxies('::ffff:10.0.0.0/104').has('10.200.0.1')).toBe(true);
    expect(parseTrustedProxies('::ffff:10.0.0.0/104').has('11.0.0.1')).toBe(false);
  });

  it('stops at the last address it can vouch for when a proxy wrote something else', () => {
    expect(clientAddress('127.0.0.1', 'unknown', proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '198.51.100.7:4711', proxies)).toBe('198.51.100.7');
  });

  it('refuses an entry that is neither an address nor a range, naming it', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow('"10.0.0.0/33"');
    expect(() => parseTrustedProxies('proxy.example')).toThrow('"proxy.example"');
  });

  it('takes the scheme and host the client used from a trusted proxy only', () => {
    const headers = {
      host: 'internal:4321',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'portal.example.gov.uk',
    };
    expect(publicOrigin({ headers, socket: { remoteAddress: '127.0.0.1' } }, proxies)).toEqual({
      protocol: 'https',
      host: 'portal.example.gov.uk',
    });
    expect(publicOrigin({ headers, socket: { remoteAddress: '198.51.100.7' } }, proxies)).toEqual({
      protocol: 'http',
      host: 'internal:4321',
    });
  });
});
