import { colorManipulator, type GrafanaTheme2 } from '@grafana/data';
import type { RhythmSeries } from '../data/RhythmModel';
import type { SeriesId } from '../types';

/** How a line is drawn: the current period boldest, overlays thinner, dashed or faded as chosen. */
export interface LineLook {
  color: string;
  width: number;
  dash: number[] | undefined;
}

/** Named colours per overlay so a series keeps its colour when others are switched off. */
const NAMED: Partial<Record<SeriesId, string>> = {
  current: 'blue',
  'previous-day': 'orange',
  'last-week': 'purple',
  'last-month': 'green',
  'last-year': 'yellow',
  custom: 'super-light-purple',
};

export function seriesColor(theme: GrafanaTheme2, id: SeriesId): string {
  if (id === 'median' || id === 'band') return theme.colors.text.secondary;
  const named = NAMED[id] ?? 'dark-orange';
  return theme.visualization.getColorByName(named);
}

export function lineLook(theme: GrafanaTheme2, series: RhythmSeries): LineLook {
  const color = seriesColor(theme, series.id);
  if (series.kind === 'current') return { color, width: 2.5, dash: undefined };
  if (series.kind === 'median') return { color: colorManipulator.alpha(color, 0.8), width: 1, dash: [2, 3] };
  switch (series.style) {
    case 'dashed':
      return { color, width: 1.5, dash: [6, 4] };
    case 'faded':
      return { color: colorManipulator.alpha(color, 0.45), width: 1.5, dash: undefined };
    default:
      return { color, width: 1.5, dash: undefined };
  }
}

/** Visible under every line yet quieter than any: the band is context, the lines are the news. */
export function bandFill(theme: GrafanaTheme2): string {
  return colorManipulator.alpha(theme.visualization.getColorByName('blue'), theme.isDark ? 0.22 : 0.16);
}

export function anomalyFill(theme: GrafanaTheme2): string {
  return colorManipulator.alpha(theme.colors.error.main, theme.isDark ? 0.22 : 0.16);
}
