import type { ArtilleryResult } from './ArtilleryResult.js';
import type { RestartStormResult } from './storm/restartStorm.js';
import { formatStageDrain } from './storm/stageDrain.js';

const n = (v: number, digits = 0) => v.toLocaleString('en-US', { maximumFractionDigits: digits });

/** A run's summary as a human reads it in a terminal or CI log. */
export function formatSummary(r: ArtilleryResult): string {
  const lines = [
    `${r.scenario} (${r.profile}): ${r.thresholdsPassed ? 'thresholds passed' : 'THRESHOLDS FAILED'}`,
    `  ${n(r.requests)} requests in ${n(r.durationSeconds, 1)} s: ${n(r.rps, 1)} req/s mean, ${n(r.peakRps, 1)} req/s peak`,
    `  ${n(r.vusersCreated)} sessions (${n(r.vusersFailed)} failed), ${n(r.peakSessionsPerSecond, 1)} sessions/s peak`,
    '  operation                       requests   errors  rejected    p95 ms    p99 ms',
  ];
  for (const [name, o] of Object.entries(r.operations).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `  ${name.padEnd(30)} ${n(o.requests).padStart(9)} ${n(o.errors).padStart(8)} ${n(o.rejected).padStart(9)} ` +
        `${n(o.latency?.p95 ?? Number.NaN, 1).padStart(9)} ${n(o.latency?.p99 ?? Number.NaN, 1).padStart(9)}`,
    );
  }
  for (const c of r.checks) lines.push(`  ${c.passed ? 'ok  ' : 'FAIL'} ${c.expression}`);
  lines.push(`  report: ${r.reportPath}`);
  return lines.join('\n');
}

/** The restart storm's verdict: nothing lost, nothing twice, and how fast the backlog drained. */
export function formatRestartStorm(r: RestartStormResult): string {
  const mb = (b: number | undefined) => (b === undefined ? 'n/a' : `${n(b / 1024 / 1024)} MiB`);
  return [
    `restart storm: ${stormHeld(r) ? 'no message lost or duplicated' : 'MESSAGES LOST OR DUPLICATED'}`,
    `  backlog ${n(r.backlogAtKill)} after ${n(r.fillSeconds, 1)} s of downstream down (traffic ${n(r.backlogSources.traffic)}, ` +
      `posted ${n(r.backlogSources.posted)}, bulk ${n(r.backlogSources.bulk)}); kill -9; back in ${n(r.restartSeconds, 1)} s`,
    `  drained in ${n(r.drainSeconds, 2)} s: ${n(r.drainRate)} messages/s`,
    `  accepted ${n(r.accepted)}, delivered ${n(r.delivered)}, duplicates ${n(r.duplicates)}, backlog ${n(r.backlog)}` +
      ` (acknowledged with 202: ${n(r.acknowledged)}, lost: ${n(r.lost)})`,
    `  peak RSS: ${mb(r.peakRssBytes.beforeKill)} before the kill, ${mb(r.peakRssBytes.afterDrain)} after the drain`,
    ...(r.stages.length > 0 ? ['  per stage, just after the restart:', formatStageDrain(r.stages)] : []),
    formatSummary(r.storm),
  ].join('\n');
}

/** True when every acknowledged message was delivered exactly once. */
export function stormHeld(r: RestartStormResult): boolean {
  return r.lost === 0 && r.accepted === r.delivered && r.duplicates === 0 && r.backlog === 0;
}
