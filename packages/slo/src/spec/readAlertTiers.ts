import type { AlertWindow } from '@hartslag/metrics/contract';
import { formatDuration, parseDuration } from '../model/duration.js';
import type { Field, SpecReader } from './SpecReader.js';

/** How a tier is written in `hartslag.dev/alert-tiers`, for messages. */
export const TIER_FORM = '"<name> <long>/<short> <burn factor>x <page|ticket>", e.g. "page-1h 1h/5m 14.4x page"';
const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const FACTOR = /^(\d+(?:\.\d+)?|\.\d+)x?$/;
const SEVERITIES = ['page', 'ticket'] as const;

/**
 * `hartslag.dev/alert-tiers`: the SLO's burn-rate alert tiers, comma-separated, each
 * `name long/short factor severity`. The burn factor is taken as given (it does not scale with the
 * period as the default tiers' do); a tier stores it as the share of the period's budget it spends
 * within its long window. Every problem of every tier is reported.
 */
export function readAlertTiers(r: SpecReader, field: Field, period: number): AlertWindow[] | undefined {
  const text = r.string(field);
  if (text === undefined) return undefined;
  const items = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (items.length === 0) return r.fail(field, `must list at least one tier as ${TIER_FORM}`);
  const tiers: AlertWindow[] = [];
  // Every tier given, valid or not: a name or long window is taken once it is written.
  const names = new Set<string>();
  const longs = new Set<number>();
  let bad = false;
  const fail = (item: string, why: string) => {
    bad = true;
    r.fail(field, `tier "${item}": ${why}`);
  };
  for (const item of items) {
    const parts = item.split(/\s+/);
    if (parts.length !== 4) {
      fail(item, `must be written as ${TIER_FORM}`);
      continue;
    }
    const [name, windows, factorText, severity] = parts as [string, string, string, string];
    const [longText, shortText, ...rest] = windows.split('/');
    const long = longText === undefined ? undefined : parseDuration(longText);
    const short = shortText === undefined ? undefined : parseDuration(shortText);
    const factor = FACTOR.test(factorText) ? Number.parseFloat(factorText) : undefined;
    if (!NAME.test(name)) fail(item, `the name "${name}" must be a DNS label (a-z, 0-9 and -), e.g. page-1h`);
    else if (names.has(name)) fail(item, `the name ${name} is given twice`);
    names.add(name);
    if (long === undefined || short === undefined || rest.length > 0 || long === 0 || short === 0) {
      fail(item, `the windows must be long/short durations such as 1h/5m, got ${windows}`);
    } else if (short >= long) {
      fail(
        item,
        `the short window (${formatDuration(short)}) must be shorter than the long one (${formatDuration(long)})`,
      );
    } else if (long > period) {
      fail(
        item,
        `the long window (${formatDuration(long)}) must be at most the SLO period (${formatDuration(period)})`,
      );
    } else if (longs.has(long)) {
      fail(item, `another tier already looks back ${formatDuration(long)}: give each tier its own long window`);
    }
    if (factor === undefined || factor <= 0)
      fail(item, `the burn factor must be a number above 0 such as 14.4x, got ${factorText}`);
    if (!(SEVERITIES as readonly string[]).includes(severity)) {
      fail(item, `the severity must be page or ticket, got ${severity}`);
    }
    if (long !== undefined) longs.add(long);
    if (bad) continue;
    tiers.push({
      name,
      severity: severity as AlertWindow['severity'],
      long: long!,
      short: short!,
      budgetConsumed: (factor! * long!) / period,
    });
  }
  return bad ? undefined : tiers;
}
