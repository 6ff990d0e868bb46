import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, Process, waitFor } from '@hartslag/common/process';

export interface RunningVerdaccio {
  /** The registry URL, with a trailing slash as npm writes it. */
  url: string;
  /** A token of a user who may publish; for `//host:port/:_authToken=` in an .npmrc. */
  token: string;
  /** `.npmrc` lines that take `scope` (e.g. `@hartslag`) from this registry, everything else from the default one. */
  npmrc(scope: string): string;
  stop(): Promise<void>;
}

/**
 * Starts the real Verdaccio registry (from npm, the version testkit depends on) on 127.0.0.1 with
 * its storage in a temporary folder and no uplinks: it holds only what a test publishes, and the
 * projects that install from it take every other package from their usual registry through a
 * scoped `.npmrc` line, as a company with a private scope does.
 */
export async function startVerdaccio(): Promise<RunningVerdaccio> {
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-verdaccio-'));
  const port = await freePort();
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    unpublish: $authenticated',
      'log: { type: stdout, format: pretty, level: warn }',
      // Tarballs of a few MB: the default 10mb body limit is enough, but say so.
      'max_body_size: 50mb',
      '',
    ].join('\n'),
  );
  const pkg = createRequire(import.meta.url).resolve('verdaccio/package.json');
  const proc = new Process(process.execPath, [
    join(dirname(pkg), 'bin', 'verdaccio'),
    '--config',
    config,
    '--listen',
    `127.0.0.1:${port}`,
  ]);
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'Verdaccio to answer',
      async () => ((await fetch(`${url}-/ping`)).ok ? true : undefined),
      60_000,
      proc,
    );
    // The user npm adduser would create; the answer carries the token npm would store.
    const res = await fetch(`${url}-/user/org.couchdb.user:hartslag`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'hartslag', password: 'hartslag-test', type: 'user', roles: [] }),
    });
    const body = (await res.json()) as { token?: unknown };
    if (!res.ok || typeof body.token !== 'string') {
      throw new Error(`Verdaccio refused to create the test user (${res.status}): ${JSON.stringify(body)}`);
    }
    const token = body.token;
    const host = url.replace(/^http:/, '');
    return {
      url,
      token,
      npmrc: (scope) => `${scope}:registry=${url}\n${host}:_authToken=${token}\n`,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
