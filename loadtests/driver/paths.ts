import { fileURLToPath } from 'node:url';

/** The workspace root: the reference platform is started from there so `--import tsx` resolves. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The Artillery binary pinned in loadtests/package.json (never a global one, never k6). */
export const ARTILLERY_BIN = fileURLToPath(new URL('../node_modules/.bin/artillery', import.meta.url));

/** Where the scenario catalogue writes the generated Artillery scripts. */
export const ARTILLERY_SCRIPTS_DIR = fileURLToPath(new URL('../artillery/', import.meta.url));

export const REFERENCE_PLATFORM_BIN = fileURLToPath(
  new URL('../../examples/reference-platform/bin/reference-platform.ts', import.meta.url),
);
