import { defineConfig } from 'vitest/config';

/**
 * The demo's end-to-end test runs a whole platform under live traffic, with Prometheus and
 * Chromium: next to the load-test smoke runs, whose latency thresholds are real, it would eat their
 * CPU on 2 cores. So it runs in a second group, after every other file.
 */
const ALONE = ['demo/test/demo.test.ts'];

export default defineConfig({
  test: {
    // Real Prometheus, promtool and sockets: give slow starts room, but never hang CI.
    testTimeout: 30_000,
    // promtool and Prometheus run in child processes while a test waits: use both cores even
    // where vitest would keep one free.
    maxWorkers: 2,
    hookTimeout: 60_000,
    reporters: ['default', './scripts/summary-reporter.ts'],
    globalSetup: ['./scripts/build-panel.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'hartslag',
          include: [
            'packages/*/test/**/*.test.ts',
            'examples/*/test/**/*.test.ts',
            'loadtests/test/**/*.test.ts',
            'dashboards/test/**/*.test.ts',
            'demo/test/**/*.test.ts',
            'scripts/test/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', ...ALONE],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'end-to-end', include: ALONE, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
