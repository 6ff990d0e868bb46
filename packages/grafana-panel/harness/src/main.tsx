import { getThemeById, PanelOptionsEditorBuilder, PanelPlugin, type PanelPluginMeta } from '@grafana/data';
import { config } from '@grafana/runtime';
import { createRoot } from 'react-dom/client';
import { loadHarnessData, preparePanelData } from './data.js';
import { loadAmdModule } from './externals.js';
import { firstDrawAfter } from './firstDraw.js';
import { HarnessError } from './HarnessError.js';
import { HarnessPage, type HarnessPageProps } from './HarnessPage.js';
import { registerOptionEditors } from './optionEditors.js';
import { readParams } from './params.js';

/** An option of the plugin's editor as `setPanelOptions` built it. */
export interface HarnessOptionItem {
  path: string;
  id: string;
  name: string;
  category: string[];
  defaultValue: unknown;
  /** The editor resolved to a component (a registered standard editor or the plugin's own). */
  hasEditor: boolean;
  /** `showIf` evaluated against the default options. */
  visible: boolean;
}

/** What the page reports on `window.hartslagHarness`, for tests, benchmarks and previews. */
export interface HarnessApi {
  /** 'ready' once the page rendered, also when the panel then threw (see `error`). */
  state: 'loading' | 'ready' | 'error';
  /** Why the page or the panel failed: a HarnessError's code, or PANEL_RENDER for a panel that threw. */
  error?: { code?: string; message: string };
  plugin?: PanelPlugin;
  /** `plugin instanceof PanelPlugin` against the page's own @grafana/data. */
  isPanelPlugin?: boolean;
  pluginId?: string;
  optionItems?: HarnessOptionItem[];
  /** The options the panel got: the plugin's defaults with the `options` parameter merged over. */
  options?: Record<string, unknown>;
  /** ms from rendering the panel to its canvas drawn (with `measure=1`). */
  firstRenderMs?: number;
  /** The panel chrome's background colour as the theme painted it. */
  background?: string;
}

declare global {
  interface Window {
    hartslagHarness: HarnessApi;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeOptions(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] = isObject(value) && isObject(base[key]) ? mergeOptions(base[key], value) : value;
  }
  return out;
}

function optionItems(plugin: PanelPlugin, options: Record<string, unknown>): HarnessOptionItem[] {
  const builder = new PanelOptionsEditorBuilder();
  plugin.getPanelOptionsSupplier()(builder, { data: [] });
  return builder.getItems().map((item) => ({
    path: item.path,
    id: item.id,
    name: item.name,
    category: item.category ?? [],
    defaultValue: item.defaultValue,
    hasEditor: item.editor !== undefined && item.editor !== null,
    visible: item.showIf ? Boolean(item.showIf(options, [])) : true,
  }));
}

/** The first painted background in the panel chrome (its own, not the page's canvas colour). */
function chromeBackground(root: HTMLElement): string {
  const frame = root.querySelector('[data-testid="harness-frame"]');
  for (const el of frame ? [frame, ...frame.querySelectorAll('*')] : []) {
    const colour = getComputedStyle(el).backgroundColor;
    if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
  }
  return getComputedStyle(document.body).backgroundColor;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** React commits `root.render()` in a later task: wait for the chrome, then for a painted frame. */
async function committed(root: HTMLElement): Promise<void> {
  while (!root.querySelector('[data-testid="harness-frame"]')) await new Promise((r) => setTimeout(r, 1));
  await nextFrame();
}

async function start(api: HarnessApi): Promise<void> {
  registerOptionEditors();
  const params = readParams(window.location.search);
  const exported = await loadAmdModule(`${params.pluginBase}module.js`);
  const plugin = exported.plugin;
  if (!(plugin instanceof PanelPlugin)) {
    throw new HarnessError(
      'HARTSLAG_ERR_HARNESS_PLUGIN_INVALID',
      `${params.pluginBase}module.js exports no \`plugin\` that is a PanelPlugin; export \`new PanelPlugin(...)\` from src/module.ts.`,
    );
  }
  const metaResponse = await fetch(`${params.pluginBase}plugin.json`);
  // Grafana attaches plugin.json as `meta` when it imports a plugin.
  plugin.meta = { ...(await metaResponse.json()), module: `${params.pluginBase}module.js`, baseUrl: params.pluginBase };
  api.plugin = plugin;
  api.isPanelPlugin = true;
  api.pluginId = (plugin.meta as PanelPluginMeta).id;

  const options = mergeOptions(plugin.defaults as Record<string, unknown>, params.options);
  api.options = options;
  api.optionItems = optionItems(plugin, options);

  const theme = getThemeById(params.theme);
  config.theme2 = theme;
  config.theme = theme.v1;
  const input = await loadHarnessData(params.dataUrl);
  const prepared = preparePanelData(input, plugin, theme, params.timeZone, { from: params.from, to: params.to });

  const element = document.getElementById('root')!;
  const root = createRoot(element);
  const page = (view: HarnessPageProps['view']) => (
    <HarnessPage
      plugin={plugin}
      theme={theme}
      view={view}
      data={prepared.data}
      timeRange={prepared.timeRange}
      timeZone={params.timeZone}
      options={options}
      fieldConfig={prepared.fieldConfig}
      width={params.width}
      height={params.height}
      title={params.title}
      onOptionsChange={(next) => Object.assign(options, next)}
      onPanelError={(error) => {
        api.error = { code: 'PANEL_RENDER', message: error.message };
        console.error(error);
      }}
    />
  );
  if (params.measure) {
    // Chrome, global styles and fonts first; then only the panel's own first render is timed.
    root.render(page('none'));
    await committed(element);
    await nextFrame();
    const startedAt = performance.now();
    const drawn = firstDrawAfter(startedAt, element);
    root.render(page(params.view));
    api.firstRenderMs = await drawn;
  } else {
    root.render(page(params.view));
    await committed(element);
  }
  api.background = chromeBackground(element);
  api.state = 'ready';
}

const api: HarnessApi = { state: 'loading' };
window.hartslagHarness = api;
start(api).catch((error: unknown) => {
  const e = error as { code?: string; message?: string };
  api.error = { code: e.code, message: e.message ?? String(error) };
  api.state = 'error';
  const root = document.getElementById('root');
  if (root) root.textContent = `${e.code ?? 'Error'}: ${api.error.message}`;
  console.error(error);
});
