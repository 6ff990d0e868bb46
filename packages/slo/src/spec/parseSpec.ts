import { YamlPositions } from '@hartslag/common/yaml';
import { isScalar, isSeq, parseAllDocuments, type YAMLError } from 'yaml';
import { SpecError } from '../errors.js';
import type { Slo, SloSpec } from '../model/Slo.js';
import { Catalog } from './Catalog.js';
import { Problems } from './Problems.js';
import { OWN_ALERTS } from './readAlertPolicies.js';
import { API_VERSION, readSlo } from './readSlo.js';
import { API_VERSION_V1ALPHA, readSloV1alpha } from './readSloV1alpha.js';
import { type Field, SpecReader, show } from './SpecReader.js';
import { suggest } from './suggest.js';

const KINDS: Record<string, readonly string[]> = {
  [API_VERSION]: ['SLO', 'SLI', 'DataSource', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget', 'Service'],
  [API_VERSION_V1ALPHA]: ['SLO', 'Service'],
};
/** Kinds read past when no SLO refers to them, and why. */
const NOT_READ: Record<string, string> = {
  Service: 'is not read: the SLO names its service in spec.service, which becomes the service label',
  AlertPolicy: `is not read: ${OWN_ALERTS}`,
  AlertCondition: `is not read: ${OWN_ALERTS}`,
  AlertNotificationTarget:
    'is not read: route the alerts to their receivers with Alertmanager, by their severity label',
  SLI: 'is not read: no SLO of this file names it in spec.indicatorRef',
};

/**
 * Reads a spec file: YAML documents separated by `---`, or a YAML list of objects (as the
 * OpenSLO SDK writes them), of OpenSLO v1 SLOs with the SLIs and DataSources they refer to, or
 * openslo/v1alpha SLOs as Sloth reads them (docs/spec.md). `file` names the file in messages.
 * Throws one SpecError listing every problem of every document, each as `file:line: field message`;
 * returns what was read past as `warnings`.
 */
export function parseSpec(text: string, file: string): SloSpec {
  const positions = new YamlPositions();
  // prettyErrors off: messages stay one line; the line number comes from the LineCounter.
  const docs = parseAllDocuments(text, { lineCounter: positions.lineCounter, prettyErrors: false });
  const problems = new Problems(file, positions);
  const syntax = (e: YAMLError) => problems.add(problems.lineAt(e.pos[0]), '', `YAML: ${e.message}`);

  const objects: { r: SpecReader; root: Field; apiVersion: string; kind: string }[] = [];
  if ('empty' in docs) docs.errors.forEach(syntax);
  let documents = 0;
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      // What the parser recovered would only add confusing follow-on problems.
      doc.errors.forEach(syntax);
      continue;
    }
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
    documents++;
    const r = new SpecReader(problems, doc);
    const root = r.root();
    const items = isSeq(root.node) ? r.list(root)! : [root];
    for (const item of items) {
      const object = classify(r.at(item));
      if (object !== undefined) objects.push(object);
    }
  }

  const catalog = new Catalog();
  for (const o of objects) {
    if (o.kind === 'SLO' || o.apiVersion !== API_VERSION) continue;
    const entries = o.r.map(o.root, undefined);
    const metadata = entries?.get('metadata');
    const nameField = metadata && o.r.map(metadata, undefined)?.get('name');
    const name = nameField && o.r.string(nameField);
    if (name === undefined) {
      if (nameField === undefined) o.r.fail({ ...o.root, path: 'metadata.name' }, 'is required');
      continue;
    }
    const earlier = catalog.add({ r: o.r, root: o.root, kind: o.kind, name, spec: entries?.get('spec') });
    if (earlier !== undefined)
      o.r.fail(nameField!, `"${name}" is already the name of the ${o.kind} at line ${earlier.root.line}`);
  }

  const slos: Slo[] = [];
  const names = new Map<string, number>();
  for (const o of objects) {
    if (o.kind !== 'SLO') continue;
    const read = o.apiVersion === API_VERSION ? readSlo(o.r, file, names, catalog) : readSloV1alpha(o.r, file, names);
    if (read !== undefined) slos.push(...read);
  }
  for (const o of objects) {
    if (o.kind === 'SLO' || o.kind === 'DataSource') continue;
    const entries = o.r.map(o.root, undefined);
    const name = entries?.get('metadata');
    const unused = o.apiVersion !== API_VERSION || catalogUnused(catalog, o.kind, o.root);
    if (unused && name !== undefined) o.r.warn({ ...o.root, path: '' }, `${o.kind} ${describe(o)} ${NOT_READ[o.kind]}`);
  }

  if (slos.length === 0 && problems.count === 0) {
    problems.add(
      1,
      '',
      documents === 0
        ? 'holds no SLO: expected YAML documents of apiVersion: openslo/v1, kind: SLO'
        : `holds no SLO (${[...new Set(objects.map((o) => o.kind))].join(', ') || 'nothing Hartslag reads'}): Hartslag makes rules from kind: SLO documents; put the SLOs that use these objects in the same file`,
      'HARTSLAG_ERR_SPEC_NO_SLO',
    );
  }
  if (problems.count > 0) throw new SpecError(file, problems.sorted());
  const warnings = problems.warnings();
  return { file, slos, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** The version and kind of one object, or undefined (reported) when Hartslag does not read it. */
function classify(r: SpecReader): { r: SpecReader; root: Field; apiVersion: string; kind: string } | undefined {
  const root = r.root();
  const entries = r.map(root, undefined, 'a map of apiVersion, kind, metadata and spec');
  if (entries === undefined) return undefined;
  const versionField = r.need(entries, 'apiVersion', root);
  const kindField = r.need(entries, 'kind', root);
  const apiVersion = versionField && r.string(versionField);
  const kind = kindField && r.string(kindField);
  if (apiVersion === undefined || kind === undefined) return undefined;
  const kinds = KINDS[apiVersion];
  if (kinds === undefined) {
    // A document of another version means something else by its fields: say only that.
    r.fail(
      versionField!,
      `must be "${API_VERSION}" or "${API_VERSION_V1ALPHA}", got ${show(versionField!.node)}: Hartslag reads those two OpenSLO versions`,
      'HARTSLAG_ERR_SPEC_API_VERSION',
    );
    return undefined;
  }
  if (!kinds.includes(kind)) {
    const meant = suggest(kind, kinds);
    r.fail(
      kindField!,
      `must be one of ${kinds.join(', ')} in ${apiVersion}, got ${show(kindField!.node)}${meant ? `; did you mean ${meant}?` : ''}`,
    );
    return undefined;
  }
  return { r, root, apiVersion, kind };
}

function catalogUnused(catalog: Catalog, kind: string, root: Field): boolean {
  return catalog.unused(kind).some((o) => o.root === root);
}

function describe(o: { r: SpecReader; root: Field }): string {
  const metadata = o.r.map(o.root, undefined)?.get('metadata');
  const name =
    metadata?.node && typeof metadata.node === 'object' && 'toJSON' in metadata.node
      ? (metadata.node.toJSON() as { name?: unknown }).name
      : undefined;
  return typeof name === 'string' ? `"${name}"` : '(unnamed)';
}
