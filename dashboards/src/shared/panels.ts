import { PanelBuilder as BarGaugePanel } from '@grafana/grafana-foundation-sdk/bargauge';
import {
  BarGaugeDisplayMode,
  BigValueColorMode,
  BigValueGraphMode,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  StackingConfigBuilder,
  StackingMode,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import type { DashboardLinkBuilder, ThresholdsConfigBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as GaugePanel } from '@grafana/grafana-foundation-sdk/gauge';
import type { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { DATASOURCE } from './datasource.js';
import { withRefIds } from './queries.js';

/** What every panel states: its question, what an operator does with the answer, and its size. */
export interface PanelSpec {
  title: string;
  /** What to do with what the panel shows; Grafana shows it behind the (i). */
  description: string;
  queries: DataqueryBuilder[];
  /** Width in grid columns (24 across) and height in rows. */
  span: number;
  height: number;
  unit?: string;
  thresholds?: ThresholdsConfigBuilder;
  links?: DashboardLinkBuilder[];
  min?: number;
  max?: number;
  decimals?: number;
}

function common<
  T extends {
    title(t: string): T;
    description(d: string): T;
    datasource(d: typeof DATASOURCE): T;
    targets(q: DataqueryBuilder[]): T;
    span(w: number): T;
    height(h: number): T;
    unit(u: string): T;
    thresholds(t: ThresholdsConfigBuilder): T;
    dataLinks(l: DashboardLinkBuilder[]): T;
    min(n: number): T;
    max(n: number): T;
    decimals(n: number): T;
  },
>(panel: T, spec: PanelSpec): T {
  panel
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .targets(withRefIds(spec.queries))
    .span(spec.span)
    .height(spec.height);
  if (spec.unit !== undefined) panel.unit(spec.unit);
  if (spec.thresholds !== undefined) panel.thresholds(spec.thresholds);
  if (spec.links !== undefined) panel.dataLinks(spec.links);
  if (spec.min !== undefined) panel.min(spec.min);
  if (spec.max !== undefined) panel.max(spec.max);
  if (spec.decimals !== undefined) panel.decimals(spec.decimals);
  return panel;
}

const lastValue = () => new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);

export interface TimeseriesSpec extends PanelSpec {
  stack?: boolean;
  /** Draw the thresholds as dashed lines (limits such as the coffee break). */
  thresholdLines?: boolean;
  legendCalcs?: string[];
}

export function timeseries(spec: TimeseriesSpec): TimeseriesPanel {
  const p = common(new TimeseriesPanel(), spec)
    .legend(
      new VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(spec.legendCalcs ? LegendDisplayMode.Table : LegendDisplayMode.List)
        .placement(LegendPlacement.Bottom)
        .calcs(spec.legendCalcs ?? []),
    )
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending))
    .fillOpacity(spec.stack ? 40 : 10)
    .lineWidth(1);
  if (spec.stack) p.stacking(new StackingConfigBuilder().mode(StackingMode.Normal));
  if (spec.thresholdLines)
    p.thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed));
  return p;
}

export function stat(spec: PanelSpec & { graph?: boolean }): StatPanel {
  return common(new StatPanel(), spec)
    .reduceOptions(lastValue())
    .colorMode(BigValueColorMode.Background)
    .graphMode(spec.graph ? BigValueGraphMode.Area : BigValueGraphMode.None);
}

export function gauge(spec: PanelSpec): GaugePanel {
  return common(new GaugePanel(), spec).reduceOptions(lastValue()).showThresholdMarkers(true);
}

export function bargauge(spec: PanelSpec): BarGaugePanel {
  return common(new BarGaugePanel(), spec).reduceOptions(lastValue()).displayMode(BarGaugeDisplayMode.Gradient);
}

export function table(spec: PanelSpec): TablePanel {
  return common(new TablePanel(), spec);
}
