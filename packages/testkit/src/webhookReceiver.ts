import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a webhook receiver got: the path it was sent to and the parsed JSON body. */
export interface WebhookCall {
  path: string;
  body: unknown;
}

export interface RunningWebhookReceiver {
  /** `http://127.0.0.1:port`; receivers post to any path under it. */
  url: string;
  /** Every call so far, in arrival order. */
  readonly calls: readonly WebhookCall[];
  stop(): Promise<void>;
}

/**
 * A webhook endpoint on 127.0.0.1 that keeps what it is sent (Alertmanager's `webhook_configs`,
 * or any tool that posts JSON), answering 200 to each call.
 */
export async function startWebhookReceiver(): Promise<RunningWebhookReceiver> {
  const calls: WebhookCall[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      calls.push({ path: req.url ?? '/', body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
