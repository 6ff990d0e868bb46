import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { statusApi } from '../routes/support.js';

async function listening() {
  const { app } = await statusApi();
  const url = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
  return { app, port: Number(url.port) };
}

async function open(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  // The reset at close is what is expected; it is checked through 'close'.
  socket.on('error', () => {});
  return socket;
}

// Without the fix these hang until the test's timeout: Node's close() waits on the open sockets.
describe('closing the status API while browsers hold sockets open', { timeout: 20_000 }, () => {
  it('ends a socket that never sent a request (a browser preconnect), and close() returns', async () => {
    const { app, port } = await listening();
    const sockets = await Promise.all([open(port), open(port), open(port)]);
    const ended = sockets.map((s) => new Promise((resolve) => s.once('close', resolve)));
    await app.close();
    await Promise.all(ended);
    expect(sockets.map((s) => s.destroyed)).toEqual([true, true, true]);
  });

  it('answers a request on a kept-alive socket, then ends that socket too', async () => {
    const { app, port } = await listening();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { status, socket } = await new Promise<{ status: number; socket: Socket }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/v1/status', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket as Socket }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    const ended = once(socket, 'close');
    await app.close();
    await ended;
    agent.destroy();
  });
});
