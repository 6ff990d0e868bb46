import { describe, expect, it } from 'vitest';
import { useStatusApi } from './support.js';

const api = useStatusApi();

describe('GET /openapi.json', () => {
  it('describes every public and write route, with bearer security on the writes', async () => {
    const { app } = await api();
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/badge/{component}.svg',
      '/badge/{component}/uptime.svg',
      '/v1/shields/{component}.json',
      '/v1/status',
      '/v1/components/{id}',
      '/v1/incidents',
      '/v1/incidents/{id}',
      '/v1/incidents/{id}/resolve',
      '/v1/maintenance',
      '/v1/maintenance/windows',
      '/v1/maintenance/{id}',
      '/v1/audit',
      '/',
      '/widget/{component}',
      '/feed.atom',
    ]) {
      expect(paths, p).toContain(p);
    }
    expect(doc.paths['/v1/incidents'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/incidents'].post.requestBody.content['application/json'].schema.required).toEqual([
      'title',
      'impact',
      'components',
      'body',
    ]);
    expect(doc.paths['/v1/status'].get.security).toBeUndefined();
    // Internal helpers stay out of the public description.
    expect(paths).not.toContain('/favicon.ico');
  });
});
