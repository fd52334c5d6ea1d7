import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'treaty-avro-transitive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema = (note: string) => `{
  "type": "record",
  "name": "OrderPlaced",
  "namespace": "shop",
  "fields": [
    {"name": "id", "type": "string"}${note}
  ]
}
`;
const config = (transitive: boolean) => `contracts:
  - id: order-placed
    format: avro
    path: avro
    evolution: backward
    transitive: ${transitive}
`;

/**
 * Confluent's BACKWARD_TRANSITIVE is `evolution: backward` with `transitive: true`: every version
 * of the major line must be readable by the new schema, not only the latest.
 */
describe('Avro: BACKWARD vs BACKWARD_TRANSITIVE', () => {
  it('a default removed is compatible with the latest version but not with the first', async () => {
    mkdirSync(path.join(dir, 'avro'));
    const file = path.join(dir, 'avro', 'order-placed.avsc');
    writeFileSync(path.join(dir, 'treaty.yaml'), config(false));
    writeFileSync(file, schema(''));
    expect((await runCli(['publish', '--cwd', dir, '--version', '1.0.0'])).code).toBe(0);
    writeFileSync(file, schema(',\n    {"name": "note", "type": "string", "default": ""}'));
    expect((await runCli(['publish', '--cwd', dir, '--version', '1.1.0'])).code).toBe(0);

    // The default is dropped: 1.1.0 data always has the field, so BACKWARD holds…
    writeFileSync(file, schema(',\n    {"name": "note", "type": "string"}'));
    const latest = await runCli(['check', '--cwd', dir, '--format', 'json']);
    expect(latest.code).toBe(0);
    const rules = (out: string) =>
      (JSON.parse(out) as { findings: Array<{ rule: string; severity: string }> }).findings.map(
        (f) => [f.rule, f.severity],
      );
    expect(rules(latest.stdout)).toEqual([['avro-field-default-removed', 'warning']]);

    // …but 1.0.0 data lacks it, and nothing fills it in: BACKWARD_TRANSITIVE fails.
    writeFileSync(path.join(dir, 'treaty.yaml'), config(true));
    const all = await runCli(['check', '--cwd', dir, '--format', 'json']);
    expect(all.code).toBe(1);
    expect(rules(all.stdout)).toEqual([
      ['avro-field-added-without-default', 'breaking'],
      ['avro-field-default-removed', 'warning'],
    ]);
  });
});
