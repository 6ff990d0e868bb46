import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/hartslag-logwatch.mjs', import.meta.url).pathname;
const WRITER = new URL('./writer.mjs', import.meta.url).pathname;
const KILLS = 20;
const OUTCOMES = ['success', 'client_error', 'server_error', 'timeout', 'denied'];

const dir = mkdtempSync(join(tmpdir(), 'logwatch-kill9-'));
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startLogwatch(config: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [BIN, 'run', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      err += String(d);
      const m = /serving (http:\/\/\S+)\/metrics/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.on('exit', () => reject(new Error(`logwatch exited before serving: ${err}`)));
  });
  url.catch(() => {});
  return { child, url };
}

async function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** care_calls_total by outcome, summed over operations and codes. */
async function totals(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Record<string, number> = Object.fromEntries(OUTCOMES.map((o) => [o, 0]));
  for (const m of text.matchAll(/^care_calls_total\{[^}]*outcome="(\w+)"[^}]*\} (\d+)$/gm)) out[m[1]!]! += Number(m[2]);
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kill -9 while a writer appends and rotates', () => {
  it(`counts every line exactly once across ${KILLS} kills at random moments`, async () => {
    const seed = Number(process.env.LOGWATCH_SEED ?? Date.now() % 1_000_000);
    let state = seed;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    const config = join(dir, 'logwatch.yaml');
    writeFileSync(
      config,
      `apiVersion: hartslag.logwatch/v1
service: hub
checkpoint: { dir: ${join(dir, 'state')}, interval: 50ms }
listen: 127.0.0.1:0
poll: 20ms
sources:
  - name: access
    path: ${join(logs, 'access.log*')}
    format: logfmt
    fields: { operation: op, code: status, tenant: pharmacy, latency: { field: ms, unit: ms } }
    codes: { 2xx: success, 4xx: client_error, '504': timeout, 5xx: server_error, NO_CONTRACT: denied }
`,
    );
    const writer = spawn(process.execPath, [WRITER, logs, String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.add(writer);
    let written = '';
    writer.stdout!.on('data', (d) => {
      written += String(d);
    });
    const writerDone = new Promise((r) => writer.once('exit', r));

    for (let i = 0; i < KILLS; i++) {
      const { child, url } = startLogwatch(config);
      // Half the kills land anywhere from start-up on (during checkpoint replay too), half while serving.
      if (i % 2 === 0) await sleep(50 + random() * 700);
      else {
        await url;
        await sleep(random() * 400);
      }
      await kill9(child);
    }
    writer.kill('SIGTERM');
    await writerDone;
    const wrote = JSON.parse(written) as { counts: Record<string, number>; lines: number; rotations: number };
    expect(wrote.rotations).toBeGreaterThan(3);
    // The run's size, for replaying a seed (LOGWATCH_SEED) and comparing runs.
    process.stderr.write(`kill -9 seed ${seed}: ${wrote.lines} lines, ${wrote.rotations} rotations\n`);

    const { child, url } = startLogwatch(config);
    const base = await url;
    const expected = wrote.counts;
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    let got = await totals(base);
    for (let t = 0; t < 300 && sum(got) < wrote.lines; t++) {
      await sleep(100);
      got = await totals(base);
    }
    // A few more polls: a line counted twice would show up as more than the writer wrote.
    await sleep(300);
    got = await totals(base);
    expect({ seed, got }).toEqual({ seed, got: expected });
    await kill9(child);
  }, 90_000);
});
