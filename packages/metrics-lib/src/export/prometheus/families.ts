import { HELP, INSTRUMENTATION_ERROR_REASONS, type MetricNames, OTHER, REDACTED } from '../../contract/names.js';
import { OUTCOME_COUNT, OUTCOMES } from '../../contract/outcomes.js';
import type { CareMetrics } from '../../record/CareMetrics.js';
import { escapeHelp, escapeLabelValue, formatBound, formatValue } from './escape.js';

export type Format = 'text' | 'openmetrics';

/**
 * One metric family as text: HELP, TYPE and samples, without a trailing line feed (the shape
 * prom-client's Registry joins). Label sets are rendered once per series and cached on the
 * aggregate, so a scrape of 55k series is string concatenation and number formatting.
 *
 * The text comes in pieces of at least `chunk` characters (the last may be shorter), so a scrape
 * can hand the event loop back between two pieces; joined, they are the family's text. A series
 * is never split across pieces: a histogram's buckets, sum and count are read together.
 */
export interface FamilyRenderer {
  key: keyof MetricNames;
  type: 'counter' | 'histogram';
  render(m: CareMetrics, format: Format, chunk: number): Generator<string, void, undefined>;
}

const OUTCOME_LABELS = OUTCOMES.map((o) => `outcome="${o}"`);
/** The end of a tenant sample's label set, up to its value: one string less to join per sample. */
const OUTCOME_TAILS = OUTCOME_LABELS.map((label) => flat(`${label}} `));

function header(m: CareMetrics, key: keyof MetricNames, type: string, format: Format): string {
  const name = m.names[key];
  // OpenMetrics names the counter family without its `_total` suffix.
  const family = format === 'openmetrics' && type === 'counter' ? name.replace(/_total$/, '') : name;
  return `# HELP ${family} ${escapeHelp(HELP[key])}\n# TYPE ${family} ${type}`;
}

/**
 * A cached label text as one flat string. A template literal makes a rope of its parts; left a
 * rope, every scrape would walk it again when the piece holding it is written out (V8 flattens a
 * rope in place the first time a character of it is read). Measured on 55k tenant series: the
 * pieces of a scrape render and encode with ~40% less CPU.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

function svc(m: CareMetrics): string {
  return `service="${escapeLabelValue(m.service)}"`;
}

const calls: FamilyRenderer = {
  key: 'calls',
  type: 'counter',
  *render(m, format, chunk) {
    let out = header(m, 'calls', 'counter', format);
    const name = m.names.calls;
    for (const slot of m.calls.slots) {
      for (const s of slot.series) {
        if (s.labelCache === undefined) {
          s.labelCache = flat(
            `${name}{${svc(m)},operation="${escapeLabelValue(s.operation)}",${OUTCOME_LABELS[s.outcome]},code="${escapeLabelValue(s.code)}"} `,
          );
        }
        out += `\n${s.labelCache}${s.value}`;
        if (out.length >= chunk) {
          yield out;
          out = '';
        }
      }
    }
    yield out;
  },
};

const callDuration: FamilyRenderer = {
  key: 'callDuration',
  type: 'histogram',
  *render(m, format, chunk) {
    let out = header(m, 'callDuration', 'histogram', format);
    const name = m.names.callDuration;
    const bounds = Array.from(m.buckets, formatBound);
    bounds.push('+Inf');
    for (const slot of m.calls.slots) {
      for (const h of slot.durations) {
        if (h.labelCache === undefined) {
          h.labelCache = flat(`${svc(m)},operation="${escapeLabelValue(h.operation)}",${OUTCOME_LABELS[h.outcome]}`);
        }
        const labels = h.labelCache;
        let cumulative = 0;
        for (let i = 0; i < bounds.length; i++) {
          cumulative += h.counts[i]!;
          out += `\n${name}_bucket{${labels},le="${bounds[i]}"} ${cumulative}`;
        }
        out += `\n${name}_sum{${labels}} ${formatValue(h.sum)}\n${name}_count{${labels}} ${h.count}`;
        if (out.length >= chunk) {
          yield out;
          out = '';
        }
      }
    }
    yield out;
  },
};

const tenantCalls: FamilyRenderer = {
  key: 'tenantCalls',
  type: 'counter',
  *render(m, format, chunk) {
    let out = header(m, 'tenantCalls', 'counter', format);
    const name = m.names.tenantCalls;
    const vendorNames = m.vendors.names.map(escapeLabelValue);
    const t = tenantSnapshot(m, name, vendorNames, chunk !== Infinity);
    for (let s = 0; s < t.prefixes.length; s++) {
      const prefix = t.prefixes[s];
      if (prefix === undefined) continue;
      const base = s * OUTCOME_COUNT;
      for (let o = 0; o < OUTCOME_COUNT; o++) {
        const v = t.counts[base + o]!;
        if (v > 0) out += prefix + OUTCOME_TAILS[o] + v;
      }
      if (out.length >= chunk) {
        yield out;
        out = '';
      }
    }
    out += vendorRows(m, name, OTHER, t.overflow, vendorNames);
    out += vendorRows(m, name, REDACTED, t.redacted, vendorNames);
    yield out;
  },
};

interface TenantSnapshot {
  /** Per slot, the rendered `\nname{…,outcome=` prefix, or undefined when the slot has no series. */
  prefixes: (string | undefined)[];
  counts: Float64Array;
  overflow: Float64Array;
  redacted: Float64Array;
}

/**
 * The exported tenants and their counts as of now. A scrape written in pieces yields to the event
 * loop, where calls go on and the table may evict a tenant and admit it again in another slot:
 * reading the live table then could list it twice. So a piecewise scrape copies the counts (a few
 * hundred kB for 55k series) and holds the label prefixes it will write.
 */
function tenantSnapshot(m: CareMetrics, name: string, vendorNames: string[], copy: boolean): TenantSnapshot {
  const t = m.tenants;
  const size = t.size;
  const cache = t.labelCache;
  const prefixes: (string | undefined)[] = new Array(size);
  for (let s = 0; s < size; s++) {
    if (t.exported[s] !== 1) continue;
    let prefix = cache[s];
    if (prefix === undefined) {
      prefix = flat(
        `\n${name}{${svc(m)},tenant="${escapeLabelValue(t.names[s]!)}",vendor="${vendorNames[t.vendor[s]!]}",`,
      );
      cache[s] = prefix;
    }
    prefixes[s] = prefix;
  }
  const v = m.vendors;
  return copy
    ? {
        prefixes,
        counts: t.counts.slice(0, size * OUTCOME_COUNT),
        overflow: v.overflow.slice(0, vendorNames.length * OUTCOME_COUNT),
        redacted: v.redacted.slice(0, vendorNames.length * OUTCOME_COUNT),
      }
    : { prefixes, counts: t.counts, overflow: v.overflow, redacted: v.redacted };
}

function vendorRows(m: CareMetrics, name: string, tenant: string, row: Float64Array, vendorNames: string[]): string {
  let out = '';
  for (let v = 0; v < vendorNames.length; v++) {
    for (let o = 0; o < OUTCOME_COUNT; o++) {
      const value = row[v * OUTCOME_COUNT + o]!;
      if (value > 0) {
        out += `\n${name}{${svc(m)},tenant="${tenant}",vendor="${vendorNames[v]}",${OUTCOME_LABELS[o]}} ${value}`;
      }
    }
  }
  return out;
}

const vendorCalls: FamilyRenderer = {
  key: 'vendorCalls',
  type: 'counter',
  *render(m, format) {
    const vendorNames = m.vendors.names.map(escapeLabelValue);
    let out = header(m, 'vendorCalls', 'counter', format);
    const name = m.names.vendorCalls;
    for (let v = 0; v < vendorNames.length; v++) {
      for (let o = 0; o < OUTCOME_COUNT; o++) {
        const value = m.vendors.counts[v * OUTCOME_COUNT + o]!;
        if (value > 0) out += `\n${name}{${svc(m)},vendor="${vendorNames[v]}",${OUTCOME_LABELS[o]}} ${value}`;
      }
    }
    yield out;
  },
};

function single(key: 'tenantOverflow', value: (m: CareMetrics) => number): FamilyRenderer {
  return {
    key,
    type: 'counter',
    *render(m, format) {
      yield `${header(m, key, 'counter', format)}\n${m.names[key]}{${svc(m)}} ${value(m)}`;
    },
  };
}

const REASON_LABELS = INSTRUMENTATION_ERROR_REASONS.map((r) => `reason="${r}"`);

const instrumentationErrors: FamilyRenderer = {
  key: 'instrumentationErrors',
  type: 'counter',
  *render(m, format) {
    let out = header(m, 'instrumentationErrors', 'counter', format);
    const name = m.names.instrumentationErrors;
    // Every reason at zero from the start, so an alert on increase() sees the first error.
    for (let r = 0; r < REASON_LABELS.length; r++) {
      out += `\n${name}{${svc(m)},${REASON_LABELS[r]}} ${m.instrumentationErrorCounts[r]}`;
    }
    yield out;
  },
};

const labelRedactions: FamilyRenderer = {
  key: 'labelRedactions',
  type: 'counter',
  *render(m, format) {
    let out = header(m, 'labelRedactions', 'counter', format);
    for (const [label, n] of m.redactions.counts) {
      out += `\n${m.names.labelRedactions}{${svc(m)},label="${escapeLabelValue(label)}"} ${n}`;
    }
    yield out;
  },
};

/** All families, in exposition order. */
export const FAMILIES: readonly FamilyRenderer[] = [
  calls,
  callDuration,
  tenantCalls,
  vendorCalls,
  single('tenantOverflow', (m) => m.tenants.overflowTotal),
  labelRedactions,
  instrumentationErrors,
];

/**
 * A family's text, or, when rendering it fails (a bug), only its HELP and TYPE lines: the rest of
 * the scrape is still served. The failure is counted (reason "export") and, in the text format,
 * named in a comment line; OpenMetrics allows no comments, so there the family is just empty.
 */
export function renderFamily(m: CareMetrics, family: FamilyRenderer, format: Format): string {
  // One piece of unbounded size: a failure comes before it, so the family is left out whole.
  let out = '';
  for (const piece of renderFamilyPieces(m, family, format, Infinity)) out += piece;
  return out;
}

/**
 * A family's text in pieces for the streamed exposition, isolated like renderFamily. A failure
 * before the first piece leaves HELP and TYPE only; a failure after it cannot take back what the
 * socket already has, so the series sent so far stay (each is whole) and the text format names
 * the cut in a comment line.
 */
export function* renderFamilyPieces(
  m: CareMetrics,
  family: FamilyRenderer,
  format: Format,
  chunk: number,
): Generator<string, void, undefined> {
  const pieces = family.render(m, format, chunk);
  let started = false;
  for (;;) {
    let next: IteratorResult<string, void>;
    try {
      next = pieces.next();
    } catch (err) {
      m.exportError(m.names[family.key], err);
      if (!started) yield failedFamily(m, family, format);
      else if (format === 'text') yield `\n# ${m.names[family.key]} cut short in this scrape: rendering failed`;
      return;
    }
    if (next.done) return;
    started = true;
    yield next.value;
  }
}

function failedFamily(m: CareMetrics, family: FamilyRenderer, format: Format): string {
  const head = header(m, family.key, family.type, format);
  return format === 'text' ? `${head}\n# ${m.names[family.key]} left out of this scrape: rendering failed` : head;
}
