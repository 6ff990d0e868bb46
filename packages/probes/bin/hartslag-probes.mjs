#!/usr/bin/env node
// Runs the TypeScript source through tsx inside the workspace (a checkout has src/; its built dist/
// would import the other workspace packages' sources), the compiled CLI when installed from the
// registry (the tarball ships dist/ and no src/, and no tsx). Written by pnpm generate from
// scripts/packaging/bins.mjs: edit it there.
import { existsSync } from 'node:fs';

const src = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(src)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(src.href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
