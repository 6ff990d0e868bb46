import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
// biome-ignore lint/correctness/noUnusedImports: JSX compiles to React.createElement (classic runtime in .config's swc setup).
import React, { memo } from 'react';
import { formatMinutes } from '../data/format';
import type { RhythmModelOk } from '../data/RhythmModel';
import type { SeriesId } from '../types';
import { type LegendEntry, legendEntries } from './legendItems';
import { bandFill, lineLook, seriesColor } from './seriesLook';
import { TEST_IDS } from './testIds';

interface Props {
  model: RhythmModelOk;
  hidden: ReadonlySet<SeriesId>;
  onToggle: (id: SeriesId) => void;
}

/** Series names with their line style; a click hides or shows a series. Then the anomaly summary and any notes. */
export const Legend = memo(function Legend({ model, hidden, onToggle }: Props) {
  const styles = useStyles2(getStyles);
  const entries = legendEntries(model);
  const { anomalies, notes } = model;
  return (
    <div className={styles.legend}>
      {entries.map((e) => (
        <button
          type="button"
          key={e.id}
          className={cx(styles.item, hidden.has(e.id) && styles.off)}
          data-testid={TEST_IDS.legendItem}
          data-series={e.id}
          aria-pressed={!hidden.has(e.id)}
          title={hidden.has(e.id) ? `Show ${e.label}` : `Hide ${e.label}`}
          onClick={() => onToggle(e.id)}
        >
          <Swatch entry={e} model={model} />
          <span>{e.label}</span>
        </button>
      ))}
      {anomalies !== null && (
        <span
          className={cx(styles.summary, anomalies.anomalousMinutes > 0 && styles.alert)}
          data-testid={TEST_IDS.anomalySummary}
        >
          {formatMinutes(anomalies.anomalousMinutes)} min anomalous {model.period === 'week' ? 'this week' : 'today'}
        </span>
      )}
      {notes.length > 0 && (
        <span className={styles.notes} data-testid={TEST_IDS.notes} title={notes.join('\n')}>
          {notes[0]}
          {notes.length > 1 ? ` (+${notes.length - 1} more)` : ''}
        </span>
      )}
    </div>
  );
});

function Swatch({ entry, model }: { entry: LegendEntry; model: RhythmModelOk }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  if (entry.kind === 'band') {
    return (
      <span
        className={styles.swatchBand}
        style={{ background: bandFill(theme), borderColor: seriesColor(theme, 'band') }}
      />
    );
  }
  const series =
    entry.id === 'current'
      ? model.current
      : entry.id === 'median'
        ? model.median
        : model.overlays.find((o) => o.id === entry.id);
  if (series === undefined || series === null) return null;
  const look = lineLook(theme, series);
  return (
    <span
      className={styles.swatchLine}
      style={{
        borderTopColor: look.color,
        borderTopWidth: Math.max(2, Math.round(look.width)),
        borderTopStyle: look.dash === undefined ? 'solid' : look.dash[0]! <= 2 ? 'dotted' : 'dashed',
      }}
    />
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  legend: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1.5),
    padding: theme.spacing(0.5, 1, 0, 1),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
  }),
  item: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    background: 'none',
    border: 'none',
    padding: 0,
    color: theme.colors.text.primary,
    cursor: 'pointer',
    font: 'inherit',
    '&:hover span:last-child': { textDecoration: 'underline' },
  }),
  off: css({ opacity: 0.4 }),
  swatchLine: css({ display: 'inline-block', width: 18, height: 0, borderTop: '2px solid' }),
  swatchBand: css({ display: 'inline-block', width: 18, height: 10, border: '1px solid', borderRadius: 2 }),
  summary: css({ marginLeft: 'auto', fontWeight: theme.typography.fontWeightMedium }),
  alert: css({ color: theme.colors.error.text }),
  notes: css({
    flexBasis: '100%',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    color: theme.colors.text.secondary,
  }),
});
