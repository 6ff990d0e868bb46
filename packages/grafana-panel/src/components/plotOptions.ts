import type { GrafanaTheme2 } from '@grafana/data';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@hartslag/rhythm';
import type uPlot from 'uplot';
import { formatOffset } from '../data/format';
import type { RhythmModelOk, RhythmSeries } from '../data/RhythmModel';
import type { SeriesId } from '../types';
import { anomalyFill, bandFill, lineLook } from './seriesLook';

export interface PlotSetup {
  options: uPlot.Options;
  data: uPlot.AlignedData;
  /** The legend/tooltip id of each uPlot series index (index 0 is x); the band has two, low and high. */
  ids: (SeriesId | null)[];
}

export interface PlotSetupArgs {
  model: RhythmModelOk;
  theme: GrafanaTheme2;
  width: number;
  height: number;
  format: (v: number) => string;
  yMin?: number;
  yMax?: number;
  onCursor: (u: uPlot) => void;
}

/** Hour-based tick steps: uPlot picks the first that leaves enough room between labels. */
const DAY_INCRS = [
  15 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  4 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
];
const WEEK_INCRS = [3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS];

/**
 * uPlot options and data for a model. Series go back to front: band edges, median, overlays, and
 * the current period last so it is drawn on top. Anomalies are shaded after the grid and before
 * the series, so the lines stay readable over them.
 */
export function plotSetup({ model, theme, width, height, format, yMin, yMax, onCursor }: PlotSetupArgs): PlotSetup {
  const data: (number | null)[][] = [];
  const ids: (SeriesId | null)[] = [null];
  const series: uPlot.Series[] = [{}];
  const bands: uPlot.Band[] = [];

  if (model.band !== null) {
    const hidden = { stroke: 'transparent', width: 0, points: { show: false } };
    data.push(model.band.low, model.band.high);
    series.push({ ...hidden, label: 'low' }, { ...hidden, label: 'high' });
    ids.push('band', 'band');
    bands.push({ series: [2, 1], fill: bandFill(theme) });
  }
  const lines: RhythmSeries[] = [...(model.median !== null ? [model.median] : []), ...model.overlays, model.current];
  for (const s of lines) {
    const look = lineLook(theme, s);
    data.push(s.values);
    ids.push(s.id);
    series.push({
      label: s.label,
      stroke: look.color,
      width: look.width,
      dash: look.dash,
      points: { show: false },
      spanGaps: false,
    });
  }

  // Canvas fonts need px; the theme's sizes are rem.
  const axisFont = `12px ${theme.typography.fontFamily}`;
  const axis = {
    stroke: theme.colors.text.secondary,
    font: axisFont,
    grid: { stroke: theme.colors.border.weak, width: 1 },
    ticks: { stroke: theme.colors.border.weak, width: 1, size: 4 },
  };
  const anomalyColor = anomalyFill(theme);
  const nowColor = theme.colors.text.disabled;

  const options: uPlot.Options = {
    width,
    height,
    legend: { show: false },
    cursor: {
      drag: { x: false, y: false, setScale: false },
      points: { show: false },
      y: false,
    },
    scales: {
      x: { time: false, auto: false, range: () => [0, model.length] },
      y: {
        range: (_u, min, max) => {
          const lo = yMin ?? Math.min(0, min);
          const hi = yMax ?? (max > lo ? max + (max - lo) * 0.05 : lo + 1);
          return [lo, hi];
        },
      },
    },
    axes: [
      {
        ...axis,
        incrs: model.period === 'week' ? WEEK_INCRS : DAY_INCRS,
        space: model.period === 'week' ? 70 : 50,
        values: (_u, splits) => splits.map((v) => formatOffset(v, model.period)),
      },
      {
        ...axis,
        values: (_u, splits) => splits.map((v) => format(v)),
        // uPlot asks before it has tick labels (values null) and again with them.
        size: (_u, values) =>
          values == null || values.length === 0 ? 40 : Math.max(...values.map((v) => v.length)) * 7 + 14,
      },
    ],
    series,
    bands,
    hooks: {
      drawAxes: [
        (u) => {
          const ranges = model.anomalies?.ranges ?? [];
          if (ranges.length === 0) return;
          const { ctx } = u;
          const { top, height: h } = u.bbox;
          ctx.save();
          ctx.fillStyle = anomalyColor;
          for (const r of ranges) {
            const x0 = u.valToPos(r.from, 'x', true);
            const x1 = u.valToPos(r.to, 'x', true);
            ctx.fillRect(x0, top, Math.max(x1 - x0, 1), h);
          }
          ctx.restore();
        },
      ],
      draw: [
        (u) => {
          // Where "now" is: the current line ends here, the overlays go on.
          if (!(model.nowOffset > 0 && model.nowOffset < model.length)) return;
          const { ctx } = u;
          const x = Math.round(u.valToPos(model.nowOffset, 'x', true));
          ctx.save();
          ctx.strokeStyle = nowColor;
          ctx.setLineDash([3, 3]);
          ctx.lineWidth = 1;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.restore();
        },
      ],
      setCursor: [onCursor],
    },
  };
  return { options, data: [model.offsets, ...data] as uPlot.AlignedData, ids };
}
