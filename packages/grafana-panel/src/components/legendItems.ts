import type { RhythmModelOk } from '../data/RhythmModel';
import type { LineStyle, SeriesId } from '../types';

/** One entry of the legend and one row of the tooltip, in the same order: current, overlays, median, band. */
export interface LegendEntry {
  id: SeriesId;
  label: string;
  kind: 'current' | 'overlay' | 'median' | 'band';
  style: LineStyle;
  values: readonly (number | null)[] | null;
}

export function legendEntries(model: RhythmModelOk): LegendEntry[] {
  const out: LegendEntry[] = [model.current, ...model.overlays, ...(model.median !== null ? [model.median] : [])].map(
    (s) => ({ id: s.id, label: s.label, kind: s.kind, style: s.style, values: s.values }),
  );
  if (model.band !== null)
    out.push({ id: 'band', label: model.band.label, kind: 'band', style: 'solid', values: null });
  return out;
}
