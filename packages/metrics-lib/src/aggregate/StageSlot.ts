import { OUTCOME_COUNT } from '../contract/outcomes.js';
import { Histogram } from './Histogram.js';

/**
 * Everything recorded for one stage of one pipeline: messages by outcome, time spent by outcome,
 * the end-to-end age of messages it passed on, and its queue as the service last reported it.
 * Every outcome exists at zero from creation, as an operation's do.
 */
export class StageSlot {
  readonly calls = new Float64Array(OUTCOME_COUNT);
  readonly durations: Histogram[] = [];
  readonly age: Histogram;
  depth = 0;
  /** When the oldest waiting message was created (ms since epoch); NaN when none waits or unknown. */
  oldestAt = Number.NaN;

  constructor(
    /** Order of creation among all stages: where exporters keep what they render for it. */
    readonly place: number,
    readonly pipeline: string,
    readonly stage: string,
    durationBounds: Float64Array,
    ageBounds: Float64Array,
  ) {
    for (let o = 0; o < OUTCOME_COUNT; o++) {
      this.durations.push(new Histogram(place * OUTCOME_COUNT + o, durationBounds, stage, o));
    }
    this.age = new Histogram(place, ageBounds, stage, 0);
  }
}
