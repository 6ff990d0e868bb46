import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@hartslag/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type StoreOptions } from '../../src/store/openStore.js';
import { type Backend, backends } from './backends.js';
import { writerIncident, writerTime } from './fixtures/writerIncident.js';

// The loader, not the tsx command: that one runs the script in a second node process, which a
// SIGKILL to the first would leave writing.
const TSX = new URL('../../../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
const WRITER = fileURLToPath(new URL('./fixtures/writer.ts', import.meta.url));
const WRITE_MS = 1_500;

/** Writers of a failed test, ended before the next one starts. */
const running = new Set<ChildProcess>();

/** A writer process and the incidents it acknowledged (printed after the store's promise resolved). */
class Writer {
  private readonly child: ChildProcess;
  private out = '';
  private err = '';

  constructor(
    readonly name: string,
    options: StoreOptions,
  ) {
    const env = {
      ...process.env,
      WRITER: name,
      DATABASE_URL: options.databaseUrl ?? '',
      SQLITE_PATH: options.sqlitePath,
    };
    this.child = spawn(process.execPath, ['--import', TSX, WRITER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(this.child);
    this.child.once('exit', () => running.delete(this.child));
    this.child.stdout?.on('data', (d: Buffer) => (this.out += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.err += d.toString()));
  }

  ready(): Promise<true> {
    return waitFor(
      `writer ${this.name} to open the store`,
      async () => {
        if (this.child.exitCode !== null) throw new Error(`writer ${this.name} exited: ${this.err}`);
        return this.out.startsWith('ready\n') ? true : undefined;
      },
      20_000,
    );
  }

  /** Until the writer acknowledged `n` incidents: a loaded machine may start some writers late. */
  writing(n: number): Promise<true> {
    return waitFor(
      `writer ${this.name} to acknowledge ${n} incidents`,
      async () => {
        if (this.child.exitCode !== null) throw new Error(`writer ${this.name} exited: ${this.err}`);
        return this.acknowledged.size >= n ? true : undefined;
      },
      20_000,
    );
  }

  /** SIGKILL: no exit handlers, no flushing, as a crash or the OOM killer would end it. */
  async kill9(): Promise<void> {
    // 'close', not 'exit': the lines still in the pipe arrive after the process ended.
    const exited = new Promise((resolve) => this.child.once('close', resolve));
    this.child.kill('SIGKILL');
    await exited;
    expect(this.err).toBe('');
  }

  /** id → n of every complete line: a partial last line was never acknowledged. */
  get acknowledged(): Map<number, number> {
    const lines = this.out.split('\n').slice(1, -1);
    return new Map(lines.map((l) => l.split(' ').map(Number) as [number, number]));
  }
}

async function expectConsistent(backend: Backend, options: StoreOptions, writers: Writer[]): Promise<number> {
  await backend.settled(options);
  const store = await openStore(options);
  const stored = new Map((await store.listIncidents({ limit: 1_000_000 })).map((i) => [i.id, i]));
  let acknowledged = 0;
  for (const w of writers) {
    expect(w.acknowledged.size).toBeGreaterThan(0);
    for (const [id, n] of w.acknowledged) {
      const { body, ...fields } = writerIncident(w.name, n);
      expect(stored.get(id)).toMatchObject({ ...fields, createdAt: writerTime(n), updates: [{ body }] });
      acknowledged++;
    }
  }
  const count = async (sql: string) => Number((await backend.query<{ n: unknown }>(options, sql))[0]!.n);
  // Committed but killed before it printed: at most one in flight per writer.
  expect(stored.size - acknowledged).toBeLessThanOrEqual(writers.length);
  expect(
    await count(
      'select count(*) as n from incidents i where not exists (select 1 from incident_updates u where u.incident_id = i.id)',
    ),
  ).toBe(0);
  expect(await count("select count(*) as n from audit where action = 'incident.create'")).toBe(stored.size);
  if (backend.name === 'sqlite') {
    expect(await backend.query(options, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await backend.query(options, 'pragma foreign_key_check')).toEqual([]);
  }
  const after = await store.createIncident(writerIncident('after', 0), { name: 'test' }, writerTime(0));
  expect(after.id).toBeGreaterThan(Math.max(...stored.keys()));
  await store.close();
  return acknowledged;
}

describe.each(backends())('durability on $name', (backend) => {
  beforeAll(() => backend.start());
  afterEach(() => {
    for (const child of running) child.kill('SIGKILL');
  });
  afterAll(() => backend.stop());

  it('keeps every acknowledged incident, whole, when the writer is killed with SIGKILL mid-write', async () => {
    const options = await backend.fresh();
    const writer = new Writer('solo', options);
    await writer.ready();
    await new Promise((r) => setTimeout(r, WRITE_MS));
    await writer.kill9();
    // PostgreSQL: the database host crashes at the same moment; recovery replays its WAL.
    if (backend.server) {
      await backend.server.kill9();
      await backend.server.restart();
    }
    const acknowledged = await expectConsistent(backend, options, [writer]);
    console.info(`${backend.name}: ${acknowledged} incidents acknowledged in ${WRITE_MS} ms before SIGKILL, all kept`);
  });

  it('lets several processes open and write one store at once, and keeps all of it through SIGKILL', async () => {
    const options = await backend.fresh();
    const writers = ['a', 'b', 'c'].map((name) => new Writer(name, options));
    await Promise.all(writers.map((w) => w.ready()));
    // All three writing at once when the kill comes, however the machine scheduled their start.
    await Promise.all(writers.map((w) => w.writing(5)));
    await new Promise((r) => setTimeout(r, WRITE_MS / 2));
    await Promise.all(writers.map((w) => w.kill9()));
    const acknowledged = await expectConsistent(backend, options, writers);
    console.info(`${backend.name}: 3 processes acknowledged ${acknowledged} incidents, all kept`);
  });
});
