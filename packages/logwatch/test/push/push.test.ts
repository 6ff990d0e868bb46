import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPrometheus } from '@hartslag/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWriteRequest, encodeWriteRequest, startRun } from '../../src/index.js';
import { Link, until } from './Link.js';

const dir = mkdtempSync(join(tmpdir(), 'logwatch-push-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OUTCOMES = ['success', 'success', 'client_error', 'server_error', 'denied'] as const;

describe('hartslag-logwatch push (Prometheus remote-write)', () => {
  it('loses and doubles nothing across a cut link: Prometheus totals equal the writer counts, and points taken during the cut arrive with their own times', async () => {
    const prometheus = await startPrometheus([], { remoteWriteReceiver: true });
    const link = new Link(await freePort(), Number(new URL(prometheus.url).port));
    await link.up();
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    const log = join(logs, 'api.log');
    writeFileSync(log, '');
    const config = join(dir, 'push.yaml');
    writeFileSync(
      config,
      `apiVersion: hartslag.logwatch/v1
service: hub
checkpoint: { dir: ${join(dir, 'state')} }
listen: 127.0.0.1:0
poll: 20ms
push:
  url: http://127.0.0.1:${link.port}/api/v1/write
  interval: 100ms
  maxBackoff: 400ms
  timeout: 2s
  batch: 7
  labels: { instance: test }
sources:
  - name: api
    path: ${log}
    format: json
    fields: { operation: op, outcome: outcome, tenant: pharmacy }
`,
    );
    const written = new Map<string, number>();
    let seq = 0;
    const write = (n: number) => {
      let text = '';
      for (let i = 0; i < n; i++, seq++) {
        const outcome = OUTCOMES[seq % OUTCOMES.length]!;
        written.set(outcome, (written.get(outcome) ?? 0) + 1);
        text += `${JSON.stringify({ op: 'fetch-history', outcome, pharmacy: `apotheek-${seq % 13}` })}\n`;
      }
      appendFileSync(log, text);
    };
    const total = () => [...written.values()].reduce((a, b) => a + b, 0);
    const queryAt = async (promql: string, at?: number) => {
      const res = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}${at === undefined ? '' : `&time=${at / 1000}`}`,
      );
      const body = (await res.json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      return new Map(body.data.result.map((r) => [r.metric.outcome ?? '', Number(r.value[1])]));
    };
    const totals = 'sum by (outcome) (care_calls_total{job="hartslag-logwatch",instance="test"})';
    const equalsWritten = async () => {
      const got = await queryAt(totals);
      return JSON.stringify([...got].sort()) === JSON.stringify([...written].sort()) ? got : undefined;
    };
    let err = '';
    const running = await startRun(config, { out: () => {}, err: (t) => (err += t) });
    try {
      const writer = running.writer!;
      write(300);
      await until('the first 300 lines in Prometheus', equalsWritten);
      const before = new Map(written);

      await link.cut();
      write(400);
      await until('logwatch to record the lines written during the cut', () =>
        running.logwatch.recorded === total() ? true : undefined,
      );
      const queued = writer.stats.queued;
      await until('two snapshots queued after them', () => (writer.stats.queued >= queued + 2 ? true : undefined));
      const during = Date.now();
      const duringCounts = new Map(written);
      await until('three failed tries', () => (writer.stats.failures >= 3 ? true : undefined));
      expect(await queryAt(totals)).toEqual(before);
      expect(err).toMatch(/push to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/write failed/);

      await link.up();
      write(300);
      await until('every line in Prometheus after the link is back', equalsWritten);
      expect(total()).toBe(1000);
      // The queue held the cut's snapshots, sent with their own times: the history has no hole.
      expect(await queryAt(totals, during)).toEqual(duringCounts);
      // Several pushes later the totals are still the writer's: nothing sent twice adds up.
      const requests = writer.stats.requests;
      await until('more pushes', () => (writer.stats.requests >= requests + 5 ? true : undefined));
      expect(await queryAt(totals)).toEqual(written);
      expect(writer.stats.rejected).toBe(0);
      expect(writer.stats.dropped).toBe(0);
      // Its own failures arrive too: a snapshot goes out in requests of `batch` samples, so the
      // self series may come a few requests after the care_* totals of the same snapshot.
      const failures = await until('the failed tries counted in Prometheus', async () => {
        const n = (await queryAt('hartslag_logwatch_push_failures_total')).get('');
        return n === writer.stats.failures ? n : undefined;
      });
      expect(failures).toBeGreaterThanOrEqual(3);
    } finally {
      await running.stop();
      await link.cut();
      await prometheus.stop();
    }
  }, 120_000);

  it('encodes a WriteRequest that decodes to the same series (snappy block format, int64 ms times)', () => {
    const series = [
      {
        labels: [
          ['__name__', 'care_calls_total'],
          ['outcome', 'denied'],
        ] as [string, string][],
        samples: [
          { value: 3, timestamp: 1_767_225_600_123 },
          { value: 5, timestamp: 1_767_225_615_123 },
        ],
      },
    ];
    const body = encodeWriteRequest(series);
    expect(body[0]).toBeGreaterThan(0);
    expect(decodeWriteRequest(body)).toEqual(series);
  });
});
