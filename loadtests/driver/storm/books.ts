import type { ArtilleryResult } from '../ArtilleryResult.js';
import { settle } from './drain.js';
import type { RestartStormResult } from './options.js';
import type { Restarted, StormRun } from './StormRun.js';

/**
 * Closes the books once the storm's traffic has ended: waits for every message to be delivered,
 * then compares what clients were acknowledged with what the restarted service holds.
 */
export async function closeBooks(
  run: StormRun,
  restarted: Restarted,
  storm: ArtilleryResult,
  drainTimeoutMs: number,
): Promise<Omit<RestartStormResult, 'platform'>> {
  const drainSeconds = await restarted.drained;
  const { platform, atRestart } = restarted;
  // The storm's own messages are delivered too before the books are closed.
  const final = await settle(platform.url, drainTimeoutMs);
  const backlogAtKill = atRestart.accepted - run.deliveredAtKill;
  const sources = run.sources;
  sources.traffic = Math.max(0, backlogAtKill - sources.posted - sources.bulk);
  const trafficAcks = storm.operations['send-message']?.codes['202'] ?? 0;
  const acknowledged = trafficAcks + sources.posted + sources.bulk;
  return {
    acknowledged,
    lost: Math.max(0, run.base.accepted + acknowledged - final.accepted),
    backlogAtKill,
    backlogSources: sources,
    ...final,
    fillSeconds: run.fillSeconds,
    drainSeconds,
    drainRate: drainSeconds > 0 ? backlogAtKill / drainSeconds : Number.POSITIVE_INFINITY,
    restartSeconds: run.restartSeconds,
    storm,
    peakRssBytes: { beforeKill: run.peakRssBeforeKill, afterDrain: platform.memory()?.peakRssBytes },
    stages: await restarted.stages,
    url: platform.url,
  };
}
