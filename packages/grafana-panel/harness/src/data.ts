import {
  applyFieldOverrides,
  type DataFrame,
  type DataFrameDTO,
  dateTime,
  type FieldConfigSource,
  FieldType,
  type GrafanaTheme2,
  LoadingState,
  type PanelData,
  type PanelPlugin,
  type TimeRange,
  toDataFrame,
} from '@grafana/data';
import { HarnessError } from './HarnessError.js';

/**
 * The data a preview shows: data frames as Grafana's JSON (`{ name?, refId?, fields: [{ name,
 * type: 'time' | 'number', values }] }`), either as a bare array or with a time range.
 */
export interface HarnessData {
  series: DataFrameDTO[];
  /** Dashboard time range in ms; the page's `from`/`to` parameters win over it. */
  timeRange?: { from: number; to: number };
}

declare global {
  interface Window {
    hartslagHarnessData?: HarnessData | DataFrameDTO[];
  }
}

export async function loadHarnessData(url: string | null): Promise<HarnessData> {
  let raw: unknown = window.hartslagHarnessData ?? { series: [] };
  if (url) {
    const res = await fetch(url);
    if (!res.ok) {
      throw new HarnessError(
        'HARTSLAG_ERR_HARNESS_DATA_INVALID',
        `${url} answered ${res.status}; pass an existing data file.`,
      );
    }
    raw = await res.json();
  }
  const data = Array.isArray(raw) ? { series: raw } : (raw as HarnessData);
  if (!Array.isArray(data?.series)) {
    throw new HarnessError(
      'HARTSLAG_ERR_HARNESS_DATA_INVALID',
      `${url ?? 'window.hartslagHarnessData'} has no "series" array of data frames; give [{ fields: [...] }] or { series: [...] }.`,
    );
  }
  return data;
}

function timeExtent(frames: DataFrame[]): { from: number; to: number } | null {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const frame of frames) {
    for (const field of frame.fields) {
      if (field.type !== FieldType.time) continue;
      for (const v of field.values as number[]) {
        if (v < from) from = v;
        if (v > to) to = v;
      }
    }
  }
  return from <= to ? { from, to } : null;
}

export function toTimeRange(from: number, to: number): TimeRange {
  return { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } };
}

/** Grafana's field config defaults for a time series before the plugin's own. */
const GRAFANA_FIELD_DEFAULTS = {
  color: { mode: 'palette-classic' },
  thresholds: {
    mode: 'absolute',
    steps: [
      { value: Number.NEGATIVE_INFINITY, color: 'green' },
      { value: 80, color: 'red' },
    ],
  },
  mappings: [],
};

export interface PreparedData {
  data: PanelData;
  timeRange: TimeRange;
  fieldConfig: FieldConfigSource;
}

/**
 * Frames as a panel receives them from Grafana's query runner: `toDataFrame`, then
 * `applyFieldOverrides` with the plugin's field config (display processors, colours, units).
 */
export function preparePanelData(
  input: HarnessData,
  plugin: PanelPlugin,
  theme: GrafanaTheme2,
  timeZone: string,
  range: { from: number | null; to: number | null },
): PreparedData {
  const frames = input.series.map((dto) => toDataFrame(dto));
  const extent = timeExtent(frames);
  const to = range.to ?? input.timeRange?.to ?? extent?.to ?? Date.now();
  const from = range.from ?? input.timeRange?.from ?? extent?.from ?? to - 86_400_000;
  const timeRange = toTimeRange(from, to);
  const pluginDefaults = plugin.fieldConfigDefaults;
  const fieldConfig: FieldConfigSource = {
    defaults: { ...GRAFANA_FIELD_DEFAULTS, ...pluginDefaults.defaults } as FieldConfigSource['defaults'],
    overrides: pluginDefaults.overrides,
  };
  const series = applyFieldOverrides({
    data: frames,
    fieldConfig,
    fieldConfigRegistry: plugin.fieldConfigRegistry,
    replaceVariables: (value: string) => value,
    theme,
    timeZone,
  });
  return { data: { state: LoadingState.Done, series, timeRange }, timeRange, fieldConfig };
}
