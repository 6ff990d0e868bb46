import { VENDORS } from '@hartslag/scenarios';
import { buildStatusApi } from '@hartslag/status-api';
import { describe, expect, it } from 'vitest';
import { DEMO_VENDOR, partnerAccess, partnerLines } from '../../src/services/partnerAccess.js';

describe("the demo's partner access", () => {
  it('prints a page URL, an API URL and a token that opens them, for one vendor only', async () => {
    // Nothing listens on port 9: the view answers 503, which proves the token got past 401 and 403.
    const access = partnerAccess('http://127.0.0.1:9');
    const lines = partnerLines('http://127.0.0.1:8080', access);
    const page = /partner page +(\S+)/.exec(lines)?.[1];
    const api = /partner API +(\S+)/.exec(lines)?.[1];
    const token = /partner token +(\S+)/.exec(lines)?.[1];
    expect(page).toBe(`http://127.0.0.1:8080/partners/vendor/${DEMO_VENDOR}`);
    expect(api).toBe(`http://127.0.0.1:8080/v1/partners/vendor/${DEMO_VENDOR}`);
    expect(token).toBe(access.token);

    const { app } = await buildStatusApi({
      page: { name: 'Apotheek Datahub' },
      components: [],
      source: { kind: 'embedded', read: async () => ({ at: Date.now(), slos: new Map() }) },
      tokens: access.tokens,
      partners: access.partners,
      log: () => {},
    });
    try {
      const path = (url: string) => new URL(url).pathname;
      const asPartner = { authorization: `Basic ${Buffer.from(`partner:${token}`).toString('base64')}` };
      expect((await app.inject({ url: path(page!), headers: asPartner })).statusCode).toBe(503);
      expect((await app.inject({ url: path(api!), headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
        503,
      );
      expect((await app.inject({ url: path(api!) })).statusCode).toBe(401);
      expect(
        (
          await app.inject({
            url: `/v1/partners/vendor/${VENDORS.find((v) => v !== DEMO_VENDOR)}`,
            headers: { authorization: `Bearer ${token}` },
          })
        ).statusCode,
      ).toBe(403);
    } finally {
      await app.close();
    }
  });
});
