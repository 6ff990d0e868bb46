import { describe, expect, it } from 'vitest';
import { ConfigError, PUSH_DEFAULTS, readConfig } from '../../src/index.js';

const GOOD = `apiVersion: hartslag.logwatch/v1
service: medication-history
checkpoint:
  dir: ./state
sources:
  - name: access
    path: ./logs/access.log*
    format: regex
    pattern: '^(?<op>\\S+) (?<status>\\d+) (?<ms>\\d+)$'
    fields:
      operation: op
      code: status
      latency: { field: ms, unit: ms }
    codes:
      '503': timeout
      5xx: server_error
      2xx: success
      NO_CONTRACT: denied
`;

function problems(text: string): string[] {
  try {
    readConfig(text, 'lw.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => `${p.file}:${p.line}: ${p.path} ${p.message}`);
  }
  throw new Error('the config was accepted');
}

describe('readConfig', () => {
  it('reads a valid config with its defaults', () => {
    const c = readConfig(GOOD, 'lw.yaml');
    expect(c.service).toBe('medication-history');
    expect(c.checkpoint).toEqual({ dir: './state', intervalSeconds: 1 });
    expect(c.listen).toEqual({ host: '127.0.0.1', port: 9464 });
    const s = c.sources[0]!;
    expect(s.format).toBe('regex');
    expect(s.fields.latency).toEqual({ field: 'ms', scale: 0.001 });
    expect(s.maxLineBytes).toBe(65_536);
    // Exact codes are tried before patterns, so 503 is a timeout and not a server error.
    const outcomeOf = (code: string) => s.codes.find((r) => r.test(code))?.outcome;
    expect(outcomeOf('503')).toBe('timeout');
    expect(outcomeOf('500')).toBe('server_error');
    expect(outcomeOf('204')).toBe('success');
    expect(outcomeOf('NO_CONTRACT')).toBe('denied');
    expect(outcomeOf('404')).toBeUndefined();
  });

  it('names file, line and field of a misspelt key, with the one probably meant', () => {
    const text = GOOD.replace('    format: regex', '    fromat: regex');
    expect(problems(text)).toEqual([
      'lw.yaml:6: sources[0].format is required',
      'lw.yaml:8: sources[0].fromat is not a field here; did you mean "format"? (known: name, path, format, pattern, timestamp, fields, codes, defaultOutcome, maxLineBytes)',
    ]);
  });

  it('suggests the outcome meant and refuses an unknown time zone', () => {
    const text = GOOD.replace("'503': timeout", "'503': timout").replace(
      '    fields:',
      '    timestamp: { field: op, zone: Europe/Brusels }\n    fields:',
    );
    expect(problems(text)).toEqual([
      'lw.yaml:10: sources[0].timestamp.zone is not an IANA time zone such as "Europe/Brussels" or "UTC", got "Europe/Brusels"',
      'lw.yaml:16: sources[0].codes.503 must be one of success, client_error, server_error, timeout, denied, got "timout"; did you mean "timeout"?',
    ]);
  });

  it('refuses a field mapped to a group the pattern does not name', () => {
    const text = GOOD.replace('      code: status', '      code: statsu');
    expect(problems(text)).toEqual([
      'lw.yaml:10: sources[0].fields code reads group "statsu", which the pattern does not name (it names: op, status, ms)',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('apiVersion: hartslag.logwatch/v1\nservice: a\nservice: b\n')[0]).toMatch(/^lw\.yaml:3: .*unique/);
  });

  it('refuses a wildcard in the directory of a path', () => {
    expect(problems(GOOD.replace('./logs/access.log*', './lo*/access.log'))).toEqual([
      'lw.yaml:7: sources[0].path may have wildcards in the file name only, not in the directory',
    ]);
  });

  it('reads push with its defaults, and names each bad push field', () => {
    const c = readConfig(
      `${GOOD}push:\n  url: http://prom:9090/api/v1/write\n  labels: { instance: hub-1 }\n`,
      'lw.yaml',
    );
    expect(c.push).toEqual({
      url: 'http://prom:9090/api/v1/write',
      intervalSeconds: PUSH_DEFAULTS.intervalSeconds,
      batch: PUSH_DEFAULTS.batch,
      timeoutSeconds: PUSH_DEFAULTS.timeoutSeconds,
      maxBackoffSeconds: PUSH_DEFAULTS.maxBackoffSeconds,
      maxQueue: PUSH_DEFAULTS.maxQueue,
      labels: { job: 'hartslag-logwatch', instance: 'hub-1' },
    });
    expect(readConfig(GOOD, 'lw.yaml').push).toBeUndefined();
    expect(
      problems(`${GOOD}push:\n  url: prom:9090\n  batch: 0\n  intervall: 5s\n  labels: { __name__: x }\n`),
    ).toEqual([
      'lw.yaml:20: push.url must be an http(s) URL such as "http://prometheus:9090/api/v1/write", got "prom:9090"',
      'lw.yaml:21: push.batch must be a whole number of at least 1, got 0',
      'lw.yaml:22: push.intervall is not a field here; did you mean "interval"? (known: url, interval, batch, timeout, maxBackoff, maxQueue, labels)',
      'lw.yaml:23: push.labels.__name__ "__name__" is not a label name a series may carry',
    ]);
  });
});
