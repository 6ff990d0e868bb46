import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drifted, writeGenerated } from '@hartslag/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATED_HEADER } from '../../src/generate/header.js';
import { generateOutputs, PACKAGE_DIR } from '../../src/generate/outputs.js';
import { loadThresholds } from '../../src/thresholds/fromSpec.js';

const outputs = generateOutputs(loadThresholds());
const root = join(PACKAGE_DIR, '..');
const temp = mkdtempSync(join(tmpdir(), 'hartslag-loadtests-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the generated scripts', () => {
  it('are a k6 script, an Artillery script and k6-operator manifests per scenario', () => {
    expect(outputs.map((o) => o.path).sort()).toEqual([
      'artillery/morning-login-spike.yml',
      'artillery/restart-storm-jittered.yml',
      'artillery/restart-storm.yml',
      'artillery/steady-day.yml',
      'k6-operator/morning-login-spike.yaml',
      'k6-operator/restart-storm-jittered.yaml',
      'k6-operator/restart-storm.yaml',
      'k6-operator/steady-day.yaml',
      'k6/morning-login-spike.js',
      'k6/restart-storm-jittered.js',
      'k6/restart-storm.js',
      'k6/steady-day.js',
    ]);
  });

  it.each(outputs.map((o) => [o.path, o] as const))('%s is committed exactly as generated', (path, o) => {
    expect(readFileSync(join(PACKAGE_DIR, path), 'utf8')).toBe(o.content);
  });

  it('start with the generated-code header line', () => {
    for (const o of outputs) {
      expect(o.content.split('\n')[0]).toBe(`${o.path.endsWith('.js') ? '//' : '#'} ${GENERATED_HEADER}`);
    }
  });

  it('come out the same on every run', () => {
    expect(generateOutputs(loadThresholds())).toEqual(outputs);
  });
});

describe('the drift check', () => {
  it('passes on fresh outputs and names the file someone edited by hand', () => {
    writeGenerated(outputs, temp);
    expect(drifted(outputs, temp)).toEqual([]);
    writeFileSync(join(temp, 'k6/steady-day.js'), '// edited\n');
    rmSync(join(temp, 'artillery/restart-storm.yml'));
    expect(drifted(outputs, temp)).toEqual(['artillery/restart-storm.yml', 'k6/steady-day.js']);
  });

  it('fails `generate --check` with the error code when a file drifts, and passes on fresh files', () => {
    const dir = join(temp, 'check');
    writeGenerated(outputs, dir);
    const check = () =>
      spawnSync(join(root, 'node_modules/.bin/tsx'), ['loadtests/bin/generate.ts', '--check', '--dir', dir], {
        cwd: root,
        encoding: 'utf8',
      });
    expect(check().status).toBe(0);
    writeFileSync(join(dir, 'artillery/steady-day.yml'), '# a hand edit\n', { flag: 'a' });
    const result = check();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('HARTSLAG_ERR_LOADTEST_DRIFT');
    expect(result.stderr).toContain('artillery/steady-day.yml');
  }, 30_000);
});
