import type { AggregateReader } from '../../aggregate/AggregateReader.js';
import type { FamilySamples } from '../../aggregate/FamilySamples.js';
import { RegistryConflictError } from '../../errors.js';
import { FAMILY_HELP } from '../help.js';
import {
  FAMILIES,
  type FamilyRenderer,
  type Format,
  LabelCache,
  renderFamily,
  renderFamilyPieces,
} from './families.js';
import { internals, isOpenMetrics, type PromMetricJson, type PromRegistry, type PromValue } from './PromRegistry.js';

/** Marks our metric objects so the registry's fast path can recognise them. */
const RENDER = Symbol.for('hartslag.metrics.render');
const PATCHED = Symbol.for('hartslag.metrics.registryPatched');
/** Our metric objects' text in pieces, for the exposition written across turns of the event loop. */
export const CHUNKS = Symbol.for('hartslag.metrics.chunks');

/** What a registry metric carrying CHUNKS offers: FamilyRenderer.render, bound to its CareMetrics. */
export type ChunkSource = (format: Format, chunk: number) => Generator<string, void, undefined>;

/**
 * A metric family as a client's Registry (prom-client or @prometheus-io/client) sees it: `get()` for JSON (cluster aggregation,
 * Pushgateway's JSON users), `reset()` for `registry.resetMetrics()`. Text exposition takes the
 * fast path below instead of the client's per-sample formatting.
 */
class CareFamily {
  readonly aggregator = 'sum';
  readonly help: string;
  readonly type: string;
  name: string;
  readonly [RENDER]: (format: Format) => string;
  readonly [CHUNKS]: ChunkSource;

  constructor(
    private readonly a: AggregateReader,
    private readonly family: FamilyRenderer,
  ) {
    this.name = a.names[family.key];
    this.help = FAMILY_HELP[family.key];
    this.type = family.type;
    const cache = new LabelCache();
    this[RENDER] = (format) => renderFamily(a, family, cache, format);
    this[CHUNKS] = (format, chunk) => renderFamilyPieces(a, family, cache, format, chunk);
  }

  async get(): Promise<PromMetricJson> {
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values: safeValues(this.a, this.family),
      aggregator: 'sum',
    };
  }

  reset(): void {
    this.a.reset(this.family.key);
  }
}

/**
 * Registers the families of `a` in `registry` (the call families unless told otherwise); throws
 * RegistryConflictError before any when one is taken.
 */
export function registerCollectors(
  a: AggregateReader,
  registry: PromRegistry,
  families: readonly FamilyRenderer[] = FAMILIES,
): void {
  for (const family of families) {
    const name = a.names[family.key];
    if (registry.getSingleMetric(name) !== undefined) throw new RegistryConflictError(name);
  }
  for (const family of families) registry.registerMetric(new CareFamily(a, family) as never);
  installFastPath(registry);
}

/**
 * Both clients format every sample of every metric themselves (≈3 µs a sample); 55k tenant series
 * would take ~150 ms a scrape. The registry asks each metric for its text through
 * `getMetricsAsString`; for our families we answer with text rendered from the aggregate. Other
 * metrics (default metrics, the service's own) keep the client's path. Registry default labels
 * must be merged into every sample, which our renderer does not do: then we fall back too.
 */
function installFastPath(registry: PromRegistry): void {
  const r = internals(registry);
  const marks = registry as unknown as Record<symbol, unknown>;
  if (marks[PATCHED]) return;
  const original = r.getMetricsAsString.bind(registry);
  r.getMetricsAsString = async (metric: unknown): Promise<string> => {
    const render = (metric as Record<symbol, unknown>)?.[RENDER] as ((f: Format) => string) | undefined;
    const defaults = r._defaultLabels;
    if (render === undefined || (defaults !== undefined && Object.keys(defaults).length > 0)) return original(metric);
    return render(isOpenMetrics(registry) ? 'openmetrics' : 'text');
  };
  marks[PATCHED] = true;
}

/** The family's samples for the registry's JSON; an empty family (counted) when reading fails. */
function safeValues(a: AggregateReader, family: FamilyRenderer): PromValue[] {
  try {
    return values(a, a.family(family.key));
  } catch (err) {
    a.exportError(family.key, err);
    return [];
  }
}

function values(a: AggregateReader, f: FamilySamples): PromValue[] {
  const out: PromValue[] = [];
  const labelsOf = (i: number) => {
    const labels: Record<string, string | number> = { service: a.service };
    for (let j = 0; j < f.labelNames.length; j++) labels[f.labelNames[j]!] = f.label(i, j);
    return labels;
  };
  const h = f.histogram;
  if (h === undefined) {
    for (let i = 0; i < f.size; i++) out.push({ labels: labelsOf(i), value: f.values[i]! });
    return out;
  }
  const name = a.names[f.key];
  const width = h.bounds.length + 1;
  for (let i = 0; i < f.size; i++) {
    const labels = labelsOf(i);
    let cumulative = 0;
    for (let b = 0; b < width; b++) {
      cumulative += h.counts[i * width + b]!;
      const le = b < h.bounds.length ? h.bounds[b]! : '+Inf';
      out.push({ labels: { ...labels, le }, value: cumulative, metricName: `${name}_bucket` });
    }
    out.push({ labels, value: h.sums[i]!, metricName: `${name}_sum` });
    out.push({ labels, value: f.values[i]!, metricName: `${name}_count` });
  }
  return out;
}
