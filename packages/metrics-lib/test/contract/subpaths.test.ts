import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const src = new URL('../../src/', import.meta.url);

/** The modules a source file loads, following relative imports; bare ones (other packages) apart. */
function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (url: URL) => {
    if (files.has(url.href)) return;
    files.add(url.href);
    const text = readFileSync(url, 'utf8');
    // `import type` is erased at run time: it loads nothing.
    for (const m of text.matchAll(/^(?:import|export)(?! type)[^'"]*?from '([^']+)'/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(new URL(spec.replace(/\.js$/, '.ts'), url));
      else packages.add(spec);
    }
  };
  visit(new URL(entry, src));
  return { files, packages };
}

describe('the light subpaths', () => {
  it.each(['contract.ts', 'errors.ts'])('%s loads no other package (no prom-client, no OpenTelemetry)', (entry) => {
    expect([...closure(entry).packages]).toEqual([]);
  });

  it('sees the packages the main entry loads, so it would see one in the contract', () => {
    expect(closure('index.ts').packages).toContain('fastify-plugin');
  });

  it('loads neither Prometheus client from the main entry: both are optional peers, the default registry is required lazily', () => {
    const { packages } = closure('index.ts');
    expect([...packages].filter((p) => /prom-client|@prometheus-io\/client/.test(p))).toEqual([]);
  });
});
