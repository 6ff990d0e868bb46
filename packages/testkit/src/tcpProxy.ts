import { createConnection, createServer, type Socket } from 'node:net';

export interface RunningTcpProxy {
  /** host:port to connect to instead of the target. */
  address: string;
  /** Cuts the link: open connections are reset and new ones closed at once, as a dropped route does. */
  cut(): void;
  /** Lets connections through again. */
  restore(): void;
  /** Connections refused while cut. */
  readonly refused: number;
  stop(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 to `target` (host:port) whose link a test can cut and restore. */
export async function startTcpProxy(target: string): Promise<RunningTcpProxy> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const open = new Set<Socket>();
  let isCut = false;
  let refused = 0;
  const server = createServer((client) => {
    if (isCut) {
      refused++;
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host, port });
    open.add(client);
    open.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: own } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${own}`,
    cut: () => {
      isCut = true;
      for (const s of open) s.resetAndDestroy();
      open.clear();
    },
    restore: () => {
      isCut = false;
    },
    get refused() {
      return refused;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
