import { isMap, isScalar } from 'yaml';
import type { Catalog } from './Catalog.js';
import type { Field, SpecReader } from './SpecReader.js';

/** What Hartslag alerts on instead of OpenSLO alert policies, for the warning that names what is not read. */
export const OWN_ALERTS =
  'Hartslag generates its own alerts (burn-rate pages over 1h and 6h, tickets over 1d and 3d, coffee-break and silence pages) and routes them by their severity label with Alertmanager';

/**
 * `spec.alertPolicies`: read past with one warning per policy that names it and its conditions,
 * so a user sees what Hartslag will not alert on.
 */
export function readAlertPolicies(r: SpecReader, field: Field | undefined, catalog: Catalog): void {
  // `alertPolicies:` with nothing after it, as OpenSLO's own examples have, asks for nothing.
  if (field === undefined || field.node === null || (isScalar(field.node) && field.node.value === null)) return;
  for (const item of r.list(field) ?? []) {
    const entries = r.map(item, undefined);
    if (entries === undefined) continue;
    const ref = entries.get('alertPolicyRef');
    const refName = ref && r.string(ref);
    const policy = refName === undefined ? undefined : catalog.get('AlertPolicy', refName);
    const name = refName ?? metadataName(r, entries);
    const spec = policy?.spec ?? entries.get('spec');
    const conditions = spec && describeConditions(policy?.r ?? r, spec, catalog);
    const missing = refName !== undefined && policy === undefined ? ', which is not in this file' : '';
    r.warn(item, `(${name ?? 'unnamed'}${missing}${conditions ? `: ${conditions}` : ''}) is not read: ${OWN_ALERTS}`);
  }
}

function metadataName(r: SpecReader, entries: Map<string, Field>): string | undefined {
  const metadata = entries.get('metadata');
  const m = metadata && isMap(metadata.node) ? r.map(metadata, undefined) : undefined;
  const name = m?.get('name');
  return name && typeof (name.node as { value?: unknown })?.value === 'string'
    ? ((name.node as { value: string }).value as string)
    : undefined;
}

/** "memory-usage-breach: burnrate gt 2 over 1h, severity page". */
function describeConditions(r: SpecReader, specField: Field, catalog: Catalog): string | undefined {
  if (!isMap(specField.node)) return undefined;
  const spec = r.map(specField, undefined);
  const list = spec?.get('conditions');
  if (list === undefined || !('items' in (list.node as object))) return undefined;
  const parts: string[] = [];
  for (const c of r.list(list) ?? []) {
    if (!isMap(c.node)) continue;
    const entries = r.map(c, undefined)!;
    const refName = plain(entries.get('conditionRef'));
    const object = refName === undefined ? undefined : catalog.get('AlertCondition', refName);
    const name = refName ?? metadataName(r, entries) ?? 'unnamed';
    const inner = object?.spec ?? entries.get('spec');
    const json =
      inner?.node && typeof inner.node === 'object' && 'toJSON' in inner.node ? inner.node.toJSON() : undefined;
    const cond = (json as { condition?: Record<string, unknown>; severity?: unknown } | undefined) ?? {};
    const c2 = cond.condition;
    const what = c2
      ? `${String(c2.kind)} ${String(c2.op)} ${String(c2.threshold)} over ${String(c2.lookbackWindow)}${cond.severity ? `, severity ${String(cond.severity)}` : ''}`
      : refName !== undefined && object === undefined
        ? 'not in this file'
        : 'no condition';
    parts.push(`condition ${name} (${what})`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function plain(field: Field | undefined): string | undefined {
  const value = (field?.node as { value?: unknown } | null | undefined)?.value;
  return typeof value === 'string' ? value : undefined;
}
