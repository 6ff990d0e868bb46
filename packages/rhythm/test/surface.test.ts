import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as rhythm from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the package surface', () => {
  it('runs in a browser: no Node built-ins, no process, no globals beyond the language and Intl', () => {
    for (const file of sources(join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"](node:|fs|path|os|crypto|util)/);
      expect(text, file).not.toMatch(/\b(process|Buffer|require|__dirname)\b/);
    }
  });

  it('has no dependencies and no side effects', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
  });

  it('exports by name, never with export *', () => {
    const index = readFileSync(join(root, 'src/index.ts'), 'utf8');
    expect(index).not.toMatch(/export \*/);
    expect(Object.keys(rhythm).sort()).toEqual([
      'DAY_MS',
      'DEFAULT_QUANTILES',
      'HOUR_MS',
      'MINUTE_MS',
      'PERIODS',
      'RHYTHM_ERROR_CODES',
      'RhythmError',
      'SECOND_MS',
      'WEEK_MS',
      'addDays',
      'alignShift',
      'baselineBand',
      'compareWithUsual',
      'detectAnomalies',
      'fold',
      'gridOffsets',
      'gridSize',
      'instantAt',
      'isoWeekOf',
      'localDate',
      'localParts',
      'periodBounds',
      'periodLength',
      'previousPeriods',
      'quantile',
      'resample',
      'shiftBack',
      'shiftFor',
      'startOfDate',
      'startOfLocalDay',
      'startOfLocalWeek',
      'utcOffset',
      'wallOffset',
      'weekdayOf',
    ]);
  });
});
