import type { Silence } from '../model/Slo.js';
import { percentHint } from './hints.js';
import { type Field, type SpecReader, show } from './SpecReader.js';

const SHAPE = { keys: ['detectWithin', 'baseline', 'minExpectedRate', 'ratio'] };
/** A stall takes about two minutes to show in a 1-minute rate; past an hour, it is no longer news. */
// Below 2 minutes the 1-minute rate has no time to fall and be confirmed (see silenceFor).
const DETECT_WITHIN = { min: 120, max: 3600 };
const BASELINE = /^sameTimeLastWeeks\(\s*(\d+)\s*\)$/;
const MAX_BASELINE_WEEKS = 8;
export const SILENCE_DEFAULTS = { baselineWeeks: 3, minExpectedRate: 0.1, ratio: 0.25 } as const;

/** `spec.silence`: calls falling silent against the same time of week in earlier weeks. */
export function readSilence(r: SpecReader, field: Field): Silence | undefined {
  const entries = r.map(field, SHAPE);
  if (entries === undefined) return undefined;
  const detectField = r.need(entries, 'detectWithin', field);
  const detectWithin = detectField && r.duration(detectField, DETECT_WITHIN);

  const baselineField = entries.get('baseline');
  const baselineWeeks = baselineField ? readBaseline(r, baselineField) : SILENCE_DEFAULTS.baselineWeeks;

  const rateField = entries.get('minExpectedRate');
  let minExpectedRate: number | undefined = SILENCE_DEFAULTS.minExpectedRate;
  if (rateField !== undefined) {
    minExpectedRate = r.number(rateField);
    if (minExpectedRate !== undefined && minExpectedRate < 0) {
      minExpectedRate = r.fail(rateField, `must be 0 or more calls per second, got ${minExpectedRate}`);
    }
  }

  const ratioField = entries.get('ratio');
  let ratio: number | undefined = SILENCE_DEFAULTS.ratio;
  if (ratioField !== undefined) {
    ratio = r.number(ratioField);
    if (ratio !== undefined && !(ratio > 0 && ratio < 1)) {
      ratio = r.fail(ratioField, `must be between 0 and 1 (exclusive), got ${ratio}${percentHint(ratio)}`);
    }
  }
  if (detectWithin === undefined || baselineWeeks === undefined) return undefined;
  if (minExpectedRate === undefined || ratio === undefined) return undefined;
  return { detectWithin, baselineWeeks, minExpectedRate, ratio };
}

function readBaseline(r: SpecReader, field: Field): number | undefined {
  const text = r.string(field);
  if (text === undefined) return undefined;
  const weeks = Number(BASELINE.exec(text)?.[1]);
  if (weeks >= 1 && weeks <= MAX_BASELINE_WEEKS) return weeks;
  return r.fail(field, `must be sameTimeLastWeeks(N) with N from 1 to ${MAX_BASELINE_WEEKS}, got ${show(field.node)}`);
}
