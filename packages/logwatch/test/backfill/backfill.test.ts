import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { promtoolCreateBlocks, startPrometheus } from '@hartslag/testkit';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { backfill, readConfig } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'logwatch-backfill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WEEK = 7 * 24 * 3600 * 1000;
const STATUSES: [string, string][] = [
  ['200', 'success'],
  ['200', 'success'],
  ['404', 'client_error'],
  ['503', 'server_error'],
  ['NO_CONTRACT', 'denied'],
];

/**
 * A year and a week of an access log, 0 to 3 lines an hour (seeded), written as the live file and
 * three rotations, two of them gzipped; returns each line's time and outcome.
 */
function generateYear(
  logs: string,
  start: number,
  end: number,
  seed: number,
): { time: number; outcome: string; pharmacy: string }[] {
  let s = seed;
  const random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lines: { time: number; outcome: string; pharmacy: string; text: string }[] = [];
  for (let hour = start; hour < end; hour += 3600_000) {
    const n = Math.floor(random() * 4);
    for (let i = 0; i < n; i++) {
      // Minutes 5..55 keep every line away from the autumn hour that occurs twice being a day apart.
      const time = hour + (5 + Math.floor(random() * 50)) * 60_000 + Math.floor(random() * 60_000);
      const [code, outcome] = STATUSES[Math.floor(random() * STATUSES.length)]!;
      const local = DateTime.fromMillis(time, { zone: 'Europe/Brussels' }).toFormat('yyyy-MM-dd HH:mm:ss.SSS');
      const pharmacy = `apotheek-${String(Math.floor(random() * 40)).padStart(4, '0')}`;
      lines.push({
        time,
        outcome,
        pharmacy,
        text: `${local} ${pharmacy} pharmasoft fetch-medication-history ${code} 12ms`,
      });
    }
  }
  lines.sort((a, b) => a.time - b.time);
  const quarter = Math.ceil(lines.length / 4);
  const part = (i: number) =>
    `${lines
      .slice(i * quarter, (i + 1) * quarter)
      .map((l) => l.text)
      .join('\n')}\n`;
  writeFileSync(join(logs, 'access.log.3.gz'), gzipSync(part(0)));
  writeFileSync(join(logs, 'access.log.2.gz'), gzipSync(part(1)));
  writeFileSync(join(logs, 'access.log.1'), part(2));
  writeFileSync(join(logs, 'access.log'), part(3));
  return lines;
}

async function queryAt(url: string, promql: string, at: number): Promise<Map<string, number>> {
  const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}&time=${at / 1000}`);
  const body = (await res.json()) as {
    status: string;
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  expect(body.status).toBe('success');
  return new Map(body.data.result.map((r) => [r.metric.outcome ?? '', Number(r.value[1])]));
}

describe('hartslag-logwatch backfill', () => {
  it('turns a generated year of logs (.gz included) into blocks a real Prometheus answers offset 52w and offset 4w from', async () => {
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    // Weeks since the epoch start on a Thursday 00:00 UTC; the points fall on week boundaries.
    const end = Math.floor(Date.UTC(2026, 10, 20) / WEEK) * WEEK;
    const start = end - 53 * WEEK;
    const lines = generateYear(logs, start, end, 19);
    const config = join(dir, 'logwatch.yaml');
    writeFileSync(
      config,
      `apiVersion: hartslag.logwatch/v1
service: medication-history
checkpoint: { dir: ${join(dir, 'state')} }
sources:
  - name: access
    path: ${join(logs, 'access.log*')}
    format: regex
    pattern: '^(?<time>\\S+ \\S+) (?<pharmacy>\\S+) (?<vendor>\\S+) (?<op>\\S+) (?<status>\\S+) (?<ms>\\d+)ms$'
    timestamp: { field: time, format: yyyy-MM-dd HH:mm:ss.SSS, zone: Europe/Brussels }
    fields: { operation: op, code: status, tenant: pharmacy, vendor: vendor, latency: { field: ms, unit: ms } }
    codes: { NO_CONTRACT: denied, 2xx: success, 4xx: client_error, 5xx: server_error }
`,
    );
    const om = join(dir, 'history.om');
    const r = await backfill(readConfig(readFileSync(config, 'utf8'), config), { stepSeconds: WEEK / 1000, out: om });
    expect(r).toMatchObject({ lines: lines.length, recorded: lines.length, rejected: 0, from: start + WEEK, to: end });

    const blocks = join(dir, 'blocks');
    const created = promtoolCreateBlocks(om, blocks);
    expect(created.ok, created.output).toBe(true);
    expect(readdirSync(blocks).length).toBeGreaterThan(50);

    const prometheus = await startPrometheus([], { blocks, retention: '5y' });
    try {
      // The generator's own counts: lines before a moment, by outcome.
      const before = (at: number) => {
        const m = new Map<string, number>();
        for (const l of lines) if (l.time < at) m.set(l.outcome, (m.get(l.outcome) ?? 0) + 1);
        return m;
      };
      const sum = 'sum by (outcome) (care_calls_total{service="medication-history"})';
      const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      const lastYear = await queryAt(prometheus.url, `sum by (outcome) (care_calls_total offset 52w)`, end);
      expect(lastYear).toEqual(before(end - 52 * WEEK));
      expect(total(lastYear)).toBeGreaterThan(0);
      expect(await queryAt(prometheus.url, sum, end)).toEqual(before(end));
      // The last four weeks, as the rhythm panel's month overlay subtracts them.
      const month = await queryAt(
        prometheus.url,
        `${sum} - sum by (outcome) (care_calls_total{service="medication-history"} offset 4w)`,
        end,
      );
      const expected = new Map<string, number>();
      for (const l of lines) {
        if (l.time >= end - 4 * WEEK && l.time < end) expected.set(l.outcome, (expected.get(l.outcome) ?? 0) + 1);
      }
      expect(month).toEqual(expected);
      const tenants = await queryAt(
        prometheus.url,
        'count(count by (tenant) (care_tenant_calls_total offset 52w))',
        end,
      );
      const seen = new Set(lines.filter((l) => l.time < end - 52 * WEEK).map((l) => l.pharmacy));
      expect(tenants.get('')).toBe(seen.size);
    } finally {
      await prometheus.stop();
    }
  }, 180_000);
});
