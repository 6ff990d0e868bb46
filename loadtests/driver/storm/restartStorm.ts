import { LOADTEST_SERIES } from '@hartslag/metrics/contract';
import { LoadtestDriverError } from '../errors.js';
import { pushSummary } from '../pushSummary.js';
import { runScenario, scriptPhases } from '../runScenario.js';
import { closeBooks } from './books.js';
import type { RestartStormOptions, RestartStormResult } from './options.js';
import { StormRun } from './StormRun.js';
import { StageClock } from './stageClock.js';

export type { BacklogSources, RestartStormOptions, RestartStormResult } from './options.js';

/**
 * The restart storm, driven by the catalogue's stages on the run's clock: at
 * `downstream-down` the downstream goes down and the backlog builds from the scenario's traffic
 * (the driver posts next to it); at `restart` the service is killed with SIGKILL mid-traffic and
 * started again on the same data directory and port; at `reconnect` every client logs in again;
 * the backlog drains meanwhile. The result says whether any acknowledged message was lost or
 * delivered twice, and how fast the backlog drained.
 */
export async function restartStorm(options: RestartStormOptions): Promise<RestartStormResult> {
  const script = options.variant === 'jittered' ? 'restart-storm-jittered' : 'restart-storm';
  const profile = options.profile ?? 'smoke';
  const drainTimeoutMs = options.drainTimeoutMs ?? 10 * 60_000;
  const run = await StormRun.start(options);
  const clock = new StageClock(scriptPhases(script, profile), run.stages);
  try {
    const storm = await runScenario({
      scenario: script,
      profile,
      target: run.first.url,
      env: options.env,
      outputDir: options.outputDir,
      onPhase: (phase) => {
        if (phase.index === 0) clock.start();
      },
    });
    await clock.finished();
    if (run.restarted === undefined) {
      throw new LoadtestDriverError(
        'HARTSLAG_ERR_LOADTEST_STAGE_MISSING',
        `The Artillery run ${storm.reportPath} never announced the downstream-down and restart phases. ` +
          `Regenerate loadtests/artillery/${script}.yml (\`pnpm --filter @hartslag/loadtests generate\`).`,
      );
    }
    const result = await closeBooks(run, run.restarted, storm, drainTimeoutMs);
    options.log?.(
      `drained ${result.backlogAtKill} messages in ${result.drainSeconds.toFixed(1)} s (${result.drainRate.toFixed(0)}/s)`,
    );
    if (options.pushgateway !== undefined) {
      await pushSummary({ url: options.pushgateway, phase: 'storm' }, storm, {
        [LOADTEST_SERIES.backlogMessages]: result.backlogAtKill,
        [LOADTEST_SERIES.drainSeconds]: result.drainSeconds,
        [LOADTEST_SERIES.drainRate]: result.drainRate,
        [LOADTEST_SERIES.lostMessages]: result.lost,
        [LOADTEST_SERIES.duplicateMessages]: result.duplicates,
      });
    }
    return options.keepRunning ? { ...result, platform: run.restarted.platform } : result;
  } catch (err) {
    await run.restarted?.platform.stop();
    throw err;
  } finally {
    clock.stop();
    await run.close(options.keepRunning === true);
  }
}
