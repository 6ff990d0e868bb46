import { didYouMean, type EditBudget } from '@hartslag/common';
import { NOW_WINDOW } from '../contract/alerting.js';
import { SLO_GROUP_FAMILIES, SLO_GROUP_TOP_MAX } from '../contract/groups.js';
import { freshnessThresholdProblem, PIPELINE_NAME } from '../contract/pipeline.js';
import { ConfigError, type ConfigProblem } from '../errors.js';
import type { SloEvaluatorOptions } from './options.js';
import type { SloObjective } from './SloObjective.js';

const DAY = 86_400;

/** Field names of an objective are words of their own (window, silence): only a case slip is one of them. */
const CASE_ONLY: EditBudget = () => 0;

const KNOWN: Record<string, readonly string[]> = {
  objective: [
    'name',
    'operation',
    'objective',
    'window',
    'maxOutage',
    'silence',
    'labels',
    'alertWindows',
    'minCalls',
    'freshness',
    'groupBy',
  ],
  freshness: ['pipeline', 'stage', 'within'],
  groupBy: ['label', 'top'],
  alertWindow: ['name', 'severity', 'long', 'short', 'budgetConsumed'],
  maxOutage: ['limit', 'warnAfter', 'errorRatio'],
  silence: ['detectWithin', 'baselineWeeks', 'minExpectedRate', 'ratio'],
  options: ['now', 'interval', 'autoStart', 'history'],
};

// The `slo` label doubles as a rule group name in @hartslag/slo, which takes DNS labels only.
const NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

type Bad = (field: string, message: string) => void;

/**
 * Checks every objective and option and reports all problems at once, each by field
 * (`objectives[0].objective`). The bounds are those @hartslag/slo accepts in a spec file, so an
 * SLO valid for one path is valid for the other.
 */
export function validateSloConfig(objectives: unknown, options: unknown): void {
  const problems: ConfigProblem[] = [];
  const bad: Bad = (field, message) => problems.push({ field, message });

  if (!Array.isArray(objectives)) {
    bad('objectives', 'must be an array of SLOs, e.g. [{ name: "login", objective: 0.999, window: 2592000 }]');
  } else {
    const seen = new Map<string, number>();
    objectives.forEach((o, i) => {
      const path = `objectives[${i}]`;
      if (!isObject(o)) {
        bad(path, 'must be an object { name, objective, window }');
        return;
      }
      objective(o as Partial<SloObjective>, path, bad);
      if (typeof o.name !== 'string') return;
      const first = seen.get(o.name);
      if (first !== undefined) {
        bad(`${path}.name`, `duplicates objectives[${first}].name ("${o.name}"); the name labels every alert`);
      } else {
        seen.set(o.name, i);
      }
    });
  }

  if (options !== undefined) {
    if (!isObject(options)) {
      bad('options', 'must be an object { now?, interval?, autoStart?, history? }');
    } else {
      unknownKeys(options, 'options', '', bad);
      const o = options as SloEvaluatorOptions;
      if (o.now !== undefined && typeof o.now !== 'function') bad('now', 'must be a function () => ms since the epoch');
      if (o.interval !== undefined && !(inRange(o.interval, 0, NOW_WINDOW) && o.interval >= 1)) {
        bad(
          'interval',
          `must be seconds from 1 to ${NOW_WINDOW}: the 1-minute "now" window needs a tick in it, got ${show(o.interval)}`,
        );
      }
      if (o.autoStart !== undefined && typeof o.autoStart !== 'boolean') bad('autoStart', 'must be true or false');
      if (o.history !== undefined && !isHistoryStore(o.history)) {
        bad('history', 'must be a history store with load, buckets, save and close (openSqliteSloHistory())');
      }
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);
}

function objective(o: Partial<SloObjective>, path: string, bad: Bad): void {
  unknownKeys(o, 'objective', path, bad);
  if (typeof o.name !== 'string' || !NAME.test(o.name)) {
    bad(`${path}.name`, `must be a DNS label (a-z, 0-9, -), e.g. "fetch-medication-history", got ${show(o.name)}`);
  }
  if (
    o.labels !== undefined &&
    (typeof o.labels !== 'object' ||
      o.labels === null ||
      Object.entries(o.labels).some(([k, v]) => !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) || typeof v !== 'string'))
  ) {
    bad(
      `${path}.labels`,
      `must map label names to string values, e.g. { team: "pharmacy-hub" }, got ${show(o.labels)}`,
    );
  }
  if (o.operation !== undefined && (typeof o.operation !== 'string' || o.operation === '')) {
    bad(`${path}.operation`, `must be an operation name, or absent for all operations, got ${show(o.operation)}`);
  }
  if (o.freshness !== undefined) freshness(o.freshness, o.operation !== undefined, `${path}.freshness`, bad);
  if (!inRange(o.objective, 0, 1) || o.objective === 1) {
    bad(`${path}.objective`, `must be between 0 and 1 (exclusive), e.g. 0.999, got ${show(o.objective)}`);
  }
  const w = o.window;
  if (typeof w !== 'number' || !Number.isInteger(w / DAY) || w < DAY || w > 90 * DAY) {
    bad(`${path}.window`, `must be whole days in seconds from 1d to 90d (30d = 2592000), got ${show(w)}`);
  }
  if (o.maxOutage !== undefined) maxOutage(o.maxOutage, `${path}.maxOutage`, bad);
  if (o.silence !== undefined) silence(o.silence, `${path}.silence`, bad);
  if (
    o.minCalls !== undefined &&
    !(typeof o.minCalls === 'number' && Number.isInteger(o.minCalls) && o.minCalls >= 0)
  ) {
    bad(`${path}.minCalls`, `must be a whole number of calls, 0 or more, e.g. 20, got ${show(o.minCalls)}`);
  }
  if (o.alertWindows !== undefined) alertWindows(o.alertWindows, `${path}.alertWindows`, bad);
  if (o.groupBy !== undefined) groupBy(o.groupBy, o.operation, `${path}.groupBy`, bad);
  // Messages of a pipeline stage carry no vendor or tenant: a freshness SLO cannot be split by one.
  if (o.groupBy !== undefined && o.freshness !== undefined) {
    bad(`${path}.groupBy`, "cannot go with freshness: a stage's message ages have no group label; leave one out");
  }
  // The outage clock and the silence check judge the whole service at once, as the generated rules
  // do: a grouped SLO has burn-rate tiers only (the spec refuses the same pair).
  for (const key of ['maxOutage', 'silence'] as const) {
    if (o.groupBy !== undefined && o[key] !== undefined) {
      bad(
        `${path}.${key}`,
        `is not judged per group: keep ${key} on an ungrouped SLO of the service, or leave groupBy out`,
      );
    }
  }
}

function groupBy(g: unknown, operation: unknown, path: string, bad: Bad): void {
  const labels = Object.keys(SLO_GROUP_FAMILIES);
  if (!isObject(g)) {
    bad(path, `must be an object { label, top }, e.g. { label: "vendor", top: 10 }, got ${show(g)}`);
    return;
  }
  unknownKeys(g, 'groupBy', path, bad);
  if (typeof g.label !== 'string' || !labels.includes(g.label)) {
    bad(`${path}.label`, `must be one of ${labels.map((l) => `"${l}"`).join(', ')}, got ${show(g.label)}`);
  }
  const top = g.top;
  if (typeof top !== 'number' || !Number.isInteger(top) || top < 1 || top > SLO_GROUP_TOP_MAX) {
    bad(
      `${path}.top`,
      `must be a whole number of groups from 1 to ${SLO_GROUP_TOP_MAX} (each has its own status), got ${show(top)}`,
    );
  }
  // The families that carry a group label have no operation label: a grouped SLO covers the service.
  if (operation !== undefined) {
    bad(`${path}`, 'cannot be combined with operation: the vendor and tenant call counts have no operation label');
  }
}

function alertWindows(list: unknown, path: string, bad: Bad): void {
  if (!Array.isArray(list) || list.length === 0) {
    bad(
      path,
      'must be a non-empty list of { name, severity, long, short, budgetConsumed }, or absent for the defaults',
    );
    return;
  }
  list.forEach((w: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(w)) {
      bad(at, 'must be an object { name, severity, long, short, budgetConsumed } (seconds)');
      return;
    }
    unknownKeys(w, 'alertWindow', at, bad);
    const { name, severity, long, short, budgetConsumed } = w as Record<string, unknown>;
    if (typeof name !== 'string' || !NAME.test(name))
      bad(`${at}.name`, `must be a DNS label, e.g. "page-1h", got ${show(name)}`);
    if (severity !== 'page' && severity !== 'ticket')
      bad(`${at}.severity`, `must be "page" or "ticket", got ${show(severity)}`);
    if (typeof short !== 'number' || typeof long !== 'number' || !(short > 0 && short < long)) {
      bad(`${at}.short`, `must be seconds above 0 and below long, got short ${show(short)}, long ${show(long)}`);
    }
    if (!inRange(budgetConsumed, 0, 1))
      bad(`${at}.budgetConsumed`, `must be a share above 0, at most 1, got ${show(budgetConsumed)}`);
  });
}

function freshness(f: unknown, withOperation: boolean, path: string, bad: Bad): void {
  if (!isObject(f)) {
    bad(
      path,
      'must be an object { pipeline, stage, within }, e.g. { pipeline: "send-message", stage: "deliver", within: 60 }',
    );
    return;
  }
  unknownKeys(f, 'freshness', path, bad);
  if (withOperation) bad(path, 'judges messages of a pipeline stage, not calls: leave out operation');
  for (const key of ['pipeline', 'stage'] as const) {
    if (typeof f[key] !== 'string' || !PIPELINE_NAME.test(f[key])) {
      bad(`${path}.${key}`, `must be a ${key} name as created in code (${PIPELINE_NAME}), got ${show(f[key])}`);
    }
  }
  const problem = freshnessThresholdProblem(f.within);
  if (problem !== undefined) bad(`${path}.within`, problem);
}

function maxOutage(m: unknown, path: string, bad: Bad): void {
  if (!isObject(m)) {
    bad(path, 'must be an object { limit, warnAfter, errorRatio } (seconds)');
    return;
  }
  unknownKeys(m, 'maxOutage', path, bad);
  const { limit, warnAfter, errorRatio } = m as Record<string, unknown>;
  const limitOk = typeof limit === 'number' && limit >= 60 && limit <= DAY;
  if (!limitOk) bad(`${path}.limit`, `must be seconds from 60 (1m) to 86400 (1d), e.g. 600, got ${show(limit)}`);
  if (!inRange(warnAfter, 0, DAY) || (limitOk && warnAfter >= limit)) {
    bad(`${path}.warnAfter`, `must be seconds above 0 and below the limit, e.g. half of it, got ${show(warnAfter)}`);
  }
  if (!inRange(errorRatio, 0, 1)) {
    bad(
      `${path}.errorRatio`,
      `must be above 0 and at most 1 (1 = no call succeeded), e.g. 0.5, got ${show(errorRatio)}`,
    );
  }
}

function silence(s: unknown, path: string, bad: Bad): void {
  if (!isObject(s)) {
    bad(path, 'must be an object { detectWithin, baselineWeeks, minExpectedRate, ratio }');
    return;
  }
  unknownKeys(s, 'silence', path, bad);
  const { detectWithin, baselineWeeks, minExpectedRate, ratio } = s as Record<string, unknown>;
  // Below 2 minutes the 1-minute rate has no time to fall and be confirmed (silenceFor).
  if (typeof detectWithin !== 'number' || detectWithin < 120 || detectWithin > 3600) {
    bad(`${path}.detectWithin`, `must be seconds from 120 (2m) to 3600 (1h), e.g. 180, got ${show(detectWithin)}`);
  }
  if (typeof baselineWeeks !== 'number' || !Number.isInteger(baselineWeeks) || baselineWeeks < 1 || baselineWeeks > 8) {
    bad(`${path}.baselineWeeks`, `must be a whole number of weeks from 1 to 8, e.g. 3, got ${show(baselineWeeks)}`);
  }
  if (typeof minExpectedRate !== 'number' || !Number.isFinite(minExpectedRate) || minExpectedRate < 0) {
    bad(`${path}.minExpectedRate`, `must be calls per second, 0 or more, e.g. 0.1, got ${show(minExpectedRate)}`);
  }
  if (!inRange(ratio, 0, 1) || ratio === 1) {
    bad(`${path}.ratio`, `must be between 0 and 1 (exclusive), e.g. 0.25, got ${show(ratio)}`);
  }
}

/** above `min`, at most `max` */
function inRange(x: unknown, min: number, max: number): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > min && x <= max;
}

function isHistoryStore(x: unknown): boolean {
  return isObject(x) && ['load', 'buckets', 'save', 'close'].every((m) => typeof x[m] === 'function');
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function unknownKeys(obj: object, kind: string, path: string, bad: Bad): void {
  const known = KNOWN[kind] ?? [];
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    bad(
      path ? `${path}.${key}` : key,
      `is not a field${didYouMean(key, known, CASE_ONLY)} (known: ${known.join(', ')})`,
    );
  }
}

function show(x: unknown): string {
  return typeof x === 'function' ? 'a function' : (JSON.stringify(x) ?? String(x));
}
