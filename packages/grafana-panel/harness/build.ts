/**
 * Builds what the browser harness serves: the harness page (esbuild → harness/dist) and the plugin
 * itself (create-plugin's webpack → dist/module.js). Each build is skipped while its output is newer
 * than its sources. `node --import tsx harness/build.ts [--force]`.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

export const HARNESS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PACKAGE_DIR = path.dirname(HARNESS_DIR);
export const HARNESS_DIST = path.join(HARNESS_DIR, 'dist');
export const PLUGIN_DIST = path.join(PACKAGE_DIR, 'dist');

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function isFresh(output: string, sources: string[]): boolean {
  return existsSync(output) && statSync(output).mtimeMs >= Math.max(...sources.map(newestMtime));
}

/**
 * Every bare import resolved as `require()` would resolve it: @grafana/* then load their CommonJS
 * builds everywhere. Grafana's packages ship ESM and CJS side by side, and a page that gets both
 * (its own `import` of the ESM build, @grafana/ui's `require` of the CJS one) has two theme
 * contexts and two emotion caches — the panel then renders unthemed.
 */
const commonJsEverywhere: Plugin = {
  name: 'commonjs-everywhere',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.kind === 'require-call' || args.kind === 'entry-point' || args.pluginData === 'forced') return undefined;
      const result = await b.resolve(args.path, {
        kind: 'require-call',
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'forced',
      });
      if (result.errors.length > 0) return { errors: result.errors };
      return {
        path: result.path,
        namespace: result.namespace,
        external: result.external,
        sideEffects: result.sideEffects,
      };
    });
  },
};

export interface BuildResult {
  dir: string;
  /** false when the existing output was newer than every source and was reused. */
  built: boolean;
  ms: number;
}

export async function buildHarness({ force = false } = {}): Promise<BuildResult> {
  const started = performance.now();
  const out = path.join(HARNESS_DIST, 'harness.js');
  const sources = [
    path.join(HARNESS_DIR, 'src'),
    path.join(HARNESS_DIR, 'build.ts'),
    path.join(PACKAGE_DIR, 'package.json'),
  ];
  if (!force && isFresh(out, sources)) return { dir: HARNESS_DIST, built: false, ms: performance.now() - started };
  mkdirSync(HARNESS_DIST, { recursive: true });
  await build({
    entryPoints: [path.join(HARNESS_DIR, 'src', 'main.tsx')],
    inject: [path.join(HARNESS_DIR, 'src', 'bootData.ts')],
    outfile: out,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    // No "module" condition or field: see commonJsEverywhere.
    conditions: [],
    mainFields: ['browser', 'main'],
    plugins: [commonJsEverywhere],
    alias: { 'monaco-editor': path.join(HARNESS_DIR, 'src', 'stubs', 'monaco-editor.ts') },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file', '.gif': 'file' },
    logLevel: 'error',
    legalComments: 'none',
  });
  copyFileSync(path.join(HARNESS_DIR, 'src', 'index.html'), path.join(HARNESS_DIST, 'index.html'));
  return { dir: HARNESS_DIST, built: true, ms: performance.now() - started };
}

/** create-plugin's production build (`pnpm build`), run directly so no package manager is needed. */
export async function buildPlugin({ force = false } = {}): Promise<BuildResult> {
  const started = performance.now();
  const out = path.join(PLUGIN_DIST, 'module.js');
  const sources = [path.join(PACKAGE_DIR, 'src'), path.join(PACKAGE_DIR, 'webpack.config.ts')];
  if (!force && isFresh(out, sources)) return { dir: PLUGIN_DIST, built: false, ms: performance.now() - started };
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      path.join(PACKAGE_DIR, 'node_modules', '.bin', 'webpack'),
      ['-c', './webpack.config.ts', '--env', 'production'],
      {
        cwd: PACKAGE_DIR,
        env: { ...process.env, TS_NODE_COMPILER_OPTIONS: '{"module":"commonjs","moduleResolution":"node"}' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`the plugin's webpack build failed (exit ${code}):\n${output.slice(-4000)}`)),
    );
  });
  return { dir: PLUGIN_DIST, built: true, ms: performance.now() - started };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const plugin = await buildPlugin({ force });
  const harness = await buildHarness({ force });
  for (const [what, r] of [
    ['plugin', plugin],
    ['harness', harness],
  ] as const) {
    process.stdout.write(`${what}: ${r.built ? `built in ${Math.round(r.ms)} ms` : 'up to date'} → ${r.dir}\n`);
  }
}
