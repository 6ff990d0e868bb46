import { freePort, Process, waitFor } from '@hartslag/common/process';
import { requireTool } from './requireTool.js';

export interface RunningPushgateway {
  url: string;
  stop(): Promise<void>;
}

/** Starts the real Prometheus Pushgateway (Debian's `prometheus-pushgateway`) on 127.0.0.1. */
export async function startPushgateway(): Promise<RunningPushgateway> {
  requireTool('prometheus-pushgateway');
  const port = await freePort();
  // No persistence: Debian's build defaults to a shared file, so one run would see the last one's pushes.
  const proc = new Process('prometheus-pushgateway', [
    `--web.listen-address=127.0.0.1:${port}`,
    '--persistence.file=',
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'the Pushgateway to be ready',
      async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
      20_000,
      proc,
    );
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { url, stop: () => proc.stop() };
}
