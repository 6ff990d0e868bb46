import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, Process, waitFor } from '@hartslag/common/process';
import { requireTool } from './requireTool.js';

export interface CoturnOptions {
  /** The one long-term-credential user (`--user user:password`). Default `hartslag` / a fixed test password. */
  username?: string;
  password?: string;
  /** `--realm`; default `hartslag.test`. */
  realm?: string;
}

export interface RunningCoturn {
  host: string;
  port: number;
  username: string;
  password: string;
  realm: string;
  /** `turn:127.0.0.1:<port>?transport=udp` */
  url: string;
  /** Everything coturn logged so far (its log file): allocations, 401s. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real coturn TURN server (Debian's `coturn`, binary `turnserver`) on 127.0.0.1 and a free
 * port: long-term credentials for one static user, no TLS/DTLS, no admin CLI, its user database and
 * log in a throw-away directory. Relays are allocated on 127.0.0.1 (loopback peers allowed: the
 * browser under test is on this machine).
 */
export async function startCoturn(options: CoturnOptions = {}): Promise<RunningCoturn> {
  requireTool('turnserver');
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-coturn-'));
  const port = await freePort();
  const username = options.username ?? 'hartslag';
  const password = options.password ?? 'self-test-password';
  const realm = options.realm ?? 'hartslag.test';
  const logFile = join(dir, 'turn.log');
  const proc = new Process('turnserver', [
    '-n', // no config file: every setting is on this line
    `--listening-ip=127.0.0.1`,
    `--relay-ip=127.0.0.1`,
    `--listening-port=${port}`,
    '--lt-cred-mech',
    `--user=${username}:${password}`,
    `--realm=${realm}`,
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--no-rfc5780',
    '--allow-loopback-peers',
    `--userdb=${join(dir, 'turndb')}`,
    `--pidfile=${join(dir, 'turnserver.pid')}`,
    `--log-file=${logFile}`,
    '--simple-log',
    '--no-stdout-log',
    '--verbose',
  ]);
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Ready when a STUN Binding request over UDP is answered (TURN servers answer STUN too).
    await waitFor('coturn to answer on UDP', () => stunBinding('127.0.0.1', port), 20_000, proc);
  } catch (err) {
    const text = log();
    await stop();
    throw new Error(`${(err as Error).message}\n${text.slice(-4_000)}`);
  }
  return {
    host: '127.0.0.1',
    port,
    username,
    password,
    realm,
    url: `turn:127.0.0.1:${port}?transport=udp`,
    log,
    stop,
  };
}

/** Sends one RFC 5389 Binding request; true on a success response within 500 ms, else undefined. */
function stunBinding(host: string, port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0); // Binding request, no attributes
    request.writeUInt32BE(0x2112a442, 4); // magic cookie
    for (let i = 8; i < 20; i++) request[i] = Math.floor(Math.random() * 256);
    const done = (v: true | undefined) => {
      clearTimeout(timer);
      socket.close();
      resolve(v);
    };
    const timer = setTimeout(() => done(undefined), 500);
    socket.on('message', (msg) => {
      if (msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(request.subarray(8, 20)))
        done(true);
    });
    socket.on('error', () => done(undefined));
    socket.send(request, port, host);
  });
}
