import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The files a source path names: a directory and a pattern of `*`, `?` and `[…]` for the name. */
export function fileGlob(path: string): () => string[] {
  const dir = dirname(path);
  const re = new RegExp(`^${globToRegex(basename(path))}$`);
  return () => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      // A directory that does not exist yet matches nothing; the source waits for it.
      return [];
    }
    return names
      .filter((n) => re.test(n))
      .sort()
      .map((n) => join(dir, n));
  };
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return out;
}
