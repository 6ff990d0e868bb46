import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
// biome-ignore lint/correctness/noUnusedImports: JSX compiles to React.createElement (classic runtime in .config's swc setup).
import React from 'react';
import { formatOffset, formatPercent, percentDiff } from '../data/format';
import type { RhythmModelOk } from '../data/RhythmModel';
import type { SeriesId } from '../types';
import { legendEntries } from './legendItems';
import { seriesColor } from './seriesLook';
import { TEST_IDS } from './testIds';

interface Props {
  model: RhythmModelOk;
  idx: number;
  left: number;
  top: number;
  /** Width of the area the tooltip lives in, to flip it left of the cursor near the right edge. */
  areaWidth: number;
  hidden: ReadonlySet<SeriesId>;
  format: (v: number) => string;
}

/** About the widest a tooltip gets, to decide which side of the cursor it goes. */
const WIDTH = 300;

/** The values at one time of day: the current one, each overlay's and the median with how far the current one is from them, and the band. */
export function Tooltip({ model, idx, left, top, areaWidth, hidden, format }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const offset = model.offsets[idx];
  if (offset === undefined) return null;
  const current = model.current.values[idx] ?? null;
  const end = Math.min(offset + model.step, model.length);
  const x = left + 16 + WIDTH > areaWidth ? Math.max(left - 16 - WIDTH, 0) : left + 16;
  const anomaly = model.anomalies?.ranges.find((r) => r.from <= offset && offset < r.to);

  return (
    <div className={styles.tooltip} style={{ left: x, top: Math.max(top - 20, 0) }} data-testid={TEST_IDS.tooltip}>
      <div className={styles.header}>
        {formatOffset(offset, model.period)}
        {model.step > 60_000 ? `–${formatOffset(end, model.period)}` : ''}
        {anomaly !== undefined && <span className={styles.anomaly}> · anomalous ({anomaly.direction} the band)</span>}
      </div>
      <table className={styles.table}>
        <tbody>
          {legendEntries(model)
            .filter((e) => !hidden.has(e.id))
            .map((e) => {
              if (e.id === 'band') {
                const lo = model.band?.low[idx] ?? null;
                const hi = model.band?.high[idx] ?? null;
                return (
                  <tr key={e.id} data-testid={TEST_IDS.tooltipRow} data-series={e.id}>
                    <td>
                      <span className={styles.dot} style={{ background: seriesColor(theme, e.id) }} />
                      {e.label}
                    </td>
                    <td className={styles.value}>
                      {lo === null || hi === null ? '–' : `${format(lo)} – ${format(hi)}`}
                    </td>
                    <td />
                  </tr>
                );
              }
              const v = e.values?.[idx] ?? null;
              return (
                <tr
                  key={e.id}
                  data-testid={TEST_IDS.tooltipRow}
                  data-series={e.id}
                  className={e.kind === 'current' ? styles.current : undefined}
                >
                  <td>
                    <span className={styles.dot} style={{ background: seriesColor(theme, e.id) }} />
                    {e.label}
                  </td>
                  <td className={styles.value}>{v === null ? '–' : format(v)}</td>
                  <td className={styles.diff}>{e.kind === 'current' ? '' : formatPercent(percentDiff(current, v))}</td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tooltip: css({
    position: 'absolute',
    zIndex: theme.zIndex.tooltip,
    pointerEvents: 'none',
    background: theme.colors.background.elevated,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    padding: theme.spacing(0.75, 1),
    width: 'max-content',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.primary,
  }),
  header: css({ fontWeight: theme.typography.fontWeightMedium, marginBottom: theme.spacing(0.5) }),
  anomaly: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightRegular }),
  table: css({ borderCollapse: 'collapse', td: { padding: '1px 4px 1px 0', whiteSpace: 'nowrap' } }),
  current: css({ fontWeight: theme.typography.fontWeightBold }),
  dot: css({ display: 'inline-block', width: 8, height: 8, borderRadius: 4, marginRight: 6 }),
  value: css({ textAlign: 'right' }),
  diff: css({ textAlign: 'right', color: theme.colors.text.secondary, minWidth: 56 }),
});
