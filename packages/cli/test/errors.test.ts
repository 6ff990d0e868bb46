import { readFileSync } from 'node:fs';
import { HartslagError } from '@hartslag/metrics/errors';
import { describe, expect, it } from 'vitest';
import { CLI_ERROR_CODES, CliError } from '../src/index.js';

describe('errors', () => {
  const docs = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

  it('documents every code, and nothing that does not exist', () => {
    const documented = [...docs.matchAll(/`(HARTSLAG_ERR_(?:CLI|INIT)_\w+)`/g)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(CLI_ERROR_CODES));
    expect(CLI_ERROR_CODES).toHaveLength(7);
  });

  it('are HartslagErrors with the code; usage errors exit with 2, the rest with 1', () => {
    const usage = new CliError('HARTSLAG_ERR_CLI_USAGE', 'x');
    expect(usage).toBeInstanceOf(HartslagError);
    expect(usage.code).toBe('HARTSLAG_ERR_CLI_USAGE');
    expect(usage.exitCode).toBe(2);
    expect(new CliError('HARTSLAG_ERR_INIT_CONFLICT', 'x').exitCode).toBe(1);
  });
});
