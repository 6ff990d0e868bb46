import { createServer } from 'node:net';
import { type DemoPorts, PORT_FLAGS } from '../config/args.js';
import { DemoError } from '../errors.js';

/** The error for a port someone else holds: names the port, what wanted it, and the flag to change. */
export function portBusy(key: keyof DemoPorts, port: number, cause?: unknown): DemoError {
  const { flag, what } = PORT_FLAGS[key];
  return new DemoError(
    'HARTSLAG_ERR_DEMO_PORT_BUSY',
    `port ${port} is busy, so ${what} cannot listen there; stop what holds it, or pass ${flag} <port> (${flag} 0 takes any free port)`,
    { cause },
  );
}

export function isAddressInUse(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES';
}

/** Fails with portBusy when `port` cannot be bound on 127.0.0.1 right now; 0 always passes. */
export function assertPortFree(key: keyof DemoPorts, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err) => reject(isAddressInUse(err) ? portBusy(key, port, err) : err));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}
