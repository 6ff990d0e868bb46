/**
 * Injected by esbuild before any other module: @grafana/runtime builds its `config` from
 * `window.grafanaBootData` while it loads, and @grafana/data and @grafana/ui read feature toggles
 * from it, so it must exist before their first line runs — as Grafana's index.html sets it inline.
 */
const params = new URLSearchParams(window.location.search);
const theme = params.get('theme') === 'dark' ? 'dark' : 'light';

declare global {
  interface Window {
    grafanaBootData?: unknown;
    __grafana_public_path__?: string;
  }
}

// Icons and fonts are requested below this path; serve.ts answers them.
window.__grafana_public_path__ = '/public/';
window.grafanaBootData = {
  assets: { dark: '', light: '' },
  navTree: [],
  user: { theme, lightTheme: theme === 'light', timezone: params.get('tz') ?? 'Europe/Amsterdam', weekStart: 'monday' },
  settings: {
    appSubUrl: '',
    appUrl: window.location.origin,
    buildInfo: { version: '12.4.10', commit: 'harness', env: 'production', edition: 'Open Source' },
    featureToggles: {},
    datasources: {},
    panels: {},
    apps: {},
  },
};
