import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/ConfigError.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { MINIMAL } from './support.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/status.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hartslag-status-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('reads the example configuration in examples/status.yaml', () => {
    const config = loadConfig(EXAMPLE, {});
    expect(config.page).toEqual({
      name: 'Apotheek Datahub',
      url: 'https://status.example.nl',
      timeZone: 'Europe/Amsterdam',
      language: 'nl',
    });
    expect(config.source).toEqual({
      kind: 'prometheus',
      url: 'http://127.0.0.1:9090',
      refreshMs: 15_000,
      staleAfterMs: 30_000,
      timeoutMs: 5000,
      headers: { 'X-Scope-OrgID': 'apotheek-datahub' },
    });
    expect(config.components.map((c) => [c.id, c.name, c.slos, c.providers])).toEqual([
      ['medication-history', 'Medicatiehistorie', ['fetch-medication-history'], ['ehealth']],
      ['dispensations', 'Verstrekkingen', ['register-dispensation', 'send-prescription'], undefined],
    ]);
    expect(config.components[0]!.names?.fr).toBe('Historique de médication');
    expect(config.providers.map((p) => [p.id, p.names?.en, p.slos, p.backup?.slos])).toEqual([
      ['ehealth', 'the eHealth platform', ['call-ehealth'], ['call-ehealth-backup']],
    ]);
    expect(config.tokens).toEqual([
      {
        name: 'ops-team',
        sha256: '958e3da7889d3802412bec1631fb5c6cdd2102876defe518a844dadd38018347',
        scopes: ['incidents:write', 'maintenance:write', 'audit:read'],
      },
      {
        name: 'vendor-a-portal',
        sha256: '3ea8b5cd1bc0b06e3e2a4b3ab3a2a1d02d4f2d6e0b7ad3c45d10cba6ac1d4ee0',
        scopes: ['read:vendor:vendor-a'],
        expiresAt: Date.parse('2027-06-30T22:00:00Z'),
      },
    ]);
    expect(config.partners).toEqual({
      vendors: [{ id: 'vendor-a', name: 'PharmaSoft' }],
      tenantGroups: [{ id: 'keten-noord', name: 'Apotheekketen Noord', tenants: ['pharmacy-001', 'pharmacy-006'] }],
      overusePerHour: 1000,
    });
    expect(config.storage).toEqual({ kind: 'sqlite', path: join(EXAMPLE, '../data/status.sqlite') });
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.rateLimit).toEqual({ readsPerMinute: 600, writesPerMinute: 30 });
  });

  it('takes DATABASE_URL from the environment it is given', () => {
    const url = 'postgresql://status@db.internal:5432/status';
    expect(loadConfig(EXAMPLE, { DATABASE_URL: url }).storage).toEqual({ kind: 'postgres', url });
  });

  it('names the file as given in every problem', () => {
    const file = join(dir, 'status.yaml');
    writeFileSync(file, MINIMAL.replace('kind: prometheus', 'kind: prometheus\n  refesh: 15s'));
    expect(() => loadConfig(file, {})).toThrow(`${file}:7:3 source.refesh: unknown key; did you mean "refresh"?`);
  });

  it('throws HARTSLAG_ERR_STATUS_CONFIG_UNREADABLE for a file that is not there', () => {
    const file = join(dir, 'missing.yaml');
    let error: unknown;
    try {
      loadConfig(file, {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('HARTSLAG_ERR_STATUS_CONFIG_UNREADABLE');
    expect((error as ConfigError).message).toContain(`${file} cannot be read (ENOENT); check the path`);
  });
});
