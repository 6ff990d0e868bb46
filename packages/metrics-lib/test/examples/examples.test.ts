import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promtoolCheckMetrics } from '@hartslag/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSamples } from '../support/samples.js';

const pkg = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

function run(script: string, args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: pkg });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, output: () => out, exited };
}

async function waitFor<T>(what: string, fn: () => T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the README example', () => {
  it('is the file examples/quickstart.ts, word for word', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(new URL('../../examples/quickstart.ts', import.meta.url), 'utf8'));
  });

  it('runs and prints the contract metrics for the fastify route and the timer', async () => {
    const { output, exited } = run('examples/quickstart.ts', []);
    expect(await exited).toBe(0);
    const samples = parseSamples(output().slice(output().indexOf('# HELP')));
    expect(
      samples.get(
        'care_calls_total{code="200",operation="fetch-medication-history",outcome="success",service="medication-history"}',
      ),
    ).toBe(1);
    expect(
      samples.get(
        'care_calls_total{code="no_contract",operation="register-dispensation",outcome="denied",service="medication-history"}',
      ),
    ).toBe(1);
    expect(
      samples.get(
        'care_tenant_calls_total{outcome="success",service="medication-history",tenant="apotheek-0042",vendor="pharmasoft"}',
      ),
    ).toBe(1);
  });
});

describe('the demo', () => {
  it('serves valid /metrics under simulated traffic, with the late overuser holding its own series', async () => {
    const { output, exited } = run('examples/pharmacy-hub.ts', [
      '--duration',
      '8',
      '--port',
      '0',
      '--day-seconds',
      '10',
    ]);
    const url = await waitFor('the metrics URL', () => /metrics:\s+(\S+)/.exec(output())?.[1]);
    await new Promise((r) => setTimeout(r, 6_500));
    const text = await (await fetch(url)).text();
    expect(promtoolCheckMetrics(text)).toEqual({ ok: true, output: '' });
    const samples = [...parseSamples(text)];
    const total = (prefix: string) => samples.filter(([k]) => k.startsWith(prefix)).reduce((a, [, v]) => a + v, 0);
    expect(total('care_calls_total{')).toBeGreaterThan(20);
    expect(samples.some(([k]) => k.includes('tenant="apotheek-0042"'))).toBe(true);
    // Vendor totals are exact: they add up to every call with a tenant.
    expect(total('care_vendor_calls_total{')).toBe(total('care_calls_total{'));
    expect(await exited).toBe(0);
    expect(output()).toMatch(/demo finished after \d+ calls/);
  });
});
