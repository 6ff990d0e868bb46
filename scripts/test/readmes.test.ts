/**
 * Every shell block of the READMEs (the root's and each package's) runs as written, from a copy of
 * the repository as a fresh clone plus `pnpm install` has it: the tracked files, and the installed
 * node_modules linked in. A block runs in its README's folder unless its first line says
 * `# from the repository root`; a block that needs a running service says so in a comment above
 * it (`<!-- needs: a running Prometheus -->`) and is skipped with that reason.
 *
 * No network: npm and pnpm run offline. `pnpm` in a README is pnpm 10 on PATH (corepack); where
 * there is none, the pinned `npx -y pnpm@…` of the root README stands in for it.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ShellBlock, shellBlocks } from './readmeBlocks.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readmes = [
  'README.md',
  ...readdirSync(join(root, 'packages'))
    .map((p) => `packages/${p}/README.md`)
    .filter((f) => existsSync(join(root, f))),
];
const blocks = readmes.flatMap((readme) =>
  shellBlocks(readFileSync(join(root, readme), 'utf8')).map((b) => ({ readme, ...b })),
);

let copy: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'hartslag-readme-'));
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  if (git.status !== 0) throw new Error(`the README test copies the repository's files with git: ${git.stderr}`);
  const files = git.stdout
    .toString()
    .split('\0')
    .filter((f) => f !== '' && existsSync(join(root, f)));
  for (const f of files) {
    mkdirSync(dirname(join(copy, f)), { recursive: true });
    copyFileSync(join(root, f), join(copy, f));
  }
  // What `pnpm install` made: the root's and each workspace package's node_modules.
  const packageDirs = files.filter((f) => f === 'package.json' || f.endsWith('/package.json')).map(dirname);
  for (const dir of packageDirs) {
    const modules = join(root, dir, 'node_modules');
    if (existsSync(modules)) symlinkSync(modules, join(copy, dir, 'node_modules'));
  }
  const bin = join(copy, '.readme-test-bin');
  mkdirSync(bin);
  let path = process.env.PATH ?? '';
  const offline = { ...process.env, npm_config_offline: 'true', NO_COLOR: '1' };
  if (spawnSync('sh', ['-c', 'command -v pnpm'], { stdio: 'ignore' }).status !== 0) {
    // Found once in npx's cache: npx itself takes seconds per call.
    const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager as string;
    const found = spawnSync('npx', ['-y', '-p', pinned, '-c', 'command -v pnpm'], { env: offline, encoding: 'utf8' });
    const pnpm = found.status === 0 ? found.stdout.trim() : '';
    writeFileSync(
      join(bin, 'pnpm'),
      `#!/bin/sh\nexec ${pnpm === '' ? `npx -y ${pinned}` : JSON.stringify(pnpm)} "$@"\n`,
    );
    chmodSync(join(bin, 'pnpm'), 0o755);
    path = `${bin}:${path}`;
  }
  env = { ...offline, PATH: path };
}, 120_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

function run(b: ShellBlock & { readme: string }) {
  const cwd = b.fromRoot ? copy : join(copy, dirname(b.readme));
  return spawnSync('bash', ['-eo', 'pipefail', '-c', b.text], { cwd, env, encoding: 'utf8', timeout: 240_000 });
}

describe('README commands run as written', () => {
  it('finds the shell blocks of every README', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    expect(blocks.filter((b) => b.needs === undefined).length).toBeGreaterThanOrEqual(2);
  });

  for (const b of blocks) {
    const name = `${b.readme}:${b.line}`;
    if (b.needs !== undefined) {
      it.skip(`${name} (needs ${b.needs})`, () => {});
      continue;
    }
    it(`${name} runs and exits 0`, () => {
      const r = run(b);
      expect(r.error, `${name} did not finish: ${r.error}`).toBeUndefined();
      expect(r.status, `${name} failed:\n$ ${b.text}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`).toBe(0);
    }, 300_000);
  }
});

describe('shellBlocks', () => {
  const md = [
    '# x',
    '```sh',
    '# from the repository root',
    'pnpm hartslag',
    '```',
    '',
    '<!-- needs: a running Prometheus -->',
    '',
    '```bash',
    'curl localhost:9090',
    '```',
    '```ts',
    'const a = 1;',
    '```',
  ].join('\n');

  it('reads each shell block with its line, where it runs from and what it needs', () => {
    expect(shellBlocks(md)).toEqual([
      { line: 2, text: '# from the repository root\npnpm hartslag', fromRoot: true },
      { line: 9, text: 'curl localhost:9090', fromRoot: false, needs: 'a running Prometheus' },
    ]);
  });

  it('refuses a block that is never closed', () => {
    expect(() => shellBlocks('```sh\nls\n')).toThrow('line 1: a shell block without its closing fence');
  });
});
