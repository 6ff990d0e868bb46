import { PanelBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DATASOURCE } from './datasource.js';
import type { PanelSpec } from './panels.js';
import { withRefIds } from './queries.js';

/** Our panel plugin's id (packages/grafana-panel/src/plugin.json; a test keeps them equal). */
export const RHYTHM_PANEL_TYPE = 'hartslag-dailyrhythm-panel';

/**
 * The options of the daily-rhythm panel this package sets (packages/grafana-panel/src/types.ts,
 * RhythmOptions; the panel fills in the rest from its defaults).
 */
export interface RhythmPanelOptions {
  period: 'day' | 'week';
  dataMode: 'auto' | 'fold' | 'offsets';
  offsetMapping?: string;
  band?: { show: boolean; periods: number; low: number; high: number; match: 'same-weekday' | 'every-day' };
  anomalies?: { show: boolean; margin: number; minTolerance: number };
}

export interface RhythmSpec extends PanelSpec {
  options: RhythmPanelOptions;
  /** The panel's own time range, e.g. `1d` for today or `5w` for a band of four earlier weeks. */
  timeFrom: string;
}

export function rhythm(spec: RhythmSpec): PanelBuilder {
  const p = new PanelBuilder()
    .type(RHYTHM_PANEL_TYPE)
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .targets(withRefIds(spec.queries))
    .timeFrom(spec.timeFrom)
    .options(spec.options)
    .span(spec.span)
    .height(spec.height);
  if (spec.unit !== undefined) p.unit(spec.unit);
  return p;
}
