import { compareWithUsual, DAY_MS } from '@hartslag/rhythm';
import { escapeXml, isolateBidi } from './escape.js';

export interface RhythmChartLabels {
  today: string;
  usual: string;
  band: string;
  noData: string;
}

export interface RhythmChartInput {
  /** Call rate per 5-minute bucket (e.g. calls/min), today and up to ~5 weeks before. */
  points: readonly { t: number; v: number }[];
  now: number;
  /** The page's IANA zone: "today" and the x axis are its local day. */
  timeZone: string;
  /** How many previous same weekdays make "a usual day". Default 4. */
  weeks?: number;
  title: string;
  labels: RhythmChartLabels;
  width?: number;
  height?: number;
}

const STEP = 5 * 60_000;
const HOUR = 3_600_000;

// Colours for a white page, each ≥ 3:1 against white except the band, which is an area behind
// lines rather than something to read (WCAG 1.4.11 asks 3:1 of graphical objects needed to understand).
const COLOR = {
  today: '#1f4e9c',
  median: '#5c6670',
  band: '#d6e0ee',
  axis: '#767676',
  text: '#4a4a4a',
  now: '#767676',
} as const;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';

/**
 * "Today vs a usual day" for one component, as a small self-contained SVG: the p10–p90 band of
 * the same weekday over the previous `weeks` weeks as a light area, their median as a thin line,
 * today's rate up to now as a bold line. The x axis is 24 wall-clock hours of the page's time
 * zone, also on a 23- or 25-hour DST day (see @hartslag/rhythm for how those fold).
 *
 * Safe to inline in a page: no scripts, no external references, no ids, no classes; every text is
 * escaped, and `<title>`/`<desc>` give screen readers the name and a one-sentence summary.
 */
export function renderRhythmChart(input: RhythmChartInput): string {
  const width = positive(input.width, 320);
  const height = positive(input.height, 120);
  const { labels } = input;
  const plot = { left: 8, right: width - 8, top: 22, bottom: height - 16 };

  const comparison = compareWithUsual(input.points, {
    now: input.now,
    timeZone: input.timeZone,
    step: STEP,
    count: input.weeks ?? 4,
    match: 'same-weekday',
  });
  const { band, current, nowOffset } = comparison;
  const hasHistory = band.count.some((n) => n > 0);
  const hasToday = current.some((v) => v !== null);

  let top = 0;
  for (const series of [band.high, band.median, current]) for (const v of series) if (v !== null && v > top) top = v;
  top = top > 0 ? top * 1.1 : 1;
  const x = (offset: number) => plot.left + (offset / DAY_MS) * (plot.right - plot.left);
  const y = (v: number) => plot.bottom - (Math.max(0, v) / top) * (plot.bottom - plot.top);

  const parts: string[] = [];
  if (hasHistory) {
    parts.push(`<path data-series="band" d="${area(band.low, band.high, x, y)}" fill="${COLOR.band}" stroke="none"/>`);
    parts.push(
      `<path data-series="median" d="${line(band.median, x, y)}" fill="none" stroke="${COLOR.median}" stroke-width="1" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  }
  parts.push(axis(plot, x));
  if (hasToday) {
    parts.push(
      `<line data-series="now" x1="${n(x(nowOffset))}" y1="${plot.top}" x2="${n(x(nowOffset))}" y2="${plot.bottom}" stroke="${COLOR.now}" stroke-width="1" stroke-dasharray="2 2"/>`,
    );
    parts.push(
      `<path data-series="today" d="${line(current, x, y)}" fill="none" stroke="${COLOR.today}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  }
  if (!hasHistory || !hasToday) {
    parts.push(
      `<text data-series="no-data" x="${n((plot.left + plot.right) / 2)}" y="${n((plot.top + plot.bottom) / 2)}" text-anchor="middle" dominant-baseline="middle" ${FONT} font-size="11" fill="${COLOR.text}">${escapeXml(labels.noData)}</text>`,
    );
  }
  parts.push(legend(labels, plot.left));

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<desc>${escapeXml(summary(input, comparison, hasHistory && hasToday))}</desc>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** One sentence for screen readers: today's latest value and the usual one at the same time. */
function summary(input: RhythmChartInput, c: ReturnType<typeof compareWithUsual>, complete: boolean): string {
  const title = isolateBidi(input.title);
  if (!complete) return `${title}: ${input.labels.noData}.`;
  let i = Math.min(Math.floor(c.nowOffset / STEP), c.current.length - 1);
  while (i > 0 && c.current[i] === null) i--;
  const today = c.current[i]!;
  const { median, low, high } = c.band;
  const usual =
    median[i] === null
      ? ''
      : `, ${input.labels.usual} ${num(median[i]!)} (${input.labels.band} ${num(low[i]!)}–${num(high[i]!)})`;
  return `${title}: ${input.labels.today} ${clock(i * STEP)} ${num(today)}${usual}.`;
}

function axis(plot: { left: number; right: number; top: number; bottom: number }, x: (offset: number) => number) {
  const out = [
    `<line data-series="axis" x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="${COLOR.axis}" stroke-width="1"/>`,
  ];
  for (const hour of [0, 6, 12, 18, 24]) {
    const at = n(x(hour * HOUR));
    if (hour > 0 && hour < 24) {
      out.push(
        `<line data-series="tick" x1="${at}" y1="${plot.bottom}" x2="${at}" y2="${plot.bottom + 3}" stroke="${COLOR.axis}" stroke-width="1"/>`,
      );
    }
    const anchor = hour === 0 ? 'start' : hour === 24 ? 'end' : 'middle';
    out.push(
      `<text data-series="tick-label" x="${at}" y="${plot.bottom + 12}" text-anchor="${anchor}" ${FONT} font-size="9" fill="${COLOR.text}">${clock(hour * HOUR)}</text>`,
    );
  }
  return out.join('\n');
}

/** Today, usual and band keys on one line above the plot; widths estimated, as SVG cannot measure text here. */
function legend(labels: RhythmChartLabels, left: number): string {
  const out: string[] = [];
  let at = left;
  const items = [
    { label: labels.today, swatch: (s: number) => swatchLine(s, COLOR.today, 2) },
    { label: labels.usual, swatch: (s: number) => swatchLine(s, COLOR.median, 1) },
    {
      label: labels.band,
      swatch: (s: number) => `<rect x="${s}" y="5" width="12" height="8" fill="${COLOR.band}"/>`,
    },
  ];
  for (const item of items) {
    out.push(item.swatch(at));
    out.push(
      `<text data-series="legend" x="${at + 15}" y="12" ${FONT} font-size="9" fill="${COLOR.text}">${escapeXml(item.label)}</text>`,
    );
    at += 15 + Math.min([...item.label].length, 24) * 5 + 10;
  }
  return out.join('\n');
}

function swatchLine(x0: number, color: string, w: number): string {
  return `<line x1="${x0}" y1="9" x2="${x0 + 12}" y2="9" stroke="${color}" stroke-width="${w}"/>`;
}

/** A polyline broken at nulls; a lone point is drawn as a dot (round cap on a zero-length segment). */
function line(values: readonly (number | null)[], x: (o: number) => number, y: (v: number) => number): string {
  let d = '';
  let run = 0;
  for (let i = 0; i <= values.length; i++) {
    const v = i < values.length ? values[i] : null;
    if (v === null || v === undefined) {
      if (run === 1) d += 'h0';
      run = 0;
      continue;
    }
    d += `${run === 0 ? 'M' : 'L'}${n(x(i * STEP))},${n(y(v))}`;
    run++;
  }
  return d;
}

/** The band as closed areas: along the high edge, back along the low edge; gaps split it. */
function area(
  low: readonly (number | null)[],
  high: readonly (number | null)[],
  x: (o: number) => number,
  y: (v: number) => number,
): string {
  let d = '';
  let i = 0;
  while (i < high.length) {
    if (high[i] === null || low[i] === null) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < high.length && high[j + 1] !== null && low[j + 1] !== null) j++;
    for (let k = i; k <= j; k++) d += `${k === i ? 'M' : 'L'}${n(x(k * STEP))},${n(y(high[k]!))}`;
    for (let k = j; k >= i; k--) d += `L${n(x(k * STEP))},${n(y(low[k]!))}`;
    d += 'Z';
    i = j + 1;
  }
  return d;
}

function clock(offset: number): string {
  const minutes = Math.round(offset / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Coordinates to one decimal: small output, and sub-pixel detail is invisible at this size. */
function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function num(v: number): string {
  return String(Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10);
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 80 ? Math.round(v) : fallback;
}
