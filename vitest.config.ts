import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'loadtests/test/**/*.test.ts',
      'dashboards/test/**/*.test.ts',
      'demo/test/**/*.test.ts',
    ],
    // Real Prometheus, promtool and sockets: give slow starts room, but never hang CI.
    testTimeout: 30_000,
    // promtool and Prometheus run in child processes while a test waits: use both cores even
    // where vitest would keep one free.
    maxWorkers: 2,
    hookTimeout: 60_000,
    reporters: ['default', './scripts/summary-reporter.ts'],
    globalSetup: ['./scripts/build-panel.ts'],
  },
});
