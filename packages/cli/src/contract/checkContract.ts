import { detectPii } from '@hartslag/metrics';
import {
  DEFAULT_DURATION_BUCKETS,
  FAMILY_CONTRACT,
  type FamilyContract,
  LABELS,
  METRICS,
  type MetricNames,
  OUTCOMES,
} from '@hartslag/metrics/contract';
import type { Family, Sample } from './exposition.js';

/** What the check says about one series name: it follows the contract, needs a fix, or a remark. */
export interface Finding {
  status: 'ok' | 'fix' | 'note';
  series: string;
  message: string;
}

export interface ContractReport {
  findings: Finding[];
  /** Families that are not the contract's and were left alone. */
  ignored: string[];
  /** true when nothing needs a fix: the service can join the generated rules and dashboards. */
  ok: boolean;
}

/** The families every SLO rule and dashboard reads; the others add breakdowns and the library's health. */
const REQUIRED: readonly (keyof MetricNames)[] = ['calls', 'callDuration'];
const WHAT_IS_LOST: Record<keyof MetricNames, string> = {
  calls: 'no SLO, rule or dashboard can see the service',
  callDuration: 'no latency panel or latency SLO',
  tenantCalls: 'no "which tenant is hurt" breakdown (hartslag.dev/breakdown: tenant)',
  vendorCalls: 'no "which vendor is hurt" breakdown (hartslag.dev/breakdown: vendor)',
  tenantOverflow: 'written by @hartslag/metrics only; nothing reads it without the library',
  labelRedactions: 'written by @hartslag/metrics only: your own PII guard has no series here',
  instrumentationErrors: 'written by @hartslag/metrics only',
  vendorCodes: "no vendor's own error codes in its partner view (status API)",
  vendorCallDuration: "no vendor's own latency (p95) in its partner view (status API)",
};

/** Label names services use for what the contract calls otherwise, by contract label. */
const SYNONYMS: Record<string, readonly string[]> = {
  [LABELS.service]: ['job', 'app', 'application', 'service_name', 'svc'],
  [LABELS.operation]: ['route', 'path', 'handler', 'endpoint', 'method', 'grpc_method', 'uri', 'operation_name'],
  [LABELS.outcome]: ['status', 'result', 'state', 'grpc_code', 'success'],
  [LABELS.code]: ['status_code', 'http_status', 'response_code', 'grpc_code', 'error_code'],
  [LABELS.tenant]: ['tenant_id', 'customer', 'pharmacy', 'client', 'org', 'organisation', 'organization'],
  [LABELS.vendor]: ['vendor_id', 'supplier', 'software'],
};

/** What an outcome value that is not one of OUTCOMES most likely means. */
const OUTCOME_HINTS: Record<string, string> = {
  ok: 'success',
  '200': 'success',
  succeeded: 'success',
  error: 'server_error',
  failure: 'server_error',
  failed: 'server_error',
  fail: 'server_error',
  '5xx': 'server_error',
  '500': 'server_error',
  '4xx': 'client_error',
  '400': 'client_error',
  bad_request: 'client_error',
  deadline_exceeded: 'timeout',
  timed_out: 'timeout',
  '504': 'timeout',
  unauthorized: 'denied',
  forbidden: 'denied',
  '401': 'denied',
  '403': 'denied',
  '429': 'denied',
};

/** Request metrics of other libraries, whose calls belong in care_calls_total. */
const FOREIGN_CALL_METRICS =
  /^(?:http_requests?_total|http_server_requests?(?:_seconds)?|http_request_duration_(?:seconds|milliseconds)|grpc_server_handled_total|grpc_server_handling_seconds|requests_total)$/;

const list = (xs: readonly string[]) => xs.join(', ');

/** Checks the families of one exposition against @hartslag/metrics/contract. */
export function checkContract(families: readonly Family[]): ContractReport {
  const findings: Finding[] = [];
  const byName = new Map(families.map((f) => [f.name, f]));
  const used = new Set<string>();
  for (const key of Object.keys(FAMILY_CONTRACT) as (keyof MetricNames)[]) {
    const name = METRICS[key];
    const contract = FAMILY_CONTRACT[key];
    // OpenMetrics names a counter family without `_total`; its samples keep it.
    const family = byName.get(name) ?? byName.get(name.replace(/_total$/, ''));
    if (family === undefined || family.samples.length === 0) {
      const near = families.find((f) => !byName.has(name) && isNearMiss(f.name, name));
      if (near) used.add(near.name);
      const hint = near ? ` — rename ${near.name} to ${name}${unitHint(near.name, name)}` : '';
      findings.push({
        status: REQUIRED.includes(key) ? 'fix' : 'note',
        series: name,
        message: REQUIRED.includes(key)
          ? `missing: expose ${name} as a ${contract.type} with labels ${list(contract.labels)}${hint}${key === 'calls' ? foreignHint(families) : ''}`
          : `not exposed: ${WHAT_IS_LOST[key]}${hint}`,
      });
      continue;
    }
    used.add(family.name);
    findings.push(...checkFamily(name, contract, family));
  }
  const ignored = families.filter((f) => !used.has(f.name)).map((f) => f.name);
  return { findings, ignored, ok: findings.every((f) => f.status !== 'fix') };
}

function checkFamily(name: string, contract: FamilyContract, family: Family): Finding[] {
  const fixes: string[] = [];
  const notes: string[] = [];
  if (family.type !== undefined && family.type !== contract.type) {
    fixes.push(`declare it a ${contract.type} (# TYPE says ${family.type})`);
  }
  const samples =
    contract.type === 'histogram' ? family.samples.filter((s) => s.name === `${name}_bucket`) : family.samples;
  if (contract.type === 'histogram') {
    for (const suffix of ['_bucket', '_sum', '_count']) {
      if (!family.samples.some((s) => s.name === `${name}${suffix}`))
        fixes.push(`no ${name}${suffix} samples: expose a histogram, not a summary`);
    }
  }
  if (contract.type === 'counter') {
    const misnamed = [...new Set(family.samples.map((s) => s.name).filter((n) => n !== name))];
    for (const n of misnamed)
      fixes.push(`samples are named ${n}: a counter's samples end in _total, name them ${name}`);
  }
  const seen = new Set<string>();
  for (const s of samples) for (const l of Object.keys(s.labels)) if (l !== 'le') seen.add(l);
  // An empty label value is no label to Prometheus. `code` may be empty (a call without one).
  const missing = contract.labels.filter(
    (l) => l !== LABELS.code && !samples.every((s) => s.labels[l] !== undefined && s.labels[l] !== ''),
  );
  if (contract.labels.includes(LABELS.code) && !samples.some((s) => s.labels[LABELS.code])) {
    const synonym = [...seen].find((e) => SYNONYMS[LABELS.code]?.includes(e));
    if (synonym !== undefined) missing.push(LABELS.code);
    else notes.push('no sample has a code label: the panels of denials and errors by code stay empty');
  }
  const extra = [...seen].filter((l) => !contract.labels.includes(l));
  // Where each contract label's values are read from: itself, or the label to be renamed to it.
  const source = new Map<string, string>(contract.labels.map((l) => [l, l]));
  for (const l of missing) {
    const synonym = extra.find((e) => SYNONYMS[l]?.includes(e));
    if (synonym !== undefined) {
      fixes.push(`rename label ${synonym} to ${l}`);
      source.set(l, synonym);
      extra.splice(extra.indexOf(synonym), 1);
    } else if (l === LABELS.service) {
      fixes.push(
        'add label service="<service name>" on every sample (or set it in the scrape config with a relabel rule)',
      );
    } else {
      fixes.push(`add label ${l}${samples.some((s) => s.labels[l] !== undefined) ? ' to every sample' : ''}`);
    }
  }
  for (const e of extra)
    notes.push(`label ${e} is not in the contract: the rules sum it away; drop it if its values are unbounded`);
  if (contract.labels.includes(LABELS.outcome)) {
    const from = source.get(LABELS.outcome)!;
    const wrong = [
      ...new Set(
        samples
          .map((s) => s.labels[from])
          .filter((v): v is string => v !== undefined && !(OUTCOMES as readonly string[]).includes(v)),
      ),
    ];
    for (const v of wrong) {
      const guess = OUTCOME_HINTS[v.toLowerCase()];
      fixes.push(
        `outcome="${v}" is not one of ${OUTCOMES.join('|')}${guess ? `: record it as outcome="${guess}"` : ''}`,
      );
    }
  }
  if (contract.type === 'histogram') {
    const buckets = checkBuckets(samples);
    fixes.push(...buckets.fixes);
    notes.push(...buckets.notes);
  }
  fixes.push(...piiFixes(family.samples));
  const series = new Set(
    samples.map((s) =>
      JSON.stringify(
        s.labels,
        Object.keys(s.labels)
          .filter((k) => k !== 'le')
          .sort(),
      ),
    ),
  ).size;
  const out: Finding[] = fixes.map((message) => ({ status: 'fix', series: name, message }));
  out.push(...notes.map((message): Finding => ({ status: 'note', series: name, message })));
  if (fixes.length === 0) {
    out.unshift({
      status: 'ok',
      series: name,
      message: `${contract.type} with labels ${list(contract.labels)}; ${series} series`,
    });
  }
  return out;
}

/** Latency SLOs read `le` bounds of the default buckets; milliseconds would make 0.5 mean 0.5 ms. */
function checkBuckets(buckets: readonly Sample[]): { fixes: string[]; notes: string[] } {
  const bounds = new Set(
    buckets
      .map((s) => s.labels.le)
      .filter((b): b is string => b !== undefined && b !== '+Inf')
      .map(Number),
  );
  if (bounds.size === 0) return { fixes: [], notes: [] };
  if (Math.max(...bounds) > 120) {
    return {
      fixes: ['bucket bounds look like milliseconds: the contract counts seconds (le="0.5" is half a second)'],
      notes: [],
    };
  }
  const lacking = DEFAULT_DURATION_BUCKETS.filter((b) => !bounds.has(b));
  return {
    fixes: [],
    notes:
      lacking.length === 0
        ? []
        : [
            `no bucket bounds ${lacking.join(', ')}: a latency SLO must use a bound you expose (DEFAULT_DURATION_BUCKETS has them all)`,
          ],
  };
}

function piiFixes(samples: readonly Sample[]): string[] {
  const found = new Map<string, string>();
  for (const s of samples) {
    for (const [label, value] of Object.entries(s.labels)) {
      if (found.has(label)) continue;
      const kind = detectPii(value);
      if (kind !== undefined) found.set(label, kind);
    }
  }
  return [...found].map(
    ([label, kind]) =>
      `label ${label} carries what looks like ${kind} (patient data must never be a label): use a pseudonymous id, or @hartslag/metrics, which redacts it`,
  );
}

function isNearMiss(candidate: string, name: string): boolean {
  if (candidate === name) return false;
  const strip = (n: string) => n.replace(/_(total|seconds|milliseconds|ms|count)$/g, '');
  return strip(candidate) === strip(name) || distance(candidate, name) <= 2;
}

function unitHint(from: string, to: string): string {
  return /_(milliseconds|ms)$/.test(from) && to.endsWith('_seconds') ? ', in seconds' : '';
}

function foreignHint(families: readonly Family[]): string {
  const foreign = families.filter((f) => FOREIGN_CALL_METRICS.test(f.name)).map((f) => f.name);
  return foreign.length === 0
    ? ''
    : `; the calls counted in ${list(foreign)} belong there, one series per operation and outcome (@hartslag/metrics does it for Node; elsewhere count them yourself)`;
}

/** Levenshtein distance, for names one typo away. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
