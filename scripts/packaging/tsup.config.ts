// One build for every publishable package, run from the package's folder
// (`tsup --config ../../scripts/packaging/tsup.config.ts`). The entries come from the package's own
// `exports` map (subpath → src file), so a new subpath is built without touching this file; a
// `src/cli/main.ts` is built too, as ESM only, for the package's bin (it awaits at top level).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
  exports?: Record<string, string>;
  hartslag?: { workspaceOnly?: string[] };
};
// Subpaths that serve the repository only (a driver that starts the repo's reference platform).
const workspaceOnly = new Set(pkg.hartslag?.workspaceOnly ?? []);

/** `./src/demo/index.ts` → `demo/index`, so `dist/` mirrors `src/`. */
const entry: Record<string, string> = {};
for (const [subpath, file] of Object.entries(pkg.exports ?? {})) {
  if (workspaceOnly.has(subpath)) continue;
  entry[file.replace(/^\.\/src\//, '').replace(/\.ts$/, '')] = file;
}

const common: Options = {
  outDir: 'dist',
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  // import.meta.url in the CommonJS build (packages locate their own files, and load optional
  // peers with createRequire, by it).
  shims: true,
  // tsconfig.build.json where a package has one (rootDir src), else the package's own.
  tsconfig: existsSync('tsconfig.build.json') ? 'tsconfig.build.json' : 'tsconfig.json',
};

const builds: Options[] = [
  {
    ...common,
    entry,
    format: ['esm', 'cjs'],
    // One copy of each internal module per format, shared by every subpath: `instanceof` on our
    // error classes must hold whether they came from `.` or `./errors`.
    splitting: true,
    dts: true,
    clean: true,
  },
];
if (existsSync('src/cli/main.ts')) {
  builds.push({ ...common, entry: { 'cli/main': 'src/cli/main.ts' }, format: ['esm'], splitting: true });
}

export default defineConfig(builds);
