import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ArtilleryResult } from './ArtilleryResult.js';
import { LoadtestDriverError } from './errors.js';
import { type ArtilleryReportJson, parseArtilleryReport } from './parseArtilleryReport.js';
import { ARTILLERY_BIN, ARTILLERY_SCRIPTS_DIR } from './paths.js';

export const SCENARIOS = ['morning-login-spike', 'restart-storm', 'restart-storm-jittered', 'steady-day'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const PROFILES = ['smoke', 'full'] as const;
export type Profile = (typeof PROFILES)[number];

export interface RunScenarioOptions {
  scenario: ScenarioName;
  profile: Profile;
  /** Base URL of the service under load, e.g. `http://127.0.0.1:8080`. */
  target: string;
  /** Extra environment for Artillery, e.g. `{ HARTSLAG_PEAK_USERS: '500' }` (the catalogue reads its scale from it). */
  env?: Record<string, string>;
  /** Directory for the JSON report and Artillery's console log. */
  outputDir: string;
  /** Kill Artillery if it runs longer than this (default: 30 minutes). */
  timeoutMs?: number;
  /**
   * Called when Artillery starts a phase (e.g. `downstream-down 2`), in order; the run's result
   * waits for the returned promises. The restart storm flips faults and restarts the service here.
   */
  onPhase?: (phase: PhaseStart) => void | Promise<void>;
}

/** A phase as Artillery announces it on its console: `Phase started: <name> (index: <i>, …)`. */
export interface PhaseStart {
  name: string;
  index: number;
}

// Without `plugins.ensure` Artillery 2 silently skips the `ensure` block, and without request
// names the per-endpoint metrics are keyed by URL (one key per patient id): force both, so a run
// always has a threshold verdict and per-operation numbers whatever the script says.
const OVERRIDES = JSON.stringify({
  config: { plugins: { ensure: {}, 'metrics-by-endpoint': { useOnlyRequestNames: true } } },
});

/**
 * Runs one catalogue scenario with the real Artillery (the pinned 2.0.22 binary) against `target`
 * and summarises its JSON report. A run that misses its thresholds resolves with
 * `thresholdsPassed: false`; only a run that could not happen at all rejects.
 */
export async function runScenario(options: RunScenarioOptions): Promise<ArtilleryResult> {
  const { scenario, profile, target, outputDir } = options;
  if (!(SCENARIOS as readonly string[]).includes(scenario)) {
    throw new LoadtestDriverError(
      'HARTSLAG_ERR_LOADTEST_UNKNOWN_SCENARIO',
      `Unknown scenario "${scenario}": use one of ${SCENARIOS.join(', ')}.`,
    );
  }
  const script = resolveScript(scenario, profile);
  mkdirSync(outputDir, { recursive: true });
  const reportPath = join(outputDir, `${scenario}.${profile}.json`);
  const args = ['run', script.path, '--target', target, '--output', reportPath, '--overrides', OVERRIDES];
  if (script.environment !== undefined) args.push('--environment', script.environment);
  let phases: Promise<void> = Promise.resolve();
  let phaseError: unknown;
  const onPhase = options.onPhase;
  const onLine =
    onPhase === undefined
      ? undefined
      : (line: string) => {
          const m = /^Phase started: (.+?) \(index: (\d+)/.exec(line);
          if (m === null) return;
          const phase = { name: m[1] as string, index: Number(m[2]) };
          phases = phases
            .then(() => onPhase(phase))
            .catch((err: unknown) => {
              phaseError ??= err;
            });
        };
  const env = {
    ...process.env,
    HARTSLAG_PROFILE: profile,
    ...options.env,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    // Runs are offline and must not phone home.
    ARTILLERY_DISABLE_TELEMETRY: 'true',
    NO_COLOR: '1',
  };
  const { exitCode, console } = await artillery(args, env, options.timeoutMs ?? 30 * 60_000, onLine);
  writeFileSync(join(outputDir, `${scenario}.${profile}.log`), console);
  // A phase action that failed (say, the service did not come back) is the run's error.
  await phases;
  if (phaseError !== undefined) throw phaseError;
  if (!existsSync(reportPath)) {
    throw new LoadtestDriverError(
      'HARTSLAG_ERR_LOADTEST_ARTILLERY_FAILED',
      `Artillery exited with ${exitCode} without writing ${reportPath}. Run \`${ARTILLERY_BIN} ${args.join(' ')}\` ` +
        `to see the error; its output ended with:\n${console.slice(-3_000)}`,
    );
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ArtilleryReportJson;
  return parseArtilleryReport(report, { scenario, profile, reportPath, exitCode, console });
}

interface ResolvedScript {
  path: string;
  /** An Artillery `config.environments` entry named after the profile, when the script has one. */
  environment?: string;
}

/**
 * Finds the generated script for a scenario and profile: `<scenario>.<profile>.yml` when the
 * catalogue writes one per profile, else `<scenario>.yml` (with `--environment <profile>` when it
 * declares one; otherwise the script reads `HARTSLAG_PROFILE`).
 */
export function resolveScript(scenario: ScenarioName, profile: Profile): ResolvedScript {
  const perProfile = join(ARTILLERY_SCRIPTS_DIR, `${scenario}.${profile}.yml`);
  if (existsSync(perProfile)) return { path: perProfile };
  const shared = join(ARTILLERY_SCRIPTS_DIR, `${scenario}.yml`);
  if (!existsSync(shared)) {
    throw new LoadtestDriverError(
      'HARTSLAG_ERR_LOADTEST_SCRIPT_MISSING',
      `No Artillery script for ${scenario} (looked for ${perProfile} and ${shared}). ` +
        'Generate them with `pnpm --filter @hartslag/loadtests generate`.',
    );
  }
  const doc = parse(readFileSync(shared, 'utf8')) as { config?: { environments?: Record<string, unknown> } };
  return doc.config?.environments?.[profile] !== undefined ? { path: shared, environment: profile } : { path: shared };
}

function artillery(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, onLine?: (line: string) => void) {
  return new Promise<{ exitCode: number; console: string }>((resolve, reject) => {
    const child = spawn(ARTILLERY_BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    // Keep the head (phases) and the tail (the `Checks:` verdict); the middle is per-period noise.
    const keep = (d: Buffer) => {
      out += d.toString();
      if (out.length > 400_000) out = out.slice(0, 50_000) + out.slice(-200_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    if (onLine !== undefined) {
      let partial = '';
      child.stdout.on('data', (d: Buffer) => {
        const lines = (partial + d.toString()).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      });
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (cause) => {
      clearTimeout(timer);
      reject(
        new LoadtestDriverError(
          'HARTSLAG_ERR_LOADTEST_ARTILLERY_FAILED',
          `Could not start ${ARTILLERY_BIN} (${String(cause)}). Install the workspace with \`pnpm install\`.`,
          { cause },
        ),
      );
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? (signal === null ? 1 : 128), console: out });
    });
  });
}

/** A phase of a generated script on the run's clock: seconds from the first phase's start. */
export interface ScheduledPhase {
  name: string;
  start: number;
  duration: number;
  /** Sessions the phase starts (arrivalCount, or the mean rate times the duration). */
  arrivals: number;
}

/**
 * The phases of a scenario's script for a profile, with their start times. Artillery announces
 * phases on its console only as its main thread gets to it (seconds late under load), so actions
 * that must hit a stage on time are scheduled from these offsets instead.
 */
export function scriptPhases(scenario: ScenarioName, profile: Profile): ScheduledPhase[] {
  const script = resolveScript(scenario, profile);
  const doc = parse(readFileSync(script.path, 'utf8')) as {
    config?: { phases?: RawPhase[]; environments?: Record<string, { phases?: RawPhase[] }> };
  };
  const raw =
    (script.environment === undefined ? undefined : doc.config?.environments?.[script.environment]?.phases) ??
    doc.config?.phases ??
    [];
  let start = 0;
  return raw.map((p, i) => {
    const duration = Number(p.duration ?? p.pause ?? 0);
    const rate = (Number(p.arrivalRate ?? 0) + Number(p.rampTo ?? p.arrivalRate ?? 0)) / 2;
    const arrivals = p.arrivalCount !== undefined ? Number(p.arrivalCount) : Math.round(rate * duration);
    const phase = { name: p.name ?? `phase ${i + 1}`, start, duration, arrivals };
    start += duration;
    return phase;
  });
}

interface RawPhase {
  name?: string;
  duration?: number | string;
  pause?: number | string;
  arrivalCount?: number | string;
  arrivalRate?: number | string;
  rampTo?: number | string;
}
