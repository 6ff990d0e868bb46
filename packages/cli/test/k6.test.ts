import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hartslag } from './support.js';

/**
 * No k6 binary runs here, so the script `hartslag init` writes is checked the way k6 would take it:
 * as an ES module whose `k6/*` imports resolve to @types/k6's declarations, type-checked (checkJs)
 * against them, which holds `options` to k6's Options shape (executors, durations, scenarios); and
 * every threshold expression parsed with k6's grammar for the metric's type.
 */
const require = createRequire(import.meta.url);
const K6_TYPES = dirname(require.resolve('@types/k6/package.json'));
const TSC = require.resolve('typescript/bin/tsc');
const SCRIPT = 'hartslag/k6/medication-history.js';
const FLAGS = ['--service', 'medication-history', '--operations', 'fetch-medication-history,register-dispensation'];

let dir: string;
let script: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hartslag-k6-'));
  const r = await hartslag(['init', ...FLAGS, '--tenant-label', 'x-pharmacy-id', '--yes', '--dir', dir]);
  expect(r.code).toBe(0);
  script = readFileSync(join(dir, SCRIPT), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tsc over `source` as a k6 script; returns its diagnostics ('' when clean). */
function typecheck(source: string): { status: number | null; output: string } {
  const work = mkdtempSync(join(tmpdir(), 'hartslag-k6-tsc-'));
  try {
    writeFileSync(join(work, 'script.js'), source);
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2020',
          lib: ['ES2020'],
          module: 'ES2020',
          moduleResolution: 'Bundler',
          allowJs: true,
          checkJs: true,
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          // k6's module names, resolved to the stubs: k6 itself provides them at run time.
          baseUrl: '.',
          paths: { k6: [join(K6_TYPES, 'index.d.ts')], 'k6/*': [join(K6_TYPES, '*')] },
          typeRoots: [dirname(K6_TYPES)],
          types: ['k6'],
        },
        include: ['script.js'],
      }),
    );
    const r = spawnSync(process.execPath, [TSC, '-p', join(work, 'tsconfig.json')], { encoding: 'utf8' });
    return { status: r.status, output: (r.stdout + r.stderr).replaceAll(work, '.') };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** k6's built-in metrics by type, and the aggregation methods each type's thresholds take. */
const METRIC_TYPES: Record<string, 'trend' | 'rate' | 'counter' | 'gauge'> = {
  http_req_duration: 'trend',
  http_req_waiting: 'trend',
  iteration_duration: 'trend',
  http_req_failed: 'rate',
  checks: 'rate',
  http_reqs: 'counter',
  iterations: 'counter',
  vus: 'gauge',
};
const AGGREGATIONS = {
  trend: /^(avg|min|max|med|p\((\d+(\.\d+)?)\))$/,
  rate: /^rate$/,
  counter: /^(count|rate)$/,
  gauge: /^value$/,
};

/** What k6 would refuse in `thresholds`, one line per problem (k6's threshold parser's rules). */
function thresholdProblems(thresholds: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, list] of Object.entries(thresholds)) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)(\{([a-zA-Z0-9_-]+:[^{}:,]+)\})?$/.exec(key);
    if (m === null) {
      problems.push(`${key}: not a metric name with an optional {tag:value} selector`);
      continue;
    }
    const type = METRIC_TYPES[m[1]!];
    if (type === undefined) problems.push(`${key}: ${m[1]} is not a metric the script records`);
    if (!Array.isArray(list) || list.length === 0) {
      problems.push(`${key}: must be a non-empty list of expressions`);
      continue;
    }
    for (const t of list) {
      const expr = typeof t === 'string' ? t : (t as { threshold?: unknown })?.threshold;
      const e = typeof expr === 'string' ? /^\s*(.+?)\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(\.\d+)?)\s*$/.exec(expr) : null;
      if (e === null) {
        problems.push(`${key}: "${String(expr)}" is not <aggregation> <operator> <number>`);
        continue;
      }
      if (type !== undefined && !AGGREGATIONS[type].test(e[1]!)) {
        problems.push(`${key}: ${e[1]} is not an aggregation of a ${type} metric`);
      }
      const p = /^p\((.+)\)$/.exec(e[1]!);
      if (p !== null && !(Number(p[1]) >= 0 && Number(p[1]) <= 100)) problems.push(`${key}: ${e[1]} out of 0–100`);
      if (type === 'rate' && !(Number(e[3]) >= 0 && Number(e[3]) <= 1))
        problems.push(`${key}: a rate is 0–1, got ${e[3]}`);
    }
  }
  return problems;
}

/** The script's `options` object, as k6 reads it at init: imports stubbed, `__ENV` empty. */
async function optionsOf(source: string): Promise<{ thresholds: Record<string, unknown>; scenarios: unknown }> {
  const body = source.replace(/^import .*$/gm, '').replace(/^export default function/m, 'function main');
  const module = `const __ENV = {}; const http = {};\n${body.replace('export const options', 'const options')}\nreturn options;`;
  return new Function(module)();
}

describe('the k6 script hartslag init writes', () => {
  it('is an ES module that imports only k6 modules', () => {
    const imports = [...script.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['k6/http']);
    expect(script).toMatch(/^export const options = \{/m);
    expect(script).toMatch(/^export default function \(\) \{/m);
  });

  it('type-checks against @types/k6, options included', () => {
    expect(script).toContain('/** @type {import("k6/options").Options} */\nexport const options');
    expect(typecheck(script)).toEqual({ status: 0, output: '' });
  }, 120_000);

  it('fails the type check when the script misuses k6 (so the check above can fail)', () => {
    const wrongUnit = typecheck(script.replace("timeUnit: '1s'", 'timeUnit: 1'));
    expect(wrongUnit.status).not.toBe(0);
    expect(wrongUnit.output).toContain('script.js');
    const wrongExecutor = typecheck(script.replace("executor: 'constant-arrival-rate'", "executor: 'steady-rate'"));
    expect(wrongExecutor.status).not.toBe(0);
    const wrongModule = typecheck(script.replace("from 'k6/http'", "from 'k6/htpp'"));
    expect(wrongModule.output).toContain("'k6/htpp'");
  }, 120_000);

  it('holds each operation to the spec: thresholds k6 accepts, an error ratio for every operation', async () => {
    const options = await optionsOf(script);
    expect(thresholdProblems(options.thresholds)).toEqual([]);
    const keys = Object.keys(options.thresholds);
    for (const operation of FLAGS[3]!.split(',')) expect(keys).toContain(`http_req_failed{operation:${operation}}`);
    for (const key of keys) expect(key).toMatch(/\{operation:(fetch-medication-history|register-dispensation)\}$/);
  });

  it('names what k6 would refuse in thresholds', () => {
    expect(
      thresholdProblems({
        'http_req_failed{operation:login}': ['p(95)<0.01', 'rate<2'],
        'http_req_duration{operation:login}': ['p(101)<500', 'avg<'],
        http_req_latency: ['avg<1'],
        'http_reqs{a:b:c}': ['count>1'],
      }),
    ).toEqual([
      'http_req_failed{operation:login}: p(95) is not an aggregation of a rate metric',
      'http_req_failed{operation:login}: a rate is 0–1, got 2',
      'http_req_duration{operation:login}: p(101) out of 0–100',
      'http_req_duration{operation:login}: "avg<" is not <aggregation> <operator> <number>',
      'http_req_latency: http_req_latency is not a metric the script records',
      'http_reqs{a:b:c}: not a metric name with an optional {tag:value} selector',
    ]);
  });
});
