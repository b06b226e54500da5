import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodyLimitFor } from '~/server/http/body-limit';
import { chooseEncoding, findStaticFile, loadStaticFiles } from '~/server/http/static-files';
import { FORM_BODY_BYTES, MAX_REPORT_BYTES } from '~/config/limits';

describe('the built files', () => {
  it('are listed once with their compressed copies, and hashed assets are cached for a year', async () => {
    const root = mkdtempSync(join(tmpdir(), 'static-'));
    mkdirSync(join(root, 'en'));
    mkdirSync(join(root, '_astro'));
    mkdirSync(join(root, '.hidden'));
    writeFileSync(join(root, 'en', 'index.html'), '<p>hi</p>');
    writeFileSync(join(root, 'en', 'index.html.br'), 'br');
    writeFileSync(join(root, 'en', 'index.html.gz'), 'gz');
    writeFileSync(join(root, '_astro', 'main.Ab12.css'), 'p{}');
    writeFileSync(join(root, '.hidden', 'x.txt'), 'no');
    const files = await loadStaticFiles(root);
    expect([...files.keys()].sort()).toEqual(['/_astro/main.Ab12.css', '/en/index.html']);
    const page = findStaticFile(files, '/en/');
    expect(findStaticFile(files, '/en')).toBe(page);
    expect(page?.cacheControl).toBe('no-cache');
    expect(Object.keys(page?.encoded ?? {}).sort()).toEqual(['br', 'gzip']);
    expect(findStaticFile(files, '/_astro/main.Ab12.css')?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(findStaticFile(files, '/en/index.html.br')).toBeUndefined();
    expect(findStaticFile(files, '/.hidden/x.txt')).toBeUndefined();
  });

  it('are sent in the best encoding the browser accepts', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('gzip', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('identity', ['br', 'gzip'])).toBeNull();
    expect(chooseEncoding(undefined, ['br', 'gzip'])).toBeNull();
  });
});

describe('body limits', () => {
  it('are small for forms; a report upload may read up to twice the file limit (a bigger file is refused at the limit)', () => {
    expect(bodyLimitFor('/en/account/sign-in/')).toBe(FORM_BODY_BYTES);
    expect(bodyLimitFor('/staff/conferences/abc/reports/new/')).toBe(2 * MAX_REPORT_BYTES);
    expect(bodyLimitFor('/staff/conferences/abc/')).toBe(FORM_BODY_BYTES);
  });
});
