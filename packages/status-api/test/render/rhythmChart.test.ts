import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type RhythmChartInput, renderRhythmChart } from '../../src/render/rhythmChart.js';

const M = 60_000;
const H = 3_600_000;
const STEP = 5 * M;
const labels = { today: 'today', usual: 'usual day', band: 'usual range', noData: 'no data yet' };

/** Calls/min by local hour: the 08:00 start-up peak of a pharmacy hub, a lunch dip, a quiet night. */
function rate(hour: number): number {
  if (hour < 6) return 20;
  if (hour < 8) return 200;
  if (hour < 10) return 400;
  if (hour < 12) return 300;
  if (hour < 13) return 150;
  if (hour < 18) return 250;
  return 60;
}

/** 5-minute points over whole local days of Amsterdam in summer (+02:00), until `until` (exclusive). */
function summerDays(dates: string[], until = Number.POSITIVE_INFINITY, bump = 0) {
  const points: { t: number; v: number }[] = [];
  for (const date of dates) {
    const midnight = Date.parse(`${date}T00:00:00+02:00`);
    for (let m = 0; m < 1440; m += 5) {
      const t = midnight + m * M;
      if (t < until) points.push({ t, v: rate(Math.floor(m / 60)) + bump });
    }
  }
  return points;
}

interface Element {
  [key: string]: unknown;
}
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['path', 'line', 'text', 'rect'].includes(name),
});

function parse(svg: string) {
  expect(XMLValidator.validate(svg)).toBe(true);
  return parser.parse(svg).svg as {
    role: string;
    title: string;
    desc: string;
    path?: Element[];
    line?: Element[];
    text?: Element[];
  };
}

function bySeries(list: Element[] | undefined, series: string): Element[] {
  return (list ?? []).filter((e) => e['data-series'] === series);
}

/** [x, y] of every M/L command of a path. */
function coordinates(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** x of an offset, read from the axis the chart drew. */
function xOf(svg: ReturnType<typeof parse>, offset: number): number {
  const axis = bySeries(svg.line, 'axis')[0]!;
  const [x1, x2] = [Number(axis.x1), Number(axis.x2)];
  return x1 + (offset / (24 * H)) * (x2 - x1);
}

const tuesdays = ['2026-05-12', '2026-05-19', '2026-05-26', '2026-06-02'];
const now = Date.parse('2026-06-09T10:05:00+02:00');
const base: RhythmChartInput = {
  // The history has other days too, which must stay out of a Tuesday's band.
  points: [
    ...summerDays(['2026-05-10', '2026-05-16', '2026-06-07'], Number.POSITIVE_INFINITY, 5000),
    ...summerDays(tuesdays),
    // Today, with points "after now" that a skewed clock could deliver.
    ...summerDays(['2026-06-09'], now + 2 * H, 12),
  ],
  now,
  timeZone: 'Europe/Amsterdam',
  title: 'Calls today: Medicatiehistorie',
  labels,
};

describe('the rhythm chart', () => {
  const svg = renderRhythmChart(base);
  const doc = parse(svg);

  it('is an accessible image with a title and a one-sentence summary', () => {
    expect(doc.role).toBe('img');
    expect(doc.title).toBe('Calls today: Medicatiehistorie');
    // 10:05 is in the 400 calls/min peak; today runs 12 above the usual day.
    expect(doc.desc).toBe('Calls today: Medicatiehistorie: today 10:05 312, usual day 300 (usual range 300–300).');
  });

  it('draws the band, the median and today', () => {
    for (const series of ['band', 'median', 'today']) {
      const [path] = bySeries(doc.path, series);
      expect(path, series).toBeDefined();
      expect(coordinates(String(path!.d)).length, series).toBeGreaterThan(10);
    }
    expect(bySeries(doc.text, 'no-data')).toEqual([]);
  });

  it('builds the usual day from the same weekday only', () => {
    // The weekend days of 5000+ calls/min would lift the scale far above today's line.
    const ys = coordinates(String(bySeries(doc.path, 'today')[0]!.d)).map(([, y]) => y);
    const axisY = Number(bySeries(doc.line, 'axis')[0]!.y1);
    expect(Math.min(...ys)).toBeLessThan(axisY - 50);
  });

  it('ends today at now', () => {
    const xs = coordinates(String(bySeries(doc.path, 'today')[0]!.d)).map(([x]) => x);
    const nowX = Number(bySeries(doc.line, 'now')[0]!.x1);
    expect(nowX).toBeCloseTo(xOf(doc, 10 * H + 5 * M), 0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(nowX);
    expect(xs).toHaveLength((10 * H + 5 * M) / STEP + 1);
  });

  it('labels the x axis from 00:00 to 24:00 with ticks at 06, 12 and 18', () => {
    expect(bySeries(doc.text, 'tick-label').map((t) => t['#text'])).toEqual([
      '00:00',
      '06:00',
      '12:00',
      '18:00',
      '24:00',
    ]);
    expect(bySeries(doc.line, 'tick').map((t) => Number(t.x1))).toEqual(
      [6, 12, 18].map((h) => Math.round(xOf(doc, h * H) * 10) / 10),
    );
  });

  it('contains nothing that runs or loads', () => {
    expect(svg).not.toMatch(/<script|href|url\(|class=|style=|<foreignObject|on[a-z]+=/i);
  });

  it('takes its size from the input', () => {
    const wide = parser.parse(renderRhythmChart({ ...base, width: 640, height: 200 })).svg;
    expect([wide.width, wide.height, wide.viewBox]).toEqual(['640', '200', '0 0 640 200']);
  });
});

describe('the rhythm chart with hostile text', () => {
  const hostile = '<script>alert("x")</script> ]]> & \'quoted\' "double" שלום עליכם 🚑\u0007\u202E';

  it('escapes the title and labels and stays valid XML', () => {
    const svg = renderRhythmChart({
      ...base,
      title: hostile,
      labels: { today: hostile, usual: '<b>', band: ']]>', noData: '&amp;' },
    });
    const doc = parse(svg);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain(']]>');
    expect(doc.title).toBe(hostile.replace('\u0007', '\uFFFD'));
    expect(bySeries(doc.text, 'legend').map((t) => t['#text'])).toEqual([
      hostile.replace('\u0007', '\uFFFD'),
      '<b>',
      ']]>',
    ]);
    // Right-to-left text in the summary is isolated, so it cannot reorder the numbers after it.
    expect(doc.desc.startsWith('\u2068')).toBe(true);
  });

  it('escapes the no-data message', () => {
    const doc = parse(renderRhythmChart({ ...base, points: [], labels: { ...labels, noData: '<i>&</i>' } }));
    expect(bySeries(doc.text, 'no-data')[0]!['#text']).toBe('<i>&</i>');
  });
});

describe('the rhythm chart on DST days in Europe/Amsterdam', () => {
  /** Every 5 minutes in real time over a whole local day, so the 25-hour day has 300 points. */
  function realTimeDay(start: string, end: string, v: (t: number) => number) {
    const points: { t: number; v: number }[] = [];
    for (let t = Date.parse(start); t < Date.parse(end); t += STEP) points.push({ t, v: v(t) });
    return points;
  }

  it('renders the 25-hour day as 24 wall-clock hours, the repeated hour once', () => {
    // History: four Sundays before 2026-10-25 (summer time); today: the whole fall-back day.
    const history = summerDays(['2026-09-27', '2026-10-04', '2026-10-11', '2026-10-18']);
    const today = realTimeDay('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', () => 100);
    expect(today).toHaveLength(300);
    const doc = parse(
      renderRhythmChart({
        ...base,
        points: [...history, ...today],
        now: Date.parse('2026-10-25T22:55:00Z'), // 23:55 CET
      }),
    );
    const xs = coordinates(String(bySeries(doc.path, 'today')[0]!.d)).map(([x]) => x);
    expect(xs).toHaveLength(288);
    for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThan(xs[i - 1]!);
    expect(xs[0]).toBeCloseTo(xOf(doc, 0), 1);
    expect(xs.at(-1)).toBeCloseTo(xOf(doc, 23 * H + 55 * M), 1);
  });

  it('leaves 02:00–03:00 empty on the 23-hour day and still spans 24 wall-clock hours', () => {
    const history = summerDays(['2026-03-01', '2026-03-08', '2026-03-15', '2026-03-22'].map((d) => d));
    const today = realTimeDay('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', () => 100);
    const doc = parse(
      renderRhythmChart({
        ...base,
        points: [...history, ...today],
        now: Date.parse('2026-03-29T21:55:00Z'), // 23:55 CEST
      }),
    );
    const d = String(bySeries(doc.path, 'today')[0]!.d);
    expect(d.match(/M/g)).toHaveLength(2);
    const xs = coordinates(d).map(([x]) => x);
    expect(xs).toHaveLength(288 - 12);
    expect(xs.some((x) => x > xOf(doc, 2 * H) - 0.05 && x < xOf(doc, 3 * H) - 0.05)).toBe(false);
    expect(xs.at(-1)).toBeCloseTo(xOf(doc, 23 * H + 55 * M), 1);
  });
});

describe('the rhythm chart without data', () => {
  it('says so when there is nothing at all', () => {
    const svg = renderRhythmChart({ ...base, points: [] });
    const doc = parse(svg);
    expect(bySeries(doc.text, 'no-data')[0]!['#text']).toBe('no data yet');
    expect(doc.desc).toBe('Calls today: Medicatiehistorie: no data yet.');
    expect(doc.path ?? []).toEqual([]);
  });

  it('says so when today has no data yet, and still shows the usual day', () => {
    const doc = parse(renderRhythmChart({ ...base, points: summerDays(tuesdays) }));
    expect(bySeries(doc.text, 'no-data')).toHaveLength(1);
    expect(bySeries(doc.path, 'band')).toHaveLength(1);
    expect(bySeries(doc.path, 'today')).toEqual([]);
  });

  it('says so when there is no history to compare with', () => {
    const doc = parse(renderRhythmChart({ ...base, points: summerDays(['2026-06-09'], now) }));
    expect(bySeries(doc.text, 'no-data')).toHaveLength(1);
    expect(bySeries(doc.path, 'today')).toHaveLength(1);
    expect(bySeries(doc.path, 'band')).toEqual([]);
  });

  it('refuses an unknown time zone instead of drawing the day of the server', () => {
    expect(() => renderRhythmChart({ ...base, timeZone: 'Europe/Amsterdamm' })).toThrowError(
      expect.objectContaining({ code: 'HARTSLAG_ERR_RHYTHM_TIMEZONE_INVALID' }),
    );
  });
});
