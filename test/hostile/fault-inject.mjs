// Loaded with `node --import` into a treaty child process: makes the N-th file-system change below
// TREATY_FAULT_DIR fail with TREATY_FAULT (ENOSPC, EROFS, EACCES, ...) or, for KILL, SIGKILLs the
// process right there. Every change counts: opening a file for writing, each write, mkdir, rename,
// link, rm/unlink. Tests run as root, where chmod denies nothing: this is how a denied or full disk
// is reached there. TREATY_FAULT_LOG=1 prints each counted call to stderr (to size a kill loop).
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TREATY_FAULT_DIR && path.resolve(process.env.TREATY_FAULT_DIR);
const fault = process.env.TREATY_FAULT;
const at = Number(process.env.TREATY_FAULT_AT ?? '0');
const log = process.env.TREATY_FAULT_LOG === '1';
let count = 0;

const under = (p) => dir && typeof p === 'string' && path.resolve(p).startsWith(dir);
const writes = (flags) => typeof flags === 'string' && /[wax+]/.test(flags);

function step(syscall, p) {
  const n = count++;
  if (log) process.stderr.write(`fault-step ${n} ${syscall} ${p}\n`);
  if (n < at || !fault) return;
  if (fault === 'KILL') process.kill(process.pid, 'SIGKILL');
  // Once failing, keep failing: a full or read-only disk stays so.
  const messages = {
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
    EACCES: 'permission denied',
    EIO: 'i/o error',
  };
  const e = new Error(`${fault}: ${messages[fault] ?? 'injected'}, ${syscall} '${p}'`);
  Object.assign(e, { code: fault, syscall, path: p, errno: -1 });
  throw e;
}

const P = fs.promises;
const wrap = (name, check) => {
  const orig = P[name].bind(P);
  P[name] = async (...args) => {
    if (check(...args)) step(name, String(args[0]));
    return orig(...args);
  };
};
wrap('open', (p, flags) => under(p) && writes(flags));
wrap('writeFile', (p) => under(p));
wrap('appendFile', (p) => under(p));
wrap('mkdir', (p) => under(p));
wrap('rename', (a, b) => under(a) || under(b));
wrap('link', (a, b) => under(b));
wrap('rm', (p) => under(p));
wrap('unlink', (p) => under(p));
wrap('rmdir', (p) => under(p));
wrap('copyFile', (a, b) => under(b));

// Writes through a FileHandle (writeNewFile: open 'wx', writeFile, sync).
const probe = await P.open(new URL(import.meta.url), 'r');
const FH = Object.getPrototypeOf(probe);
await probe.close();
for (const name of ['writeFile', 'write']) {
  const orig = FH[name];
  FH[name] = async function (...args) {
    if (this.__treatyPath) step(`write`, this.__treatyPath);
    return orig.apply(this, args);
  };
}
const open = P.open;
P.open = async (p, flags, mode) => {
  const fh = await open(p, flags, mode);
  if (under(String(p)) && writes(flags)) fh.__treatyPath = String(p);
  return fh;
};
