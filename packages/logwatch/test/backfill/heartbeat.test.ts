import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promtoolCreateBlocks, startPrometheus } from '@hartslag/testkit';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { backfill, readConfig } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'logwatch-heartbeat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MINUTE = 60_000;
const STATUSES: [string, string][] = [
  ['200', 'success'],
  ['200', 'success'],
  ['200', 'success'],
  ['404', 'client_error'],
  ['503', 'server_error'],
  ['NO_CONTRACT', 'denied'],
];

/** A pharmacy day: quiet at night, busy mornings; returns each line's time and outcome. */
function generateDay(log: string, start: number, seed: number): { time: number; outcome: string }[] {
  let s = seed;
  const random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lines: { time: number; outcome: string; text: string }[] = [];
  for (let minute = 0; minute < 24 * 60; minute++) {
    const hour = minute / 60;
    const busy = hour >= 8 && hour < 12 ? 6 : hour >= 7 && hour < 19 ? 2 : 0.1;
    const n = busy >= 1 ? Math.floor(random() * busy * 2) : random() < busy ? 1 : 0;
    for (let i = 0; i < n; i++) {
      const time = start + minute * MINUTE + Math.floor(random() * MINUTE);
      const [code, outcome] = STATUSES[Math.floor(random() * STATUSES.length)]!;
      const local = DateTime.fromMillis(time, { zone: 'Europe/Brussels' }).toFormat('yyyy-MM-dd HH:mm:ss.SSS');
      const pharmacy = `apotheek-${String(Math.floor(random() * 30)).padStart(4, '0')}`;
      lines.push({ time, outcome, text: `${local} ${pharmacy} pharmasoft fetch-medication-history ${code} 9ms` });
    }
  }
  lines.sort((a, b) => a.time - b.time);
  writeFileSync(log, `${lines.map((l) => l.text).join('\n')}\n`);
  return lines;
}

describe('hartslag-logwatch backfill heartbeat', () => {
  it('writes a day at a 1-minute step with far fewer points, and Prometheus answers every minute as the lines say', async () => {
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    const start = Date.UTC(2026, 10, 2, 0, 0, 0) - 3600_000; // 2026-11-02 00:00 in Brussels (CET)
    const lines = generateDay(join(logs, 'access.log'), start, 601);
    const config = join(dir, 'logwatch.yaml');
    writeFileSync(
      config,
      `apiVersion: hartslag.logwatch/v1
service: medication-history
checkpoint: { dir: ${join(dir, 'state')} }
sources:
  - name: access
    path: ${join(logs, 'access.log')}
    format: regex
    pattern: '^(?<time>\\S+ \\S+) (?<pharmacy>\\S+) (?<vendor>\\S+) (?<op>\\S+) (?<status>\\S+) (?<ms>\\d+)ms$'
    timestamp: { field: time, format: yyyy-MM-dd HH:mm:ss.SSS, zone: Europe/Brussels }
    fields: { operation: op, code: status, tenant: pharmacy, vendor: vendor, latency: { field: ms, unit: ms } }
    codes: { NO_CONTRACT: denied, 2xx: success, 4xx: client_error, 5xx: server_error }
`,
    );
    const parsed = readConfig(readFileSync(config, 'utf8'), config);
    // A heartbeat of one step is a point per series per step: what backfill wrote before heartbeats.
    const every = await backfill(parsed, { stepSeconds: 60, heartbeatSeconds: 60, out: join(dir, 'every.om') });
    const om = join(dir, 'thin.om');
    const thin = await backfill(parsed, { stepSeconds: 60, out: om });
    process.stderr.write(
      `backfill of ${lines.length} lines over a day at 1m: ${every.samples} points at every step, ${thin.samples} with the 5m heartbeat\n`,
    );
    expect(every.samples).toBe(every.steps);
    expect(thin.steps).toBe(every.steps);
    expect(thin.samples).toBeLessThan(every.samples / 3);
    expect(thin).toMatchObject({ lines: lines.length, recorded: lines.length, rejected: 0 });

    const blocks = join(dir, 'blocks');
    const created = promtoolCreateBlocks(om, blocks);
    expect(created.ok, created.output).toBe(true);
    const prometheus = await startPrometheus([], { blocks, retention: '5y' });
    try {
      const from = thin.from!;
      const to = thin.to!;
      const res = await fetch(
        `${prometheus.url}/api/v1/query_range?query=${encodeURIComponent(
          'sum by (outcome) (care_calls_total{service="medication-history"})',
        )}&start=${from / 1000}&end=${to / 1000}&step=60`,
      );
      const body = (await res.json()) as {
        status: string;
        data: { result: { metric: { outcome: string }; values: [number, string][] }[] };
      };
      expect(body.status).toBe('success');
      const got = new Map(
        body.data.result.map((r) => [r.metric.outcome, r.values.map(([t, v]) => [t * 1000, Number(v)] as const)]),
      );
      // The generator's counts at every minute: lines before it, from the minute after the first
      // line of that outcome on (before it the series does not exist yet).
      const expected = new Map<string, (readonly [number, number])[]>();
      for (let at = from; at <= to; at += MINUTE) {
        const by = new Map<string, number>();
        for (const l of lines) if (l.time < at) by.set(l.outcome, (by.get(l.outcome) ?? 0) + 1);
        for (const [outcome, n] of by) {
          const list = expected.get(outcome) ?? [];
          list.push([at, n]);
          expected.set(outcome, list);
        }
      }
      expect(got).toEqual(expected);
    } finally {
      await prometheus.stop();
    }
  }, 180_000);
});
