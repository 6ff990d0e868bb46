/**
 * A small HTTP server for the harness page on 127.0.0.1: the page (harness/dist), the built plugin
 * (dist/ under /plugin/), data files (/data/<name>.json, set by the caller) and the bits of
 * Grafana's public folder the page asks for (icons from @grafana/ui, fonts).
 * `node --import tsx harness/serve.ts [--port 3001] [--data name=file.json …]` serves the pharmacy
 * fixture as /data/pharmacy.json and prints a preview link.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HARNESS_DIST, PACKAGE_DIR, PLUGIN_DIST } from './build.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

const ICONS = path.join(
  path.dirname(createRequire(path.join(PACKAGE_DIR, 'package.json')).resolve('@grafana/ui/package.json')),
  'dist',
  'public',
  'img',
  'icons',
);
// Grafana's own fonts (Inter, Roboto Mono) ship with Grafana, not on npm: the system's DejaVu
// stands in, so the page makes no failing font requests.
const FONTS: Record<string, string> = {
  inter: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  roboto: '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
};

export interface HarnessServer {
  /** Base URL, e.g. http://127.0.0.1:41234/ — the page is its index. */
  url: string;
  /** Serves `value` as JSON at /data/<name>.json (replacing an earlier one). */
  setData(name: string, value: unknown): void;
  close(): Promise<void>;
}

export interface HarnessServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  data?: Record<string, unknown>;
  /** The built plugin to serve under /plugin/; default the package's dist/. */
  pluginDir?: string;
}

/** `root` joined with the request path, or null when the path leaves `root`. */
function inside(root: string, requestPath: string): string | null {
  const file = path.join(root, path.normalize(decodeURIComponent(requestPath)));
  return file.startsWith(root + path.sep) && existsSync(file) && statSync(file).isFile() ? file : null;
}

function route(
  pathname: string,
  data: Map<string, string>,
  pluginDir: string,
): { body: string | Buffer; type: string } | null {
  const dataMatch = /^\/data\/([\w.-]+)\.json$/.exec(pathname);
  if (dataMatch) {
    const body = data.get(dataMatch[1]!);
    return body === undefined ? null : { body, type: TYPES['.json']! };
  }
  const fontMatch = /^\/public\/fonts\/(inter|roboto)\//.exec(pathname);
  if (fontMatch) {
    const font = FONTS[fontMatch[1]!]!;
    return existsSync(font) ? { body: readFileSync(font), type: TYPES['.ttf']! } : null;
  }
  let file: string | null = null;
  if (pathname.startsWith('/public/build/img/icons/'))
    file = inside(ICONS, pathname.slice('/public/build/img/icons/'.length));
  else if (pathname.startsWith('/plugin/')) file = inside(pluginDir, pathname.slice('/plugin/'.length));
  else file = inside(HARNESS_DIST, pathname === '/' ? 'index.html' : pathname.slice(1));
  if (!file) return null;
  return { body: readFileSync(file), type: TYPES[path.extname(file)] ?? 'application/octet-stream' };
}

export function startHarnessServer(options: HarnessServerOptions = {}): Promise<HarnessServer> {
  const data = new Map<string, string>();
  for (const [name, value] of Object.entries(options.data ?? {})) data.set(name, JSON.stringify(value));
  const server: Server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const found = route(pathname, data, path.resolve(options.pluginDir ?? PLUGIN_DIST));
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${pathname}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' }).end(found.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}/`,
        setData: (name, value) => data.set(name, JSON.stringify(value)),
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { buildHarness, buildPlugin } = await import('./build.js');
  const { pharmacyTraffic, toHarnessData } = await import('./fixtures/pharmacyTraffic.js');
  await buildPlugin();
  await buildHarness();
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const fixture = pharmacyTraffic();
  const data: Record<string, unknown> = { pharmacy: toHarnessData(fixture) };
  args.forEach((arg, i) => {
    if (args[i - 1] !== '--data') return;
    const [name, file] = arg.includes('=') ? arg.split('=', 2) : [path.basename(arg, '.json'), arg];
    data[name!] = JSON.parse(readFileSync(file!, 'utf8'));
  });
  const server = await startHarnessServer({ port: portAt >= 0 ? Number(args[portAt + 1]) : 0, data });
  const now = new Date(fixture.now).toISOString();
  process.stdout.write(`harness: ${server.url}?data=/data/pharmacy.json&now=${now}&theme=dark\n`);
}
