import { LineCounter } from 'yaml';

/** 1-based line and column in a file. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Where things are in one YAML text: give its `lineCounter` to the yaml parser, then ask for the
 * position of a node or a parser error, so a problem can be reported as `file:line:column`.
 */
export class YamlPositions {
  readonly lineCounter = new LineCounter();

  /** The position of a character offset (a node's `range[0]`, a YAMLError's `pos[0]`). */
  at(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  /** Where a node starts; the start of the file for none (a value that is absent). */
  of(node: { range?: readonly number[] | null } | null | undefined): Position {
    const offset = node?.range?.[0];
    return offset === undefined ? { line: 1, column: 1 } : this.at(offset);
  }
}

/** `status.yaml:14:7`, as editors and terminals link it; the file alone when the line is unknown. */
export function fileLine(file: string, at: Partial<Position>): string {
  if (at.line === undefined || at.line <= 0) return file;
  return at.column === undefined || at.column <= 0 ? `${file}:${at.line}` : `${file}:${at.line}:${at.column}`;
}
