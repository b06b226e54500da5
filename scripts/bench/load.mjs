// The bench's load generator and its yardstick: keep-alive GETs over
// `connections` sockets for a fixed time (round-robin over the servers'
// ports), a bare node:http server to compare with, resident memory from
// /proc, and slow readers of a large download.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const MB = 1024 * 1024;
/** Chrome's Accept-Encoding. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

/** A process's resident memory in bytes (0 once it has gone). */
export function rssOf(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Samples the peak resident memory of `pids` every 50 ms until stop() (returns the peaks in MB). */
export function peakSampler(pids) {
  const peaks = pids.map((pid) => rssOf(pid));
  const timer = setInterval(() => pids.forEach((pid, i) => (peaks[i] = Math.max(peaks[i], rssOf(pid)))), 50);
  return () => {
    clearInterval(timer);
    return peaks.map((p) => Math.round((p / MB) * 10) / 10);
  };
}

const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

/**
 * Sends GET requests for `seconds` over `connections` keep-alive sockets.
 * `target(n)` gives the n-th request's { port, path, cookie }. Anything but
 * 200 (or a socket error) counts as an error. `compressed`: accept compressed
 * answers as a browser does (the default).
 */
export async function load({ target, connections, seconds, compressed = true }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const times = [];
  let errors = 0;
  let n = 0;
  const firstError = [];
  const one = (t) =>
    new Promise((resolve) => {
      const started = performance.now();
      const request = http.get(
        {
          host: '127.0.0.1',
          port: t.port,
          path: t.path,
          agent,
          // What a browser sends: the server compresses pages rendered on demand (what it costs is part of the figure).
          headers: {
            ...(compressed ? { 'accept-encoding': BROWSER_ENCODINGS } : {}),
            ...(t.cookie ? { cookie: t.cookie } : {}),
          },
        },
        (response) => {
          response.on('data', () => undefined);
          response.on('end', () => {
            if (response.statusCode !== 200) {
              errors++;
              if (firstError.length < 1) firstError.push(`${t.path}: HTTP ${response.statusCode}`);
            } else times.push(performance.now() - started);
            resolve();
          });
        },
      );
      request.on('error', (error) => {
        errors++;
        if (firstError.length < 1) firstError.push(`${t.path}: ${error.code ?? error.message}`);
        resolve();
      });
    });
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) await one(target(n++));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  const round = (x) => Math.round(x * 10) / 10;
  return {
    rps: Math.round(times.length / elapsed),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    errors,
    firstError: firstError[0],
  };
}

/** A bare node:http server in its own process answering every request with a small fixed page. */
export async function startBaseline(port) {
  const code = `
    const body = Buffer.from('<!doctype html><html lang="en"><title>baseline</title><p>' + 'x'.repeat(2000) + '</p></html>');
    require('node:http').createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
      res.end(body);
    }).listen(${port}, '127.0.0.1', () => console.log('listening'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', () => reject(new Error('the baseline server stopped')));
  });
  return child;
}

/**
 * `clients` concurrent downloads of `path`, each read at `mbPerSecond`
 * (pausing the response when ahead), while the server's memory is sampled:
 * returns the growth of its resident memory over what it was before, in MB.
 */
export async function slowDownloads({ port, path, cookie, clients, mbPerSecond, pid }) {
  await new Promise((r) => setTimeout(r, 500));
  const before = rssOf(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
  const started = performance.now();
  const results = await Promise.all(
    Array.from(
      { length: clients },
      () =>
        new Promise((resolve) => {
          const t0 = performance.now();
          http
            .get({ host: '127.0.0.1', port, path, headers: { cookie } }, (response) => {
              let received = 0;
              response.on('data', (chunk) => {
                received += chunk.length;
                const due = (received / (mbPerSecond * MB)) * 1000 - (performance.now() - t0);
                if (due > 5) {
                  response.pause();
                  setTimeout(() => response.resume(), due);
                }
              });
              response.on('end', () => resolve({ status: response.statusCode, received }));
            })
            .on('error', (error) => resolve({ status: 0, received: 0, error }));
        }),
    ),
  );
  clearInterval(timer);
  return {
    seconds: Math.round((performance.now() - started) / 100) / 10,
    extraMemoryMB: Math.round(((peak - before) / MB) * 10) / 10,
    errors: results.filter((r) => r.status !== 200).length,
    receivedMB: Math.round(results.reduce((s, r) => s + r.received, 0) / MB),
  };
}
