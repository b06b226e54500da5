import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, newRequestId, runWithRequest, scrub } from '~/server/log';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(stream, 'debug'), lines };
}

describe('the log', () => {
  it('writes one JSON object a line, with the request id on every line of a request', () => {
    const { logger, lines } = capture();
    const id = newRequestId();
    runWithRequest({ id, method: 'GET' }, () => {
      logger.info({ route: '/[lang]/account' }, 'request');
      logger.child({ component: 'outbox' }).warn('later');
    });
    logger.info('outside any request');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 'info', req: id, route: '/[lang]/account', msg: 'request' });
    expect(lines[1]).toMatchObject({ level: 'warn', req: id, component: 'outbox' });
    expect(lines[2]).not.toHaveProperty('req');
  });

  it('never writes an email address, name, code or token, whatever a caller passes', () => {
    const { logger, lines } = capture();
    logger.info({ email: 'amina@gmail.com', name: 'Amina Begum', code: '482913', token: 'x' }, 'fields');
    logger.warn({ reason: 'Resend said: amina@gmail.com bounced' }, 'to amina@gmail.com');
    logger.error({ err: Object.assign(new Error('Key (email)=(amina@gmail.com) exists'), { code: '23505' }) }, 'e');
    logger.info('session abcdefghijklmnopqrstuvwxyz0123456789ABCD at /en/account/?token=secret');
    const text = JSON.stringify(lines);
    for (const secret of [
      'amina@gmail.com',
      'Amina Begum',
      '482913',
      'abcdefghijklmnopqrstuvwxyz0123456789',
      'token=secret',
    ])
      expect(text).not.toContain(secret);
    // An error's own code (its kind) is kept.
    expect(lines[2]).toMatchObject({ err: { code: '23505' } });
  });

  it('keeps the made-up addresses of reserved example domains readable (the demo sign-in hints)', () => {
    expect(scrub('sign in with parent.one@example.test')).toBe('sign in with parent.one@example.test');
    expect(scrub('write to x@example.com or y@council.gov.uk')).toBe('write to x@example.com or [email]');
  });

  it('gives request ids that are easy to read out: no I, L, O or U', () => {
    const ids = Array.from({ length: 200 }, newRequestId);
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
