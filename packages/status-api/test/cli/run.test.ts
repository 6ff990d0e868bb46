import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.js';
import { run } from '../../src/cli/run.js';
import { parseConfig } from '../../src/config/parseConfig.js';

const EXAMPLE = new URL('../../examples/status.yaml', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function io() {
  let out = '';
  let err = '';
  return {
    io: { out: (t: string) => void (out += t), err: (t: string) => void (err += t), env: {} },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}

/** The example configuration on a free port, with its SQLite file in a fresh folder and our token. */
function config(token: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-status-cli-'));
  dirs.push(dir);
  const text = readFileSync(EXAMPLE, 'utf8')
    .replace('port: 8080', 'port: 0')
    // Nothing listens there: the components read unknown, as they must without evidence.
    .replace('url: http://127.0.0.1:9090', 'url: http://127.0.0.1:9')
    .replace(/sha256: [0-9a-f]{64}/, `sha256: ${hashToken(token)}`);
  const file = join(dir, 'status.yaml');
  writeFileSync(file, text);
  return file;
}

describe('hartslag-status', () => {
  it('checks the example configuration', async () => {
    const c = io();
    expect(await run(['check-config', EXAMPLE], c.io)).toBe(0);
    expect(c.out).toContain('valid (2 components, source prometheus, storage sqlite, 2 tokens)');
  });

  it('names file, line and field of every problem, with exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hartslag-status-cli-'));
    dirs.push(dir);
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      readFileSync(EXAMPLE, 'utf8').replace('slos: [fetch-medication-history]', 'slo: [fetch-medication-history]'),
    );
    const c = io();
    expect(await run(['check-config', file], c.io)).toBe(1);
    expect(c.err).toMatch(/bad\.yaml:\d+:\d+ components\[0\]/);
    expect(c.err).toMatch(/slos/);
  });

  it('prints a new token and its digest, and hashes a given one', async () => {
    const c = io();
    expect(await run(['new-token'], c.io)).toBe(0);
    const [, token, digest] = /token: +(\S+)\nsha256: ([0-9a-f]{64})/.exec(c.out) ?? [];
    expect(hashToken(token!)).toBe(digest);
    const h = io();
    expect(await run(['hash-token', token!], h.io)).toBe(0);
    expect(h.out.trim()).toBe(digest);
  });

  it('prints a partner token with its whole tokens: entry, which the configuration accepts', async () => {
    const c = io();
    const argv = [
      'new-token',
      '--name',
      'vendor-a-portal',
      '--scope',
      'read:vendor:vendor-a',
      '--expires',
      '2027-01-01T00:00:00Z',
    ];
    expect(await run(argv, c.io)).toBe(0);
    const [, token, digest] = /token: +(\S+)\nsha256: ([0-9a-f]{64})/.exec(c.out) ?? [];
    expect(hashToken(token!)).toBe(digest);
    expect(c.out).toContain(
      `tokens:\n  - name: vendor-a-portal\n    sha256: ${digest}\n    scopes: ["read:vendor:vendor-a"]\n    expires: "2027-01-01T00:00:00Z"\n`,
    );
    const entry = c.out.slice(c.out.indexOf('tokens:'), c.out.indexOf('\n\n', c.out.indexOf('tokens:')));
    const text = readFileSync(EXAMPLE, 'utf8').replace(/tokens:\n(?: {2}.*\n)+/, `${entry}\n`);
    const parsed = parseConfig(text, 'status.yaml');
    expect(parsed.tokens).toEqual([
      {
        name: 'vendor-a-portal',
        sha256: digest,
        scopes: ['read:vendor:vendor-a'],
        expiresAt: Date.parse('2027-01-01T00:00:00Z'),
      },
    ]);
  });

  it('refuses a partner token without a name or with a scope that is none', async () => {
    for (const argv of [
      ['new-token', '--scope', 'read:vendor:vendor-a'],
      ['new-token', '--name', 'x', '--scope', 'read:vendor:../vendor-b'],
      ['new-token', '--name', 'x', '--scope', 'read:vendor:vendor-a', '--expires', 'soon'],
    ]) {
      const c = io();
      expect(await run(argv, c.io), argv.join(' ')).toBe(2);
      expect(c.out).toBe('');
    }
  });

  it('answers usage errors with exit code 2', async () => {
    for (const argv of [[], ['serve'], ['frobnicate'], ['hash-token'], ['--nope']]) {
      const c = io();
      expect(await run(argv, c.io), argv.join(' ')).toBe(2);
      expect(c.err).toContain('usage:');
    }
  });

  it('serves from a configuration, keeps incidents in its SQLite file across restarts, and stops cleanly', async () => {
    const token = 'cli-test-token-0123456789abcdefghijklmnopqrstu';
    const file = config(token);
    const serveOnce = async (during: (url: string) => Promise<void>) => {
      let stop!: () => void;
      const c = io();
      const done = run(['serve', '--config', file], {
        ...c.io,
        stopSignal: new Promise<void>((resolve) => (stop = resolve)),
      });
      const url = await new Promise<string>((resolve, reject) => {
        const poll = setInterval(() => {
          const m = /status page (http:\/\/\S+)\//.exec(c.out);
          if (m) {
            clearInterval(poll);
            resolve(m[1]!);
          }
          if (c.err) reject(new Error(c.err));
        }, 20);
      });
      try {
        await during(url);
      } finally {
        stop();
      }
      expect(await done).toBe(0);
      expect(c.out).toContain('stopping');
    };

    await serveOnce(async (url) => {
      // The source does not answer: unknown, never operational.
      const status = (await (await fetch(`${url}/v1/status`)).json()) as { components: { status: string }[] };
      expect(status.components.map((c) => c.status)).toEqual(['unknown', 'unknown']);
      const res = await fetch(`${url}/v1/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: { nl: 'Storing medicatiehistorie' },
          impact: 'major',
          components: ['medication-history'],
          body: { nl: 'We onderzoeken het.' },
        }),
      });
      expect(res.status).toBe(201);
      expect((await fetch(`${url}/badge/medication-history.svg`)).headers.get('content-type')).toMatch(/svg/);
    });
    await serveOnce(async (url) => {
      const { incidents } = (await (await fetch(`${url}/v1/incidents`)).json()) as { incidents: { name: string }[] };
      expect(incidents.map((i) => i.name)).toEqual(['Storing medicatiehistorie']);
      const after = (await (await fetch(`${url}/v1/status`)).json()) as { components: { status: string }[] };
      expect(after.components[0]!.status).toBe('partial_outage');
    });
  });
});
