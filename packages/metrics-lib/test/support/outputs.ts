/**
 * What the hostile-input properties check after feeding a CareMetrics: every output (both text
 * formats parsed strictly, prom-client's JSON, an OTLP export to a local sink) free of fed-in
 * patient data, and the aggregate's memory within its caps. Shared by test/property/*.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type RunningWebhookReceiver, startWebhookReceiver } from '@hartslag/testkit';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, expect } from 'vitest';
import type { CareMetrics } from '../../src/index.js';
import { CareMetricProducer } from '../../src/otel.js';
import { parseExposition } from './exposition.js';
import { SECRETS } from './hostile.js';
import { tables } from './internals.js';

/** Runs per CI build over all property files; HARTSLAG_FC_RUNS=1000000 (`pnpm soak`) runs ten times as many. */
const TOTAL = Number(process.env.HARTSLAG_FC_RUNS ?? 100_000);
/** A property's share of the total runs. */
export const runs = (share: number) => Math.max(50, Math.round(TOTAL * share));
/** Generous per-test time for the soak; the CI run takes a few seconds in all. */
export const TIMEOUT = Math.max(60_000, TOTAL / 5);
export const quiet = { onWarning: () => {} };
/** Small caps, so a property reaches them within its runs. */
export const SMALL = {
  tenants: { max: 200, maxVendors: 40, maxBytes: 16 * 1024, maxVendorBytes: 4 * 1024 },
  limits: { operations: 60, codesPerOperation: 16, codeBytesPerOperation: 1024 },
};

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export const total = (samples: Map<string, number>, prefix: string) => {
  let n = 0;
  for (const [k, v] of samples) if (k.startsWith(prefix)) n += v;
  return n;
};

/** Output checks for one test file: registers the file's hooks for a local OTLP/HTTP sink. */
export function outputChecks() {
  let otlp: RunningWebhookReceiver;
  beforeAll(async () => {
    otlp = await startWebhookReceiver();
  });
  afterAll(() => otlp?.stop());

  async function otlpBody(m: CareMetrics): Promise<string> {
    const before = otlp.calls.length;
    const reader = new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: `${otlp.url}/v1/metrics` }),
      exportIntervalMillis: 3_600_000,
      metricProducers: [new CareMetricProducer(m)],
    });
    const provider = new MeterProvider({ readers: [reader] });
    await reader.forceFlush();
    await provider.shutdown();
    // The receiver keeps a body it could not parse as text: JSON.parse in checkOutputs refuses it.
    return otlp.calls
      .slice(before)
      .map((c) => (typeof c.body === 'string' ? c.body : JSON.stringify(c.body)))
      .join('\n');
  }

  /**
   * Every output of `m`: both text formats parsed strictly, prom-client's JSON, and an OTLP export.
   * Returns the text exposition and its samples.
   */
  async function checkOutputs(m: CareMetrics, { all = true } = {}) {
    const registry = m.registry!;
    const text = await registry.metrics();
    const parsed = parseExposition(text, 'text');
    let openMetrics = '';
    if (all) {
      registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE as never);
      openMetrics = await registry.metrics();
      registry.setContentType(Registry.PROMETHEUS_CONTENT_TYPE as never);
      parseExposition(openMetrics, 'openmetrics');
    }
    const json = all ? JSON.stringify(await registry.getMetricsAsJSON()) : '';
    const otlpText = all ? await otlpBody(m) : '';
    if (all) JSON.parse(otlpText.split('\n')[0]!);
    for (const [name, out] of [
      ['text', text],
      ['OpenMetrics', openMetrics],
      ['JSON', json],
      ['OTLP', otlpText],
    ] as const) {
      for (const s of SECRETS) {
        if (out.includes(s)) {
          const at = out.indexOf(s);
          throw new Error(
            `${name} output holds fed-in patient data ${s}: …${JSON.stringify(out.slice(Math.max(0, at - 200), at + 60))}`,
          );
        }
      }
    }
    // An exporter that had to leave a family out would say so: none may here.
    expect(parsed.comments).toEqual([]);
    return { text, samples: parsed.samples };
  }

  return checkOutputs;
}

/** Memory held by the aggregate stays within its caps, however hostile the input. */
export function expectBounded(m: CareMetrics): void {
  const t = tables(m).tenants;
  const index = (o: object, key: string) => (o as unknown as Record<string, Map<unknown, unknown>>)[key]!.size;
  expect(t.size).toBeLessThanOrEqual(SMALL.tenants.max);
  expect(index(t, 'slotOf')).toBe(t.size);
  expect(t.bytes).toBeLessThanOrEqual(SMALL.tenants.maxBytes);
  // Placeholders (unknown, __other__, __redacted__, __invalid__) come on top of the cap.
  expect(tables(m).vendors.size).toBeLessThanOrEqual(SMALL.tenants.maxVendors + 4);
  expect(index(tables(m).vendors, 'index')).toBe(tables(m).vendors.size);
  expect(tables(m).vendors.bytes).toBeLessThanOrEqual(SMALL.tenants.maxVendorBytes);
  expect(tables(m).calls.slots.length).toBeLessThanOrEqual(SMALL.limits.operations + 3);
  for (const slot of tables(m).calls.slots) {
    const labels = new Set(slot.series.map((s) => s.code));
    expect(labels.size).toBeLessThanOrEqual(SMALL.limits.codesPerOperation + 4);
    for (const map of slot.byCode) expect(map.size).toBeLessThanOrEqual(2 * SMALL.limits.codesPerOperation);
  }
}
