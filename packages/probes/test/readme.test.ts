import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('the README example', () => {
  it('is examples/night-probes.ts word for word, and runs', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/night-probes.ts', import.meta.url), 'utf8');
    expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'examples/night-probes.ts'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ehealth: success 200');
    expect(r.stdout).toContain('video-vendor: server_error refused');
    // The metrics hold what the runner says it ran.
    const runs = Number(/runs (\d+), skipped/.exec(r.stdout)?.[1]);
    const ok = Number(/operation="probe:ehealth",outcome="success",code="200"\} (\d+)/.exec(r.stdout)?.[1]);
    const refused = Number(
      /operation="probe:video-vendor",outcome="server_error",code="refused"\} (\d+)/.exec(r.stdout)?.[1],
    );
    expect(ok).toBeGreaterThan(0);
    expect(ok + refused).toBe(runs);
  });
});
