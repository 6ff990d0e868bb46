import { NOW_WINDOW } from '@hartslag/metrics/contract';
import { ScrapeIntervalError, type ScrapeIntervalProblem } from '../errors.js';
import { formatDuration } from '../model/duration.js';
import type { SloSpec } from '../model/Slo.js';
import { tiersOf } from '../model/tiers.js';

/** Prometheus' usual scrape interval, and the one the built-in 1-minute windows were made for. */
export const DEFAULT_SCRAPE_INTERVAL = 30;

/**
 * A rate over fewer than four scrapes rests on two or three samples: one missed scrape or a
 * counter reset and the window holds one, so `rate()` gives nothing and an alert never fires.
 * Four is the margin Prometheus' own guidance asks for.
 */
export const MIN_SCRAPES_PER_WINDOW = 4;

/** The built-in "right now" minute needs two samples: `rate()` gives nothing with fewer. */
const NOW_SCRAPES = 2;

/**
 * Refuses, naming each SLO and window, the windows the spec chooses (alert tiers, time slices)
 * that hold fewer than four scrapes, and a scrape interval too slow for the built-in 1-minute
 * windows. An SLO's `hartslag.dev/scrape-interval` takes the place of `scrapeInterval` for it.
 */
export function checkScrapeInterval(spec: SloSpec, scrapeInterval: number = DEFAULT_SCRAPE_INTERVAL): void {
  const problems: ScrapeIntervalProblem[] = [];
  for (const slo of spec.slos) {
    const interval = slo.scrapeInterval ?? scrapeInterval;
    const windows: [number, string][] = tiersOf(slo).flatMap((t): [number, string][] => [
      [t.short, `short window of alert tier ${t.name}`],
      [t.long, `long window of alert tier ${t.name}`],
    ]);
    if (slo.timeslices !== undefined) windows.push([slo.timeslices.window, 'time slice (timeSliceWindow)']);
    for (const [window, what] of windows) {
      if (window >= MIN_SCRAPES_PER_WINDOW * interval) continue;
      problems.push({
        slo: slo.name,
        window,
        what,
        scrapeInterval: interval,
        needs: MIN_SCRAPES_PER_WINDOW,
        fix: `lengthen it to ${formatDuration(MIN_SCRAPES_PER_WINDOW * interval)} or scrape every ${formatDuration(Math.floor(window / MIN_SCRAPES_PER_WINDOW))} or more often`,
      });
    }
    if (interval > NOW_WINDOW / NOW_SCRAPES) {
      problems.push({
        slo: slo.name,
        window: NOW_WINDOW,
        what: 'built-in "right now" window (outage, page guard, silence)',
        scrapeInterval: interval,
        needs: NOW_SCRAPES,
        fix: `scrape every ${formatDuration(NOW_WINDOW / NOW_SCRAPES)} or more often`,
      });
    }
  }
  if (problems.length > 0) throw new ScrapeIntervalError(spec.file, problems);
}
