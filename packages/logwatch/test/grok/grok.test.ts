import { describe, expect, it } from 'vitest';
import { ConfigError, compileGrok, LineParser, readConfig } from '../../src/index.js';

function config(pattern: string, fields = 'operation: verb, code: response, latency: { field: bytes, unit: ms }') {
  return `apiVersion: hartslag.logwatch/v1
service: hub
checkpoint: { dir: ./s }
sources:
  - name: web
    path: ./access.log
    format: grok
    pattern: '${pattern}'
    timestamp: { field: timestamp, format: dd/MMM/yyyy:HH:mm:ss ZZZ }
    fields: { ${fields} }
    codes: { 2xx: success, 4xx: client_error, 5xx: server_error }
`;
}

const groups = (pattern: string, line: string) => ({ ...compileGrok(pattern).regex.exec(line)?.groups });

describe('grok patterns (logstash-patterns-core through oniguruma-to-es)', () => {
  it('COMMONAPACHELOG names the fields of an Apache common log line', () => {
    expect(
      groups(
        '%{COMMONAPACHELOG}',
        '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
      ),
    ).toEqual({
      clientip: '127.0.0.1',
      ident: '-',
      auth: 'frank',
      timestamp: '10/Oct/2000:13:55:36 -0700',
      verb: 'GET',
      request: '/apache_pb.gif',
      httpversion: '1.0',
      rawrequest: undefined,
      response: '200',
      bytes: '2326',
    });
  });

  it('COMBINEDAPACHELOG adds referrer and agent, quotes kept as grok keeps them', () => {
    const g = groups(
      '^%{COMBINEDAPACHELOG}$',
      '10.1.2.3 - - [02/Nov/2026:09:15:02 +0100] "POST /api/dispense HTTP/1.1" 403 - "https://hub.example/" "Mozilla/5.0 (X11; Linux)"',
    );
    expect(g).toMatchObject({
      clientip: '10.1.2.3',
      verb: 'POST',
      response: '403',
      bytes: undefined,
      referrer: '"https://hub.example/"',
      agent: '"Mozilla/5.0 (X11; Linux)"',
    });
  });

  it('IP takes IPv4 and IPv6 and refuses what is neither', () => {
    for (const ip of ['192.168.0.17', 'fe80::1ff:fe23:4567:890a', '::1', '2001:db8::8a2e:370:7334']) {
      expect(groups('^%{IP:ip}$', ip)).toEqual({ ip });
    }
    expect(compileGrok('^%{IP:ip}$').regex.test('256.1.1.1')).toBe(false);
    expect(compileGrok('^%{IP:ip}$').regex.test('pharmacy-7')).toBe(false);
  });

  it('NUMBER takes signed and decimal numbers, not words', () => {
    for (const n of ['42', '-3', '+0.25', '.5', '1500.125']) expect(groups('^%{NUMBER:n}$', n)).toEqual({ n });
    expect(compileGrok('^%{NUMBER:n}$').regex.test('12ms')).toBe(false);
  });

  it('TIMESTAMP_ISO8601 takes the ISO forms logs write, with or without zone and fraction', () => {
    for (const t of [
      '2026-11-02T09:15:02.120+01:00',
      '2026-11-02 09:15:02',
      '2026-11-02T08:15:02Z',
      '2026-03-29T02:30',
    ]) {
      expect(groups('^%{TIMESTAMP_ISO8601:t}$', t)).toEqual({ t });
    }
    expect(compileGrok('^%{TIMESTAMP_ISO8601:t}$').regex.test('02/11/2026 09:15')).toBe(false);
  });

  it('a grok source maps an Apache line onto the call contract like any other format', () => {
    const c = readConfig(config('^%{COMMONAPACHELOG}$'), 'lw.yaml');
    const r = new LineParser(c.sources[0]!).parse(
      '10.0.0.8 - apotheek-7 [02/Nov/2026:09:15:02 +0100] "GET /history HTTP/1.1" 503 1200',
    );
    expect(r).toMatchObject({
      ok: true,
      line: {
        call: { operation: 'GET', outcome: 'server_error', code: '503', seconds: 1.2 },
        time: Date.UTC(2026, 10, 2, 8, 15, 2),
      },
    });
  });

  it('an unknown pattern name is an error at file:line with the name probably meant', () => {
    let err: unknown;
    try {
      readConfig(config('^%{COMMONAPACHELG}$'), 'lw.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.map((p) => `${p.file}:${p.line}: ${p.path} ${p.message}`)).toEqual([
      'lw.yaml:8: sources[0].pattern uses the unknown grok pattern "COMMONAPACHELG"; did you mean "COMMONAPACHELOG"?',
    ]);
  });

  it('fields must read what the grok pattern names', () => {
    expect(() => readConfig(config('^%{IP:client} %{WORD:op}$', 'operation: op, code: status'), 'lw.yaml')).toThrow(
      /code reads group "status", which the pattern does not name \(it names: client, op\)/,
    );
  });
});
