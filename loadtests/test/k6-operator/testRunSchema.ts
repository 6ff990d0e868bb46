import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import ajvFormats from 'ajv-formats';
import { parse } from 'yaml';

const FIXTURE = new URL('../fixtures/k6-operator/testrun-v1alpha1.schema.yaml', import.meta.url);

type Schema = Record<string, unknown>;

/**
 * kubectl applies with strict field validation: a field the schema does not list is refused, not
 * dropped. JSON Schema allows unknown fields unless told otherwise, so every object schema that
 * lists its properties (and does not preserve unknown fields) is closed here.
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) out[k] = closeObjects(v);
  if (
    out.properties !== undefined &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

// strictTypes off: Kubernetes quantities put a string `pattern` beside `anyOf: [integer, string]`,
// which JSON Schema, like the API server, applies to strings only.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
// A CommonJS module: under NodeNext its default import is module.exports, which carries .default.
ajvFormats.default(ajv);
// Kubernetes' structural-schema annotations: they steer merges on the server, not validation.
for (const keyword of [
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-preserve-unknown-fields',
]) {
  ajv.addKeyword({ keyword });
}
const validate = ajv.compile(closeObjects(parse(readFileSync(FIXTURE, 'utf8'))) as Schema);

/** `spec.script.configMap.name: must have required property` — the field a complaint is about. */
function field(e: ErrorObject): string {
  const path = e.instancePath.split('/').slice(1);
  if (e.keyword === 'required') path.push(String(e.params.missingProperty));
  if (e.keyword === 'additionalProperties') path.push(String(e.params.additionalProperty));
  return path.join('.');
}

/** Checks a TestRun against the k6-operator CRD's schema; the problems, each naming its field. */
export function testRunProblems(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${field(e)}: ${e.message ?? e.keyword}`);
}
