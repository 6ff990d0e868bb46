import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPrometheus } from '@hartslag/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { PUSH_QUEUE_FILE, type PushQueueState } from '../../src/index.js';
import { Link, until } from './Link.js';

const BIN = new URL('../../bin/hartslag-logwatch.mjs', import.meta.url).pathname;
const OUTCOMES = ['success', 'success', 'client_error', 'server_error', 'denied'] as const;

const dir = mkdtempSync(join(tmpdir(), 'logwatch-push-queue-'));
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startLogwatch(config: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [BIN, 'run', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      err += String(d);
      const m = /serving (http:\/\/\S+)\/metrics/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.on('exit', () => reject(new Error(`logwatch exited before serving: ${err}`)));
  });
  url.catch(() => {});
  return { child, url };
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** care_calls_total by outcome as a logwatch serves it. */
async function served(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^care_calls_total\{[^}]*outcome="(\w+)"[^}]*\} (\d+)$/gm))
    out.set(m[1]!, (out.get(m[1]!) ?? 0) + Number(m[2]));
  return out;
}

/** care_calls_total by outcome in one queued snapshot of the push queue file. */
function queuedTotals(state: PushQueueState, snapshot: number): { at: number; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  let at = 0;
  for (const q of state.queue) {
    if (q.snapshot !== snapshot) continue;
    at = q.chunk.at;
    for (const s of q.chunk.series) {
      const labels = new Map(s.labels);
      if (labels.get('__name__') !== 'care_calls_total') continue;
      const outcome = labels.get('outcome')!;
      counts.set(outcome, (counts.get(outcome) ?? 0) + s.value);
    }
  }
  return { at, counts };
}

const sorted = (m: Map<string, number>) => JSON.stringify([...m].sort());

describe('hartslag-logwatch push queue on disk', () => {
  it('keeps what a cut link left unsent across kill -9: Prometheus totals equal the writer, the cut has its history, no counter resets', async () => {
    const prometheus = await startPrometheus([], { remoteWriteReceiver: true });
    const link = new Link(await freePort(), Number(new URL(prometheus.url).port));
    await link.up();
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    const log = join(logs, 'api.log');
    writeFileSync(log, '');
    const state = join(dir, 'state');
    const config = join(dir, 'push.yaml');
    // The checkpoint interval is longer than the test: the only checkpoints are the ones a push
    // snapshot asks for before it is queued. Without them a restart would resume the counters from
    // zero after Prometheus had seen 300, a reset.
    writeFileSync(
      config,
      `apiVersion: hartslag.logwatch/v1
service: hub
checkpoint: { dir: ${state}, interval: 1h }
listen: 127.0.0.1:0
poll: 20ms
push:
  url: http://127.0.0.1:${link.port}/api/v1/write
  interval: 100ms
  maxBackoff: 400ms
  timeout: 2s
  labels: { instance: durable }
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
    const query = async (promql: string, at?: number) => {
      const res = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}${at === undefined ? '' : `&time=${at / 1000}`}`,
      );
      const body = (await res.json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    };
    const totals = async (at?: number) =>
      new Map(
        (await query('sum by (outcome) (care_calls_total{job="hartslag-logwatch",instance="durable"})', at)).map(
          (r) => [r.metric.outcome!, r.value],
        ),
      );
    const queueFile = join(state, PUSH_QUEUE_FILE);
    const readQueue = () =>
      existsSync(queueFile) ? (JSON.parse(readFileSync(queueFile, 'utf8')) as PushQueueState) : undefined;

    try {
      const first = startLogwatch(config);
      const firstUrl = await first.url;
      write(300);
      await until('the first 300 lines in Prometheus', async () =>
        sorted(await totals()) === sorted(written) ? true : undefined,
      );

      await link.cut();
      write(400);
      await until('the first logwatch to count the lines written during the cut', async () =>
        sorted(await served(firstUrl)) === sorted(written) ? true : undefined,
      );
      // A snapshot holding all 700 lines, on disk, unsent.
      const during = await until('a queued snapshot with the 700 lines', () => {
        const q = readQueue();
        if (q === undefined) return undefined;
        for (const id of new Set(q.queue.map((x) => x.snapshot))) {
          const t = queuedTotals(q, id);
          if (sorted(t.counts) === sorted(written)) return t;
        }
        return undefined;
      });
      await kill9(first.child);

      const second = startLogwatch(config);
      const secondUrl = await second.url;
      write(300);
      await until('the restarted logwatch to count all 1000 lines', async () =>
        sorted(await served(secondUrl)) === sorted(written) ? true : undefined,
      );
      expect(
        [...written.values()].reduce((a, b) => a + b, 0),
        'the writer wrote 1000 lines',
      ).toBe(1000);
      expect(await totals(), 'nothing reached Prometheus during the cut').not.toEqual(written);

      await link.up();
      await until('every line in Prometheus after the link is back', async () =>
        sorted(await totals()) === sorted(written) ? true : undefined,
      );
      // The snapshot queued before the kill was sent after the restart, with its own time.
      expect(await totals(during.at)).toEqual(during.counts);
      // No series the logwatch pushes ever went down: not the calls, not its own counters.
      const cumulative = await query(
        '{job="hartslag-logwatch",instance="durable",__name__=~".+_(total|count|sum|bucket)"}',
      );
      const names = [...new Set(cumulative.map((r) => r.metric.__name__!))].sort();
      expect(names).toContain('care_calls_total');
      expect(names).toContain('hartslag_logwatch_push_failures_total');
      const resets = new Map<string, number>();
      for (const name of names) {
        const r = await query(`sum(resets(${name}{job="hartslag-logwatch",instance="durable"}[1h]))`);
        resets.set(name, r[0]?.value ?? Number.NaN);
      }
      expect(resets).toEqual(new Map(names.map((n) => [n, 0])));
      await kill9(second.child);
    } finally {
      await link.cut();
      await prometheus.stop();
    }
  }, 180_000);
});
