import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types
import { publicPackages, ROOT } from '../packaging/packages.mjs';

// What `changeset version` reads: a YAML front matter of `"package": bump` lines between two `---`
// lines, then the summary. A Markdown formatter once turned the front matter into a `##` heading
// (a line above `---` is a setext heading), and the release would have skipped those entries.
const DIR = join(ROOT as string, '.changeset');
const FRONT = /^---\n((?:"[^"\n]+": (?:major|minor|patch)\n)+)---\n\n?(\S[\s\S]*)$/;
const names = new Set((publicPackages() as { name: string }[]).map((p) => p.name));
const files = readdirSync(DIR).filter((f) => f.endsWith('.md') && f !== 'README.md');

describe('changesets', () => {
  it.each(files)('%s names public packages in a front matter changesets can read, then says what changed', (f) => {
    const text = readFileSync(join(DIR, f), 'utf8');
    const m = FRONT.exec(text);
    expect(m, `${f}: front matter is not '---', "package": bump lines, '---'`).not.toBeNull();
    for (const line of m![1]!.trim().split('\n')) {
      const pkg = /^"([^"]+)"/.exec(line)![1]!;
      expect(names, `${f}: ${pkg} is not a public workspace package`).toContain(pkg);
    }
    expect(m![2]!.trim().length).toBeGreaterThan(20);
  });
});
