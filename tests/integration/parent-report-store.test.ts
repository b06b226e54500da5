import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localReportStore } from '~/server/storage/local';
import { isSafeKey, type ReportStore } from '~/server/storage/report-store';
import { readAll } from '../support/parent-area';

const stream = (text: string) => new Blob([text]).stream();

// The report store on local disk (REPORTS_DIR): streams in and out, and keeps
// every key inside its folder.
describe('the local report store', () => {
  let root: string;
  let store: ReportStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'portal-store-'));
    store = localReportStore(join(root, 'reports'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores, returns and deletes a file by key', async () => {
    expect(await store.put('case-1/report-1', stream('hello report'))).toBe(12);
    const file = await store.get('case-1/report-1');
    expect(file?.size).toBe(12);
    expect((await readAll(file!.stream)).bytes.toString()).toBe('hello report');
    await store.put('case-1/report-1', stream('replaced'));
    expect((await readAll((await store.get('case-1/report-1'))!.stream)).bytes.toString()).toBe('replaced');
    await store.delete('case-1/report-1');
    expect(await store.get('case-1/report-1')).toBeNull();
    await expect(store.delete('case-1/report-1')).resolves.toBeUndefined();
    // No temporary files are left behind.
    expect(await readdir(join(root, 'reports', 'case-1'))).toEqual([]);
  });

  it('answers null for a key with no file', async () => {
    expect(await store.get('nothing-here')).toBeNull();
  });

  it('refuses keys that could leave its folder', async () => {
    await writeFile(join(root, 'secret.txt'), 'secret');
    for (const key of [
      '../secret.txt',
      'a/../../secret.txt',
      '/etc/passwd',
      'a\\..\\b',
      '',
      '.hidden',
      'a//b',
      'a/./b',
      'a/..',
      '..',
      'a b',
      'a/b/',
    ]) {
      expect(isSafeKey(key), key).toBe(false);
      await expect(store.get(key), key).rejects.toThrow(/Unsafe report store key/);
      await expect(store.put(key, stream('x')), key).rejects.toThrow(/Unsafe report store key/);
      await expect(store.delete(key), key).rejects.toThrow(/Unsafe report store key/);
    }
    expect(isSafeKey('0b5c1c8e-2d4f-4b7a-9f00-3e1f5f1d2a10/7a7a-report.pdf')).toBe(true);
  });

  it('leaves nothing behind when the incoming stream fails', async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('connection lost'));
      },
    });
    await expect(store.put('case-2/broken', failing)).rejects.toThrow(/connection lost/);
    expect(await store.get('case-2/broken')).toBeNull();
    expect(await readdir(join(root, 'reports', 'case-2'))).toEqual([]);
  });
});
