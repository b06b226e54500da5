// npm run bench:limits — what an oversized body costs the server, as figures:
// a 50 MB POST to a form route (announced, and sent in chunks) against the
// built server (refused with 413: how fast, and how much its resident memory
// grows), and a 19 MB report upload streamed through the upload's parser into
// the report store (how much memory it takes). Needs a build (npm run build).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServerModule } from '../server-module.mjs';

const MB = 1024 * 1024;
// A port of its own, derived from PW_PORT like the tests' servers.
const PORT = Number(process.env.PW_PORT || 4322) + 50;
const rssOf = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

async function startServer() {
  const data = mkdtempSync(join(tmpdir(), 'bench-limits-'));
  const child = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      SITE_URL: `http://localhost:${PORT}`,
      SQLITE_PATH: join(data, 'db.sqlite'),
      REPORTS_DIR: join(data, 'r'),
      OUTBOX_DIR: join(data, 'o'),
      DEMO_DATA: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const match = /"port":(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', () => reject(new Error(`the server stopped:\n${out}`)));
  });
  // Let it finish starting (migrations, the first page) before measuring.
  await fetch(`http://127.0.0.1:${port}/readyz`);
  await fetch(`http://127.0.0.1:${port}/en/account/sign-in/`);
  return { child, port };
}

function post(port, chunked) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request({
      host: '127.0.0.1',
      port,
      path: '/en/account/sign-in/',
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: `http://localhost:${port}`,
        ...(chunked ? {} : { 'Content-Length': 50 * MB }),
      },
    });
    request.on('response', (response) => {
      const ms = performance.now() - started;
      response.resume();
      request.destroy();
      resolve({ status: response.statusCode, ms });
    });
    request.on('error', (error) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    const block = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < 50 * MB) {
        sent += block.length;
        if (!request.write(block)) return request.once('drain', pump);
      }
      request.end();
    };
    pump();
  });
}

const { child, port } = await startServer();
const rows = [];
for (const chunked of [false, true]) {
  const before = rssOf(child.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid))), 10);
  const { status, ms } = await post(port, chunked);
  await new Promise((r) => setTimeout(r, 200));
  clearInterval(sampler);
  rows.push([
    `50 MB POST to a form, ${chunked ? 'chunked' : 'with Content-Length'}`,
    status,
    `${ms.toFixed(0)} ms`,
    `${((peak - before) / MB).toFixed(1)} MB`,
  ]);
}
child.kill('SIGTERM');
const upload = await runServerModule('scripts/bench/upload-stream.ts', 'benchUpload', 19);
rows.push([
  '19 MB report upload, streamed to the store',
  `${(upload.stored / MB).toFixed(1)} MB stored`,
  `${upload.ms} ms`,
  `${upload.rssGrowthMb.toFixed(1)} MB`,
]);

console.log('what                                          answer          time       memory growth (RSS)');
for (const r of rows) console.log(`${r[0].padEnd(46)}${String(r[1]).padEnd(16)}${r[2].padEnd(11)}${r[3]}`);
console.log(
  'Targets: a 50 MB POST refused with 413 within a second, < 20 MB growth; a 19 MB upload streams with < 20 MB extra.',
);
