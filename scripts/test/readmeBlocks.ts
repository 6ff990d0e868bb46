/** The shell blocks of a README, with what each needs to run (`<!-- needs: … -->` above it). */
export interface ShellBlock {
  /** 1-based line of the opening fence. */
  line: number;
  text: string;
  /** Why the README test cannot run it (a service that must be running, …); absent: it runs. */
  needs?: string;
  /** The block's first line says so: it runs from the repository root, not the README's folder. */
  fromRoot: boolean;
}

const FENCE = /^```(sh|bash|shell)\s*$/;
const NEEDS = /^<!--\s*needs:\s*(.+?)\s*-->$/;
export const FROM_ROOT = '# from the repository root';

export function shellBlocks(markdown: string): ShellBlock[] {
  const lines = markdown.split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i]!)) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) throw new Error(`line ${i + 1}: a shell block without its closing fence`);
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const needs = before >= 0 ? NEEDS.exec(lines[before]!.trim())?.[1] : undefined;
    const body = lines.slice(i + 1, end);
    blocks.push({
      line: i + 1,
      text: body.join('\n'),
      fromRoot: body[0]?.trim().startsWith(FROM_ROOT) ?? false,
      ...(needs ? { needs } : {}),
    });
    i = end;
  }
  return blocks;
}
