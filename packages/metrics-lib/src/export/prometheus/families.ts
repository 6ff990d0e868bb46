import { HELP, INSTRUMENTATION_ERROR_REASONS, type MetricNames, OTHER, REDACTED } from '../../contract/names.js';
import { OUTCOME_COUNT, OUTCOMES } from '../../contract/outcomes.js';
import type { CareMetrics } from '../../record/CareMetrics.js';
import { escapeHelp, escapeLabelValue, formatBound, formatValue } from './escape.js';

export type Format = 'text' | 'openmetrics';

/**
 * One metric family as text: HELP, TYPE and samples, without a trailing line feed (the shape
 * prom-client's Registry joins). Label sets are rendered once per series and cached on the
 * aggregate, so a scrape of 55k series is string concatenation and number formatting.
 */
export interface FamilyRenderer {
  key: keyof MetricNames;
  type: 'counter' | 'histogram';
  render(m: CareMetrics, format: Format): string;
}

const OUTCOME_LABELS = OUTCOMES.map((o) => `outcome="${o}"`);

function header(m: CareMetrics, key: keyof MetricNames, type: string, format: Format): string {
  const name = m.names[key];
  // OpenMetrics names the counter family without its `_total` suffix.
  const family = format === 'openmetrics' && type === 'counter' ? name.replace(/_total$/, '') : name;
  return `# HELP ${family} ${escapeHelp(HELP[key])}\n# TYPE ${family} ${type}`;
}

function svc(m: CareMetrics): string {
  return `service="${escapeLabelValue(m.service)}"`;
}

const calls: FamilyRenderer = {
  key: 'calls',
  type: 'counter',
  render(m, format) {
    let out = header(m, 'calls', 'counter', format);
    const name = m.names.calls;
    for (const slot of m.calls.slots) {
      for (const s of slot.series) {
        if (s.labelCache === undefined) {
          s.labelCache = `${name}{${svc(m)},operation="${escapeLabelValue(s.operation)}",${OUTCOME_LABELS[s.outcome]},code="${escapeLabelValue(s.code)}"} `;
        }
        out += `\n${s.labelCache}${s.value}`;
      }
    }
    return out;
  },
};

const callDuration: FamilyRenderer = {
  key: 'callDuration',
  type: 'histogram',
  render(m, format) {
    let out = header(m, 'callDuration', 'histogram', format);
    const name = m.names.callDuration;
    const bounds = Array.from(m.buckets, formatBound);
    bounds.push('+Inf');
    for (const slot of m.calls.slots) {
      for (const h of slot.durations) {
        if (h.labelCache === undefined) {
          h.labelCache = `${svc(m)},operation="${escapeLabelValue(h.operation)}",${OUTCOME_LABELS[h.outcome]}`;
        }
        const labels = h.labelCache;
        let cumulative = 0;
        for (let i = 0; i < bounds.length; i++) {
          cumulative += h.counts[i]!;
          out += `\n${name}_bucket{${labels},le="${bounds[i]}"} ${cumulative}`;
        }
        out += `\n${name}_sum{${labels}} ${formatValue(h.sum)}\n${name}_count{${labels}} ${h.count}`;
      }
    }
    return out;
  },
};

const tenantCalls: FamilyRenderer = {
  key: 'tenantCalls',
  type: 'counter',
  render(m, format) {
    let out = header(m, 'tenantCalls', 'counter', format);
    const name = m.names.tenantCalls;
    const t = m.tenants;
    const vendorNames = m.vendors.names.map(escapeLabelValue);
    const counts = t.counts;
    for (let s = 0; s < t.size; s++) {
      if (t.exported[s] !== 1) continue;
      let prefix = t.labelCache[s];
      if (prefix === undefined) {
        prefix = `\n${name}{${svc(m)},tenant="${escapeLabelValue(t.names[s]!)}",vendor="${vendorNames[t.vendor[s]!]}",`;
        t.labelCache[s] = prefix;
      }
      const base = s * OUTCOME_COUNT;
      for (let o = 0; o < OUTCOME_COUNT; o++) {
        const v = counts[base + o]!;
        if (v > 0) out += `${prefix}${OUTCOME_LABELS[o]}} ${v}`;
      }
    }
    out += vendorRows(m, name, OTHER, m.vendors.overflow, vendorNames);
    out += vendorRows(m, name, REDACTED, m.vendors.redacted, vendorNames);
    return out;
  },
};

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
  render(m, format) {
    const vendorNames = m.vendors.names.map(escapeLabelValue);
    let out = header(m, 'vendorCalls', 'counter', format);
    const name = m.names.vendorCalls;
    for (let v = 0; v < vendorNames.length; v++) {
      for (let o = 0; o < OUTCOME_COUNT; o++) {
        const value = m.vendors.counts[v * OUTCOME_COUNT + o]!;
        if (value > 0) out += `\n${name}{${svc(m)},vendor="${vendorNames[v]}",${OUTCOME_LABELS[o]}} ${value}`;
      }
    }
    return out;
  },
};

function single(key: 'tenantOverflow', value: (m: CareMetrics) => number): FamilyRenderer {
  return {
    key,
    type: 'counter',
    render(m, format) {
      return `${header(m, key, 'counter', format)}\n${m.names[key]}{${svc(m)}} ${value(m)}`;
    },
  };
}

const REASON_LABELS = INSTRUMENTATION_ERROR_REASONS.map((r) => `reason="${r}"`);

const instrumentationErrors: FamilyRenderer = {
  key: 'instrumentationErrors',
  type: 'counter',
  render(m, format) {
    let out = header(m, 'instrumentationErrors', 'counter', format);
    const name = m.names.instrumentationErrors;
    // Every reason at zero from the start, so an alert on increase() sees the first error.
    for (let r = 0; r < REASON_LABELS.length; r++) {
      out += `\n${name}{${svc(m)},${REASON_LABELS[r]}} ${m.instrumentationErrorCounts[r]}`;
    }
    return out;
  },
};

const labelRedactions: FamilyRenderer = {
  key: 'labelRedactions',
  type: 'counter',
  render(m, format) {
    let out = header(m, 'labelRedactions', 'counter', format);
    for (const [label, n] of m.redactions.counts) {
      out += `\n${m.names.labelRedactions}{${svc(m)},label="${escapeLabelValue(label)}"} ${n}`;
    }
    return out;
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
  try {
    return family.render(m, format);
  } catch (err) {
    m.exportError(m.names[family.key], err);
    const head = header(m, family.key, family.type, format);
    return format === 'text' ? `${head}\n# ${m.names[family.key]} left out of this scrape: rendering failed` : head;
  }
}
