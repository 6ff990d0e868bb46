import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOGWATCH_SERIES } from '@hartslag/metrics/contract';
import { Process, type RunningPrometheus, startPrometheus, waitFor } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards, DASHBOARDS } from '../src/index.js';
import { resolveVariables, runExpression } from './fixtures/dashboardQueries.js';
import { expressions } from './fixtures/expressions.js';

/** The CLI a user runs, from the package's bin (through node_modules, as installed). */
const LOGWATCH_BIN = fileURLToPath(
  new URL('../node_modules/@hartslag/logwatch/bin/hartslag-logwatch.mjs', import.meta.url),
);

const board = (uid: string) => buildDashboards().find((d) => d.uid === uid)!.dashboard;

/** A pharmacy hub's access log, as the closed zone writes it: 5 pharmacies on 2 vendors. */
const TENANTS = [
  ['apotheek-001', 'vendor-a'],
  ['apotheek-002', 'vendor-a'],
  ['apotheek-003', 'vendor-b'],
  ['apotheek-004', 'vendor-b'],
  ['apotheek-005', 'vendor-b'],
] as const;

/** What the writer wrote, counted by the writer: the figures Prometheus must show from the log. */
const written = { lines: 0, calls: 0, noContract: 0, serverErrors: 0, garbage: 0 };

function writeLines(file: string): void {
  const lines: string[] = [];
  for (let i = 0; i < 10; i++) {
    const n = written.lines + lines.length;
    const [tenant, vendor] = TENANTS[n % TENANTS.length]!;
    // apotheek-005 has no contract; one call in seven of vendor-b fails on our side.
    const code = tenant === 'apotheek-005' ? 'no_contract' : vendor === 'vendor-b' && n % 7 === 0 ? '500' : '200';
    if (code === 'no_contract') written.noContract++;
    if (code === '500') written.serverErrors++;
    written.calls++;
    lines.push(
      JSON.stringify({
        time: new Date().toISOString(),
        operation: 'fetch-medication-history',
        code,
        tenant,
        vendor,
        ms: 20 + (n % 13) * 7,
      }),
    );
  }
  // A line that is not the configured format: counted as rejected, never as a call.
  lines.push('<html>proxy error page</html>');
  written.garbage++;
  written.lines += lines.length;
  appendFileSync(file, `${lines.join('\n')}\n`);
}

let dir: string;
let logwatch: Process;
let prom: RunningPrometheus;
let writer: NodeJS.Timeout | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hartslag-dash-logwatch-'));
  const log = join(dir, 'access.log');
  writeFileSync(log, '');
  const config = join(dir, 'logwatch.yaml');
  writeFileSync(
    config,
    `apiVersion: hartslag.logwatch/v1
service: pharmacy-hub
checkpoint: { dir: ${JSON.stringify(join(dir, 'state'))} }
listen: 127.0.0.1:0
sources:
  - name: access
    path: ${JSON.stringify(log)}
    format: json
    timestamp: { field: time, format: iso }
    fields: { operation: operation, code: code, tenant: tenant, vendor: vendor, latency: { field: ms, unit: ms } }
    codes:
      no_contract: denied
      2xx: success
      4xx: client_error
      5xx: server_error
`,
  );
  // Its own process, as deployed: in this one, the queries below would hold the event loop that
  // answers /metrics, and a scrape that times out (1 s here) marks every series stale.
  logwatch = new Process(process.execPath, [LOGWATCH_BIN, 'run', config], dir);
  const url = await waitFor(
    'logwatch to serve /metrics',
    async () => /http:\/\/127\.0\.0\.1:\d+/.exec(logwatch.output)?.[0],
    30_000,
    logwatch,
  );
  writeLines(log);
  writer = setInterval(() => writeLines(log), 200);
  prom = await startPrometheus([{ job: 'logwatch', target: new URL(url).host }]);
  // Two scrapes with lines between them: rate() then has a value for every series that moves.
  await prom.waitForSeries(`sum(rate(${LOGWATCH_SERIES.linesParsed}[1m])) > 0`, 90_000);
  await prom.waitForSeries('sum(rate(care_vendor_calls_total{outcome="denied"}[1m])) > 0', 90_000);
  // Every family the two dashboards read, in a scrape Prometheus has taken, before any query runs.
  for (const series of [
    'care_calls_total',
    'care_tenant_calls_total',
    LOGWATCH_SERIES.lastLineTimestamp,
    LOGWATCH_SERIES.checkpointAge,
    LOGWATCH_SERIES.filesTracked,
    LOGWATCH_SERIES.lagBytes,
    LOGWATCH_SERIES.linesRejected,
  ]) {
    await prom.waitForSeries(series, 90_000);
  }
}, 180_000);

afterAll(async () => {
  clearInterval(writer);
  await prom?.stop();
  await logwatch?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function problems(uid: string): Promise<string[]> {
  const d = board(uid);
  const values = await resolveVariables(prom.query, d, 'all');
  return (await Promise.all(expressions(d).map((e) => runExpression(prom.query, e, values)))).filter(
    (p): p is string => p !== undefined,
  );
}

describe('the logwatch dashboard and the tenants/vendors dashboard on a logwatch reading an access log', () => {
  it('every logwatch panel returns series, but the push ones (this logwatch pushes nowhere)', async () => {
    const found = await problems(DASHBOARDS.logwatch.uid);
    expect(found.filter((p) => !p.includes('hartslag_logwatch_push_'))).toEqual([]);
    expect(found).toHaveLength(4);
  });

  it('every tenants/vendors panel returns series from the log, but the share counted under __other__ (5 pharmacies stay under the cap)', async () => {
    const found = await problems(DASHBOARDS.tenantsVendors.uid);
    expect(found.map((p) => p.split(': no series')[0])).toEqual([
      'hartslag-tenants-vendors panel "Calls counted under __other__" A',
    ]);
  });

  it("shows the writer's own counts once logwatch has read everything: calls, no-contract calls, rejected lines", async () => {
    clearInterval(writer);
    writer = undefined;
    await waitFor(
      'Prometheus to scrape the last line read',
      async () => {
        const [read] = await prom.query(`sum(${LOGWATCH_SERIES.linesRead})`);
        return read?.value === written.lines ? read : undefined;
      },
      90_000,
    );
    const value = async (q: string) => (await prom.query(q))[0]?.value;
    expect(await value('sum(care_vendor_calls_total)')).toBe(written.calls);
    expect(await value('sum(care_vendor_calls_total{outcome="denied"})')).toBe(written.noContract);
    expect(await value('sum(care_vendor_calls_total{outcome="server_error"})')).toBe(written.serverErrors);
    expect(await value('sum(care_tenant_calls_total{tenant="apotheek-005", outcome="denied"})')).toBe(
      written.noContract,
    );
    expect(await value(`sum(${LOGWATCH_SERIES.linesRejected})`)).toBe(written.garbage);
    expect(await value(`sum(${LOGWATCH_SERIES.linesParsed})`)).toBe(written.calls);
  }, 120_000);
});
