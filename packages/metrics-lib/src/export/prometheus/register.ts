import type { Registry, RegistryContentType } from 'prom-client';
import { HELP, INSTRUMENTATION_ERROR_REASONS } from '../../contract/names.js';
import { OUTCOME_COUNT, OUTCOMES } from '../../contract/outcomes.js';
import { RegistryConflictError } from '../../errors.js';
import type { CareMetrics } from '../../record/CareMetrics.js';
import { FAMILIES, type FamilyRenderer, type Format, renderFamily, renderFamilyPieces } from './families.js';

/** Marks our metric objects so the registry's fast path can recognise them. */
const RENDER = Symbol.for('hartslag.metrics.render');
const PATCHED = Symbol.for('hartslag.metrics.registryPatched');
/** Our metric objects' text in pieces, for the exposition written across turns of the event loop. */
export const CHUNKS = Symbol.for('hartslag.metrics.chunks');

/** What a registry metric carrying CHUNKS offers: FamilyRenderer.render, bound to its CareMetrics. */
export type ChunkSource = (format: Format, chunk: number) => Generator<string, void, undefined>;

interface PromValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/**
 * A metric family as prom-client's Registry sees it: `get()` for JSON (cluster aggregation,
 * Pushgateway's JSON users), `reset()` for `registry.resetMetrics()`. Text exposition takes the
 * fast path below instead of prom-client's per-sample formatting.
 */
class CareFamily {
  readonly aggregator = 'sum';
  readonly help: string;
  readonly type: string;
  name: string;
  readonly [RENDER]: (format: Format) => string;
  readonly [CHUNKS]: ChunkSource;

  constructor(
    private readonly m: CareMetrics,
    private readonly family: FamilyRenderer,
  ) {
    this.name = m.names[family.key];
    this.help = HELP[family.key];
    this.type = family.type;
    this[RENDER] = (format) => renderFamily(m, family, format);
    this[CHUNKS] = (format, chunk) => renderFamilyPieces(m, family, format, chunk);
  }

  async get(): Promise<{ name: string; help: string; type: string; values: PromValue[]; aggregator: string }> {
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values: safeValues(this.m, this.family),
      aggregator: 'sum',
    };
  }

  reset(): void {
    resetFamily(this.m, this.family);
  }
}

export function registerCollectors(m: CareMetrics, registry: Registry<RegistryContentType>): void {
  for (const family of FAMILIES) {
    const name = m.names[family.key];
    if (registry.getSingleMetric(name) !== undefined) throw new RegistryConflictError(name);
  }
  for (const family of FAMILIES) registry.registerMetric(new CareFamily(m, family) as never);
  installFastPath(registry);
}

/**
 * prom-client formats every sample of every metric itself (≈3 µs a sample); 55k tenant series
 * would take ~150 ms a scrape. The registry asks each metric for its text through
 * `getMetricsAsString`; for our families we answer with text rendered from the aggregate. Other
 * metrics (default metrics, the service's own) keep prom-client's path. Registry default labels
 * must be merged into every sample, which our renderer does not do: then we fall back too.
 */
function installFastPath(registry: Registry<RegistryContentType>): void {
  const r = registry as unknown as Record<symbol | string, unknown>;
  if (r[PATCHED]) return;
  const original = (r.getMetricsAsString as (metric: unknown) => Promise<string>).bind(registry);
  r.getMetricsAsString = async (metric: unknown): Promise<string> => {
    const render = (metric as Record<symbol, unknown>)?.[RENDER] as ((f: Format) => string) | undefined;
    const defaults = r._defaultLabels as Record<string, unknown> | undefined;
    if (render === undefined || (defaults !== undefined && Object.keys(defaults).length > 0)) return original(metric);
    return render(registry.contentType.startsWith('application/openmetrics-text') ? 'openmetrics' : 'text');
  };
  r[PATCHED] = true;
}

/** The family's samples for prom-client's JSON; an empty family (counted) when reading fails. */
function safeValues(m: CareMetrics, family: FamilyRenderer): PromValue[] {
  try {
    return values(m, family);
  } catch (err) {
    m.exportError(m.names[family.key], err);
    return [];
  }
}

function values(m: CareMetrics, family: FamilyRenderer): PromValue[] {
  const service = m.service;
  const out: PromValue[] = [];
  switch (family.key) {
    case 'calls':
      for (const slot of m.calls.slots) {
        for (const s of slot.series) {
          out.push({
            labels: { service, operation: s.operation, outcome: OUTCOMES[s.outcome]!, code: s.code },
            value: s.value,
          });
        }
      }
      break;
    case 'callDuration': {
      const name = m.names.callDuration;
      for (const slot of m.calls.slots) {
        for (const h of slot.durations) {
          const labels = { service, operation: h.operation, outcome: OUTCOMES[h.outcome]! };
          let cumulative = 0;
          for (let i = 0; i <= m.buckets.length; i++) {
            cumulative += h.counts[i]!;
            const le = i < m.buckets.length ? m.buckets[i]! : '+Inf';
            out.push({ labels: { ...labels, le }, value: cumulative, metricName: `${name}_bucket` });
          }
          out.push({ labels, value: h.sum, metricName: `${name}_sum` });
          out.push({ labels, value: h.count, metricName: `${name}_count` });
        }
      }
      break;
    }
    case 'tenantCalls': {
      const t = m.tenants;
      for (let s = 0; s < t.size; s++) {
        if (t.exported[s] !== 1) continue;
        const vendor = m.vendors.names[t.vendor[s]!]!;
        for (let o = 0; o < OUTCOME_COUNT; o++) {
          const value = t.counts[s * OUTCOME_COUNT + o]!;
          if (value > 0) out.push({ labels: { service, tenant: t.names[s]!, vendor, outcome: OUTCOMES[o]! }, value });
        }
      }
      vendorRowValues(m, '__other__', m.vendors.overflow, out);
      vendorRowValues(m, '__redacted__', m.vendors.redacted, out);
      break;
    }
    case 'vendorCalls':
      m.vendors.names.forEach((vendor, v) => {
        for (let o = 0; o < OUTCOME_COUNT; o++) {
          const value = m.vendors.counts[v * OUTCOME_COUNT + o]!;
          if (value > 0) out.push({ labels: { service, vendor, outcome: OUTCOMES[o]! }, value });
        }
      });
      break;
    case 'tenantOverflow':
      out.push({ labels: { service }, value: m.tenants.overflowTotal });
      break;
    case 'labelRedactions':
      for (const [label, value] of m.redactions.counts) out.push({ labels: { service, label }, value });
      break;
    case 'instrumentationErrors':
      INSTRUMENTATION_ERROR_REASONS.forEach((reason, r) => {
        out.push({ labels: { service, reason }, value: m.instrumentationErrorCounts[r]! });
      });
      break;
  }
  return out;
}

function vendorRowValues(m: CareMetrics, tenant: string, row: Float64Array, out: PromValue[]): void {
  m.vendors.names.forEach((vendor, v) => {
    for (let o = 0; o < OUTCOME_COUNT; o++) {
      const value = row[v * OUTCOME_COUNT + o]!;
      if (value > 0) out.push({ labels: { service: m.service, tenant, vendor, outcome: OUTCOMES[o]! }, value });
    }
  });
}

function resetFamily(m: CareMetrics, family: FamilyRenderer): void {
  switch (family.key) {
    case 'calls':
      for (const slot of m.calls.slots) for (const s of slot.series) s.value = 0;
      break;
    case 'callDuration':
      for (const slot of m.calls.slots) {
        for (const h of slot.durations) {
          h.counts.fill(0);
          h.sum = 0;
          h.count = 0;
        }
      }
      break;
    case 'tenantCalls':
      m.tenants.counts.fill(0);
      m.vendors.overflow.fill(0);
      m.vendors.redacted.fill(0);
      break;
    case 'vendorCalls':
      m.vendors.counts.fill(0);
      break;
    case 'tenantOverflow':
      m.tenants.overflowTotal = 0;
      break;
    case 'labelRedactions':
      m.redactions.counts.clear();
      break;
    case 'instrumentationErrors':
      m.instrumentationErrorCounts.fill(0);
      break;
  }
}
