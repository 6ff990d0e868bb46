import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** The self-test sends a few short tokens; anything bigger is not ours and is closed. */
const MAX_PAYLOAD = 4 * 1024;
// RFC 6455 §1.3: the GUID the accept key is derived with.
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPEN_SOCKETS_LIMIT = 200;

/**
 * A WebSocket echo on `path` (RFC 6455, text and binary frames up to 4 KiB, ping, close), for the
 * self-test to prove that WebSockets pass the user's firewall and proxy. Hand-written rather than a
 * library: an echo of small frames is all it does, and it must not grow into a second API.
 */
export function attachWebSocketEcho(server: Server, path: string): void {
  const open = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const url = req.url ?? '';
    if (url.split('?')[0] !== path) return;
    const key = req.headers['sec-websocket-key'];
    if (
      typeof key !== 'string' ||
      !/^[A-Za-z0-9+/]{22}==$/.test(key) ||
      String(req.headers.upgrade).toLowerCase() !== 'websocket' ||
      open.size >= OPEN_SOCKETS_LIMIT
    ) {
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: ${accept}\r\n\r\n`,
    );
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
    // The self-test closes within seconds; a forgotten tab must not hold a socket for ever.
    (socket as Socket).setTimeout(60_000, () => socket.destroy());
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const frame = readFrame(buffer);
        if (frame === 'incomplete') return;
        if (frame === 'invalid') {
          socket.end(closeFrame(1009));
          return;
        }
        buffer = buffer.subarray(frame.length);
        if (frame.opcode === 0x8) {
          socket.end(closeFrame(1000));
          return;
        }
        if (frame.opcode === 0x9) socket.write(encode(0xa, frame.payload));
        else if (frame.opcode === 0x1 || frame.opcode === 0x2) socket.write(encode(frame.opcode, frame.payload));
      }
    });
  });
}

interface Frame {
  opcode: number;
  payload: Buffer;
  length: number;
}

/** One client frame: must be final and masked (§5.1), at most MAX_PAYLOAD. */
function readFrame(b: Buffer): Frame | 'incomplete' | 'invalid' {
  if (b.length < 2) return 'incomplete';
  const fin = (b[0]! & 0x80) !== 0;
  const opcode = b[0]! & 0x0f;
  const masked = (b[1]! & 0x80) !== 0;
  let len = b[1]! & 0x7f;
  let offset = 2;
  if (len === 126) {
    if (b.length < 4) return 'incomplete';
    len = b.readUInt16BE(2);
    offset = 4;
  } else if (len === 127) {
    return 'invalid';
  }
  if (!fin || !masked || len > MAX_PAYLOAD) return 'invalid';
  if (b.length < offset + 4 + len) return 'incomplete';
  const mask = b.subarray(offset, offset + 4);
  const payload = Buffer.alloc(len);
  for (let i = 0; i < len; i++) payload[i] = b[offset + 4 + i]! ^ mask[i % 4]!;
  return { opcode, payload, length: offset + 4 + len };
}

function encode(opcode: number, payload: Buffer): Buffer {
  const head = payload.length < 126 ? Buffer.from([0x80 | opcode, payload.length]) : Buffer.alloc(4);
  if (payload.length >= 126) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(payload.length, 2);
  }
  return Buffer.concat([head, payload]);
}

function closeFrame(code: number): Buffer {
  const body = Buffer.alloc(2);
  body.writeUInt16BE(code);
  return encode(0x8, body);
}
