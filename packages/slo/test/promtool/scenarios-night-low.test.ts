/**
 * The generated rules under promtool at one call every 2 minutes and one a minute: a total
 * outage pages by the coffee-break warning and breaks the limit at ten minutes; a single failed
 * call pages no one. Helpers in night.ts.
 */
import { describe, it } from 'vitest';
import { outageHour, passes, singleFailure } from './night.js';

describe('promtool test rules: low traffic, judged by counted calls', () => {
  it('at one call every 2 minutes: pages by the coffee-break warning, breach at the limit; one failure pages no one', () => {
    passes('1 call / 2 min', [outageHour('1 call / 2 min', 1 / 120), singleFailure('1 call / 2 min', 1 / 120)]);
  }, 300_000);

  it('at one call a minute: pages by the coffee-break warning, breach at the limit; one failure pages no one', () => {
    passes('1 call / min', [outageHour('1 call / min', 1 / 60), singleFailure('1 call / min', 1 / 60)]);
  }, 300_000);
});
