import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
// biome-ignore lint/correctness/noUnusedImports: JSX compiles to React.createElement (classic runtime in .config's swc setup).
import React, { memo, useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { RhythmModelOk } from '../data/RhythmModel';
import type { SeriesId } from '../types';
import { plotSetup } from './plotOptions';
import { TEST_IDS } from './testIds';

/** Where the cursor is: the grid bucket and its position in CSS pixels within the plot element. */
export interface Hover {
  idx: number;
  left: number;
  top: number;
}

interface Props {
  model: RhythmModelOk;
  width: number;
  height: number;
  hidden: ReadonlySet<SeriesId>;
  format: (v: number) => string;
  yMin?: number;
  yMax?: number;
  onHover: (hover: Hover | null) => void;
}

/**
 * The chart: one uPlot instance on a canvas, made in a layout effect (so the first paint already
 * has it) and remade only when the model, theme or value format change; size and visibility
 * changes go through uPlot's own setSize and setSeries.
 */
export const RhythmPlot = memo(function RhythmPlot({
  model,
  width,
  height,
  hidden,
  format,
  yMin,
  yMax,
  onHover,
}: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const ids = useRef<(SeriesId | null)[]>([]);
  const size = useRef({ width, height });
  size.current = { width, height };
  const hover = useRef(onHover);
  hover.current = onHover;
  const hiddenRef = useRef(hidden);
  hiddenRef.current = hidden;

  useLayoutEffect(() => {
    if (host.current === null) return;
    const setup = plotSetup({
      model,
      theme,
      width: Math.max(size.current.width, 10),
      height: Math.max(size.current.height, 10),
      format,
      yMin,
      yMax,
      onCursor: (u) => {
        const { idx, left, top } = u.cursor;
        if (idx === null || idx === undefined || left === undefined || left < 0 || top === undefined) {
          hover.current(null);
          return;
        }
        const over = u.over;
        hover.current({ idx, left: left + over.offsetLeft, top: top + over.offsetTop });
      },
    });
    ids.current = setup.ids;
    const u = new uPlot(setup.options, setup.data, host.current);
    plot.current = u;
    applyHidden(u, setup.ids, hiddenRef.current);
    const leave = () => hover.current(null);
    u.over.addEventListener('mouseleave', leave);
    return () => {
      u.over.removeEventListener('mouseleave', leave);
      u.destroy();
      plot.current = null;
    };
  }, [model, theme, format, yMin, yMax]);

  useEffect(() => {
    plot.current?.setSize({ width: Math.max(width, 10), height: Math.max(height, 10) });
  }, [width, height]);

  useEffect(() => {
    if (plot.current !== null) applyHidden(plot.current, ids.current, hidden);
  }, [hidden]);

  return <div ref={host} className={styles.plot} data-testid={TEST_IDS.plot} style={{ width, height }} />;
});

function applyHidden(u: uPlot, ids: readonly (SeriesId | null)[], hidden: ReadonlySet<SeriesId>) {
  u.batch(() => {
    ids.forEach((id, i) => {
      if (id === null) return;
      const show = !hidden.has(id);
      if (u.series[i]?.show !== show) u.setSeries(i, { show });
    });
  });
}

// The parts of uPlot's stylesheet the chart needs, scoped to it, so nothing global is injected.
const getStyles = (theme: GrafanaTheme2) => ({
  plot: css({
    position: 'relative',
    '& .uplot, & .uplot *, & .uplot *::before, & .uplot *::after': { boxSizing: 'border-box' },
    '& .uplot': { width: 'min-content', lineHeight: 1.5 },
    '& .u-wrap': { position: 'relative', userSelect: 'none' },
    '& .u-over, & .u-under': { position: 'absolute' },
    '& .u-under': { overflow: 'hidden' },
    '& .uplot canvas': { display: 'block', position: 'relative', width: '100%', height: '100%' },
    '& .u-axis': { position: 'absolute' },
    '& .u-select': { position: 'absolute', pointerEvents: 'none' },
    '& .u-cursor-x, & .u-cursor-y': {
      position: 'absolute',
      left: 0,
      top: 0,
      pointerEvents: 'none',
      willChange: 'transform',
    },
    '& .u-hz .u-cursor-x': { height: '100%', borderRight: `1px dashed ${theme.colors.text.disabled}` },
    '& .u-cursor-x.u-off, & .u-cursor-y.u-off, & .u-select.u-off': { display: 'none' },
  }),
});
