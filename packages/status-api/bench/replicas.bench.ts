/*
 * Badge requests/s through haproxy in front of two `hartslag-status` replicas on one PostgreSQL,
 * against one replica asked directly (the baseline), in the same run on the same processes: the
 * topology of test/replicas (README "Replicas"). Adds its section to BENCHMARKS.md, after the
 * badge bench wrote the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { startTopology } from '../test/replicas/topology.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const BADGE = '/badge/medication-history.svg';
const MARK = '## Replicas behind haproxy';

async function load(url: string, seconds: number) {
  const r = await autocannon({ url: `${url}${BADGE}`, connections: CONNECTIONS, duration: seconds });
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
    throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  }
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const topology = await startTopology(2);
const direct: Awaited<ReturnType<typeof load>>[] = [];
const balanced: Awaited<ReturnType<typeof load>>[] = [];
try {
  const one = topology.replicas[0]!.url;
  const front = topology.haproxy.url;
  // Warm-up: JIT and the badge's fast path on both replicas.
  await load(one, 2);
  await load(front, 2);
  // Interleaved: drift of the machine hits both alike.
  for (let round = 0; round < ROUNDS; round++) {
    direct.push(await load(one, DURATION));
    balanced.push(await load(front, DURATION));
  }
} finally {
  await topology.stop();
}

const rps = (xs: typeof direct) => median(xs.map((x) => x.rps));
const p99 = (xs: typeof direct) => median(xs.map((x) => x.p99));
const section = `${MARK}

Produced by \`pnpm bench\` (\`packages/status-api/bench/replicas.bench.ts\`) on ${new Date().toISOString().slice(0, 10)},
${cpus().length} cores, Node ${process.versions.node}: PostgreSQL, two \`hartslag-status serve\` processes and haproxy
(testkit \`startHaproxy\`, the configuration of README "Replicas") on this machine, autocannon in the
benchmark's process, ${CONNECTIONS} connections, ${DURATION} s per measurement, ${ROUNDS} interleaved rounds (medians).

| badge served by | requests/s | vs baseline | p50 ms | p99 ms |
| --------------- | ---------: | ----------: | -----: | -----: |
| one replica, asked directly (**baseline**) | ${rps(direct).toFixed(0)} | 1.00× | ${median(direct.map((x) => x.p50))} | ${p99(direct)} |
| haproxy, round robin over two replicas | ${rps(balanced).toFixed(0)} | ${(rps(balanced) / rps(direct)).toFixed(2)}× | ${median(balanced.map((x) => x.p50))} | ${p99(balanced)} |

Per round, requests/s: direct ${direct.map((x) => x.rps.toFixed(0)).join(', ')}; through haproxy ${balanced.map((x) => x.rps.toFixed(0)).join(', ')}.

A replica answers on one core (one Node process); two replicas behind haproxy can use two, less
what haproxy and the load generator take from the same ${cpus().length} cores, so the ratio says what
the extra hop costs and a second process gains on one host. On hosts of their own (not measured here) replicas should add
throughput in proportion: the badge is answered from memory, and PostgreSQL is read once per
refresh per replica, not per request. Expected partner traffic — 5,000 pharmacies' software polling
once a minute, ≈ 83 requests/s — is a small fraction of either figure; the replica test runs ten
times that through haproxy while a replica is killed with \`kill -9\` and restarted.
`;

const file = new URL('../BENCHMARKS.md', import.meta.url);
const before = readFileSync(file, 'utf8');
const at = before.indexOf(MARK);
writeFileSync(file, `${(at < 0 ? before : before.slice(0, at)).trimEnd()}\n\n${section}`);
console.log(section);
