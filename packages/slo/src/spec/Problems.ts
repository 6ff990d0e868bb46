import type { YamlPositions } from '@hartslag/common/yaml';
import type { SpecProblem, SpecProblemCode, SpecWarning, SpecWarningCode } from '../errors.js';

/** Every problem and warning found in one spec file, across all its documents, each with its line. */
export class Problems {
  readonly #list: SpecProblem[] = [];
  readonly #warnings: SpecWarning[] = [];

  constructor(
    readonly file: string,
    private readonly positions: YamlPositions,
  ) {}

  /** 1-based line of a character offset in the file. */
  lineAt(offset: number): number {
    return this.positions.at(offset).line;
  }

  add(line: number, path: string, message: string, code?: SpecProblemCode): void {
    this.#list.push({ file: this.file, line, path, message, ...(code ? { code } : {}) });
  }

  warn(line: number, path: string, message: string, code: SpecWarningCode): void {
    this.#warnings.push({ file: this.file, line, path, message, code });
  }

  get count(): number {
    return this.#list.length;
  }

  /** In file order, so the list reads top to bottom like the file (ties keep the order found). */
  sorted(): SpecProblem[] {
    return [...this.#list].sort((a, b) => a.line - b.line);
  }

  warnings(): SpecWarning[] {
    return [...this.#warnings].sort((a, b) => a.line - b.line);
  }
}
