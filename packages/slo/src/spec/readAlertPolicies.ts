import type { AlertWindow } from '@hartslag/metrics/contract';
import { isMap, isScalar } from 'yaml';
import { formatDuration, parseDuration } from '../model/duration.js';
import type { AlertPolicyMapping } from '../model/Slo.js';
import type { Catalog } from './Catalog.js';
import type { Field, SpecReader } from './SpecReader.js';

/** What Hartslag alerts on instead of OpenSLO alert policies, for the warnings that name what is not read. */
export const OWN_ALERTS =
  'Hartslag generates its own alerts (burn-rate pages over 1h and 6h, tickets over 1d and 3d, coffee-break and silence pages) and routes them by their severity label with Alertmanager';

interface Condition {
  name: string;
  severity?: string;
  kind?: string;
  op?: string;
  threshold?: unknown;
  lookbackWindow?: string;
}

/**
 * `spec.alertPolicies`: each burn-rate condition over a window Hartslag alerts on (1h, 6h, 1d,
 * 3d) is mapped onto that tier — its alert carries the policy, the condition and the condition's
 * severity as labels. What does not fit (other windows and kinds, thresholds, notification
 * targets) is named in one warning per policy.
 */
export function readAlertPolicies(
  r: SpecReader,
  field: Field | undefined,
  catalog: Catalog,
  tiers: readonly AlertWindow[],
): AlertPolicyMapping[] {
  // `alertPolicies:` with nothing after it, as OpenSLO's own examples have, asks for nothing.
  if (field === undefined || field.node === null || (isScalar(field.node) && field.node.value === null)) return [];
  const mappings: AlertPolicyMapping[] = [];
  for (const item of r.list(field) ?? []) {
    const entries = r.map(item, undefined);
    if (entries === undefined) continue;
    const refName = plain(entries.get('alertPolicyRef'));
    const policy = refName === undefined ? undefined : catalog.get('AlertPolicy', refName);
    const name = refName ?? metadataName(entries) ?? `alertPolicies[${mappings.length}]`;
    if (refName !== undefined && policy === undefined) {
      r.warn(item, `(${name}) names an AlertPolicy that is not in this file, so it is not read; ${OWN_ALERTS}`);
      continue;
    }
    const spec = json(policy?.spec ?? entries.get('spec')) as {
      conditions?: unknown[];
      notificationTargets?: unknown[];
    };
    const ignored: string[] = [];
    for (const c of spec?.conditions ?? []) {
      const condition = readCondition(c, catalog);
      if (condition === undefined) continue;
      const fit = fitOf(condition, tiers);
      if (typeof fit === 'string') {
        ignored.push(`condition ${condition.name} (${fit})`);
        continue;
      }
      mappings.push({
        policy: name,
        condition: condition.name,
        longWindow: fit.long,
        ...(condition.severity !== undefined ? { severity: condition.severity } : {}),
      });
      ignored.push(
        `the threshold ${String(condition.threshold)} of ${condition.name} (mapped onto the ${formatDuration(fit.long)} ${fit.severity} tier, which alerts at its own burn rate)`,
      );
    }
    const targets = (spec?.notificationTargets ?? []).map((t) => {
      const o = t as { targetRef?: unknown; metadata?: { name?: unknown } };
      return String(o.targetRef ?? o.metadata?.name ?? 'unnamed');
    });
    if (targets.length > 0)
      ignored.push(
        `notification targets ${targets.join(', ')} (route the alerts with Alertmanager by their severity label)`,
      );
    if (ignored.length > 0) r.warn(item, `(${name}): not read: ${ignored.join('; ')}`);
  }
  return mappings;
}

/** The tier a condition fits, or why it fits none. */
function fitOf(c: Condition, tiers: readonly AlertWindow[]): AlertWindow | string {
  const what =
    `${c.kind ?? 'no kind'} ${c.op ?? ''} ${String(c.threshold ?? '')} over ${c.lookbackWindow ?? 'no window'}`.replace(
      / +/g,
      ' ',
    );
  if (c.kind !== 'burnrate') return `${what}: only burnrate conditions map onto Hartslag's tiers`;
  if (c.op !== 'gt' && c.op !== 'gte') return `${what}: a burn-rate alert fires above a rate, with gt or gte`;
  const seconds = c.lookbackWindow === undefined ? undefined : parseDuration(c.lookbackWindow);
  const tier = tiers.find((w) => w.long === seconds);
  if (tier === undefined) {
    return `${what}: Hartslag's tiers look back ${tiers.map((w) => formatDuration(w.long)).join(', ')}`;
  }
  return tier;
}

function readCondition(value: unknown, catalog: Catalog): Condition | undefined {
  const c = value as { conditionRef?: unknown; metadata?: { name?: unknown }; spec?: unknown } | null;
  if (c === null || typeof c !== 'object') return undefined;
  const ref = typeof c.conditionRef === 'string' ? c.conditionRef : undefined;
  const object = ref === undefined ? undefined : catalog.get('AlertCondition', ref);
  const name = ref ?? (typeof c.metadata?.name === 'string' ? c.metadata.name : 'unnamed');
  const spec = (object ? json(object.spec) : c.spec) as
    | {
        severity?: unknown;
        condition?: { kind?: unknown; op?: unknown; threshold?: unknown; lookbackWindow?: unknown };
      }
    | undefined;
  if (spec === undefined) return { name };
  const cond = spec.condition ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const out: Condition = { name };
  if (str(spec.severity) !== undefined) out.severity = str(spec.severity)!;
  if (str(cond.kind) !== undefined) out.kind = str(cond.kind)!;
  if (str(cond.op) !== undefined) out.op = str(cond.op)!;
  if (cond.threshold !== undefined) out.threshold = cond.threshold;
  if (str(cond.lookbackWindow) !== undefined) out.lookbackWindow = str(cond.lookbackWindow)!;
  return out;
}

function metadataName(entries: Map<string, Field>): string | undefined {
  const metadata = json(entries.get('metadata')) as { name?: unknown } | undefined;
  return typeof metadata?.name === 'string' ? metadata.name : undefined;
}

/** A part of the spec as plain data: alert policies are described, not validated field by field. */
function json(field: Field | undefined): unknown {
  const node = field?.node;
  return node !== null && node !== undefined && (isMap(node) || 'toJSON' in node) ? node.toJSON() : undefined;
}

function plain(field: Field | undefined): string | undefined {
  const node = field?.node;
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}
