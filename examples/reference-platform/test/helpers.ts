import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createReferencePlatform, type ReferencePlatform, type ReferencePlatformOptions } from '../src/index.js';

export const ADMIN = { 'x-admin-token': 'reference-admin' };

/** A fresh data dir under the system temp folder, removed by `removeDir`. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hartslag-reference-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A platform without simulated service times, on its own data dir. */
export async function startPlatform(
  options: Partial<ReferencePlatformOptions> = {},
): Promise<ReferencePlatform & { dataDir: string }> {
  const dataDir = options.dataDir ?? tempDir();
  const platform = await createReferencePlatform({ latencyScale: 0, deliveryMs: 0, ...options, dataDir });
  return Object.assign(platform, { dataDir });
}

export async function login(app: FastifyInstance, tenant = 'pharmacy-007', user = 'provider-0042'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/login', payload: { user, tenant } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return res.json<{ token: string }>().token;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The value of one sample in the Prometheus text, or undefined. `series` is the name with its labels, as printed. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) return undefined;
  const value = line.slice(series.length + 1);
  return value === '+Inf' ? Number.POSITIVE_INFINITY : Number(value);
}

export async function scrape(app: FastifyInstance): Promise<string> {
  return (await app.inject({ method: 'GET', url: '/metrics' })).body;
}

export async function until<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
