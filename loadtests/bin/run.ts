/**
 * Runs one load-test scenario with Artillery and prints its summary; exits 1 when a threshold
 * fails (or, for the restart storm, when a message was lost or delivered twice).
 *
 *   node --import tsx loadtests/bin/run.ts <scenario> [--profile smoke|full] [--target URL]
 *     [--backlog N] [--workers N] [--pushgateway URL] [--output DIR]
 *
 * Without --target it starts the reference platform on a fresh data directory and stops it after.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  formatRestartStorm,
  formatSummary,
  PROFILES,
  type Profile,
  pushSummary,
  restartStorm,
  runScenario,
  SCENARIOS,
  type ScenarioName,
  startReferencePlatform,
  stormHeld,
} from '../driver/index.js';

const USAGE = `usage: run.ts <${SCENARIOS.join('|')}> [--profile smoke|full] [--target URL] [--backlog N] [--workers N] [--pushgateway URL] [--output DIR]`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      profile: { type: 'string', default: 'smoke' },
      target: { type: 'string' },
      backlog: { type: 'string' },
      workers: { type: 'string' },
      pushgateway: { type: 'string' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const scenario = positionals[0] as ScenarioName;
  const profile = values.profile as Profile;
  if (values.help || positionals.length !== 1 || !SCENARIOS.includes(scenario) || !PROFILES.includes(profile)) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const outputDir = values.output ?? mkdtempSync(join(tmpdir(), 'hartslag-loadtest-'));
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  const log = (line: string) => process.stderr.write(`${line}\n`);

  if (scenario === 'restart-storm' || scenario === 'restart-storm-jittered') {
    const backlog = Number(values.backlog ?? process.env.HARTSLAG_BACKLOG ?? (profile === 'full' ? 200_000 : 20_000));
    const result = await restartStorm({
      backlog,
      profile,
      variant: scenario === 'restart-storm-jittered' ? 'jittered' : 'herd',
      outputDir,
      workers,
      pushgateway: values.pushgateway,
      log,
    });
    process.stdout.write(`${formatRestartStorm(result)}\n`);
    return stormHeld(result) && result.storm.thresholdsPassed ? 0 : 1;
  }

  const platform =
    values.target === undefined
      ? await startReferencePlatform({ dataDir: mkdtempSync(join(tmpdir(), 'hartslag-reference-')), workers })
      : undefined;
  try {
    const target = values.target ?? (platform?.url as string);
    log(`running ${scenario} (${profile}) against ${target}`);
    const result = await runScenario({ scenario, profile, target, outputDir });
    const rss = platform?.memory();
    process.stdout.write(`${formatSummary(result)}\n`);
    if (rss !== undefined)
      process.stdout.write(`  service peak RSS: ${(rss.peakRssBytes / 1024 / 1024).toFixed(0)} MiB\n`);
    if (values.pushgateway !== undefined) await pushSummary({ url: values.pushgateway }, result);
    return result.thresholdsPassed ? 0 : 1;
  } finally {
    await platform?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
