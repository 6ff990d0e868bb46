import { isMap, isScalar } from 'yaml';
import { formatDuration } from '../model/duration.js';
import type { MaxOutage } from '../model/Slo.js';
import { percentHint } from './hints.js';
import { type Field, type SpecReader, show } from './SpecReader.js';

const SHAPE = { keys: ['limit', 'warnAfter', 'errorRatio'] };
/** Under a minute is noise at the 30 s evaluation interval; beyond a day, the error budget takes over. */
const LIMIT = { min: 60, max: 86_400 };
const DEFAULT_ERROR_RATIO = 0.5;

/** `spec.maxOutage`, the coffee-break rule: `10m`, or `{ limit, warnAfter, errorRatio }`. */
export function readMaxOutage(r: SpecReader, field: Field): MaxOutage | undefined {
  if (!isMap(field.node)) {
    if (!isScalar(field.node) || typeof field.node.value !== 'string') {
      return r.typeError(field, 'a duration such as 10m, or a map of limit, warnAfter and errorRatio');
    }
    const limit = r.duration(field, LIMIT);
    return limit === undefined ? undefined : { limit, warnAfter: limit / 2, errorRatio: DEFAULT_ERROR_RATIO };
  }
  const entries = r.map(field, SHAPE)!;
  const limitField = r.need(entries, 'limit', field);
  const limit = limitField && r.duration(limitField, LIMIT);

  const warnField = entries.get('warnAfter');
  let warnAfter = limit === undefined ? undefined : limit / 2;
  if (warnField !== undefined) {
    warnAfter = r.duration(warnField);
    if (warnAfter === 0) warnAfter = r.fail(warnField, 'must be longer than 0s');
    if (warnAfter !== undefined && limit !== undefined && warnAfter >= limit) {
      warnAfter = r.fail(
        warnField,
        `must be shorter than limit (${formatDuration(limit)}), got ${show(warnField.node)}`,
      );
    }
  }

  const ratioField = entries.get('errorRatio');
  let errorRatio: number | undefined = DEFAULT_ERROR_RATIO;
  if (ratioField !== undefined) {
    errorRatio = r.number(ratioField);
    if (errorRatio !== undefined && !(errorRatio > 0 && errorRatio <= 1)) {
      errorRatio = r.fail(
        ratioField,
        `must be greater than 0 and at most 1 (1 = no call succeeds), got ${errorRatio}${percentHint(errorRatio)}`,
      );
    }
  }
  if (limit === undefined || warnAfter === undefined || errorRatio === undefined) return undefined;
  return { limit, warnAfter, errorRatio };
}
