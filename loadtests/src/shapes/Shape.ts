/**
 * Arrivals of new sessions over a scenario's run. `rate(t)` is sessions per second at `t` seconds
 * after the start of the run (already time-compressed); `breaks` are the times where the rate
 * jumps (a stage begins), so a piecewise-linear view never smooths a jump into a ramp.
 */
export interface Shape {
  /** Run length in whole seconds. */
  duration: number;
  rate(t: number): number;
  breaks: readonly number[];
}
