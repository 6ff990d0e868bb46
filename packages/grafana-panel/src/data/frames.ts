import type { Point } from '@hartslag/rhythm';

/**
 * The parts of Grafana's DataFrame this module reads, structurally, so it runs (and is tested) in
 * Node without loading @grafana/data. A `DataFrame` is assignable to `FrameLike`.
 */
export interface FieldLike {
  name: string;
  type: string;
  values: ArrayLike<unknown>;
  config?: { displayName?: string; displayNameFromDS?: string };
  labels?: Record<string, string>;
}

export interface FrameLike {
  refId?: string;
  name?: string;
  fields: readonly FieldLike[];
}

/** The query behind a refId, as in `PanelData.request.targets`; `expr` is Prometheus' query text. */
export interface QueryLike {
  refId: string;
  expr?: unknown;
}

/** One number field of one frame: a time series. */
export interface InputSeries {
  refId: string;
  /** Everything the series may be recognised by (frame name, display names, labels, query text), most specific first. */
  names: string[];
  /** The rows with a time and a finite value, in their order; nulls and NaN are gaps and left out. */
  points: Point[];
  /** How many rows the field had, with or without a value. */
  rows: number;
}

/**
 * Reads every (time, number) pair of fields in the frames, straight into rhythm's points: one
 * pass, one object per value, since folding needs them anyway.
 */
export function readSeries(frames: readonly FrameLike[], queries: readonly QueryLike[] = []): InputSeries[] {
  const exprs = new Map<string, string>();
  for (const q of queries) if (typeof q.expr === 'string' && q.expr !== '') exprs.set(q.refId, q.expr);

  const out: InputSeries[] = [];
  for (const frame of frames) {
    const time = frame.fields?.find((f) => f.type === 'time');
    if (time === undefined) continue;
    const refId = frame.refId ?? '';
    for (const field of frame.fields) {
      if (field.type !== 'number') continue;
      const n = Math.min(time.values.length, field.values.length);
      const tv = time.values;
      const fv = field.values;
      const points: Point[] = [];
      for (let i = 0; i < n; i++) {
        const rawT = tv[i];
        const rawV = fv[i];
        // Numbers are the rule; anything else goes through the slower conversion.
        const t = typeof rawT === 'number' ? rawT : toNumber(rawT);
        const v = typeof rawV === 'number' ? rawV : toNumber(rawV);
        if (Number.isFinite(t) && Number.isFinite(v)) points.push({ t, v });
      }
      out.push({ refId, names: namesOf(frame, field, exprs.get(refId)), points, rows: n });
    }
  }
  return out;
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  // Some data sources hand over times as Date objects or strings of digits.
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return Number.NaN;
}

function namesOf(frame: FrameLike, field: FieldLike, expr: string | undefined): string[] {
  const names = [
    field.config?.displayName,
    field.config?.displayNameFromDS,
    frame.name,
    field.name,
    labelsText(field.labels),
    expr,
  ];
  const seen = new Set<string>();
  for (const n of names) if (typeof n === 'string' && n !== '') seen.add(n);
  return [...seen];
}

function labelsText(labels: Record<string, string> | undefined): string | undefined {
  if (labels === undefined) return undefined;
  const keys = Object.keys(labels);
  if (keys.length === 0) return undefined;
  return `{${keys.map((k) => `${k}="${labels[k]}"`).join(', ')}}`;
}

/** The name a person would recognise the series by: its display name, else its refId. */
export function displayName(series: InputSeries): string {
  return series.names[0] ?? series.refId;
}
