import { describe, expect, it } from 'vitest';
import { HELP, parseDemoArgs, USAGE } from '../../src/config/args.js';
import type { DemoError } from '../../src/errors.js';

function usageError(argv: string[]): DemoError {
  try {
    parseDemoArgs(argv);
  } catch (err) {
    return err as DemoError;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('the demo command line', () => {
  it('runs on defaults: a day every 10 minutes, the incident after 60 s for 6 minutes, the usual ports', () => {
    expect(parseDemoArgs([])).toEqual({
      durationSeconds: undefined,
      daySeconds: 600,
      peak: 40,
      incidentAfterSeconds: 60,
      incidentMinutes: 6,
      ports: { platform: 9464, status: 4000, prometheus: 9090, preview: 3001 },
      prometheus: true,
      preview: true,
      dataDir: undefined,
      platformHost: '127.0.0.1',
    });
  });

  it('takes every flag, and ignores the -- that pnpm passes through', () => {
    expect(
      parseDemoArgs([
        '--',
        '--duration',
        '30',
        '--day-seconds',
        '120',
        '--peak',
        '10',
        '--incident-after',
        '5',
        '--incident-minutes',
        '1.5',
        '--platform-port',
        '0',
        '--status-port',
        '4100',
        '--prometheus-port',
        '0',
        '--preview-port',
        '0',
        '--no-prometheus',
        '--no-preview',
        '--data-dir',
        'tmp/demo',
        '--platform-host',
        '0.0.0.0',
      ]),
    ).toEqual({
      durationSeconds: 30,
      daySeconds: 120,
      peak: 10,
      incidentAfterSeconds: 5,
      incidentMinutes: 1.5,
      ports: { platform: 0, status: 4100, prometheus: 0, preview: 0 },
      prometheus: false,
      preview: false,
      dataDir: 'tmp/demo',
      platformHost: '0.0.0.0',
    });
    expect(parseDemoArgs(['--no-incident'])).toMatchObject({ incidentAfterSeconds: undefined });
  });

  it('answers --help with the usage', () => {
    expect(parseDemoArgs(['--help'])).toBe(HELP);
    expect(parseDemoArgs(['-h'])).toBe(HELP);
    for (const flag of ['--duration', '--day-seconds', '--incident-after', '--no-incident', '--platform-port']) {
      expect(USAGE).toContain(flag);
    }
  });

  it.each([
    [['--duration', '0'], '--duration must be a number of seconds > 0, got "0"'],
    [['--day-seconds', '5'], '--day-seconds must be from 60 to 86400, got "5"'],
    [
      ['--platform-host', 'example.org'],
      '--platform-host must be an IPv4 address such as 127.0.0.1 or 0.0.0.0, got "example.org"',
    ],
    [['--status-port', '70000'], '--status-port must be a port from 0 to 65535'],
    [['--incident-minutes', 'six'], '--incident-minutes must be from 0.5 to 60 minutes, got "six"'],
    [['--no-incident', '--incident-after', '5'], '--no-incident and --incident-after contradict each other'],
    [['--colour', 'red'], "Unknown option '--colour'"],
    [['--data-dir', ' '], '--data-dir must name a folder'],
  ])('refuses %j, naming the flag and its rule', (argv, message) => {
    const err = usageError(argv);
    expect(err.code).toBe('HARTSLAG_ERR_DEMO_USAGE');
    expect(err.message).toContain(message);
    expect(err.message).toContain('usage: pnpm demo');
  });
});
