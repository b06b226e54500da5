import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '~/server/db/client';
import { databaseReportStore, sweepOrphanChunks } from '~/server/storage/database';
import {
  DamagedFileError,
  MissingKeyError,
  SEGMENT_BYTES,
  newKeySetting,
  parseKeyRing,
  type KeyRing,
} from '~/server/storage/encryption';
import { localReportStore } from '~/server/storage/local';
import { isSafeKey, type ByteStore } from '~/server/storage/report-store';
import { s3ReportStore } from '~/server/storage/s3';
import { sealedReportStore, type SealedReportStore } from '~/server/storage/sealed';
import { DATABASES } from '../support/db';
import { readAll } from '../support/parent-area';
import { startLocalS3, type LocalS3 } from '../support/s3';

const stream = (bytes: string | Uint8Array) =>
  new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]).stream();
/** Bytes in chunks of `size`, as a browser upload arrives. */
const chunked = (bytes: Uint8Array, size = 100_000) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
      controller.close();
    },
  });
const text = async (store: SealedReportStore, key: string) => {
  const file = await store.get(key);
  return file ? (await readAll(file.stream)).bytes.toString() : null;
};
const rawBytes = async (inner: ByteStore, key: string) => (await readAll((await inner.get(key))!.stream)).bytes;
const keysOf = async (inner: ByteStore) => {
  const keys: string[] = [];
  for await (const key of inner.keys()) keys.push(key);
  return keys.sort();
};

const KEY_A = newKeySetting('2026-a');
const KEY_B = newKeySetting('2026-b');

/** One store to test: the bytes store, and a way to open a second one over the same data (another process). */
interface Backend {
  inner: ByteStore;
  again(): ByteStore;
  close(): Promise<void>;
}

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(() => s3.close());

const BACKENDS: { name: string; open: () => Promise<Backend> }[] = [
  {
    name: 'local folder',
    open: async () => {
      const root = await mkdtemp(join(tmpdir(), 'portal-store-'));
      return {
        inner: localReportStore(join(root, 'reports')),
        again: () => localReportStore(join(root, 'reports')),
        close: () => rm(root, { recursive: true, force: true }),
      };
    },
  },
  ...DATABASES.map(({ name, open }) => ({
    name: `database (${name})`,
    open: async (): Promise<Backend> => {
      const db: Db = await open();
      return { inner: databaseReportStore(db.db), again: () => databaseReportStore(db.db), close: () => db.close() };
    },
  })),
  {
    name: 'S3',
    open: async () => {
      const prefix = `run-${randomBytes(6).toString('hex')}/`;
      const settings = { ...s3.settings, prefix };
      return { inner: s3ReportStore(settings), again: () => s3ReportStore(settings), close: async () => undefined };
    },
  },
];

// One suite for every report store (REPORT_STORE): what staff upload is what
// parents download, streamed, encrypted at rest, and keys can be rotated.
describe.each(BACKENDS)('the $name report store', ({ open }) => {
  let backend: Backend;
  let ring: KeyRing;
  let store: SealedReportStore;
  beforeEach(async () => {
    backend = await open();
    ring = parseKeyRing(KEY_A);
    store = sealedReportStore(backend.inner, async () => ring);
  });
  afterEach(() => backend.close());

  it('stores, returns, replaces and deletes a file by key', async () => {
    expect(await store.put('case-1/report-1', stream('hello report'))).toBe(12);
    const file = await store.get('case-1/report-1');
    expect(file?.size).toBe(12);
    expect((await readAll(file!.stream)).bytes.toString()).toBe('hello report');
    await store.put('case-1/report-1', stream('replaced'));
    expect(await text(store, 'case-1/report-1')).toBe('replaced');
    expect(await keysOf(backend.inner)).toEqual(['case-1/report-1']);
    await store.delete('case-1/report-1');
    expect(await store.get('case-1/report-1')).toBeNull();
    await expect(store.delete('case-1/report-1')).resolves.toBeUndefined();
    expect(await keysOf(backend.inner)).toEqual([]);
  });

  it('answers null for a key with no file', async () => {
    expect(await store.get('nothing-here')).toBeNull();
  });

  it('streams a large file in and out (several chunks, parts and seals), and an empty one', async () => {
    const big = randomBytes(11 * 1024 * 1024 + 12_345);
    expect(await store.put('case-1/big', chunked(big))).toBe(big.length);
    const file = await store.get('case-1/big');
    expect(file?.size).toBe(big.length);
    const read = await readAll(file!.stream);
    expect(read.bytes.equals(big)).toBe(true);
    // Handed on a piece at a time, never as one buffer.
    expect(read.chunks).toBeGreaterThan(100);
    expect(await store.put('case-1/empty', stream(''))).toBe(0);
    expect((await store.get('case-1/empty'))?.size).toBe(0);
    expect(await text(store, 'case-1/empty')).toBe('');
  });

  it('is shared: a file stored through one instance is read through another', async () => {
    await store.put('case-9/shared', stream('from process A'));
    const other = sealedReportStore(backend.again(), async () => parseKeyRing(KEY_A));
    expect(await text(other, 'case-9/shared')).toBe('from process A');
  });

  it('keeps files encrypted: the stored bytes hold neither the text nor the key, only the key id', async () => {
    const secret = 'Child protection report: Jamie Taylor, 12 Acacia Avenue';
    await store.put('case-1/secret', stream(secret.repeat(50)));
    const raw = await rawBytes(backend.inner, 'case-1/secret');
    expect(raw.includes(Buffer.from('Jamie'))).toBe(false);
    expect(raw.includes(Buffer.from('Acacia'))).toBe(false);
    expect(raw.includes(ring.current.key)).toBe(false);
    expect(raw.subarray(0, 4).toString()).toBe('CPRE');
    expect(raw.includes(Buffer.from('2026-a'))).toBe(true);
    // The same content stored twice is sealed differently (a data key of its own each time).
    await store.put('case-1/secret-2', stream(secret.repeat(50)));
    expect(raw.equals(await rawBytes(backend.inner, 'case-1/secret-2'))).toBe(false);
  });

  it('refuses a file changed or cut short where it is stored', async () => {
    const content = randomBytes(200_000);
    await store.put('case-1/target', stream(content));
    const raw = await rawBytes(backend.inner, 'case-1/target');
    const flipped = Buffer.from(raw);
    flipped[150_000] = (flipped[150_000] ?? 0) ^ 1;
    await backend.inner.put('case-1/target', stream(flipped));
    await expect(readAll((await store.get('case-1/target'))!.stream)).rejects.toThrow(DamagedFileError);
    // Cut at a segment boundary: every segment left is sound, but the last one is missing.
    const header = 4 + 2 + '2026-a'.length + 12 + 48 + 7;
    await backend.inner.put('case-1/target', stream(raw.subarray(0, header + 2 * (SEGMENT_BYTES + 16))));
    await expect(readAll((await store.get('case-1/target'))!.stream)).rejects.toThrow(DamagedFileError);
  });

  it('says which key is missing rather than giving out anything', async () => {
    await store.put('case-1/old', stream('sealed with A'));
    ring = parseKeyRing(KEY_B);
    await expect(store.get('case-1/old')).rejects.toThrow(MissingKeyError);
    await expect(store.get('case-1/old')).rejects.toThrow(/"2026-a"/);
  });

  it('rotates keys: every file sealed again under the current key, old ones still readable until then', async () => {
    await store.put('case-1/a', stream('first'));
    await store.put('case-2/b', stream(randomBytes(300_000)));
    const before = await rawBytes(backend.inner, 'case-2/b');
    ring = parseKeyRing(`${KEY_B},${KEY_A}`);
    expect(await text(store, 'case-1/a')).toBe('first');
    await store.put('case-3/c', stream('new'));
    const seen: string[] = [];
    const result = await store.rotate((key, outcome) => seen.push(`${key}:${outcome}`));
    expect(result).toMatchObject({ resealed: 2, current: 1, failed: 0 });
    expect(seen.sort()).toEqual(['case-1/a:resealed', 'case-2/b:resealed', 'case-3/c:current']);
    for (const key of ['case-1/a', 'case-2/b', 'case-3/c'])
      expect((await rawBytes(backend.inner, key)).includes(Buffer.from('2026-b'))).toBe(true);
    // Now the old key can go.
    ring = parseKeyRing(KEY_B);
    expect(await text(store, 'case-1/a')).toBe('first');
    const after = await readAll((await store.get('case-2/b'))!.stream);
    const original = await readAll(
      (await sealedReportStore(
        { ...backend.inner, get: async () => ({ stream: stream(before), size: before.length }) },
        async () => parseKeyRing(KEY_A),
      ).get('case-2/b'))!.stream,
    );
    expect(after.bytes.equals(original.bytes)).toBe(true);
    expect(await store.rotate()).toMatchObject({ resealed: 0, current: 3 });
  });

  it('reads a file stored before encryption, and seals it at the next rotation', async () => {
    await backend.inner.put('case-1/legacy', stream('%PDF-1.4 stored in clear'));
    expect(await text(store, 'case-1/legacy')).toBe('%PDF-1.4 stored in clear');
    expect(await store.rotate()).toMatchObject({ resealed: 1 });
    expect((await rawBytes(backend.inner, 'case-1/legacy')).includes(Buffer.from('stored in clear'))).toBe(false);
    expect(await text(store, 'case-1/legacy')).toBe('%PDF-1.4 stored in clear');
  });

  it('leaves nothing behind when the incoming stream fails', async () => {
    let sent = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        // A little over a database chunk, then the connection drops.
        if (sent++ < 3) controller.enqueue(randomBytes(100_000));
        else controller.error(new Error('connection lost'));
      },
    });
    await expect(store.put('case-2/broken', failing)).rejects.toThrow(/connection lost/);
    expect(await store.get('case-2/broken')).toBeNull();
    expect(await keysOf(backend.inner)).toEqual([]);
  });

  it('refuses keys that could leave its folder', async () => {
    for (const key of [
      '../secret.txt',
      'a/../../secret.txt',
      '/etc/passwd',
      'a\\..\\b',
      '',
      '.hidden',
      'a//b',
      'a b',
    ]) {
      expect(isSafeKey(key), key).toBe(false);
      await expect(store.get(key), key).rejects.toThrow(/Unsafe report store key/);
      await expect(store.put(key, stream('x')), key).rejects.toThrow(/Unsafe report store key/);
      await expect(store.delete(key), key).rejects.toThrow(/Unsafe report store key/);
    }
  });
});

describe('the local folder', () => {
  it('keeps its files inside its folder, encrypted on disk, with no temporary files left', async () => {
    const root = await mkdtemp(join(tmpdir(), 'portal-store-'));
    try {
      await writeFile(join(root, 'secret.txt'), 'secret');
      const store = sealedReportStore(localReportStore(join(root, 'reports')), async () => parseKeyRing(KEY_A));
      await expect(store.get('../secret.txt')).rejects.toThrow(/Unsafe/);
      await store.put('case-1/report-1', stream('Jamie’s school report'));
      expect(await readdir(join(root, 'reports', 'case-1'))).toEqual(['report-1']);
      const onDisk = await readFile(join(root, 'reports', 'case-1', 'report-1'));
      expect(onDisk.includes(Buffer.from('Jamie'))).toBe(false);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('fills a reader’s own buffer straight from the file, and lets go of the file at its end or when a download stops', async () => {
    const root = await mkdtemp(join(tmpdir(), 'portal-store-'));
    /** How many of this process's open files are `path`. */
    const openCount = async (path: string) => {
      let count = 0;
      for (const fd of await readdir('/proc/self/fd'))
        if ((await readlink(`/proc/self/fd/${fd}`).catch(() => '')) === path) count++;
      return count;
    };
    try {
      const inner = localReportStore(join(root, 'reports'));
      const bytes = randomBytes(300_000);
      await inner.put('case-1/report-1', stream(bytes));
      const path = join(root, 'reports', 'case-1', 'report-1');

      // A byte stream: a reader brings its own buffer (nothing allocated per chunk).
      const own = (await inner.get('case-1/report-1'))!.stream.getReader({ mode: 'byob' });
      const first = await own.read(new Uint8Array(100_000));
      expect(Buffer.from(first.value!).equals(bytes.subarray(0, 100_000))).toBe(true);
      expect(await openCount(path)).toBe(1);
      await own.cancel();
      expect(await openCount(path)).toBe(0);

      expect((await readAll((await inner.get('case-1/report-1'))!.stream)).bytes.equals(bytes)).toBe(true);
      expect(await openCount(path)).toBe(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('the database store', () => {
  it('sweeps away the chunks of an upload whose process stopped half way', async () => {
    const db = await DATABASES[1].open();
    try {
      const store = databaseReportStore(db.db);
      await store.put('case-1/kept', stream(randomBytes(600_000)));
      await db.db
        .insertInto('report_file_chunks')
        .values({ blob_id: 'abandoned', seq: 0, data: new Uint8Array(10), created_at: '2020-01-01T00:00:00.000Z' })
        .execute();
      expect(await sweepOrphanChunks(db.db)).toBe(1);
      const left = await db.db.selectFrom('report_file_chunks').select('blob_id').distinct().execute();
      expect(left).toHaveLength(1);
      expect((await store.get('case-1/kept'))?.size).toBe(600_000);
    } finally {
      await db.close();
    }
  });
});
