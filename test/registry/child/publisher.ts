/**
 * A publisher run as a child process by the crash and concurrency tests (compiled by build.ts).
 *
 *   node publisher.js <registry> <workdir> <count|forever> [--log <file>] [--die-at <step>]
 *
 * Publishes new versions of contract `crash` (21 files, new bytes every time), printing
 * `published <version>` after each publish returned. `--log` appends `<pid> <step>` for every step
 * of a publish while the lock is held; `--die-at` SIGKILLs itself at that step of the first publish;
 * `--steps` prints `step <name>` for every step (the parent kills it at a random one of them).
 * A publish that lost a race (another process published first) is planned again.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { RegistryError } from '../../../src/core/errors.js';
import { schemaValidator } from '../../../src/core/json-schema-validator.js';
import { applyPlan, type PublishStep } from '../../../src/registry/apply.js';
import { planPublish } from '../../../src/registry/plan.js';
import { openRegistry } from '../../../src/registry/registry.js';
import { writeCrashContract } from './contract.js';

const [registry, work, countArg, ...rest] = process.argv.slice(2);
const opt = (name: string) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
const log = opt('--log');
const dieAt = opt('--die-at') as PublishStep | undefined;
const steps = rest.includes('--steps');
const count = countArg === 'forever' ? Infinity : Number(countArg);

const root = path.join(work!, `src-${process.pid}`);

// Warm up (schema compilation) before saying ready, so kills land in publishes, not in start-up.
await openRegistry(registry!).catch(() => undefined);
schemaValidator('registry-manifest.schema.json');
schemaValidator('registry-index.schema.json');
process.stdout.write('ready\n');
for (let n = 0; n < count; n++) {
  const contract = await writeCrashContract(root, `${process.pid}-${n}-${Date.now()}`);
  for (;;) {
    const plan = await planPublish({
      registry: await openRegistry(registry!),
      contract,
      compare: async () => [],
      kindOf: () => undefined,
    });
    try {
      const res = await applyPlan(plan, {
        lock: { timeoutMs: 60_000, pollMs: 2 },
        onStep: (step) => {
          if (steps) process.stdout.write(`step ${step}\n`);
          if (log) appendFileSync(log, `${process.pid} ${step}\n`);
          if (step === dieAt) process.kill(process.pid, 'SIGKILL');
        },
      });
      process.stdout.write(`${res.status} ${res.version}\n`);
      break;
    } catch (e) {
      if (e instanceof RegistryError && /changed since this publish was planned/.test(e.message))
        continue;
      throw e;
    }
  }
}
