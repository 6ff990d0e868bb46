/** The `data-testid`s the browser tests select by (see the panel contract); kept in one place. */
export const TEST_IDS = {
  panel: 'hartslag-rhythm-panel',
  legendItem: 'rhythm-legend-item',
  anomalySummary: 'rhythm-anomaly-summary',
  tooltip: 'rhythm-tooltip',
  tooltipRow: 'rhythm-tooltip-row',
  noData: 'rhythm-no-data',
  notes: 'rhythm-notes',
  plot: 'rhythm-plot',
} as const;
