import { DateTime, Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { timestampReader } from '../../src/parse/timestamp.js';

const ZONE = 'Europe/Brussels';

describe('timestampReader fast paths', () => {
  afterEach(() => {
    Settings.now = () => Date.now();
  });

  it('gives the instants Luxon gives for numeric formats, every 7 minutes through both DST nights and month ends', () => {
    // In winter Luxon alone already takes the second of two autumn times, as logwatch does.
    Settings.now = () => Date.UTC(2026, 0, 15);
    const formats = ['yyyy-MM-dd HH:mm:ss.SSS', 'dd/MM/yyyy HH:mm:ss', 'yyyy-MM-dd HH:mm'];
    let compared = 0;
    for (const format of formats) {
      const read = timestampReader({ field: 't', format, zone: ZONE });
      for (const [from, to] of [
        ['2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z'],
        ['2026-10-24T20:00:00Z', '2026-10-25T06:00:00Z'],
        ['2026-02-27T20:00:00Z', '2026-03-01T02:00:00Z'],
      ] as const) {
        for (let t = Date.parse(from); t < Date.parse(to); t += 7 * 60_000 + 1_234) {
          const text = DateTime.fromMillis(t, { zone: 'UTC' }).toFormat(format);
          const luxon = DateTime.fromFormat(text, format, { zone: ZONE, setZone: true, locale: 'en-US' });
          expect(read(text), text).toBe(luxon.toMillis());
          compared++;
        }
      }
      // Wall-clock texts in the skipped spring hour land where Luxon puts them.
      const gap = DateTime.fromFormat('2026-03-29 02:30:15.250', 'yyyy-MM-dd HH:mm:ss.SSS', { zone: ZONE });
      if (format === formats[0]) expect(read('2026-03-29 02:30:15.250')).toBe(gap.toMillis());
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('refuses what Luxon refuses (30 February, a text that does not fit the format) and leaves hour 24 to Luxon', () => {
    const read = timestampReader({ field: 't', format: 'yyyy-MM-dd HH:mm:ss', zone: ZONE });
    expect(read('2026-02-30 10:00:00')).toBeUndefined();
    expect(read('2026-02-28 24:00:00')).toBe(
      DateTime.fromFormat('2026-02-28 24:00:00', 'yyyy-MM-dd HH:mm:ss', { zone: ZONE, setZone: true }).toMillis(),
    );
    expect(read('2026-02-28T10:00:00')).toBeUndefined();
    const iso = timestampReader({ field: 't', format: 'iso', zone: ZONE });
    expect(iso('2026-02-30T10:00:00Z')).toBeUndefined();
    expect(iso('2026-11-02T07:00:00.5+01:00')).toBe(Date.UTC(2026, 10, 2, 6, 0, 0, 500));
    expect(iso('2026-11-02T07:00:00Z')).toBe(Date.UTC(2026, 10, 2, 7));
    // Without an offset the zone applies (Luxon's path): 07:00 in Brussels in November is 06:00Z.
    expect(iso('2026-11-02T07:00:00')).toBe(Date.UTC(2026, 10, 2, 6));
  });

  it('takes the second of two autumn times whatever the season it runs in (Luxon alone follows today)', () => {
    const second = Date.UTC(2026, 9, 25, 1, 30);
    for (const now of [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)]) {
      Settings.now = () => now;
      const numeric = timestampReader({ field: 't', format: 'yyyy-MM-dd HH:mm:ss', zone: ZONE });
      const named = timestampReader({ field: 't', format: 'dd/MMM/yyyy:HH:mm:ss', zone: ZONE });
      const iso = timestampReader({ field: 't', format: 'iso', zone: ZONE });
      expect(numeric('2026-10-25 02:30:00')).toBe(second);
      expect(named('25/Oct/2026:02:30:00')).toBe(second);
      expect(iso('2026-10-25T02:30:00')).toBe(second);
      // Unambiguous times around it do not move.
      expect(numeric('2026-10-25 01:30:00')).toBe(Date.UTC(2026, 9, 24, 23, 30));
      expect(numeric('2026-10-25 03:30:00')).toBe(Date.UTC(2026, 9, 25, 2, 30));
      expect(named('29/Mar/2026:02:30:00')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    }
  });
});
