/**
 * The library on its own (`pnpm --filter @hartslag/metrics demo`; the whole-toolkit demo is `pnpm demo`
 * at the repository root): a pharmacy data hub instrumented with
 * @hartslag/metrics, under simulated traffic from 200 pharmacies on five software vendors, over
 * real HTTP. A compressed day runs every two minutes: the morning start-up peak, the lunch dip,
 * the quiet evening. One pharmacy without a contract is refused; one starts hammering the hub
 * halfway through the first day. Prints the URLs and runs until Ctrl-C or `--duration <seconds>`.
 */
import { parseArgs } from 'node:util';
import { careMetricsPlugin, createCareMetrics } from '@hartslag/metrics';
import Fastify from 'fastify';

const { values: args } = parseArgs({
  // `pnpm --filter @hartslag/metrics demo -- --duration 30` passes the `--` through.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    duration: { type: 'string' },
    port: { type: 'string', default: process.env.HARTSLAG_DEMO_PORT ?? '9464' },
    'day-seconds': { type: 'string', default: '120' },
  },
});
const durationSeconds = args.duration === undefined ? Number.POSITIVE_INFINITY : Number(args.duration);
const daySeconds = Number(args['day-seconds']);
if (!(durationSeconds > 0) || !(daySeconds >= 10)) {
  console.error(
    'usage: pnpm --filter @hartslag/metrics demo [-- --duration <seconds>] [--port <port>] [--day-seconds <seconds, at least 10>]',
  );
  process.exit(2);
}

const VENDORS = ['pharmasoft', 'medisys', 'apotheek-it', 'farmacloud', 'receptnet'];
const pharmacies = Array.from({ length: 200 }, (_, i) => `apotheek-${String(i + 1).padStart(4, '0')}`);
const vendorOf = (pharmacy: string) => VENDORS[Number(pharmacy.slice(-4)) % VENDORS.length];
const WITHOUT_CONTRACT = 'apotheek-0199';
const OVERUSER = 'apotheek-0042';

const metrics = createCareMetrics({ service: 'pharmacy-hub', tenants: { vendorOf } });
// The demo's own traffic keeps connections alive; don't wait out their keep-alive on exit.
const app = Fastify({ forceCloseConnections: true });
await app.register(careMetricsPlugin, { metrics, tenant: 'x-pharmacy-id' });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Most calls are quick, some slow: a log-normal around `medianMs`. */
const latency = (medianMs: number) => medianMs * Math.exp(0.6 * gaussian());
function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
}

app.addHook('onRequest', async (request, reply) => {
  if (request.headers['x-pharmacy-id'] === WITHOUT_CONTRACT) {
    return reply.careReason('no_contract').code(403).send({ error: 'no_contract' });
  }
});
app.post('/dispensations', { config: { operation: 'register-dispensation' } }, async (_request, reply) => {
  await sleep(latency(40));
  if (Math.random() < 0.004) return reply.code(503).send({ error: 'registry unavailable' });
  return reply.code(201).send({ registered: true });
});
app.get('/patients/:ref/medication-history', { config: { operation: 'fetch-medication-history' } }, async () => {
  await sleep(latency(80));
  return { medications: [] };
});
app.get('/prescriptions/:id', { config: { operation: 'fetch-prescription' } }, async (_request, reply) => {
  await sleep(latency(60));
  if (Math.random() < 0.003) return reply.code(504).send({ error: 'e-health platform did not answer' });
  return { prescription: null };
});

const port = Number(args.port);
let base: string;
try {
  base = await app.listen({ host: '127.0.0.1', port });
} catch {
  base = await app.listen({ host: '127.0.0.1', port: 0 });
}

/** Calls per second across all pharmacies at a time of (compressed) day, 0 ≤ t < 1. */
function rateAt(t: number): number {
  const hour = t * 24;
  const bump = (centre: number, width: number, height: number) => height * Math.exp(-(((hour - centre) / width) ** 2));
  // Night baseline, the 08:00 start-up peak, a lunch dip, the afternoon, a quiet evening.
  return 2 + bump(8.2, 0.8, 40) + bump(10.5, 1.8, 22) - bump(12.5, 0.6, 10) + bump(15, 2, 18) + bump(19, 1.5, 4);
}

const started = Date.now();
let sent = 0;
let stopping = false;
async function call(pharmacy: string): Promise<void> {
  const r = Math.random();
  const headers = { 'x-pharmacy-id': pharmacy, 'content-type': 'application/json' };
  const path =
    r < 0.45
      ? `/patients/p-${Math.floor(Math.random() * 1e6)}/medication-history`
      : r < 0.8
        ? `/prescriptions/rx-${Math.floor(Math.random() * 1e6)}`
        : '/dispensations';
  try {
    await fetch(base + path, path === '/dispensations' ? { method: 'POST', headers, body: '{}' } : { headers });
  } catch {
    // The demo server is closing.
  }
  sent++;
}

async function traffic(): Promise<void> {
  while (!stopping) {
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed >= durationSeconds) break;
    const t = (elapsed % daySeconds) / daySeconds;
    const perTick = rateAt(t) / 10;
    const n = Math.floor(perTick) + (Math.random() < perTick % 1 ? 1 : 0);
    for (let i = 0; i < n; i++) void call(pharmacies[Math.floor(Math.random() * pharmacies.length)]!);
    // From halfway through the first day, one pharmacy asks for a patient every 100 ms.
    if (elapsed > daySeconds / 2) void call(OVERUSER);
    await sleep(100);
  }
}

console.log(`Hartslag demo — pharmacy hub under a simulated day every ${daySeconds} s
  service:  ${base}
  metrics:  ${base}/metrics
  try:      curl -s ${base}/metrics | grep care_vendor_calls_total
Ctrl-C to stop.`);

const status = setInterval(() => {
  const hour = ((((Date.now() - started) / 1000) % daySeconds) / daySeconds) * 24;
  console.log(`  simulated ${String(Math.floor(hour)).padStart(2, '0')}:00 — ${sent} calls so far`);
}, 10_000);

const stop = async () => {
  if (stopping) return;
  stopping = true;
  clearInterval(status);
  await app.close();
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
await traffic();
await stop();
console.log(`demo finished after ${sent} calls`);
