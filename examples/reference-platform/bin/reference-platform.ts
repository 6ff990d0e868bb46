import { parseArgs } from 'node:util';
import { createReferencePlatform, PlatformError } from '../src/index.js';

const USAGE =
  'usage: reference-platform --data-dir DIR [--port 0] [--host 127.0.0.1] [--workers 4] [--delivery-ms 5] ' +
  '[--latency-scale 1] [--seed 1] [--admin-token reference-admin]';

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new PlatformError('HARTSLAG_ERR_PLATFORM_CLI', `--${flag} must be a number, got "${value}". ${USAGE}`);
  }
  return n;
}

async function main(): Promise<void> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        workers: { type: 'string' },
        'delivery-ms': { type: 'string' },
        'latency-scale': { type: 'string' },
        seed: { type: 'string' },
        'admin-token': { type: 'string' },
      },
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (err) {
    throw new PlatformError('HARTSLAG_ERR_PLATFORM_CLI', `${(err as Error).message}. ${USAGE}`);
  }
  if (values['data-dir'] === undefined) {
    throw new PlatformError(
      'HARTSLAG_ERR_PLATFORM_CLI',
      `--data-dir is required (the message queue lives there). ${USAGE}`,
    );
  }
  const platform = await createReferencePlatform({
    dataDir: values['data-dir'],
    port: number('port', values.port) ?? 0,
    host: values.host,
    workers: number('workers', values.workers),
    deliveryMs: number('delivery-ms', values['delivery-ms']),
    latencyScale: number('latency-scale', values['latency-scale']),
    seed: number('seed', values.seed),
    adminToken: values['admin-token'],
  });
  process.stdout.write(`listening ${platform.url}\n`);
  const stop = (signal: string) => {
    process.stdout.write(`${signal}: stopping\n`);
    platform.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`${(err as Error).stack}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof PlatformError ? `${err.code}: ${err.message}` : (err as Error).stack}\n`);
  process.exit(2);
});
