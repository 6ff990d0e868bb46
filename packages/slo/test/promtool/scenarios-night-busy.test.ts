/**
 * The same hour-long outage, single failed call and 90-second blip at 1 and 100 calls a second
 * (100/s as large counter steps per scrape): the rules that judge quiet nights by counted calls
 * leave busy traffic as it was. Helpers in night.ts.
 */
import { describe, it } from 'vitest';
import { blip, outageHour, passes, singleFailure } from './night.js';

describe('promtool test rules: busy traffic, judged by counted calls', () => {
  it('at one call a second: pages by the coffee-break warning, breach at the limit; one failure or a blip pages no one', () => {
    passes('1 call / s', [outageHour('1 call / s', 1), singleFailure('1 call / s', 1), blip('1 call / s', 1)]);
  }, 300_000);

  it('at 100 calls a second: pages by the coffee-break warning, breach at the limit; one failure or a blip pages no one', () => {
    passes('100 calls / s', [
      outageHour('100 calls / s', 100),
      singleFailure('100 calls / s', 100),
      blip('100 calls / s', 100),
    ]);
  }, 300_000);
});
