import { FieldConfigProperty, PanelPlugin } from '@grafana/data';
import { RhythmPanel } from './components/RhythmPanel';
import { DEFAULT_OPTIONS as D, type LineStyle, type RhythmOptions } from './types';

const STYLE_OPTIONS: Array<{ value: LineStyle; label: string }> = [
  { value: 'dashed', label: 'Dashed' },
  { value: 'faded', label: 'Faded' },
  { value: 'solid', label: 'Solid' },
];

// biome-ignore lint/correctness/useHookAtTopLevel: PanelPlugin.useFieldConfig is a builder method, not a React hook.
export const plugin = new PanelPlugin<RhythmOptions>(RhythmPanel)
  .useFieldConfig({
    // Unit, decimals, min and max shape the axis and tooltip; the rest has no meaning in this chart.
    disableStandardOptions: [
      FieldConfigProperty.Thresholds,
      FieldConfigProperty.Mappings,
      FieldConfigProperty.Color,
      FieldConfigProperty.Links,
      FieldConfigProperty.Actions,
      FieldConfigProperty.NoValue,
      FieldConfigProperty.Filterable,
      FieldConfigProperty.FieldMinMax,
    ],
  })
  .setPanelOptions((builder) => {
    builder
      .addRadio({
        path: 'period',
        name: 'Period',
        description: 'Time of day (00:00–24:00) or time of week (Monday–Sunday), in the dashboard time zone.',
        category: ['Period'],
        defaultValue: D.period,
        settings: {
          options: [
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
          ],
        },
      })
      .addRadio({
        path: 'dataMode',
        name: 'Data mode',
        description:
          'Fold: one query over a long range (e.g. 5 weeks), cut into periods here. Offsets: one query per overlay with PromQL offset. Auto: offset queries where present, folding for the rest.',
        category: ['Data'],
        defaultValue: D.dataMode,
        settings: {
          options: [
            { value: 'auto', label: 'Auto' },
            { value: 'fold', label: 'Fold one query' },
            { value: 'offsets', label: 'Offset queries' },
          ],
        },
      })
      .addTextInput({
        path: 'offsetMapping',
        name: 'Offset mapping',
        description:
          'Which query is which overlay, by refId or series name: B=last-week, C=last-month (ids: current, previous-day, last-week, weeks-<n>, last-month, last-year, custom). Queries with offset 1d, 1w, 4w or 52w map by themselves.',
        category: ['Data'],
        defaultValue: D.offsetMapping,
        settings: { useTextarea: true, rows: 3, placeholder: 'B=last-week\nC=last-month' },
      });

    const overlay = (key: 'previousDay' | 'lastWeek' | 'lastMonth' | 'lastYear', name: string, description: string) => {
      builder
        .addBooleanSwitch({
          path: `${key}.show`,
          name,
          description,
          category: ['Overlays'],
          defaultValue: D[key].show,
          showIf: key === 'previousDay' ? (o) => o.period !== 'week' : undefined,
        })
        .addRadio({
          path: `${key}.style`,
          name: `${name}: line`,
          category: ['Overlays'],
          defaultValue: D[key].style,
          settings: { options: STYLE_OPTIONS },
          showIf: (o) => o[key]?.show !== false && (key !== 'previousDay' || o.period !== 'week'),
        });
    };
    overlay('previousDay', 'Previous day', 'Yesterday at the same time of day.');
    overlay('lastWeek', 'Last week', 'The same weekday a week ago (the previous week in week mode).');
    builder
      .addBooleanSwitch({
        path: 'weeksBack.show',
        name: 'Weeks back',
        description: 'The same weekday n weeks ago (set n below), or an offset query of n weeks.',
        category: ['Overlays'],
        defaultValue: D.weeksBack.show,
      })
      .addSliderInput({
        path: 'weeksBack.value',
        name: 'Weeks back: n',
        description: 'How many weeks back; 0 is off.',
        category: ['Overlays'],
        defaultValue: D.weeksBack.value,
        settings: { min: 0, max: 12, step: 1 },
        showIf: (o) => o.weeksBack?.show !== false,
      })
      .addRadio({
        path: 'weeksBack.style',
        name: 'Weeks back: line',
        category: ['Overlays'],
        defaultValue: D.weeksBack.style,
        settings: { options: STYLE_OPTIONS },
        showIf: (o) => o.weeksBack?.show !== false && (o.weeksBack?.value ?? 0) > 0,
      });
    overlay('lastMonth', 'Last month', '4 weeks ago, so a Tuesday is compared with a Tuesday.');
    overlay(
      'lastYear',
      'Last year',
      '52 weeks ago, weekday-aligned (needs a year of data, or a query with offset 52w).',
    );
    builder
      .addBooleanSwitch({
        path: 'customShift.show',
        name: 'Custom shift',
        description: 'Any other distance back (set below), or an offset query mapped to custom.',
        category: ['Overlays'],
        defaultValue: D.customShift.show,
      })
      .addTextInput({
        path: 'customShift.value',
        name: 'Custom shift: distance',
        description: 'A duration: 3d, 2w, 12h. Empty is off.',
        category: ['Overlays'],
        defaultValue: D.customShift.value,
        settings: { placeholder: '3d' },
        showIf: (o) => o.customShift?.show !== false,
      })
      .addRadio({
        path: 'customShift.style',
        name: 'Custom shift: line',
        category: ['Overlays'],
        defaultValue: D.customShift.style,
        settings: { options: STYLE_OPTIONS },
        showIf: (o) => o.customShift?.show !== false && (o.customShift?.value ?? '') !== '',
      })
      .addBooleanSwitch({
        path: 'band.show',
        name: 'Show band',
        description: 'Median and quantile band of the previous same periods: what a usual day looks like.',
        category: ['Baseline band'],
        defaultValue: D.band.show,
      })
      .addNumberInput({
        path: 'band.periods',
        name: 'Earlier periods',
        description: 'How many earlier periods make the band: 4 is the same weekday of the last 4 weeks.',
        category: ['Baseline band'],
        defaultValue: D.band.periods,
        settings: { min: 1, max: 52, integer: true },
      })
      .addSelect({
        path: 'band.match',
        name: 'Compare with',
        category: ['Baseline band'],
        defaultValue: D.band.match,
        settings: {
          options: [
            { value: 'same-weekday', label: 'Same weekday', description: 'Tuesdays with Tuesdays: weekends stay out' },
            { value: 'every-day', label: 'Every day', description: 'The previous days, whatever the weekday' },
          ],
        },
        showIf: (o) => o.period !== 'week',
      })
      .addSliderInput({
        path: 'band.low',
        name: 'Lower quantile',
        category: ['Baseline band'],
        defaultValue: D.band.low,
        settings: { min: 0, max: 0.5, step: 0.05 },
      })
      .addSliderInput({
        path: 'band.high',
        name: 'Upper quantile',
        category: ['Baseline band'],
        defaultValue: D.band.high,
        settings: { min: 0.5, max: 1, step: 0.05 },
      })
      .addBooleanSwitch({
        path: 'anomalies.show',
        name: 'Shade anomalies',
        description: 'Shade where the current period leaves the band, and count the anomalous minutes.',
        category: ['Anomalies'],
        defaultValue: D.anomalies.show,
      })
      .addSliderInput({
        path: 'anomalies.margin',
        name: 'Margin',
        description: 'How far outside the band counts, as a fraction of the band width there (0.2 = 20 %).',
        category: ['Anomalies'],
        defaultValue: D.anomalies.margin,
        settings: { min: 0, max: 2, step: 0.05 },
        showIf: (o) => o.anomalies?.show !== false,
      })
      .addNumberInput({
        path: 'anomalies.minTolerance',
        name: 'Minimum distance',
        description:
          'Never flag less than this, in the series unit: where earlier periods agreed exactly, one stray call would otherwise count.',
        category: ['Anomalies'],
        defaultValue: D.anomalies.minTolerance,
        settings: { min: 0 },
        showIf: (o) => o.anomalies?.show !== false,
      });
  });
