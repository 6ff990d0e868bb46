import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
// biome-ignore lint/correctness/noUnusedImports: JSX compiles to React.createElement (classic runtime in .config's swc setup).
import React from 'react';
import { TEST_IDS } from './testIds';

/**
 * What the panel shows instead of a chart: the reason and what to do. Drawn by the panel itself
 * rather than @grafana/runtime's PanelDataErrorView, which only renders inside a full Grafana app.
 */
export function NoData({ reason, notes }: { reason: string; notes: readonly string[] }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.box} data-testid={TEST_IDS.noData} role="status">
      <div className={styles.title}>No data</div>
      <div>{reason}</div>
      {notes.map((n) => (
        <div key={n} className={styles.note}>
          {n}
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: theme.spacing(0.5),
    padding: theme.spacing(2),
    textAlign: 'center',
    color: theme.colors.text.secondary,
  }),
  title: css({ fontSize: theme.typography.h5.fontSize, color: theme.colors.text.primary }),
  note: css({ fontSize: theme.typography.bodySmall.fontSize }),
});
