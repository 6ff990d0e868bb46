import { DEFAULT_AGE_BUCKETS, freshnessBucket, PIPELINE_METRICS, PIPELINE_NAME } from '@hartslag/metrics/contract';
import { formatDuration } from '../model/duration.js';
import type { Freshness } from '../model/Freshness.js';
import type { Indicator } from '../model/Slo.js';
import { num, selector } from '../rules/promql.js';
import type { Field, SpecReader } from './SpecReader.js';

const AGE = PIPELINE_METRICS.messageAge;
/** `sum(rate(<age>_bucket{…}[{{window}}]))` as readIndicator leaves a query (counters already wrapped). */
const query = (suffix: string) =>
  new RegExp(
    `^\\s*sum\\s*\\(\\s*rate\\s*\\(\\s*${AGE}_${suffix}\\s*\\{(.*)\\}\\s*\\[\\{\\{window\\}\\}\\]\\s*\\)\\s*\\)\\s*$`,
  );
const BUCKET = query('bucket');
const COUNT = query('count');

/**
 * A freshness SLO ("99% of messages delivered within 60 s"), recognised in a valid OpenSLO
 * ratioMetric: good = the messages of one stage in the age bucket at the threshold, total = all
 * of its messages, from care_pipeline_message_age_seconds. Returns the indicator with its
 * freshness, undefined when the queries are not of that form, or reports a threshold that is not
 * a bucket bound (such a bucket has no series: every message would count as stale).
 */
export function freshnessIndicator(
  r: SpecReader,
  at: Field,
  good: string,
  total: string,
): Indicator | undefined | 'failed' {
  const g = matchers(BUCKET.exec(good)?.[1]);
  const t = matchers(COUNT.exec(total)?.[1]);
  if (g === undefined || t === undefined) return undefined;
  const service = t.get('service');
  const pipeline = t.get('pipeline');
  const stage = t.get('stage');
  const le = g.get('le');
  if (service === undefined || pipeline === undefined || stage === undefined || t.size !== 3) return undefined;
  if (g.size !== 4 || g.get('service') !== service || g.get('pipeline') !== pipeline || g.get('stage') !== stage) {
    return undefined;
  }
  if (!PIPELINE_NAME.test(pipeline) || !PIPELINE_NAME.test(stage)) return undefined;
  const within = le === undefined ? Number.NaN : Number(le);
  if (freshnessBucket(within) < 0) {
    r.fail(
      at,
      `counts messages of ${AGE} within le="${le}", which is not one of its bucket bounds (${DEFAULT_AGE_BUCKETS.map(num).join(', ')} seconds; ${DEFAULT_AGE_BUCKETS.map(formatDuration).join(', ')}): that bucket has no series, so every message would count as stale`,
    );
    return 'failed';
  }
  const freshness: Freshness = { pipeline, stage, within };
  const labels = selector({ service, pipeline, stage });
  return {
    kind: 'ratio',
    // Prometheus 3 stores an integer bound as "60.0", 2.x as exposed ("60"): match both.
    good: `sum(rate(${AGE}_bucket{${labels},le=~"${leMatch(within)}"}[{{window}}]))`,
    total: `sum(rate(${AGE}_count{${labels}}[{{window}}]))`,
    freshness,
  };
}

function leMatch(bound: number): string {
  const text = num(bound);
  return Number.isInteger(bound) ? `${text}|${text}.0` : text;
}

/** Equality matchers `a="x", b="y"` by label; undefined for anything else (regex, negation). */
function matchers(body: string | undefined): Map<string, string> | undefined {
  if (body === undefined) return undefined;
  const out = new Map<string, string>();
  const one = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"([^"\\]*)"\s*(,|$)/y;
  let i = 0;
  while (i < body.length) {
    one.lastIndex = i;
    const m = one.exec(body);
    if (m === null || out.has(m[1]!)) return undefined;
    out.set(m[1]!, m[2]!);
    i = one.lastIndex;
  }
  return out;
}
