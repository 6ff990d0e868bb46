import { describe, expect, it } from 'vitest';
import * as demo from '../src/demo/index.js';
import * as api from '../src/index.js';

describe('the public entries', () => {
  it('export what a service needs and nothing internal (renderers, routes, the board, language helpers)', () => {
    expect(Object.keys(api).sort()).toEqual([
      'API_VERSION',
      'AuthError',
      'DEFAULT_RATE_LIMIT',
      'ERROR_CODES',
      'EmbeddedSource',
      'IMPACTS',
      'INCIDENT_STATUSES',
      'LANGUAGES',
      'PARTNER_KINDS',
      'PrometheusSource',
      'SCOPES',
      'STATES',
      'ScrapeSource',
      'SourceError',
      'StatusConfigError',
      'StoreError',
      'buildFromConfig',
      'buildStatusApi',
      'generateToken',
      'hashToken',
      'isScope',
      'loadConfig',
      'openStore',
      'parseConfig',
      'partnerScope',
    ]);
  });

  it('keep the showcase and seeded history behind @hartslag/status-api/demo', () => {
    expect(Object.keys(demo).sort()).toEqual([
      'SHOWCASE_COMPONENTS',
      'SHOWCASE_PROVIDERS',
      'ShowcaseSource',
      'buildShowcase',
      'seedHistory',
    ]);
  });
});
