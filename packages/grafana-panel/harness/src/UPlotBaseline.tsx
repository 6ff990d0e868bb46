import { FieldType, type GrafanaTheme2, type PanelData } from '@grafana/data';
import { useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';

interface Props {
  data: PanelData;
  theme: GrafanaTheme2;
  width: number;
  height: number;
}

const POINTS = 1440;

/**
 * The first-render baseline: a bare uPlot with one 1440-point line (a day of minutes), taken from
 * the last day of the first series, in the same page, theme and React tree as the panel.
 */
export function UPlotBaseline({ data, theme, width, height }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const frame = data.series[0];
    const time = frame?.fields.find((f) => f.type === FieldType.time)?.values ?? [];
    const value = frame?.fields.find((f) => f.type === FieldType.number)?.values ?? [];
    const from = Math.max(0, time.length - POINTS);
    const xs = Array.from({ length: time.length - from }, (_, i) => (time[from + i] as number) / 1000);
    const ys = Array.from({ length: time.length - from }, (_, i) => value[from + i] as number | null);
    const plot = new uPlot(
      {
        width,
        height,
        series: [{}, { label: 'current', stroke: theme.colors.primary.main, width: 2 }],
        axes: [{ stroke: theme.colors.text.secondary }, { stroke: theme.colors.text.secondary }],
      },
      [xs, ys],
      ref.current!,
    );
    return () => plot.destroy();
  }, [data, theme, width, height]);
  return <div ref={ref} data-testid="harness-uplot-baseline" />;
}
