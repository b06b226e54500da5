// npm run bench -- --cases <n> --db sqlite|postgres --out <file.json>
//   [--processes <k>] [--duration <s>] [--connections <c>] [--parents <p>] [--outbox-worker 0|1]
//   [--download-mb <mb>] [--port <first>] [--pages <name,…>] [--heap-snapshots <dir>] [--compressed 0|1]
//   [--malloc-arena-max <n>] [--rounds <n>]
//
// How fast the built portal answers at a council's size, next to a bare
// node:http server measured in the same run (docs/benchmarks.md). Fills a
// database of its own with `cases` families in bulk (bench-data.ts: the
// app's migrations, report store and better-auth sessions), starts the built
// server (k processes on PostgreSQL, requests shared round-robin), drives
// each page with `connections` keep-alive connections for `duration`
// seconds, then five slow readers of a large report. Prints a table and
// writes JSON rows { page, db, cases, rps, p50, p95, p99, baselineRps,
// errors, peakRssMB } (milliseconds; the download row has extraMemoryMB).
// PostgreSQL: a database bench_<pid> is created on DATABASE_URL's server
// (default postgres://postgres@127.0.0.1/) and dropped afterwards.
// Not part of npm test.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runServerModule } from '../server-module.mjs';
import { load, peakSampler, rssOf, slowDownloads, startBaseline } from './load.mjs';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    db: { type: 'string', default: 'sqlite' },
    out: { type: 'string' },
    processes: { type: 'string', default: '1' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    parents: { type: 'string', default: '20' },
    'outbox-worker': { type: 'string', default: '1' },
    'download-mb': { type: 'string', default: '100' },
    port: { type: 'string', default: process.env.BENCH_PORT ?? '4560' },
    pages: { type: 'string' },
    'heap-snapshots': { type: 'string' },
    compressed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '1' },
    'malloc-arena-max': { type: 'string', default: '2' },
    'cpu-prof': { type: 'string' },
  },
});
const cases = Number(args.cases);
const dbKind = args.db;
const processes = dbKind === 'postgres' ? Number(args.processes) : 1;
const seconds = Number(args.duration);
const connections = Number(args.connections);
const downloadMb = Number(args['download-mb']);
const firstPort = Number(args.port);
if (!['sqlite', 'postgres'].includes(dbKind)) throw new Error('--db must be sqlite or postgres');
if (dbKind === 'sqlite' && Number(args.processes) > 1) console.warn('SQLite: one process (--processes ignored).');

const say = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

if (!existsSync('dist/build.json')) {
  say('no build in dist/: npm run build');
  if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

const data = mkdtempSync(join(tmpdir(), 'bench-'));
const secret = `bench-secret-${process.pid}-0123456789abcdefghijklmnopqrstuvwxyz`;
const env = {
  SITE_URL: `http://127.0.0.1:${firstPort + 1}`,
  SQLITE_PATH: join(data, 'db.sqlite'),
  REPORTS_DIR: join(data, 'reports'),
  REPORT_KEY_FILE: join(data, 'report.key'),
  OUTBOX_DIR: join(data, 'outbox'),
  BETTER_AUTH_SECRET: secret,
  DEMO_DATA: '0',
  LOG_LEVEL: 'warn',
};
// As docs/deploy.md runs the server (0: glibc's default, one malloc arena per thread).
const serverEnv = args['malloc-arena-max'] === '0' ? {} : { MALLOC_ARENA_MAX: args['malloc-arena-max'] };
let dbName;
if (dbKind === 'postgres') {
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1/postgres');
  dbName = `bench_${process.pid}`;
  const made = spawnSync(
    'createdb',
    ['-h', server.hostname, '-p', server.port || '5432', '-U', server.username || 'postgres', dbName],
    {
      stdio: 'inherit',
      env: { ...process.env, PGPASSWORD: decodeURIComponent(server.password) },
    },
  );
  if (made.status !== 0) throw new Error(`createdb ${dbName} failed`);
  server.pathname = `/${dbName}`;
  env.DATABASE_URL = server.toString();
}
const dropDb = () => {
  if (!dbName) return;
  const server = new URL(env.DATABASE_URL);
  spawnSync(
    'dropdb',
    [
      '-h',
      server.hostname,
      '-p',
      server.port || '5432',
      '-U',
      server.username || 'postgres',
      '--if-exists',
      '--force',
      dbName,
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, PGPASSWORD: decodeURIComponent(server.password) },
    },
  );
};

const children = [];
const cleanUp = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', () => {
  cleanUp();
  dropDb();
  rmSync(data, { recursive: true, force: true });
  process.exit(130);
});

try {
  say(`generating ${cases} cases on ${dbKind} in ${data}`);
  Object.assign(process.env, env);
  const generated = await runServerModule('scripts/bench/bench-data.ts', 'generate', {
    cases,
    downloadMb,
    signedInParents: Math.min(Number(args.parents), cases),
    secret,
  });
  say(`generated in ${(generated.ms / 1000).toFixed(1)} s: ${JSON.stringify(generated.counts)}`);

  // The servers.
  const ports = Array.from({ length: processes }, (_, i) => firstPort + 1 + i);
  const servers = [];
  for (const [i, port] of ports.entries()) {
    // memory-probe.mjs answers the bench over IPC: memory after a forced collection, heap snapshots.
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        // --cpu-prof <dir>: a CPU profile of the server, written when it stops.
        ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : []),
        '--import',
        './scripts/bench/memory-probe.mjs',
        'scripts/serve.mjs',
      ],
      {
        env: {
          ...process.env,
          ...env,
          ...serverEnv,
          PORT: String(port),
          OUTBOX_WORKER: i === 0 ? args['outbox-worker'] : '0',
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    children.push(child);
    servers.push(child);
  }
  for (const port of ports) {
    for (let tries = 0; ; tries++) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (tries > 600) throw new Error(`the server on port ${port} did not start`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const pids = servers.map((s) => s.pid);
  say(`${processes} server process(es) on port(s) ${ports.join(', ')}: pid ${pids.join(', ')}`);

  // Each server's memory after a full garbage collection (and a heap snapshot when asked).
  const snapshots = args['heap-snapshots'] ? resolve(args['heap-snapshots']) : undefined;
  if (snapshots) mkdirSync(snapshots, { recursive: true });
  let probes = 0;
  /** Sends `message` to a server's memory-probe.mjs and resolves with its answer (the one with the same id under `key`). */
  const ask = (child, key, id, message) =>
    new Promise((done) => {
      const answer = (reply) => {
        if (reply?.[key] !== id) return;
        child.off('message', answer);
        done(reply);
      };
      child.on('message', answer);
      child.send({ [key]: id, ...message });
    });
  const probe = (child, snapshot) => ask(child, 'probe', ++probes, { snapshot });
  /** Notes the peak of JavaScript buffers a server holds (memory-probe.mjs) from now until the returned function is called. */
  const watchBuffers = (child) => {
    const id = ++probes;
    child.send({ watch: id, on: true });
    return () => ask(child, 'watch', id, { on: false });
  };
  const memoryAfterGc = (label) =>
    Promise.all(
      servers.map((child, i) =>
        probe(child, snapshots ? join(snapshots, `${label}-${i + 1}.heapsnapshot`) : undefined),
      ),
    );

  const baseline = await startBaseline(firstPort);
  children.push(baseline);
  say(`baseline: bare node:http on ${firstPort}`);
  const base = await load({ target: () => ({ port: firstPort, path: '/' }), connections, seconds });
  say(`baseline ${base.rps} req/s, p95 ${base.p95} ms`);
  baseline.kill('SIGTERM');

  const staff = generated.staffCookie;
  const parents = generated.parents;
  const get = (path, cookie) =>
    fetch(`http://127.0.0.1:${ports[0]}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  // The audit log's later page: follow "Older" (the keyset link) up to 49 times.
  let laterAudit = '/staff/audit/';
  let auditPage = 1;
  for (; auditPage < 50; auditPage++) {
    const html = await (await get(laterAudit, staff)).text();
    const next = /href="([^"]+)"\s+rel="next"/.exec(html)?.[1];
    if (!next) break;
    laterAudit = next.replaceAll('&amp;', '&');
  }
  say(`audit log: page ${auditPage} is ${laterAudit}`);

  // Warm up (every page once, through every process) before the "before" figure, so what
  // is loaded once (modules, compiled templates, connection pools) does not count as growth.
  let rr = 0;
  const port = () => ports[rr++ % ports.length];
  const allPages = [
    { page: 'prerendered', path: () => '/en/' },
    { page: 'sign-in', path: () => '/en/account/sign-in/' },
    { page: 'dashboard', path: () => '/en/account/', parent: true },
    { page: 'conference', path: (p) => `/en/account/conferences/${p.conferenceId}/`, parent: true },
    { page: 'staff-home', path: () => '/staff/', staff: true },
    { page: 'inbox', path: () => '/staff/inbox/?status=all', staff: true },
    { page: 'audit-page-1', path: () => '/staff/audit/', staff: true },
    { page: `audit-page-${auditPage}`, path: () => laterAudit, staff: true },
    // Issue #16: does one request's database work hold up another's? The sign-in page on one
    // connection (so its own queue does not count) while 2 connections ask for the audit
    // log's later page without pause, as staff reading the log would.
    {
      page: 'sign-in-during-audit',
      path: () => '/en/account/sign-in/',
      connections: 1,
      background: { page: `audit-page-${auditPage}`, path: () => laterAudit, connections: 2 },
    },
  ];
  const chosen = args.pages?.split(',').map((p) => p.trim());
  const pages = chosen
    ? allPages.filter((p) => chosen.includes(p.page) || chosen.includes(p.page.replace(/\d+$/, 'n')))
    : allPages;
  for (const spec of pages)
    for (const p of ports)
      for (const parent of spec.parent ? parents.slice(0, 5) : [undefined])
        await fetch(`http://127.0.0.1:${p}${spec.path(parent ?? parents[0])}`, {
          headers: spec.staff ? { cookie: staff } : parent ? { cookie: parent.cookie } : {},
          redirect: 'manual',
        }).then((r) => r.arrayBuffer());
  const memoryBefore = await memoryAfterGc('before');
  say(
    `memory after GC before the load: ${memoryBefore.map((m) => `RSS ${m.rssMB} MB, heap used ${m.heapUsedMB} MB`).join(' / ')}`,
  );
  const rows = [];
  // With several rounds, the same load again and again: memory that keeps climbing from
  // round to round (after a forced collection) is a leak; memory that stays where the first
  // round left it is what the load needs at its peak, kept for the next.
  const rounds = Number(args.rounds);
  const afterRounds = [];
  for (let round = 1; round <= rounds; round++) {
    if (round > 1) say(`round ${round} of ${rounds}`);
    for (const spec of pages) {
      const check = await get(spec.path(parents[0]), spec.staff ? staff : spec.parent ? parents[0].cookie : undefined);
      const pageBytes = (await check.arrayBuffer()).byteLength;
      if (check.status !== 200)
        say(`warning: ${spec.page} answered ${check.status} ${check.headers.get('location') ?? ''}`);
      const stop = peakSampler(pids);
      const background = spec.background
        ? load({
            target: () => ({ port: port(), path: spec.background.path(), cookie: staff }),
            connections: spec.background.connections,
            // A little longer than the page measured, so it runs throughout.
            seconds: seconds + 1,
            compressed: args.compressed !== '0',
          })
        : undefined;
      const result = await load({
        target: (n) => {
          const parent = parents[n % parents.length];
          return {
            port: port(),
            path: spec.path(parent),
            cookie: spec.staff ? staff : spec.parent ? parent.cookie : undefined,
          };
        },
        connections: spec.connections ?? connections,
        seconds,
        compressed: args.compressed !== '0',
      });
      const behind = await background;
      const peaks = stop();
      const row = {
        page: spec.page,
        db: dbKind,
        cases,
        processes,
        connections: spec.connections ?? connections,
        rps: result.rps,
        p50: result.p50,
        p95: result.p95,
        p99: result.p99,
        baselineRps: base.rps,
        errors: result.errors,
        peakRssMB: Math.max(...peaks),
        htmlKB: Math.round(pageBytes / 102.4) / 10,
        ...(processes > 1 ? { peakRssMBPerProcess: peaks } : {}),
        ...(behind
          ? {
              background: {
                page: spec.background.page,
                connections: spec.background.connections,
                rps: behind.rps,
                p95: behind.p95,
                errors: behind.errors,
              },
            }
          : {}),
      };
      rows.push(row);
      say(
        `${spec.page}: ${result.rps} req/s, p95 ${result.p95} ms, ${result.errors} errors${result.firstError ? ` (${result.firstError})` : ''}${behind ? `; meanwhile ${spec.background.page}: ${behind.rps} req/s, p95 ${behind.p95} ms` : ''}`,
      );
    }
    if (rounds > 1) {
      const m = await memoryAfterGc(`round-${round}`);
      afterRounds.push(m);
      say(
        `memory after GC after round ${round}: ${m.map((x) => `RSS ${x.rssMB} MB, heap used ${x.heapUsedMB} MB`).join(' / ')}`,
      );
    }
  }

  say(`download-5-slow: 5 × ${downloadMb} MB at 20 MB/s`);
  const stop = peakSampler(pids);
  const buffersSeen = watchBuffers(servers[0]);
  const download = await slowDownloads({
    port: ports[0],
    path: generated.download.path,
    cookie: generated.download.cookie,
    clients: 5,
    mbPerSecond: 20,
    pid: pids[0],
  });
  const peaks = stop();
  const buffers = await buffersSeen();
  // Memory once the run is over (flat, or still holding what the load took?).
  await new Promise((r) => setTimeout(r, 3000));
  const after = pids.map((pid) => Math.round((rssOf(pid) / 1024 / 1024) * 10) / 10);
  const memoryAfter = await memoryAfterGc('after');
  say(
    `memory after GC after the run: ${memoryAfter.map((m) => `RSS ${m.rssMB} MB, heap used ${m.heapUsedMB} MB`).join(' / ')}`,
  );
  if (snapshots) say(`heap snapshots in ${snapshots} (compare: node scripts/bench/heap-diff.mjs before-1 after-1)`);
  rows.push({
    page: 'download-5-slow',
    db: dbKind,
    cases,
    processes,
    downloadMB: downloadMb,
    seconds: download.seconds,
    receivedMB: download.receivedMB,
    // What each reader got on average (below 20 when the server, not the reader, was the slower).
    mbPerSecondPerClient: Math.round((download.receivedMB / 5 / download.seconds) * 10) / 10,
    extraMemoryMB: download.extraMemoryMB,
    // The most JavaScript buffers the serving process held during the downloads (collected or not yet), and before them.
    peakArrayBuffersMB: buffers.peakMB,
    arrayBuffersBeforeMB: buffers.startMB,
    errors: download.errors,
    peakRssMB: Math.max(...peaks),
    rssAfterRunMB: after,
  });
  rows.push({
    page: 'memory-after-gc',
    db: dbKind,
    cases,
    processes,
    before: memoryBefore,
    ...(rounds > 1 ? { afterRounds } : {}),
    after: memoryAfter,
  });

  const uptime = spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();
  console.log(
    `\n${dbKind}, ${cases} cases, ${processes} process(es), ${connections} connections, ${seconds} s a page; ${uptime}`,
  );
  console.log('page              req/s   p50 ms   p95 ms   p99 ms  baseline  errors  peak RSS MB  HTML KB');
  for (const r of rows) {
    if (r.page === 'memory-after-gc') {
      const show = (m) => m.map((x) => `${x.rssMB} MB RSS, ${x.heapUsedMB} MB heap`).join(' / ');
      console.log(`${r.page.padEnd(16)} before the load ${show(r.before)}; after the run ${show(r.after)}`);
      continue;
    }
    if (r.page === 'download-5-slow') {
      console.log(
        `${r.page.padEnd(16)} 5 × ${r.downloadMB} MB in ${r.seconds} s, ${r.receivedMB} MB read (${r.mbPerSecondPerClient} MB/s each), ${r.errors} errors: memory +${r.extraMemoryMB} MB (peak ${r.peakRssMB} MB; 3 s after the run ${r.rssAfterRunMB.join(' / ')} MB); buffers held at most ${r.peakArrayBuffersMB} MB (${r.arrayBuffersBeforeMB} MB before)`,
      );
      continue;
    }
    console.log(
      `${r.page.padEnd(16)}${String(r.rps).padStart(7)}${String(r.p50).padStart(9)}${String(r.p95).padStart(9)}${String(r.p99).padStart(9)}${String(r.baselineRps).padStart(10)}${String(r.errors).padStart(8)}${String(r.peakRssMB).padStart(13)}${String(r.htmlKB).padStart(9)}`,
    );
  }
  if (args.out) {
    writeFileSync(args.out, `${JSON.stringify(rows, null, 2)}\n`);
    say(`written to ${args.out}`);
  }
} finally {
  cleanUp();
  await new Promise((r) => setTimeout(r, 1500));
  dropDb();
  rmSync(data, { recursive: true, force: true });
}
process.exit(0);
