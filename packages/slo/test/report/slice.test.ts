import { describe, expect, it } from 'vitest';
import { monthRange } from '../../src/report/month.js';
import { monthlyReport, type ReportSlice } from '../../src/report/monthlyReport.js';
import { PrometheusClient } from '../../src/report/PrometheusClient.js';

describe('a sliced report', () => {
  // Nothing listens on port 9: a slice that is refused never reaches Prometheus.
  const prometheus = new PrometheusClient('http://127.0.0.1:9');
  const range = monthRange('2026-11', 'UTC')!;

  it.each([
    [{ vendor: '' }],
    [{ tenants: [] }],
    [{ tenants: ['pharmacy-001', ''] }],
    [{ vendor: 42 } as unknown as ReportSlice],
  ])('refuses %j, naming both forms', async (slice) => {
    await expect(
      monthlyReport({ file: 'slos.yaml', slos: [] }, range, prometheus, undefined, slice),
    ).rejects.toMatchObject({
      code: 'HARTSLAG_ERR_REPORT_FAILED',
      message: expect.stringContaining('{ vendor: "<id>" } or { tenants: ["<id>", …] }'),
    });
  });

  it('says whose calls it counted', async () => {
    const spec = { file: 'slos.yaml', slos: [] };
    expect((await monthlyReport(spec, range, prometheus, undefined, { vendor: 'vendor-a' })).slice).toBe(
      'vendor vendor-a',
    );
    expect((await monthlyReport(spec, range, prometheus, undefined, { tenants: ['a', 'b'] })).slice).toBe(
      'tenants a, b',
    );
    expect((await monthlyReport(spec, range, prometheus)).slice).toBeUndefined();
  });
});
