import { readFileSync } from 'node:fs';
import { haproxyConfig } from '@hartslag/testkit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/parseConfig.js';

const dir = new URL('../../examples/replicas/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}

/** Docker is not here: the compose file is checked as data against the topology the tests run. */
describe('examples/replicas: the compose topology users run', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Service> };
  const replicas = Object.keys(compose.services).filter((s) => s.startsWith('status-'));

  it('has PostgreSQL, two replicas and haproxy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['haproxy', 'postgres', 'status-1', 'status-2']);
    for (const name of replicas) {
      const s = compose.services[name]!;
      expect(s.command).toEqual([
        'node',
        'packages/status-api/bin/hartslag-status.mjs',
        'serve',
        '--config',
        '/etc/hartslag/status.yaml',
      ]);
      expect(s.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    }
  });

  it('runs haproxy with the configuration the replica test runs, naming each replica', () => {
    const servers = replicas.map((name) => ({ name, host: name, port: 8080 }));
    expect(read('haproxy.cfg')).toBe(haproxyConfig(8080, { bind: '*', servers }));
  });

  it('gives every replica a valid configuration that trusts only the compose network as a proxy', () => {
    const env = { DATABASE_URL: compose.services['status-1']!.environment!.DATABASE_URL! };
    const config = parseConfig(read('status.yaml'), 'status.yaml', env);
    expect(config.storage.kind).toBe('postgres');
    expect(config.server).toEqual({ host: '0.0.0.0', port: 8080, trustProxy: ['172.28.0.0/24'] });
    expect(read('compose.yaml')).toContain('subnet: 172.28.0.0/24');
  });
});
