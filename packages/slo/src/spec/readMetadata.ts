import { RESERVED_ALERT_LABELS } from './readAlertLabels.js';
import { type Field, type SpecReader, show } from './SpecReader.js';
import { suggest } from './suggest.js';

/** Where Hartslag's own settings live in an OpenSLO file: annotations, whose values are strings. */
export const EXTENSION_PREFIX = 'hartslag.dev/';
export const EXTENSIONS = [
  'operation',
  'max-outage',
  'silence',
  'breakdown',
  'scrape-interval',
  'alert-tiers',
  'min-traffic',
  'by',
  'by-top',
] as const;
export type Extension = (typeof EXTENSIONS)[number];

const INVALID_LABEL_CHARS = /[^a-zA-Z0-9_]/g;

/**
 * OpenSLO `metadata.labels` (values a string or a list of strings) as alert labels. OpenSLO names
 * such as `app.kubernetes.io/team` become Prometheus label names (`app_kubernetes_io_team`); a list
 * becomes one comma-separated value.
 */
export function readLabels(r: SpecReader, field: Field): Record<string, string> | undefined {
  const entries = r.map(field, undefined);
  if (entries === undefined) return undefined;
  const labels: Record<string, string> = {};
  let bad = false;
  for (const [key, f] of entries) {
    const value = labelValue(r, f);
    const name = promName(key);
    if (name.startsWith('__')) {
      r.fail(f, 'is reserved: label names starting with __ are for Prometheus itself');
    } else if (RESERVED_ALERT_LABELS.includes(name)) {
      // An OpenSLO label is about the SLO, not necessarily meant for alerts: read past it.
      r.warn(f, `is not carried onto the alerts: Hartslag sets ${name} itself (${RESERVED_ALERT_LABELS.join(', ')})`);
      continue;
    } else if (value !== undefined) {
      labels[name] = value;
      continue;
    }
    bad = true;
  }
  return bad ? undefined : labels;
}

function labelValue(r: SpecReader, field: Field): string | undefined {
  const items =
    field.node !== null && typeof field.node === 'object' && 'items' in field.node ? r.list(field) : undefined;
  if (items === undefined) return r.string(field);
  const values = items.map((item) => r.string(item));
  return values.includes(undefined) ? undefined : values.join(',');
}

/** An OpenSLO label or annotation name as a Prometheus label name (letters, digits, _). */
function promName(key: string): string {
  const name = key.replace(INVALID_LABEL_CHARS, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

export interface Annotations {
  /** `hartslag.dev/…` settings by their name without the prefix. */
  extensions: Map<Extension, Field>;
  /** The others, for every alert of the SLO. */
  annotations: Record<string, string>;
}

/** OpenSLO `metadata.annotations`: Hartslag's settings under hartslag.dev/, the rest onto alerts. */
export function readAnnotations(r: SpecReader, field: Field): Annotations | undefined {
  const entries = r.map(field, undefined);
  if (entries === undefined) return undefined;
  const extensions = new Map<Extension, Field>();
  const annotations: Record<string, string> = {};
  for (const [key, f] of entries) {
    const value = r.string(f);
    if (!key.startsWith(EXTENSION_PREFIX)) {
      if (value !== undefined) annotations[promName(key)] = value;
      continue;
    }
    const name = key.slice(EXTENSION_PREFIX.length);
    if ((EXTENSIONS as readonly string[]).includes(name)) {
      extensions.set(name as Extension, f);
    } else {
      const meant = suggest(name, EXTENSIONS);
      r.fail(
        f,
        `is not a Hartslag setting${meant ? `; did you mean ${EXTENSION_PREFIX}${meant}?` : ` (known: ${EXTENSIONS.map((e) => EXTENSION_PREFIX + e).join(', ')})`}`,
      );
    }
  }
  return { extensions, annotations };
}

/** Settings whose annotation text is a list (`vendor, tenant`). */
export const LIST_EXTENSIONS: readonly Extension[] = ['breakdown', 'by'];

/**
 * An annotation's text as the value its reader takes: `limit=10m, warnAfter=4m` as a map,
 * `vendor, tenant` as a list (`asList`), anything else as the scalar it is.
 */
export function extensionValue(r: SpecReader, field: Field, asList = false): Field | undefined {
  const text = r.string(field);
  if (text === undefined) return undefined;
  const parts = splitTop(text);
  if (asList) return r.synthetic(field, field.path, parts);
  if (!parts.some((p) => p.includes('='))) return r.synthetic(field, field.path, scalar(text.trim()));
  const map: Record<string, unknown> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      return r.fail(field, `must be name=value pairs separated by commas, got ${show(field.node)} (at "${part}")`);
    }
    map[part.slice(0, eq).trim()] = scalar(part.slice(eq + 1).trim());
  }
  return r.synthetic(field, field.path, map);
}

/** Splits at commas outside parentheses: `baseline=sameTimeLastWeeks(3), ratio=0.25`. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== '');
}

function scalar(text: string): unknown {
  return /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text) ? Number(text) : text;
}

/** A value as an annotation writes it: the inverse of extensionValue, for migration messages. */
export function asAnnotation(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
  }
  return String(value);
}
