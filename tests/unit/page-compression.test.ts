import { constants as perf, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { brotliDecompressSync, createBrotliCompress } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BROTLI_PARAMS } from '~/server/http/node-server';

/** A page like the parent dashboard: about 20 KB of HTML, written in a few chunks as Astro streams it. */
const page = Buffer.from(
  `<!doctype html><html lang="en"><body>${Array.from(
    { length: 120 },
    (_, i) => `<div class="row"><dt>Conference ${i}</dt><dd>Tuesday ${i} March at 10:00, Room ${i % 7}</dd></div>`,
  ).join('')}</body></html>`,
);

function compress(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = createBrotliCompress({ params: BROTLI_PARAMS });
    const out: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => out.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(out)));
    stream.on('error', reject);
    for (let at = 0; at < page.length; at += 4096) stream.write(page.subarray(at, at + 4096));
    stream.end();
  });
}

describe('pages compressed on demand', () => {
  it('come back whole, and 200 of them, ten at a time, make V8 collect the whole heap at most once', async () => {
    const major: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
        if (detail?.kind === perf.NODE_PERFORMANCE_GC_MAJOR) major.push(entry);
      }
    });
    observer.observe({ entryTypes: ['gc'] });
    try {
      for (let i = 0; i < 200; i += 10) {
        const compressed = await Promise.all(Array.from({ length: 10 }, compress));
        for (const c of compressed) expect(brotliDecompressSync(c).equals(page)).toBe(true);
      }
      // Let the observer see the last collections.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      observer.disconnect();
    }
    // With brotli's default 4 MB window, each stream's native memory made V8 run a full
    // collection about every ten streams (20 here); with the 256 KB window, none.
    expect(major.length).toBeLessThanOrEqual(1);
  });
});
