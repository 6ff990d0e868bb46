/**
 * vitest globalSetup: builds the daily-rhythm panel and its browser harness once, before any test
 * file runs. The panel's browser tests and the demo's test both need them; left to themselves they
 * could start webpack at the same time on a fresh clone, and webpack empties dist/ first. Skipped
 * in a moment while the build is newer than its sources.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'harness/build.ts'], {
    cwd: fileURLToPath(new URL('../packages/grafana-panel/', import.meta.url)),
    stdio: 'inherit',
  });
}
