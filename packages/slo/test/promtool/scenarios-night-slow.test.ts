/**
 * The generated rules under promtool on a night with one call every 10 or 5 minutes: a total
 * outage pages once three calls in a row have failed, a single failed call pages no one.
 * Helpers in night.ts.
 */
import { describe, it } from 'vitest';
import { outageHour, passes, singleFailure } from './night.js';

describe('promtool test rules: a quiet night, judged by counted calls', () => {
  it('at one call every 10 minutes: pages at the third failed call, the breach with it; one failure pages no one', () => {
    passes('1 call / 10 min', [outageHour('1 call / 10 min', 1 / 600), singleFailure('1 call / 10 min', 1 / 600)]);
  }, 300_000);

  it('at one call every 5 minutes: pages at the third failed call, the breach with it; one failure pages no one', () => {
    passes('1 call / 5 min', [outageHour('1 call / 5 min', 1 / 300), singleFailure('1 call / 5 min', 1 / 300)]);
  }, 300_000);
});
