import { HELP, type MetricNames, OTHER, REDACTED } from '../../contract/names.js';
import { OUTCOME_COUNT, OUTCOMES } from '../../contract/outcomes.js';
import type { CareMetrics } from '../../record/CareMetrics.js';
import { escapeHelp, escapeLabelValue, formatBound } from './escape.js';

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
        out += `\n${name}_sum{${labels}} ${h.sum}\n${name}_count{${labels}} ${h.count}`;
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

function single(key: 'tenantOverflow' | 'instrumentationErrors', value: (m: CareMetrics) => number): FamilyRenderer {
  return {
    key,
    type: 'counter',
    render(m, format) {
      return `${header(m, key, 'counter', format)}\n${m.names[key]}{${svc(m)}} ${value(m)}`;
    },
  };
}

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
  single('instrumentationErrors', (m) => m.instrumentationErrors),
];
