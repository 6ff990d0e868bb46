/**
 * fast-check generators for what a hostile (or merely careless) caller passes where a label value,
 * an outcome or a duration belongs: values real services produce (numeric ids from JSON, a header
 * sent twice, a Date) and values none should (Symbols, null-prototype objects, throwing getters and
 * toString, Proxies, 100 kB strings, lone surrogates). Each arbitrary yields a maker, `() => value`:
 * fast-check itself reads generated values (clone checks, reports), which a hostile value would
 * break, so the value is made only inside the property. Patient data comes from a fixed pool of
 * made-up BSNs (valid by the 11-check) and e-mail addresses, so a test can search every output for
 * each of them.
 */
import fc from 'fast-check';
import { OUTCOMES } from '../../src/index.js';
import { generateBsns, seededRandom } from '../guard/generators.js';

/** BSNs without a leading zero: as a number they print as the same nine digits. */
export const SECRET_BSNS = generateBsns(seededRandom(2024), 40)
  .filter((b) => b[0] !== '0')
  .slice(0, 24);
export const SECRET_EMAILS = Array.from({ length: 8 }, (_, i) => `patient.${i}@zorgmail.example`);
/** What must never appear in any output. */
export const SECRETS = [...SECRET_BSNS, ...SECRET_EMAILS];

const LONG = 'x'.repeat(100_000);
/** 127 shared characters: before the hash suffix, all of these truncated to one label. */
const PREFIX_127 = 'v'.repeat(127);

/** Thrown by hostile getters and toString: a Symbol, which breaks any template that prints it. */
const thrown = () => Symbol('hostile');

const throwingProxy = () =>
  new Proxy(
    {},
    {
      get() {
        throw thrown();
      },
      getPrototypeOf() {
        throw new Error('no prototype for you');
      },
      has() {
        throw thrown();
      },
      ownKeys() {
        throw thrown();
      },
      getOwnPropertyDescriptor() {
        throw thrown();
      },
    },
  );

/** Makes the value inside the property, where fast-check never sees it. */
export type Make = () => unknown;
const make = (a: fc.Arbitrary<unknown>): fc.Arbitrary<Make> => a.map((v) => () => v);
const maker = (f: Make): fc.Arbitrary<Make> => fc.constant(f);

/** Patient data in every shape it can arrive in. */
export const secret: fc.Arbitrary<Make> = fc.oneof(
  make(fc.constantFrom(...SECRET_BSNS)),
  make(fc.constantFrom(...SECRET_BSNS).map(Number)),
  make(fc.constantFrom(...SECRET_BSNS).map(BigInt)),
  make(fc.constantFrom(...SECRET_EMAILS)),
  make(fc.constantFrom(...SECRET_BSNS).map((b) => `/patients/${b}/history`)),
  fc.constantFrom(...SECRETS).map((s) => () => ({ toString: () => s })),
  fc.constantFrom(...SECRETS).map((s) => () => ({ valueOf: () => s, toJSON: () => s })),
  fc.constantFrom(...SECRETS).map((s) => () => [s]),
  make(fc.constantFrom(...SECRET_BSNS).map((b) => `${LONG.slice(0, 300)}/${b}/`)),
  make(fc.constantFrom(...SECRET_BSNS).map((b) => `${PREFIX_127}-${b}`)),
);

/** Anything but patient data and huge strings. */
const smallValue: fc.Arbitrary<Make> = fc.oneof(
  { arbitrary: make(fc.string({ maxLength: 12 })), weight: 6 },
  { arbitrary: make(fc.constantFrom('apotheek-1', 'ziekenhuis-7', 'medisys', '200', 'no_contract')), weight: 6 },
  { arbitrary: make(fc.string({ unit: 'binary', maxLength: 8 })), weight: 2 },
  {
    arbitrary: make(fc.constantFrom('\ud800', 'a\udc00b', '\udbff', 'x\ud83d', '😀\ud83d', '\ud83d😀'.repeat(70))),
    weight: 2,
  },
  {
    arbitrary: make(fc.constantFrom('"', '\\', '\n', 'a"b\\c\nd', '\r', '\u0000', '},x="y', '\\n', '# EOF')),
    weight: 2,
  },
  { arbitrary: make(fc.integer()), weight: 3 },
  { arbitrary: make(fc.double()), weight: 2 },
  { arbitrary: make(fc.bigInt()), weight: 2 },
  { arbitrary: make(fc.boolean()), weight: 1 },
  { arbitrary: make(fc.constantFrom(null, undefined)), weight: 2 },
  { arbitrary: fc.string({ maxLength: 4 }).map((s) => () => Symbol(s)), weight: 1 },
  { arbitrary: maker(() => Object.create(null)), weight: 1 },
  {
    arbitrary: maker(() => ({
      toString() {
        throw thrown();
      },
    })),
    weight: 1,
  },
  { arbitrary: maker(throwingProxy), weight: 1 },
  { arbitrary: make(fc.date({ noInvalidDate: false })), weight: 1 },
  { arbitrary: make(fc.array(fc.integer(), { maxLength: 2 })), weight: 1 },
  { arbitrary: make(fc.object({ maxDepth: 2 })), weight: 1 },
  {
    arbitrary: fc.constantFrom<Make>(
      () => () => 'f',
      () => new String('boxed'),
      () => new Number(7),
      () => /re/,
    ),
    weight: 1,
  },
  { arbitrary: make(fc.nat(50).map((n) => `${PREFIX_127}${n}`)), weight: 2 },
);

/**
 * Anything but patient data, where a label value or a duration belongs. 100 kB strings are rare:
 * each costs a pass over its length (the hash that keeps long ids apart), and a few thousand per
 * CI run cover them.
 */
const anyValue: fc.Arbitrary<Make> = fc.oneof(
  { arbitrary: smallValue, weight: 150 },
  { arbitrary: make(fc.nat(1000).map((n) => `${n}${LONG}`)), weight: 1 },
);

/** Anything at all where a label value belongs; `undefined` included (an absent label). */
export const hostileValue: fc.Arbitrary<Make> = fc.oneof(
  { arbitrary: anyValue, weight: 12 },
  { arbitrary: secret, weight: 1 },
);

export const hostileOutcome: fc.Arbitrary<Make> = fc.oneof(
  { arbitrary: make(fc.constantFrom(...OUTCOMES)), weight: 12 },
  { arbitrary: hostileValue, weight: 2 },
);

export const hostileSeconds: fc.Arbitrary<Make> = fc.oneof(
  { arbitrary: make(fc.double({ min: 0, max: 60, noNaN: true })), weight: 8 },
  { arbitrary: make(fc.constant(undefined)), weight: 3 },
  { arbitrary: make(fc.bigInt({ min: 0n, max: 10n ** 12n })), weight: 2 },
  {
    arbitrary: make(
      fc.constantFrom('0.5', [5], -1, -0, Number.NaN, Infinity, 1e308, Number.MAX_VALUE, -1n, 10n ** 400n),
    ),
    weight: 2,
  },
  { arbitrary: make(fc.date()), weight: 1 },
  // Not patient data: a duration is no label, and a BSN read as nanoseconds would show in _sum.
  { arbitrary: anyValue, weight: 1 },
);

/** Stands for a property that throws when read: the record's getter, as a Proxy or accessor would. */
const THROWS: Make = () => undefined;

const field = (value: fc.Arbitrary<Make>) =>
  fc.oneof({ arbitrary: value, weight: 20 }, { arbitrary: fc.constant(THROWS), weight: 1 });

/** Builds an object whose THROWS fields are getters that throw (a Symbol, or an Error). */
function withGetters(fields: Record<string, Make>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(fields)) {
    if (f === THROWS) {
      Object.defineProperty(out, k, {
        enumerable: true,
        get() {
          throw k.length % 2 === 0 ? thrown() : new Error(`getter ${k}`);
        },
      });
    } else {
      out[k] = f();
    }
  }
  return out;
}

/** A call record for recordCall: mostly well-formed, every field hostile now and then. */
export const hostileRecord: fc.Arbitrary<Make> = fc.oneof(
  {
    arbitrary: fc
      .record({
        operation: field(fc.oneof({ arbitrary: make(fc.constantFrom('login', 'GET /x')), weight: 3 }, hostileValue)),
        outcome: field(hostileOutcome),
        seconds: field(hostileSeconds),
        code: field(hostileValue),
        tenant: field(hostileValue),
        vendor: field(hostileValue),
      })
      .map((fields) => () => withGetters(fields)),
    weight: 30,
  },
  { arbitrary: make(fc.constantFrom(undefined, null, 42, 'login')), weight: 1 },
  { arbitrary: maker(() => Symbol('call')), weight: 1 },
  { arbitrary: maker(throwingProxy), weight: 1 },
  {
    arbitrary: maker(() => Object.assign(Object.create(null), { operation: 'x', outcome: 'success' })),
    weight: 1,
  },
);

/** What `timer.end()` gets: nothing, a CallEnd, a hostile one, or not an object at all. */
export const hostileEnd: fc.Arbitrary<Make> = fc.oneof(
  { arbitrary: make(fc.constant(undefined)), weight: 3 },
  {
    arbitrary: fc
      .record({ outcome: field(hostileOutcome), code: field(hostileValue) })
      .map((fields) => () => withGetters(fields)),
    weight: 8,
  },
  { arbitrary: hostileValue, weight: 1 },
);

/** Whether a thrown value is one of ours with a documented code. */
export function isDocumented(err: unknown, codes: readonly string[]): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { code?: unknown }).code === 'string' &&
    codes.includes((err as { code: string }).code)
  );
}
