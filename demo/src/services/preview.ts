import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import path from 'node:path';
import { Process, waitFor } from '@hartslag/common/process';
import { GRAFANA_PANEL_DIR } from '../config/paths.js';
import { DemoError } from '../errors.js';
import { isAddressInUse, portBusy } from './ports.js';

/** The harness builds the plugin first when it is missing or stale (webpack: up to a few minutes). */
const HARNESS_READY_MS = 300_000;

/**
 * The preview page: the harness page with the demo's data, the panel `options` merged over its
 * defaults, and a title that says what it shows.
 */
export function previewPath(timeZone: string, options: Record<string, unknown> = {}): string {
  const params = new URLSearchParams({
    data: '/data/today.json',
    options: JSON.stringify(options),
    title: 'Answered calls per second: today (simulated) against yesterday, last week, last month, last year',
    tz: timeZone,
    theme: 'light',
    width: '1100',
    height: '450',
  });
  return `/?${params}`;
}

/** The harness child: `packages/grafana-panel/harness/serve.ts`, which builds the plugin if needed. */
export interface Harness {
  /** Resolves with the harness's base URL once it answers; rejects with HARTSLAG_ERR_DEMO_PREVIEW. */
  ready: Promise<string>;
  stop(): Promise<void>;
}

export function startHarness(dataFile: string): Harness {
  const proc = new Process(
    process.execPath,
    ['--import', 'tsx', path.join('harness', 'serve.ts'), '--port', '0', '--data', `today=${dataFile}`],
    GRAFANA_PANEL_DIR,
  );
  let stopped = false;
  const ready = waitFor(
    'the panel harness to print its address',
    async () => {
      if (stopped) throw new Error('stopped');
      return /harness: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(proc.output)?.[1];
    },
    HARNESS_READY_MS,
    proc,
  ).catch((cause: unknown) => {
    throw new DemoError(
      'HARTSLAG_ERR_DEMO_PREVIEW',
      `the panel preview did not start: ${(cause as Error).message.slice(0, 2_000)}\n` +
        'Build it by hand to see why (node --import tsx harness/build.ts in packages/grafana-panel), or pass --no-preview.',
      { cause },
    );
  });
  // Awaited by whoever prints it; never an unhandled rejection when nobody does.
  ready.catch(() => undefined);
  return {
    ready,
    stop: async () => {
      stopped = true;
      await proc.stop();
    },
  };
}

/**
 * The preview's own server on the port people open: the demo's live data at /data/today.json,
 * everything else (page, plugin, icons) from the harness behind it. The harness reads its data
 * files once at start; this way a reload shows the data as it is now. Until the harness answers,
 * a page that says the panel is being built.
 */
export class PreviewServer {
  private upstream: URL | undefined;
  private data = '{"series":[]}';
  private readonly server: Server;

  constructor(
    private readonly dataFile: string,
    private readonly landing: string,
  ) {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/' && url.search === '') {
        res.writeHead(302, { location: this.landing }).end();
        return;
      }
      if (url.pathname === '/data/today.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(this.data);
        return;
      }
      const upstream = this.upstream;
      if (upstream === undefined) {
        res
          .writeHead(503, {
            'content-type': 'text/html; charset=utf-8',
            'retry-after': '5',
            'cache-control': 'no-store',
          })
          .end(
            '<!doctype html><meta http-equiv="refresh" content="5"><title>Building the panel</title>' +
              '<p style="font:16px sans-serif;margin:2em">The daily-rhythm panel is being built; this page reloads in 5 seconds.</p>',
          );
        return;
      }
      const forward = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('the panel harness did not answer\n');
      });
      req.pipe(forward);
    });
  }

  /** Listens on 127.0.0.1; a busy port is HARTSLAG_ERR_DEMO_PORT_BUSY. Resolves with the base URL. */
  listen(port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', (err) => reject(isAddressInUse(err) ? portBusy('preview', port, err) : err));
      this.server.listen(port, '127.0.0.1', () => {
        const { port: bound } = this.server.address() as { port: number };
        resolve(`http://127.0.0.1:${bound}`);
      });
    });
  }

  /** Points the server at the harness once it answers. */
  connect(harnessUrl: string): void {
    this.upstream = new URL(harnessUrl);
  }

  /** Replaces the data the page loads, and the file the harness was started with. */
  setData(value: unknown): void {
    this.data = JSON.stringify(value);
    mkdirSync(path.dirname(this.dataFile), { recursive: true });
    // Renamed into place: the file is never seen half-written.
    writeFileSync(`${this.dataFile}.tmp`, this.data);
    renameSync(`${this.dataFile}.tmp`, this.dataFile);
  }

  close(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
