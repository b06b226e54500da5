import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { byteSource } from '~/server/storage/byte-source';
import { newKeySetting, parseKeyRing, readStored, sealStream } from '~/server/storage/encryption';

/**
 * `bytes` as a byte stream that hands over at most `most` bytes a read (as a
 * file or a socket may), noting the size of each buffer it was given to fill.
 */
function byteStream(bytes: Uint8Array, most: number) {
  const asked: number[] = [];
  let at = 0;
  const stream: ReadableStream<Uint8Array> = new ReadableStream({
    type: 'bytes',
    // Not a size the tests ask for: a buffer of this size was not the reader's own.
    autoAllocateChunkSize: 999,
    pull(controller) {
      const request = controller.byobRequest!;
      const { buffer, byteOffset, byteLength } = request.view!;
      const view = new Uint8Array(buffer, byteOffset, byteLength);
      asked.push(view.byteLength);
      const take = Math.min(most, view.byteLength, bytes.length - at);
      if (take === 0) {
        controller.close();
        request.respond(0);
        return;
      }
      view.set(bytes.subarray(at, at + take));
      at += take;
      request.respond(take);
    },
  });
  return { stream, asked };
}

/** `bytes` as an ordinary stream of chunks of the given sizes (0 for an empty chunk). */
function chunkStream(bytes: Uint8Array, sizes: number[]) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let at = 0;
      for (const size of sizes) {
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      }
      if (at < bytes.length) controller.enqueue(bytes.slice(at));
      controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

describe('reading a stream into buffers the reader owns', () => {
  const bytes = randomBytes(10_000);

  it('fills the whole buffer from a byte stream that gives a little at a time, in the same memory', async () => {
    const { stream, asked } = byteStream(bytes, 1_000);
    const source = byteSource(stream);
    const target = new Uint8Array(4_500);
    const memory = target.buffer.byteLength;
    const filled = await source.fill(target);
    expect(Buffer.from(filled).equals(bytes.subarray(0, 4_500))).toBe(true);
    // The stream wrote into the reader's buffer (what was left of it each time), never one of its own.
    expect(asked).toEqual([4_500, 3_500, 2_500, 1_500, 500]);
    expect(filled.buffer.byteLength).toBe(memory);
    // At the end: what there was, shorter than asked.
    const last = await source.fill(new Uint8Array(6_000));
    expect(Buffer.from(last).equals(bytes.subarray(4_500))).toBe(true);
    expect((await source.fill(new Uint8Array(10))).byteLength).toBe(0);
  });

  it('copies an ordinary stream’s chunks in, across chunk boundaries and empty chunks', async () => {
    const source = byteSource(chunkStream(bytes, [10, 0, 3_000, 1, 2_000]));
    const first = await source.fill(new Uint8Array(3_005));
    expect(Buffer.from(first).equals(bytes.subarray(0, 3_005))).toBe(true);
    const second = await source.fill(new Uint8Array(7_000));
    expect(Buffer.from(second).equals(bytes.subarray(3_005))).toBe(true);
    expect(second.byteLength).toBe(6_995);
  });

  it('gives what is left as a stream, after the bytes already read, from either kind of stream', async () => {
    for (const stream of [byteStream(bytes, 700).stream, chunkStream(bytes, [10, 0, 3_000, 1, 2_000])]) {
      const source = byteSource(stream);
      const head = await source.fill(new Uint8Array(2_000));
      expect((await readAll(source.rest(head))).equals(bytes)).toBe(true);
    }
  });
});

describe('a sealed report read through a reader that brings its own buffer', () => {
  const ring = parseKeyRing(newKeySetting('test'));

  it('opens to the same bytes, however little the stored stream gives at a time', async () => {
    const content = randomBytes(3 * 64 * 1024 + 777);
    const sealed = await readAll(new Blob([content]).stream().pipeThrough(sealStream(ring)));
    for (const most of [100, 4_096, 70_000]) {
      const stored = await readStored(ring, byteStream(sealed, most).stream, sealed.length);
      expect(stored.keyId).toBe('test');
      const opened = await stored.open();
      expect(opened.size).toBe(content.length);
      expect((await readAll(opened.stream)).equals(content)).toBe(true);
    }
  });

  it('gives a file stored before encryption as it is', async () => {
    const plain = Buffer.from('%PDF-1.7 a report stored before encryption');
    const stored = await readStored(ring, byteStream(plain, 5).stream, plain.length);
    expect(stored.keyId).toBeNull();
    expect((await readAll((await stored.open()).stream)).equals(plain)).toBe(true);
  });
});
