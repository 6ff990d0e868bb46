/**
 * The sizing of docs/scale.md, computed from the contract (families, outcomes, buckets), the
 * library's cardinality caps and the rates the Collector bench measured on this machine
 * (BENCHMARKS.md). scale-doc.test.ts holds the doc's sizing section to what `renderSizing` prints.
 */
import { readFileSync } from 'node:fs';
import { HOSPITALS, OPERATIONS } from '@hartslag/scenarios';
import { DEFAULTS } from '../../src/config/options.js';
import {
  DEFAULT_DURATION_BUCKETS,
  type FAMILY_CONTRACT,
  INSTRUMENTATION_ERROR_REASONS,
  OUTCOMES,
  VENDOR_BREAKDOWN,
} from '../../src/contract.js';

/** What a platform runs: the inputs of the estimate, each stated in the doc. */
export interface Platform {
  name: string;
  tenant: string;
  tenants: number;
  /** Instrumented services; every tenant calls every one. */
  services: number;
  /** Operations over all services, each served by one service. */
  operations: number;
  /** Processes per service, each a scrape target (or OTLP resource) with its own series. */
  replicas: number;
  vendors: number;
  /** Response codes seen per operation, each with one outcome. */
  codesPerOperation: number;
}

/** The pharmacy hub of DESIGN.md (5,000 pharmacies; four services side by side) and the shared hospital record. */
export const PLATFORMS: readonly Platform[] = [
  {
    name: 'pharmacy hub',
    tenant: 'pharmacy',
    tenants: 5000,
    services: 4,
    operations: OPERATIONS.length,
    replicas: 2,
    vendors: 30,
    codesPerOperation: 6,
  },
  {
    name: 'shared hospital record',
    tenant: 'hospital',
    tenants: HOSPITALS,
    services: 3,
    operations: 12,
    replicas: 3,
    vendors: 10,
    codesPerOperation: 8,
  },
];

export const SCRAPE_INTERVALS = [15, 30] as const;

/** Samples of one histogram label set: a bucket per bound, +Inf, _sum and _count. */
const HISTOGRAM_SAMPLES = DEFAULT_DURATION_BUCKETS.length + 3;
const O = OUTCOMES.length;

/**
 * Where each family of the contract is counted below. Typed by the contract's keys, so a family
 * added to the contract does not compile here until it is sized (the list of keys is written once,
 * in the contract).
 */
export const SIZED_BY: Readonly<Record<keyof typeof FAMILY_CONTRACT, string>> = {
  calls: 'seriesPerOperationPerProcess',
  callDuration: 'seriesPerOperationPerProcess',
  tenantCalls: 'SERIES_PER_TENANT_PER_PROCESS',
  vendorCalls: 'fixedSeriesPerProcess',
  tenantOverflow: 'fixedSeriesPerProcess',
  labelRedactions: 'not counted: one series per label name the PII guard ever redacted, a handful',
  instrumentationErrors: 'fixedSeriesPerProcess',
  vendorCodes: 'seriesPerVendorOperationPerProcess',
  vendorCallDuration: 'seriesPerVendorOperationPerProcess',
};

/** Series of one tenant in one process: care_tenant_calls_total, every outcome exported from the first call. */
export const SERIES_PER_TENANT_PER_PROCESS = O;

/** Series of one operation in one process: care_calls_total per code, the duration histogram per outcome. */
export function seriesPerOperationPerProcess(codes: number): number {
  return codes + O * HISTOGRAM_SAMPLES;
}

/**
 * Series of one vendor and one operation in one process: its latency histogram, and one
 * care_vendor_codes_total series per failure code (every code of the operation but its success code).
 */
export function seriesPerVendorOperationPerProcess(codes: number): number {
  return HISTOGRAM_SAMPLES + codes - 1;
}

/** Series every process has whatever its traffic: vendors, the overflow counter, instrumentation errors by reason. */
export function fixedSeriesPerProcess(vendors: number): number {
  return Math.min(vendors, DEFAULTS.maxVendors) * O + 1 + INSTRUMENTATION_ERROR_REASONS.length;
}

/** The most series one process can export under the default caps, whatever its callers send. */
export function seriesAtCapsPerProcess(): number {
  const tenants = (DEFAULTS.tenantMax + 1) * O; // + tenant="__other__"
  const operations = (DEFAULTS.maxOperations + 1) * ((DEFAULTS.maxCodes + 1) * O + O * HISTOGRAM_SAMPLES);
  const vendors = (DEFAULTS.maxVendors + 1) * O;
  return tenants + operations + vendors + 1 + INSTRUMENTATION_ERROR_REASONS.length + vendorSeriesAtCapsPerProcess();
}

/** The most series of the per-vendor families in one process: VENDOR_BREAKDOWN's caps, each + `__other__`. */
export function vendorSeriesAtCapsPerProcess(): number {
  const b = VENDOR_BREAKDOWN;
  return (b.vendors + 1) * ((b.operationsPerVendor + 1) * HISTOGRAM_SAMPLES + b.codesPerVendor + 1);
}

export interface Sizing {
  platform: Platform;
  perTenant: number;
  perOperation: number;
  tenantSeries: number;
  operationSeries: number;
  /** care_vendor_codes_total and care_vendor_call_duration_seconds, every vendor calling every operation. */
  vendorSeries: number;
  fixedSeries: number;
  total: number;
  /** Samples per second at each scrape (or export) interval. */
  samplesPerSecond: Record<(typeof SCRAPE_INTERVALS)[number], number>;
}

export function size(p: Platform): Sizing {
  if (p.tenants > DEFAULTS.tenantMax) throw new Error(`${p.name}: more tenants than the cap; size the __other__ share`);
  const perTenant = SERIES_PER_TENANT_PER_PROCESS * p.services * p.replicas;
  const perOperation = seriesPerOperationPerProcess(p.codesPerOperation) * p.replicas;
  const tenantSeries = perTenant * p.tenants;
  const operationSeries = perOperation * p.operations;
  // The per-vendor caps are not reached at these sizes (or the figure would be an overestimate).
  const operationsPerService = Math.ceil(p.operations / p.services);
  if (
    p.vendors > VENDOR_BREAKDOWN.vendors ||
    operationsPerService > VENDOR_BREAKDOWN.operationsPerVendor ||
    operationsPerService * (p.codesPerOperation - 1) > VENDOR_BREAKDOWN.codesPerVendor
  ) {
    throw new Error(`${p.name}: past a VENDOR_BREAKDOWN cap; size the __other__ share`);
  }
  const vendorSeries = p.vendors * p.operations * p.replicas * seriesPerVendorOperationPerProcess(p.codesPerOperation);
  const fixedSeries = fixedSeriesPerProcess(p.vendors) * p.services * p.replicas;
  const total = tenantSeries + operationSeries + vendorSeries + fixedSeries;
  return {
    platform: p,
    perTenant,
    perOperation,
    tenantSeries,
    operationSeries,
    vendorSeries,
    fixedSeries,
    total,
    samplesPerSecond: { 15: total / 15, 30: total / 30 },
  };
}

/** The Collector bench's medians (metrics-lib BENCHMARKS.md): the basis of every estimate. */
export interface Measured {
  prometheusSamples: number;
  victoriaSamples: number;
  prometheusQueries: number;
  victoriaQueries: number;
  /** Series each breakdown query of the bench went over. */
  querySeries: number;
}

export function readMeasured(
  benchmarks: string = readFileSync(new URL('../../BENCHMARKS.md', import.meta.url), 'utf8'),
): Measured {
  const row = (store: string) => {
    const line = benchmarks.split('\n').find((l) => l.startsWith(`| ${store}`));
    const bold = [...(line ?? '').matchAll(/\*\*([\d,.]+)\*\*/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
    if (bold.length !== 2) throw new Error(`BENCHMARKS.md has no Collector bench row for ${store}: run pnpm bench`);
    return bold as [number, number];
  };
  const [prometheusSamples, prometheusQueries] = row('Prometheus');
  const [victoriaSamples, victoriaQueries] = row('VictoriaMetrics');
  const over = /over the ([\d,]+) series of one round/.exec(benchmarks);
  if (!over) throw new Error('BENCHMARKS.md does not say how many series the breakdown query went over');
  return {
    prometheusSamples,
    victoriaSamples,
    prometheusQueries,
    victoriaQueries,
    querySeries: Number(over[1]!.replace(/,/g, '')),
  };
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const f1 = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/** The sizing section of docs/scale.md, every figure computed here. */
export function renderSizing(m: Measured = readMeasured()): string {
  const sized = PLATFORMS.map(size);
  const both = sized.reduce((s, x) => s + x.total, 0);
  const floor = Math.min(m.prometheusSamples, m.victoriaSamples);
  const hub = sized[0]!;
  const lines = [
    '| platform | tenants | services | operations | processes per service | vendors | codes per operation |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...sized.map(
      ({ platform: p }) =>
        `| ${p.name} | ${n(p.tenants)} ${p.tenant === 'pharmacy' ? 'pharmacies' : 'hospitals'} | ${p.services} | ${p.operations} | ${p.replicas} | ${p.vendors} | ${p.codesPerOperation} |`,
    ),
    '',
    `Series per process: ${SERIES_PER_TENANT_PER_PROCESS} per tenant (\`care_tenant_calls_total\`, one per outcome); per operation, one \`care_calls_total\` per code plus ${O} × ${HISTOGRAM_SAMPLES} \`care_call_duration_seconds\` samples (${DEFAULT_DURATION_BUCKETS.length} buckets, +Inf, _sum, _count per outcome); per vendor and operation, ${HISTOGRAM_SAMPLES} \`care_vendor_call_duration_seconds\` samples and one \`care_vendor_codes_total\` per failure code (every vendor taken to call every operation and see every failure code); ${O} per vendor, 1 overflow counter and ${INSTRUMENTATION_ERROR_REASONS.length} instrumentation-error reasons whatever the traffic.`,
    '',
    '| platform | series per tenant | series per operation | tenant series | operation series | vendor series | fixed series | total | samples/s at 15 s | samples/s at 30 s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...sized.map(
      (s) =>
        `| ${s.platform.name} | ${s.perTenant} | ${s.perOperation} | ${n(s.tenantSeries)} | ${n(s.operationSeries)} | ${n(s.vendorSeries)} | ${n(s.fixedSeries)} | **${n(s.total)}** | ${n(s.samplesPerSecond[15])} | ${n(s.samplesPerSecond[30])} |`,
    ),
    `| both on one store | | | | | | | **${n(both)}** | ${n(both / 15)} | ${n(both / 30)} |`,
    '',
    `Caps (the library's defaults): ${n(DEFAULTS.tenantMax)} tenants per process (the ${n(hub.platform.tenants)} pharmacies fit: no \`__other__\`), ${n(DEFAULTS.maxVendors)} vendors, ${DEFAULTS.maxOperations} operations, ${DEFAULTS.maxCodes} codes per operation; in the per-vendor families (contract \`VENDOR_BREAKDOWN\`) ${VENDOR_BREAKDOWN.vendors} vendors, ${VENDOR_BREAKDOWN.operationsPerVendor} operations and ${VENDOR_BREAKDOWN.codesPerVendor} (operation, code) series per vendor, at most ${n(vendorSeriesAtCapsPerProcess())} series. Whatever callers send, one process exports at most **${n(seriesAtCapsPerProcess())}** series — ${n(seriesAtCapsPerProcess() / 15)} samples/s at 15 s — the bound a store must be sized for per misbehaving process.`,
    '',
    `Measured here (metrics-lib BENCHMARKS.md, Collector bench, medians): Prometheus ${n(m.prometheusSamples)} and VictoriaMetrics ${n(m.victoriaSamples)} samples/s through one Collector; the tenant-breakdown query over ${n(m.querySeries)} series ${f1(m.prometheusQueries)} and ${f1(m.victoriaQueries)} queries/s. On these 2 shared cores that is a floor: ${n(floor)} samples/s is used below.`,
    '',
    '| platform | share of the measured ingest at 15 s | at 30 s | breakdown query over all its tenants (store seconds, VictoriaMetrics) |',
    '| --- | --- | --- | --- |',
    ...sized.map((s) => {
      const tenantSeriesPerService = s.tenantSeries / s.platform.services;
      const seconds = tenantSeriesPerService / m.querySeries / m.victoriaQueries;
      return `| ${s.platform.name} | ${pct(s.samplesPerSecond[15] / floor)} | ${pct(s.samplesPerSecond[30] / floor)} | ${seconds.toFixed(2)} s per service and window |`;
    }),
    '',
    `Tenant groups: one store at the measured floor takes ${n(floor * 15)} series at a 15 s interval, or about **${n((floor * 15) / hub.perTenant)}** pharmacies of the hub's shape (${hub.perTenant} series each, operations and fixed series aside). Shard by tenant group when a store passes that.`,
  ];
  return lines.join('\n');
}
