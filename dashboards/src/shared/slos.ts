import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALERT_WINDOWS, burnFactor } from '@hartslag/metrics/contract';
import { parseSpec, type SloSpec } from '@hartslag/slo';
import { DashboardsError } from '../errors.js';

/**
 * The SLOs of the reference platform, relative to the repository root: the availability objectives
 * with the coffee-break and silence rules, and the load tests' latency objectives. The same two
 * files the load-test thresholds come from (loadtests/src/thresholds/fromSpec.ts).
 */
export const SPEC_FILES: readonly string[] = ['packages/slo/examples/slos.yaml', 'loadtests/slos.yaml'];

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Reads and parses the spec files; a parse problem names the file and line. */
export function readSpecs(files: readonly string[] = SPEC_FILES, root: string = REPO_ROOT): SloSpec[] {
  return files.map((file) => {
    let text: string;
    try {
      text = readFileSync(`${root}${file}`, 'utf8');
    } catch (cause) {
      throw new DashboardsError(
        'HARTSLAG_ERR_DASHBOARDS_SPEC',
        `cannot read the SLO spec ${file} (${String(cause)}); run from a checkout of the repository, where it is committed`,
        { cause },
      );
    }
    return parseSpec(text, file);
  });
}

/** What the SLO overview draws its limits from. */
export interface SloLimits {
  /** The longest outage any SLO tolerates, seconds: the coffee break. */
  maxOutage: number;
  /** When the coffee-break warning fires, seconds. */
  warnAfter: number;
  /** Burn factors that page and that open a ticket, for the longest SLO period (30 days: 14.4 and 3). */
  pageBurnRate: number;
  ticketBurnRate: number;
}

/**
 * Limits for the panels' thresholds, read from the spec so a changed coffee break moves the red
 * line. Several SLOs: the strictest outage limit, and burn factors of the longest period.
 */
export function sloLimits(specs: readonly SloSpec[]): SloLimits {
  const slos = specs.flatMap((s) => s.slos);
  const outages = slos.flatMap((s) => (s.maxOutage ? [s.maxOutage] : []));
  if (outages.length === 0) {
    throw new DashboardsError(
      'HARTSLAG_ERR_DASHBOARDS_SPEC',
      `no SLO in ${specs.map((s) => s.file).join(', ')} sets a coffee-break limit; the SLO overview draws it — add e.g. "hartslag.dev/max-outage: 10m" under metadata.annotations of an availability SLO`,
    );
  }
  const strictest = outages.reduce((a, b) => (b.limit < a.limit ? b : a));
  const period = Math.max(...slos.map((s) => s.window));
  const page = ALERT_WINDOWS.find((w) => w.severity === 'page')!;
  const ticket = ALERT_WINDOWS.find((w) => w.severity === 'ticket')!;
  return {
    maxOutage: strictest.limit,
    warnAfter: strictest.warnAfter,
    pageBurnRate: round(burnFactor(page, period)),
    ticketBurnRate: round(burnFactor(ticket, period)),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
