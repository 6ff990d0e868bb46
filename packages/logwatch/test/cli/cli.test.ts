import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, SELF_METRICS, startRun } from '../../src/index.js';

const examples = new URL('../../examples/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'logwatch-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number | undefined; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('hartslag-logwatch check', () => {
  it('prints how each sample line parses and which series it touches; exits 1 when one does not parse', async () => {
    const r = await cli('check', join(examples, 'logwatch.yaml'), join(examples, 'access.sample.log'));
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'care_calls_total{service="medication-history",operation="register-dispensation",outcome="denied",code="NO_CONTRACT"} +1',
    );
    expect(r.out).toContain(
      'care_tenant_calls_total{service="medication-history",tenant="apotheek-0042",vendor="pharmasoft",outcome="timeout"} +1',
    );
    expect(r.out).toContain('line 5: this line is not an access log line\n  access: rejected (no_match)');
    expect(r.out).toMatch(/4 of 5 lines parse\n$/);
  });

  it('lists config problems as file:line and exits 1; a missing file exits 2', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: hartslag.logwatch/v1\nservise: hub\n');
    const r = await cli('check', bad, join(examples, 'access.sample.log'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:2: servise is not a field here; did you mean "service"?`);
    expect((await cli('check', join(dir, 'nope.yaml'), 'x.log')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
  });
});

describe('hartslag-logwatch run', () => {
  it('serves the call series and its own per-source series on /metrics, and keeps the old config on a bad reload', async () => {
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    const config = join(dir, 'run.yaml');
    const text = `apiVersion: hartslag.logwatch/v1
service: hub
checkpoint: { dir: ${join(dir, 'state')} }
listen: 127.0.0.1:0
poll: 20ms
sources:
  - name: api
    path: ${join(logs, 'api.log')}
    format: json
    timestamp: { field: ts, format: unix }
    fields: { operation: op, outcome: outcome }
`;
    writeFileSync(config, text);
    writeFileSync(join(logs, 'api.log'), '{"ts":1767225600,"op":"login","outcome":"success"}\nnot json\n');
    let err = '';
    const running = await startRun(config, { out: () => {}, err: (t) => (err += t) });
    try {
      const scrape = async () => (await fetch(`${running.url}/metrics`)).text();
      let body = await scrape();
      for (let i = 0; i < 50 && !body.includes('care_calls_total{'); i++) {
        await new Promise((r) => setTimeout(r, 20));
        body = await scrape();
      }
      expect(body).toMatch(/^care_calls_total\{[^}]*operation="login",outcome="success"[^}]*\} 1$/m);
      expect(body).toContain(`${SELF_METRICS.linesRead}{source="api"} 2`);
      expect(body).toContain(`${SELF_METRICS.linesParsed}{source="api"} 1`);
      expect(body).toContain(`${SELF_METRICS.linesRejected}{source="api",reason="no_match"} 1`);
      expect(body).toContain(`${SELF_METRICS.lastLineTimestamp}{source="api"} 1767225600`);
      expect(body).toContain(`${SELF_METRICS.lagBytes}{source="api"} 0`);
      expect(body).toMatch(new RegExp(`^${SELF_METRICS.checkpointAge} \\d`, 'm'));

      writeFileSync(config, text.replace('format: json', 'format: jsn'));
      for (let i = 0; i < 100 && !err.includes('keeping the running config'); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(err).toContain('keeping the running config');
      expect(err).toContain('did you mean "json"?');
      appendFileSync(join(logs, 'api.log'), '{"ts":1767225601,"op":"login","outcome":"success"}\n');
      const two = /^care_calls_total\{[^}]*operation="login",outcome="success"[^}]*\} 2$/m;
      for (let i = 0; i < 50 && !two.test(body); i++) {
        await new Promise((r) => setTimeout(r, 20));
        body = await scrape();
      }
      expect(body).toMatch(two);
    } finally {
      await running.stop();
    }
  });
});
