import { DEFAULT_OPTIONS, type LineStyle, type RhythmOptions } from '../types.js';

const STYLES: readonly LineStyle[] = ['dashed', 'faded', 'solid'];

/**
 * Complete, checked options from whatever the dashboard JSON holds: missing fields take their
 * defaults (older dashboards, hand-written JSON), out-of-range ones their default with a note, so
 * the panel draws rather than throws.
 */
export function resolveOptions(raw: unknown): { options: RhythmOptions; notes: string[] } {
  const o = record(raw);
  const notes: string[] = [];
  const d = DEFAULT_OPTIONS;
  const overlay = <T extends keyof RhythmOptions>(key: T) => {
    const src = record(o[key]);
    const def = d[key] as { show: boolean; style: LineStyle };
    return {
      show: typeof src.show === 'boolean' ? src.show : def.show,
      style: STYLES.includes(src.style as LineStyle) ? (src.style as LineStyle) : def.style,
    };
  };

  const weeksSrc = record(o.weeksBack);
  let weeks = Number(weeksSrc.value ?? d.weeksBack.value);
  if (!(Number.isFinite(weeks) && weeks >= 0)) {
    notes.push(`Weeks back must be a whole number ≥ 0, got ${String(weeksSrc.value)}: ignored.`);
    weeks = 0;
  }
  const customSrc = record(o.customShift);

  const bandSrc = record(o.band);
  let low = num(bandSrc.low, d.band.low);
  let high = num(bandSrc.high, d.band.high);
  if (!(low >= 0 && high <= 1 && low < high)) {
    notes.push(`Band quantiles must satisfy 0 ≤ low < high ≤ 1, got ${low}–${high}: using p10–p90.`);
    low = d.band.low;
    high = d.band.high;
  }
  let periods = Math.round(num(bandSrc.periods, d.band.periods));
  if (!(periods >= 1)) {
    notes.push(`The band needs at least 1 earlier period, got ${String(bandSrc.periods)}: using ${d.band.periods}.`);
    periods = d.band.periods;
  }

  const anomalySrc = record(o.anomalies);
  const margin = num(anomalySrc.margin, d.anomalies.margin);
  const minTolerance = num(anomalySrc.minTolerance, d.anomalies.minTolerance);

  return {
    options: {
      period: o.period === 'week' ? 'week' : 'day',
      dataMode: o.dataMode === 'fold' || o.dataMode === 'offsets' ? o.dataMode : 'auto',
      previousDay: overlay('previousDay'),
      lastWeek: overlay('lastWeek'),
      weeksBack: { ...overlay('weeksBack'), value: Math.floor(weeks) },
      lastMonth: overlay('lastMonth'),
      lastYear: overlay('lastYear'),
      customShift: {
        ...overlay('customShift'),
        value: typeof customSrc.value === 'string' ? customSrc.value : d.customShift.value,
      },
      band: {
        show: typeof bandSrc.show === 'boolean' ? bandSrc.show : d.band.show,
        periods,
        low,
        high,
        match: bandSrc.match === 'every-day' ? 'every-day' : 'same-weekday',
      },
      anomalies: {
        show: typeof anomalySrc.show === 'boolean' ? anomalySrc.show : d.anomalies.show,
        margin: margin >= 0 ? margin : d.anomalies.margin,
        minTolerance: minTolerance >= 0 ? minTolerance : d.anomalies.minTolerance,
      },
      offsetMapping: mappingText(o.offsetMapping),
    },
    notes,
  };
}

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

function num(v: unknown, fallback: number): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

/** The mapping as text; an object `{ B: 'last-week' }` (provisioned JSON) is accepted too. */
function mappingText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null) {
    return Object.entries(v)
      .map(([k, target]) => `${k}=${String(target)}`)
      .join('\n');
  }
  return '';
}
