/**
 * A label value as callers may pass it: strings as they are; finite numbers, bigints and booleans
 * as their decimal text. Anything else is counted as an instrumentation error and exported as
 * `__invalid__` (see README, "What happens to each value").
 */
export type LabelValue = string | number | bigint | boolean;

/**
 * A duration: seconds as a finite number ≥ 0, or nanoseconds as a bigint ≥ 0n (the difference of
 * two `process.hrtime.bigint()` readings).
 */
export type Duration = number | bigint;
