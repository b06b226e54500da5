// Loaded by scripts/bench/limits.mjs through Vite: streams a multipart upload
// of `megabytes` MB through the upload page's parser (busboy) into the local
// report store, sampling this process's resident memory on the way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readMultipart } from '~/server/http/multipart';
import { localReportStore } from '~/server/storage/local';

export async function benchUpload(megabytes: number): Promise<{ stored: number; rssGrowthMb: number; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-upload-'));
  const store = localReportStore(dir);
  const boundary = 'bench-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBench\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const chunks = Math.floor((megabytes * 1024 * 1024) / chunk.length);
  async function* body() {
    yield new TextEncoder().encode(head);
    for (let i = 0; i < chunks; i++) yield chunk;
    yield new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  }
  const request = new Request('http://bench/staff/conferences/x/reports/new/', {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Readable.toWeb(Readable.from(body())) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = Date.now();
  let stored = 0;
  await readMultipart(request, 'file', async (file) => {
    stored = await store.put('bench/upload', Readable.toWeb(file.stream) as ReadableStream<Uint8Array>);
    return true;
  });
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
  return { stored, rssGrowthMb: (peak - before) / 1024 / 1024, ms: Date.now() - started };
}
