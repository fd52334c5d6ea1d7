// One measured run: a separate process, its wall time (from here) and peak RSS (GNU time -v, when
// /usr/bin/time exists; otherwise RSS is not measured), killed with its process group on timeout.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

/** Peak RSS in MB from GNU time -v output; NaN when absent. */
export function parseMaxRss(text) {
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Runs `cmd args` (cwd, timeoutMs); resolves `{ wall, rssMb, code, stdout, stderr, timedOut }`. */
export function measure(cmd, args, { cwd, timeoutMs = 300_000 } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'treaty-bench-'));
  const timeFile = path.join(dir, 'time.txt');
  const [exe, argv] = hasGnuTime ? [GNU_TIME, ['-v', '-o', timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(exe, argv, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const rssMb = existsSync(timeFile) ? parseMaxRss(readFileSync(timeFile, 'utf8')) : NaN;
      rmSync(dir, { recursive: true, force: true });
      resolve({
        wall,
        rssMb,
        code,
        timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}
