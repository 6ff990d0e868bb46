import { css } from '@emotion/css';
import { formattedValueToString, type GrafanaTheme2, getValueFormat, type PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
// biome-ignore lint/correctness/noUnusedImports: JSX compiles to React.createElement (classic runtime in .config's swc setup).
import React, { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { buildRhythmModel } from '../data/buildRhythmModel';
import type { QueryLike } from '../data/frames';
import type { RhythmModel } from '../data/RhythmModel';
import type { RhythmOptions, SeriesId } from '../types';
import { Legend } from './Legend';
import { legendEntries } from './legendItems';
import { NoData } from './NoData';
import { type Hover, RhythmPlot } from './RhythmPlot';
import { Tooltip } from './Tooltip';
import { TEST_IDS } from './testIds';

/** Until the legend has been measured once: one row. */
const LEGEND_ESTIMATE = 26;

/**
 * The panel: the model is built once per data/options/time zone change (memoised); the chart,
 * legend and tooltip only read it. The root carries the counts the browser tests check.
 */
export function RhythmPanel({
  data,
  options,
  timeZone,
  timeRange,
  width,
  height,
  fieldConfig,
}: PanelProps<RhythmOptions>) {
  const styles = useStyles2(getStyles);
  const now = timeRange?.to?.valueOf();
  const queries = data.request?.targets as QueryLike[] | undefined;
  const model: RhythmModel = useMemo(
    () => buildRhythmModel({ frames: data.series ?? [], options, timeZone, now, queries }),
    [data.series, options, timeZone, now, queries],
  );

  const unit = fieldConfig?.defaults?.unit;
  const decimals = fieldConfig?.defaults?.decimals ?? undefined;
  const format = useMemo(() => {
    const f = getValueFormat(unit ?? 'short');
    return (v: number) => formattedValueToString(f(v, decimals));
  }, [unit, decimals]);

  const [hidden, setHidden] = useState<ReadonlySet<SeriesId>>(() => new Set());
  const toggle = useCallback((id: SeriesId) => {
    setHidden((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const [hover, setHover] = useState<Hover | null>(null);

  const legend = useRef<HTMLDivElement>(null);
  const [legendHeight, setLegendHeight] = useState(LEGEND_ESTIMATE);
  useLayoutEffect(() => {
    const h = legend.current?.offsetHeight;
    if (h !== undefined && h !== legendHeight) setLegendHeight(h);
  });

  const ok = model.status === 'ok' ? model : null;
  const visible = ok === null ? 0 : legendEntries(ok).filter((e) => !hidden.has(e.id)).length;
  const period = ok?.period ?? (options?.period === 'week' ? 'week' : 'day');
  const error = data.errors?.[0]?.message ?? data.error?.message;
  const loading = data.state === 'Loading' && (data.series?.length ?? 0) === 0;

  return (
    <div
      className={styles.root}
      style={{ width, height }}
      data-testid={TEST_IDS.panel}
      data-state={model.status}
      data-series-count={visible}
      data-anomaly-ranges={ok?.anomalies?.ranges.length ?? 0}
      data-anomalous-minutes={ok?.anomalies?.anomalousMinutes ?? 0}
      data-period={period}
      data-mode={ok?.mode}
      data-date={ok?.date}
      data-step={ok?.step}
      aria-busy={loading}
    >
      {ok === null ? (
        loading ? null : (
          <NoData
            reason={error !== undefined ? `The query failed: ${error}` : model.status === 'no-data' ? model.reason : ''}
            notes={model.notes}
          />
        )
      ) : (
        <>
          <div className={styles.plotArea}>
            <RhythmPlot
              model={ok}
              width={width}
              height={Math.max(height - legendHeight, 40)}
              hidden={hidden}
              format={format}
              yMin={fieldConfig?.defaults?.min ?? undefined}
              yMax={fieldConfig?.defaults?.max ?? undefined}
              onHover={setHover}
            />
            {hover !== null && (
              <Tooltip
                model={ok}
                idx={hover.idx}
                left={hover.left}
                top={hover.top}
                areaWidth={width}
                hidden={hidden}
                format={format}
              />
            )}
          </div>
          <div ref={legend}>
            <Legend model={ok} hidden={hidden} onToggle={toggle} />
          </div>
        </>
      )}
    </div>
  );
}

const getStyles = (_theme: GrafanaTheme2) => ({
  root: css({ position: 'relative', display: 'flex', flexDirection: 'column', overflow: 'hidden' }),
  plotArea: css({ position: 'relative', flex: '0 0 auto' }),
});
