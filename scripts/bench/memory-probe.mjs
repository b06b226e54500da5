// Loaded into each benchmarked server process with `node --expose-gc --import`
// (never by the portal itself): over the IPC channel the bench opens, it
// answers { memory } with the process's memory after a full garbage
// collection, and { snapshot: file } by writing a V8 heap snapshot there. A
// figure taken after a forced collection says what the process still holds,
// not what the collector has not got round to yet.
import { writeHeapSnapshot } from 'node:v8';

const MB = 1024 * 1024;
const round = (bytes) => Math.round((bytes / MB) * 10) / 10;

/** Collects until the heap stops shrinking (finalisers can free more on a second pass). */
function collect() {
  let before = Infinity;
  for (let i = 0; i < 5 && process.memoryUsage().heapUsed < before; i++) {
    before = process.memoryUsage().heapUsed;
    globalThis.gc?.();
  }
}

// { watch: id, on: true } starts noting the most JavaScript buffers
// (ArrayBuffers: file chunks, sockets' data) the process holds, every 20 ms,
// collected or not; { watch: id, on: false } stops and answers the peak. Next
// to the resident figure, which also follows the allocator, it says what a
// download holds or has left for the collector.
let watching;
process.on('message', (message) => {
  if (!message || typeof message !== 'object' || !('watch' in message)) return;
  clearInterval(watching?.timer);
  if (message.on) {
    const start = process.memoryUsage().arrayBuffers;
    watching = { start, peak: start };
    watching.timer = setInterval(() => {
      watching.peak = Math.max(watching.peak, process.memoryUsage().arrayBuffers);
    }, 20);
  } else {
    process.send?.({ watch: message.watch, startMB: round(watching?.start ?? 0), peakMB: round(watching?.peak ?? 0) });
    watching = undefined;
  }
});

process.on('message', (message) => {
  if (!message || typeof message !== 'object' || !('probe' in message)) return;
  collect();
  // Measured before the snapshot: writing one takes memory of its own.
  const m = process.memoryUsage();
  if (message.snapshot) writeHeapSnapshot(message.snapshot);
  process.send?.({
    probe: message.probe,
    rssMB: round(m.rss),
    heapUsedMB: round(m.heapUsed),
    heapTotalMB: round(m.heapTotal),
    externalMB: round(m.external),
    arrayBuffersMB: round(m.arrayBuffers),
  });
});
// The IPC channel must not keep a stopping server alive.
process.channel?.unref();
