import type { IncomingHttpHeaders } from 'node:http';
import { INVALID } from '../contract/names.js';
import type { ConfigProblem } from '../errors.js';
import type { CareMetrics } from '../record/CareMetrics.js';
import type { LabelValue } from '../record/OperationHandle.js';

/**
 * A tenant or vendor source: a request header name, or a function of the request. The function's
 * result is checked at run time like any label value; undefined, null and "" mean none.
 */
export type RequestLabel<Req> = string | ((request: Req) => LabelValue | null | undefined);

/** RFC 9110 token: what Node accepts as a header name. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Duck-typed rather than `instanceof`: a service bundling two copies of this package (one via a
 * framework plugin, one direct) must still be able to pass its CareMetrics across.
 */
export function checkMetrics(problems: ConfigProblem[], metrics: unknown): metrics is CareMetrics {
  if (metrics === null || typeof metrics !== 'object' || typeof (metrics as CareMetrics).operation !== 'function') {
    problems.push({ field: 'metrics', message: 'required: the CareMetrics returned by createCareMetrics()' });
    return false;
  }
  return true;
}

export function checkFunction(problems: ConfigProblem[], field: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    problems.push({ field, message: `must be a function, got ${typeof value}` });
  }
}

/** Checks a header-or-function option; a header name is returned lower-cased, as Node keys `req.headers`. */
export function checkHeaderLabel<Req>(
  problems: ConfigProblem[],
  field: string,
  value: unknown,
): RequestLabel<Req> | undefined {
  if (value === undefined || typeof value === 'function') return value as RequestLabel<Req> | undefined;
  if (typeof value === 'string' && TOKEN.test(value)) return value.toLowerCase();
  problems.push({
    field,
    message: `must be a header name such as "x-pharmacy-id" or a function, got ${JSON.stringify(value)}`,
  });
  return undefined;
}

/**
 * One header value as a label. A repeated header keeps its first value: joining them would turn
 * one tenant into a new series per combination.
 */
export function headerLabel(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v: unknown = headers?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s !== '' ? s : undefined;
}

/**
 * Resolves a tenant or vendor. A throwing resolver costs the label, never the request: the call is
 * still counted under "__invalid__" and the failure lands in care_instrumentation_errors_total
 * (reason "resolver"). Anything else it returns is checked where the call is recorded.
 */
export function resolveLabel<Req extends { headers: IncomingHttpHeaders }>(
  metrics: CareMetrics,
  source: RequestLabel<Req> | undefined,
  request: Req,
): LabelValue | undefined {
  if (source === undefined) return undefined;
  try {
    if (typeof source === 'string') return headerLabel(request.headers, source);
    const v: unknown = source(request);
    return v === undefined || v === null || v === '' ? undefined : (v as LabelValue);
  } catch (err) {
    metrics.instrumentationError(err, 'resolver');
    return INVALID;
  }
}
