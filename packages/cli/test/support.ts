import { createServer, type Server } from 'node:http';
import { run, type Terminal } from '../src/index.js';

/** Runs the hartslag command in-process, collecting what it prints. */
export async function hartslag(argv: string[], terminal?: Terminal) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) }, terminal);
  return { code, out, err };
}

/** Serves `body` at every path on 127.0.0.1, as a service's /metrics would. */
export async function serveText(
  body: string,
  status = 200,
  type = 'text/plain; version=0.0.4',
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => res.writeHead(status, { 'content-type': type }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
