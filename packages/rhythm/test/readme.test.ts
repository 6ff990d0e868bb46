import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('the README example', () => {
  it('is examples/usual-day.ts word for word, and runs', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/usual-day.ts', import.meta.url), 'utf8');
    expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'examples/usual-day.ts'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('now 900 calls/min, usual 100 (p10–p90 100–100)');
    expect(r.stdout).toContain('anomalous today: 5 min');
    expect(r.stdout).toContain('last week at 08:00: 400');
  });
});
