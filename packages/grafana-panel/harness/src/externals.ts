import * as emotionCss from '@emotion/css';
import * as grafanaData from '@grafana/data';
import * as grafanaI18n from '@grafana/i18n';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaSchema from '@grafana/schema';
import * as grafanaUi from '@grafana/ui';
import * as react from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import * as reactDom from 'react-dom';
import { HarnessError } from './HarnessError.js';

type Factory = (...deps: unknown[]) => unknown;

/**
 * The modules Grafana hands a plugin's AMD `define` — the same npm packages the page renders with,
 * so React, the theme context and the emotion cache are single instances as in Grafana.
 * Names follow create-plugin's `.config/bundler/externals.ts`, limited to the packages this one
 * depends on (a plugin cannot import the others); any other name is reported when a plugin asks.
 */
const EXTERNALS: Record<string, unknown> = {
  react,
  'react-dom': reactDom,
  'react/jsx-runtime': jsxRuntime,
  'react/jsx-dev-runtime': jsxRuntime,
  '@grafana/data': grafanaData,
  '@grafana/ui': grafanaUi,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/schema': grafanaSchema,
  '@grafana/i18n': grafanaI18n,
  '@emotion/css': emotionCss,
};

export const EXTERNAL_NAMES: readonly string[] = [...Object.keys(EXTERNALS), 'module'];

declare global {
  interface Window {
    define?: ((deps: string[] | Factory, factory?: Factory) => void) & { amd?: object };
  }
}

/**
 * Loads an AMD plugin bundle (`dist/module.js`) with a script tag and a global `define` that gives
 * its factory the real modules, and resolves with what the factory returns (the plugin's exports).
 * `module` gets the script URL, which webpack's runtime uses as its public path.
 */
export function loadAmdModule(url: string): Promise<Record<string, unknown>> {
  const absolute = new URL(url, window.location.href).href;
  return new Promise((resolve, reject) => {
    let exported: Record<string, unknown> | undefined;
    const define = (depsOrFactory: string[] | Factory, maybeFactory?: Factory) => {
      const deps = Array.isArray(depsOrFactory) ? depsOrFactory : [];
      const factory = typeof depsOrFactory === 'function' ? depsOrFactory : maybeFactory;
      const missing = deps.filter((name) => name !== 'module' && !(name in EXTERNALS));
      if (missing.length > 0 || !factory) {
        reject(
          new HarnessError(
            'HARTSLAG_ERR_HARNESS_EXTERNAL_MISSING',
            `${url} asks for ${missing.join(', ') || 'no factory'}, which the harness does not provide. ` +
              `Add the package to EXTERNALS in harness/src/externals.ts (provided: ${EXTERNAL_NAMES.join(', ')}).`,
          ),
        );
        return;
      }
      const args = deps.map((name) => (name === 'module' ? { id: url, uri: absolute } : EXTERNALS[name]));
      exported = factory(...args) as Record<string, unknown>;
    };
    define.amd = {};
    window.define = define;
    const script = document.createElement('script');
    script.src = absolute;
    script.onload = () => {
      if (exported) resolve(exported);
      else
        reject(
          new HarnessError(
            'HARTSLAG_ERR_HARNESS_PLUGIN_INVALID',
            `${url} loaded but did not call define(); build it with create-plugin's webpack config (pnpm build).`,
          ),
        );
    };
    script.onerror = () =>
      reject(
        new HarnessError(
          'HARTSLAG_ERR_HARNESS_PLUGIN_NOT_BUILT',
          `${url} could not be loaded; run \`pnpm build\` in packages/grafana-panel so dist/module.js exists.`,
        ),
      );
    document.head.appendChild(script);
  });
}
