import { describe, expect, it } from 'vitest';
import { LineParser, readConfig } from '../../src/index.js';

function parser(source: string): LineParser {
  const config = readConfig(
    `apiVersion: hartslag.logwatch/v1\nservice: hub\ncheckpoint: { dir: ./s }\nsources:\n${source}`,
    'lw.yaml',
  );
  return new LineParser(config.sources[0]!);
}

const JSON_SOURCE = `  - name: api
    path: ./api.log
    format: json
    timestamp: { field: ts }
    fields: { operation: op, code: status, tenant: pharmacy, latency: { field: dur } }
    codes: { '200': success, NO_CONTRACT: denied, 5xx: server_error }
`;

describe('LineParser', () => {
  it('maps a JSON line onto the call contract', () => {
    const r = parser(JSON_SOURCE).parse(
      '{"ts":"2026-11-02T09:15:02.120+01:00","op":"login","status":"NO_CONTRACT","pharmacy":"apotheek-7","dur":0.25}',
    );
    expect(r).toMatchObject({
      ok: true,
      line: {
        call: { operation: 'login', outcome: 'denied', code: 'NO_CONTRACT', tenant: 'apotheek-7', seconds: 0.25 },
        time: Date.UTC(2026, 10, 2, 8, 15, 2, 120),
      },
    });
  });

  it('maps a logfmt line, numbers as label text', () => {
    const p = parser(`  - name: api
    path: ./api.log
    format: logfmt
    fields: { operation: op, code: status, latency: { field: ms, unit: ms } }
    codes: { 2xx: success, 5xx: server_error }
`);
    expect(p.parse('op=fetch status=503 ms=40 msg="upstream failed"')).toMatchObject({
      ok: true,
      line: { call: { operation: 'fetch', outcome: 'server_error', code: '503', seconds: 0.04 } },
    });
  });

  it('gives each rejected line its reason', () => {
    const p = parser(JSON_SOURCE);
    const reason = (line: string) => {
      const r = p.parse(line);
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason('not json')).toBe('no_match');
    expect(reason('{"ts":"2026-11-02T09:15:02Z","status":"200"}')).toBe('field');
    expect(reason('{"ts":"2026-11-02T09:15:02Z","op":"x","status":"404"}')).toBe('outcome');
    expect(reason('{"ts":"yesterday","op":"x","status":"200"}')).toBe('timestamp');
    expect(reason('{"ts":"2026-11-02T09:15:02Z","op":"x","status":"200","dur":-1}')).toBe('latency');
    expect(reason('{"ts":"2026-11-02T09:15:02Z","op":"x","status":"200"}')).toBe('ok');
  });

  it('reads wall-clock times in Europe/Brussels by default, across both DST changes', () => {
    const p = parser(`  - name: access
    path: ./a.log
    format: regex
    pattern: '^(?<t>\\S+ \\S+) (?<op>\\S+)$'
    timestamp: { field: t, format: yyyy-MM-dd HH:mm:ss }
    fields: { operation: op }
    defaultOutcome: success
`);
    const at = (line: string) => {
      const r = p.parse(line);
      return r.ok ? new Date(r.line.time!).toISOString() : r.reason;
    };
    expect(at('2026-01-15 12:00:00 x')).toBe('2026-01-15T11:00:00.000Z'); // CET, +01:00
    expect(at('2026-07-15 12:00:00 x')).toBe('2026-07-15T10:00:00.000Z'); // CEST, +02:00
    expect(at('2026-03-29 01:59:59 x')).toBe('2026-03-29T00:59:59.000Z');
    expect(at('2026-03-29 03:00:00 x')).toBe('2026-03-29T01:00:00.000Z');
    expect(at('2026-10-25 01:59:59 x')).toBe('2026-10-24T23:59:59.000Z');
    expect(at('2026-10-25 03:00:00 x')).toBe('2026-10-25T02:00:00.000Z');
  });
});
