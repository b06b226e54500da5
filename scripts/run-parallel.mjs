// Runs commands side by side and prints each one's output whole, in the order
// given, once it ends; exits non-zero when any fails. npm test uses it for the
// lint and the type check: each is one thread, and one after the other left a
// core idle for two minutes. Usage: node scripts/run-parallel.mjs "cmd a" "cmd b"
import { spawn } from 'node:child_process';

const commands = process.argv.slice(2);
const runs = commands.map(
  (command) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const output = [];
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
      child.on('close', (code) =>
        resolve({ command, code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }),
      );
    }),
);
let failed = 0;
for (const run of runs) {
  const { command, code, output, seconds } = await run;
  process.stdout.write(`\n$ ${command}\n`);
  process.stdout.write(Buffer.concat(output));
  process.stdout.write(`(${command}: ${code === 0 ? 'passed' : `failed, exit ${code}`} in ${seconds.toFixed(0)} s)\n`);
  if (code !== 0) failed++;
}
process.exit(failed ? 1 : 0);
