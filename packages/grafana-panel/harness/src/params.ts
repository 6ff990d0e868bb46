/** What the page shows, read from its query string so a link is a reproducible preview. */
export interface HarnessParams {
  theme: 'light' | 'dark';
  timeZone: string;
  /** URL of a JSON data file (see data.ts); without it, `window.hartslagHarnessData` or no data. */
  dataUrl: string | null;
  /** Partial panel options, merged over the plugin's defaults. */
  options: Record<string, unknown>;
  /** End of the dashboard time range ("now"); default the last timestamp in the data. */
  to: number | null;
  /** Start of the dashboard time range; default the first timestamp in the data. */
  from: number | null;
  width: number;
  height: number;
  title: string;
  /** Folder of the built plugin (module.js, plugin.json). */
  pluginBase: string;
  /** 'panel', or 'uplot': a bare uPlot with the first series, the first-render baseline. */
  view: 'panel' | 'uplot';
  /** Record the first render's duration in `window.hartslagHarness.firstRenderMs`. */
  measure: boolean;
}

function instant(value: string | null): number | null {
  if (value === null || value === '') return null;
  const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(n) ? n : null;
}

export function readParams(search: string): HarnessParams {
  const q = new URLSearchParams(search);
  const options = q.get('options');
  return {
    theme: q.get('theme') === 'dark' ? 'dark' : 'light',
    timeZone: q.get('tz') ?? 'Europe/Amsterdam',
    dataUrl: q.get('data'),
    options: options ? (JSON.parse(options) as Record<string, unknown>) : {},
    to: instant(q.get('to') ?? q.get('now')),
    from: instant(q.get('from')),
    width: Number(q.get('width') ?? 1000),
    height: Number(q.get('height') ?? 400),
    title: q.get('title') ?? 'Daily rhythm',
    pluginBase: q.get('plugin') ?? '/plugin/',
    view: q.get('view') === 'uplot' ? 'uplot' : 'panel',
    measure: q.get('measure') === '1',
  };
}
