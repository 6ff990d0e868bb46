import { PanelBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { RHYTHM_PANEL_ID, type RhythmOptions } from '@hartslag/metrics/contract';
import { DATASOURCE } from './datasource.js';
import type { PanelSpec } from './panels.js';
import { withRefIds } from './queries.js';

/** The options of the daily-rhythm panel this package sets; the panel fills in the rest from its defaults. */
export type RhythmPanelOptions = Pick<RhythmOptions, 'period' | 'dataMode'> &
  Partial<Pick<RhythmOptions, 'offsetMapping' | 'band' | 'anomalies'>>;

export interface RhythmSpec extends PanelSpec {
  options: RhythmPanelOptions;
  /** The panel's own time range, e.g. `1d` for today or `5w` for a band of four earlier weeks. */
  timeFrom: string;
}

export function rhythm(spec: RhythmSpec): PanelBuilder {
  const p = new PanelBuilder()
    .type(RHYTHM_PANEL_ID)
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
