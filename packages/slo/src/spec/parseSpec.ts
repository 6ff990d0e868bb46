import { isScalar, LineCounter, parseAllDocuments, type YAMLError } from 'yaml';
import { SpecError } from '../errors.js';
import type { Slo, SloSpec } from '../model/Slo.js';
import { Problems } from './Problems.js';
import { readSlo } from './readSlo.js';
import { SpecReader } from './SpecReader.js';

/**
 * Reads a spec file: YAML documents separated by `---`, each an OpenSLO v1 SLO with Hartslag's
 * extensions (docs/spec.md). `file` names the file in messages. Throws one SpecError listing
 * every problem of every document, each as `file:line: field message`.
 */
export function parseSpec(text: string, file: string): SloSpec {
  const lines = new LineCounter();
  // prettyErrors off: messages stay one line; the line number comes from the LineCounter.
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const problems = new Problems(file, lines);
  const syntax = (e: YAMLError) => problems.add(problems.lineAt(e.pos[0]), '', `YAML: ${e.message}`);

  const slos: Slo[] = [];
  const names = new Map<string, number>();
  if ('empty' in docs) docs.errors.forEach(syntax);
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      // What the parser recovered would only add confusing follow-on problems.
      doc.errors.forEach(syntax);
      continue;
    }
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
    const slo = readSlo(new SpecReader(problems, doc), file, names);
    if (slo !== undefined) slos.push(slo);
  }
  if (slos.length === 0 && problems.count === 0) {
    problems.add(1, '', 'holds no SLO: expected YAML documents of apiVersion: openslo/v1, kind: SLO');
  }
  if (problems.count > 0) throw new SpecError(file, problems.sorted());
  return { file, slos };
}
