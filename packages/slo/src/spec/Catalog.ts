import type { Indicator } from '../model/Slo.js';
import type { Field, SpecReader } from './SpecReader.js';

/** An OpenSLO object that SLOs refer to by name (an SLI, a DataSource, an AlertPolicy …). */
export interface SpecObject {
  r: SpecReader;
  root: Field;
  kind: string;
  name: string;
  /** The object's `spec` map, read without a shape (each reader checks its own keys). */
  spec: Field | undefined;
}

/**
 * The named objects of one spec file, for `indicatorRef`, `metricSourceRef`, `alertPolicyRef`,
 * `conditionRef` and `targetRef`. OpenSLO lets such references cross files; Hartslag reads one
 * file, so a reference must be to an object in it.
 */
export class Catalog {
  readonly #objects = new Map<string, SpecObject>();
  /** Indicators read from SLI documents, so one used by two SLOs is read (and reported) once. */
  readonly #indicators = new Map<string, Indicator | undefined>();
  readonly #used = new Set<string>();

  add(object: SpecObject): SpecObject | undefined {
    const key = `${object.kind}/${object.name}`;
    const earlier = this.#objects.get(key);
    if (earlier === undefined) this.#objects.set(key, object);
    return earlier;
  }

  get(kind: string, name: string): SpecObject | undefined {
    const object = this.#objects.get(`${kind}/${name}`);
    if (object !== undefined) this.#used.add(`${kind}/${name}`);
    return object;
  }

  /** The names of `kind`, for "did you mean". */
  names(kind: string): string[] {
    return [...this.#objects.values()].filter((o) => o.kind === kind).map((o) => o.name);
  }

  indicator(name: string, read: () => Indicator | undefined): Indicator | undefined {
    if (!this.#indicators.has(name)) this.#indicators.set(name, read());
    return this.#indicators.get(name);
  }

  /** Objects of `kind` no SLO referred to. */
  unused(kind: string): SpecObject[] {
    return [...this.#objects.values()].filter((o) => o.kind === kind && !this.#used.has(`${kind}/${o.name}`));
  }
}
