import dgram from 'node:dgram';
import { buildStatusApi, type SelfTestOptions, type SourceReading, type StatusSource } from '../../src/index.js';

/** A source with nothing in it: the self-test does not read the board. */
export const emptySource: StatusSource = {
  kind: 'embedded',
  read: async (): Promise<SourceReading> => ({ at: Date.now(), slos: new Map() }),
};

export function selfTestApi(selfTest: SelfTestOptions | undefined, name = 'Berichtenplatform') {
  return buildStatusApi({
    page: { name },
    components: [{ id: 'messaging', name: 'Messaging', slos: ['send-message'] }],
    source: emptySource,
    rateLimit: false,
    ...(selfTest === undefined ? {} : { selfTest }),
  });
}

/**
 * A STUN server (RFC 5389 Binding) on 127.0.0.1 that answers every Binding request with the
 * documentation address 203.0.113.7:40000 as the mapped address, so the browser's server-reflexive
 * candidate proves it was this server that answered. Counts the requests it answered.
 */
export async function stunServer(): Promise<{ url: string; answered: () => number; close(): void }> {
  const socket = dgram.createSocket('udp4');
  let answered = 0;
  socket.on('message', (msg, from) => {
    // Binding request, with the magic cookie.
    if (msg.length < 20 || msg.readUInt16BE(0) !== 0x0001 || msg.readUInt32BE(4) !== 0x2112a442) return;
    const res = Buffer.alloc(32);
    res.writeUInt16BE(0x0101, 0); // Binding success response
    res.writeUInt16BE(12, 2); // attributes' length
    msg.copy(res, 4, 4, 20); // cookie and transaction id
    res.writeUInt16BE(0x0020, 20); // XOR-MAPPED-ADDRESS
    res.writeUInt16BE(8, 22);
    res.writeUInt8(0, 24);
    res.writeUInt8(0x01, 25); // IPv4
    res.writeUInt16BE(40000 ^ 0x2112, 26);
    res.writeUInt32BE((((203 << 24) | (0 << 16) | (113 << 8) | 7) ^ 0x2112a442) >>> 0, 28);
    answered++;
    socket.send(res, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { url: `stun:127.0.0.1:${socket.address().port}`, answered: () => answered, close: () => socket.close() };
}
