import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Running, startRun } from '@hartslag/logwatch';

/** The platform's access log in the demo's data dir, and where logwatch keeps its checkpoint. */
export function logwatchPaths(dataDir: string) {
  return {
    accessLog: path.join(dataDir, 'platform-access.log'),
    config: path.join(dataDir, 'logwatch.yaml'),
    checkpoint: path.join(dataDir, 'logwatch-state'),
  };
}

/**
 * The config of packages/logwatch/examples/reference-platform.yaml, pointed at the demo's files:
 * the platform's JSON access log as the call contract. Its series keep `service="reference-platform"`
 * (Prometheus relabels only the platform's own job into the specs' services), so the generated
 * rules count each call once, from the platform; the `logwatch` job shows the same calls as read
 * from the log.
 */
function config(paths: ReturnType<typeof logwatchPaths>): string {
  return `apiVersion: hartslag.logwatch/v1
service: reference-platform
checkpoint: { dir: ${JSON.stringify(paths.checkpoint)} }
listen: 127.0.0.1:0
sources:
  - name: platform
    path: ${JSON.stringify(paths.accessLog)}
    format: json
    timestamp: { field: time, format: iso }
    fields: { operation: operation, code: code, tenant: tenant, vendor: vendor, latency: { field: ms, unit: ms } }
    codes:
      no_token: denied
      no_contract: denied
      '401': denied
      '403': denied
      '429': denied
      '408': timeout
      '504': timeout
      2xx: success
      3xx: success
      4xx: client_error
      5xx: server_error
`;
}

export interface RunningLogwatch {
  /** Its /metrics, for the demo's Prometheus (job `logwatch`). */
  url: string;
  /** Reads the lines written up to now, stops, and says how many it counted. */
  stop(): Promise<number>;
}

/** hartslag-logwatch in this process, tailing the platform's access log. */
export async function startLogwatch(dataDir: string, onWarning: (text: string) => void): Promise<RunningLogwatch> {
  const paths = logwatchPaths(dataDir);
  writeFileSync(paths.config, config(paths));
  const running: Running = await startRun(paths.config, {
    out: () => {},
    err: (text) => {
      // Before the first call there is no log yet: that is expected, not worth a line on the console.
      if (!/serving http|matches no file yet/.test(text)) onWarning(text);
    },
  });
  return {
    url: `${running.url}/metrics`,
    async stop() {
      // The platform has closed its log by now: what is in it is all there will be.
      running.logwatch.tick();
      const counted = running.logwatch.recorded;
      await running.stop();
      return counted;
    },
  };
}
