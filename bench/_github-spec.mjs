// GitHub's REST API description (api.github.com.json from the npm package @octokit/openapi),
// fetched with `npm pack` into bench/.cache (git-ignored) on first use. Shared by the benchmarks.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cache = path.join(path.dirname(fileURLToPath(import.meta.url)), '.cache', 'openapi');

export function fetchSpec(version) {
  const dir = path.join(cache, version);
  const file = path.join(dir, 'package', 'generated', 'api.github.com.json');
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const tgz = execFileSync('npm', ['pack', `@octokit/openapi@${version}`, '--silent'], { cwd: dir })
    .toString()
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['xzf', path.join(dir, tgz), '-C', dir, 'package/generated/api.github.com.json']);
  return file;
}
