import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@hartslag/common/process';

export interface PostgresOptions {
  /** Server settings passed as `-c name=value` (e.g. `{ fsync: 'off' }` for a test that needs no durability). */
  settings?: Record<string, string>;
}

export interface RunningPostgres {
  /** `postgres://hartslag@127.0.0.1:<port>/<database>` of the empty database created for this server. */
  url: string;
  port: number;
  /** Creates another empty database on this server and returns its URL (one per test keeps tests apart). */
  createDatabase(): Promise<string>;
  /** SIGKILL to the postmaster and every backend, as a crash of the database host would; the data stays. */
  kill9(): Promise<void>;
  /** Starts the server again on the same data and port (after kill9 it runs crash recovery first). */
  restart(): Promise<void>;
  /** Fast shutdown (SIGINT: open sessions are ended), then removes the data. */
  stop(): Promise<void>;
}

interface Binaries {
  bin: string;
  version: number;
}

/**
 * Starts a throw-away PostgreSQL server (Debian's `postgresql`) on 127.0.0.1 with fsync on, so
 * durability tests see what production sees. initdb and postgres refuse to run as root: as root
 * they run as the `postgres` system user.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<RunningPostgres> {
  const { bin } = findPostgres();
  const owner = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-postgres-'));
  const data = join(dir, 'data');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  // --no-sync: only initdb's own files skip fsync; the running server keeps fsync on.
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-A', 'trust', '-U', 'hartslag', '-E', 'UTF8', '--locale=C', '--no-sync'],
    { encoding: 'utf8', ...(owner ?? {}) },
  );
  if (init.error || init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.error ?? ''}${init.stdout}${init.stderr}`);
  }
  const port = await freePort();
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: dir, ...options.settings };
  const args = ['-D', data, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];

  let server: Server | undefined;
  const base = `postgres://hartslag@127.0.0.1:${port}`;
  const client = (tool: string, extra: string[]) =>
    run(join(bin, tool), ['-h', '127.0.0.1', '-p', String(port), '-U', 'hartslag', ...extra]);
  const start = async () => {
    server = new Server(join(bin, 'postgres'), args, owner);
    const s = server;
    const state = await waitFor(
      'PostgreSQL to accept connections',
      async () => {
        if (!s.running) return 'exited';
        return (await client('pg_isready', ['-d', 'postgres'])).ok ? 'ready' : undefined;
      },
      30_000,
    );
    if (state === 'exited') throw new Error(`PostgreSQL exited at start:\n${s.output}`);
  };
  let databases = 0;
  const createDatabase = async () => {
    const name = `hartslag_${++databases}`;
    const r = await client('createdb', [name]);
    if (!r.ok) throw new Error(`createdb ${name} failed: ${r.output}`);
    return `${base}/${name}`;
  };
  const stop = async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await start();
    const url = await createDatabase();
    return {
      url,
      port,
      createDatabase,
      kill9: async () => server?.kill9(),
      restart: async () => {
        await server?.stop();
        await start();
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The newest installed server: `pg_config --bindir`, else Debian's /usr/lib/postgresql/<version>/bin. */
function findPostgres(): Binaries {
  const candidates: Binaries[] = [];
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const v of readdirSync(root)) candidates.push({ bin: join(root, v, 'bin'), version: Number.parseFloat(v) });
  }
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0) candidates.push({ bin: pgConfig.stdout.trim(), version: -1 });
  const usable = candidates
    .filter((c) => existsSync(join(c.bin, 'initdb')) && existsSync(join(c.bin, 'postgres')))
    .sort((a, b) => b.version - a.version);
  if (usable[0]) return usable[0];
  throw new Error(
    'PostgreSQL is not installed (no initdb and postgres in /usr/lib/postgresql/<version>/bin or `pg_config --bindir`). ' +
      'The tests use the real server: apt-get install -y --no-install-recommends postgresql ' +
      '(or run the README test command as root, which installs it).',
  );
}

/** As root, the `postgres` system user the Debian package creates; otherwise the current user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) {
    throw new Error(
      'PostgreSQL refuses to run as root and there is no `postgres` user: install the `postgresql` package ' +
        '(it creates the user) or run the tests as an ordinary user.',
    );
  }
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function run(command: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err) => resolve({ ok: false, output: String(err) }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

/** The postmaster, started directly under the server user (no su in between, so signals reach it). */
class Server {
  private readonly child: ChildProcess;
  private log = '';
  private readonly exited: Promise<void>;

  constructor(command: string, args: string[], owner: { uid: number; gid: number } | undefined) {
    this.child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}) });
    const keep = (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-8_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.on('exit', () => resolve()));
  }

  get output(): string {
    return this.log;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGINT');
    const killer = setTimeout(() => this.kill9(), 10_000);
    await this.exited;
    clearTimeout(killer);
  }

  /**
   * Backends run in their own sessions (PostgreSQL calls setsid), so a process-group kill misses
   * them: freeze the postmaster so it forks no more, kill its children, then it.
   */
  async kill9(): Promise<void> {
    const pid = this.child.pid;
    if (!this.running || pid === undefined) return;
    process.kill(pid, 'SIGSTOP');
    const children = childrenOf(pid);
    for (const c of children) process.kill(c, 'SIGKILL');
    process.kill(pid, 'SIGKILL');
    await this.exited;
    // A new postmaster refuses to start while old backends still hold the shared memory.
    await waitFor(
      'the killed backends to exit',
      async () => (children.every((c) => !alive(c)) ? true : undefined),
      10_000,
    );
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command (field 2) may hold spaces, so split after it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie has released its memory and shared memory; only its exit status waits to be read.
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
