import { describe, expect, it } from 'vitest';
import { detectPii, type PiiKind } from '../../src/guard/detectPii.js';
import {
  changeOneDigit,
  formatInsz,
  generateBsns,
  generateInszs,
  groupBsn,
  passesElfproef,
  passesMod97,
  randomHex,
  randomUuid,
  seededRandom,
} from './generators.js';

/** Ways a number ends up in a label value: bare, in a route, after a prefix, in a sentence. */
const PLACEMENTS: Array<(id: string) => string> = [
  (id) => id,
  (id) => `/patients/${id}/history`,
  (id) => `/api/v2/patients/${id}`,
  (id) => `bsn:${id}`,
  (id) => `patient ${id}`,
  (id) => `patient=${id}&tenant=apotheek-0042`,
];

/** The values that detectPii did not flag as `expected`. */
function misses(values: string[], expected: PiiKind): string[] {
  return values.filter((value) => detectPii(value) !== expected);
}

describe('detectPii on Dutch BSNs', () => {
  const random = seededRandom(20241124);
  const bsns = generateBsns(random, 300);

  it('catches the known elfproef numbers 111222333 and 123456782', () => {
    expect(detectPii('111222333')).toBe('bsn');
    expect(detectPii('123456782')).toBe('bsn');
  });

  it('catches the examples from the brief', () => {
    expect(detectPii('/patients/123456782/history')).toBe('bsn');
    expect(detectPii('bsn:123456782')).toBe('bsn');
    expect(detectPii('patient 1234.56.782')).toBe('bsn');
  });

  it('catches hundreds of generated valid BSNs, bare and embedded', () => {
    const values = bsns.flatMap((bsn) => PLACEMENTS.map((place) => place(bsn)));
    expect(misses(values, 'bsn')).toEqual([]);
  });

  it('catches generated BSNs written in 4-2-3 and 3-3-3 groups with spaces, dots or hyphens', () => {
    const values = bsns.flatMap((bsn) =>
      (['4-2-3', '3-3-3'] as const).flatMap((layout) =>
        [' ', '.', '-'].map((separator) => `patient ${groupBsn(bsn, layout, separator)} visit`),
      ),
    );
    expect(misses(values, 'bsn')).toEqual([]);
  });

  it('does not flag a generated BSN with one digit changed as a BSN', () => {
    for (const bsn of bsns) {
      const changed = changeOneDigit(random, bsn);
      expect(passesElfproef(changed)).toBe(false);
      // Nine digits starting with 0 are also how a Belgian landline is written unbroken ("021234567").
      const allowed = changed.startsWith('0') ? [undefined, 'phone'] : [undefined];
      for (const place of PLACEMENTS) expect(allowed, place(changed)).toContain(detectPii(place(changed)));
      for (const layout of ['4-2-3', '3-3-3'] as const) {
        expect(allowed).toContain(detectPii(`patient ${groupBsn(changed, layout, '.')}`));
      }
    }
  });

  it('does not read a BSN out of a longer digit run', () => {
    expect(detectPii('1234567820')).toBeUndefined();
    expect(detectPii('9123456782')).toBeUndefined();
    expect(detectPii('/orders/912345678201/lines')).toBeUndefined();
    for (const bsn of bsns.slice(0, 50)) {
      expect(detectPii(`${bsn}7`)).not.toBe('bsn');
      expect(detectPii(`7${bsn}77`)).not.toBe('bsn');
    }
  });

  it('does not read a BSN out of the fraction of a number, such as the nanoseconds of a timestamp', () => {
    for (const bsn of bsns.slice(0, 50)) {
      expect(detectPii(`2024-11-24T10:30:00.${bsn}Z`)).toBeUndefined();
      expect(detectPii(`0.${bsn}`)).toBeUndefined();
      expect(detectPii(`0,${bsn}`)).toBeUndefined();
    }
  });

  it('does not flag a nine-digit number that fails the elfproef', () => {
    expect(detectPii('123456789')).toBeUndefined();
    expect(detectPii('/patients/123456789/history')).toBeUndefined();
    expect(detectPii('patient 1234.56.789')).toBeUndefined();
  });
});

describe('detectPii on Belgian national register numbers', () => {
  const random = seededRandom(97);
  const inszs = generateInszs(random, 300);

  it('catches the eID-card layout and the unbroken number', () => {
    expect(detectPii('85.07.30-033.28')).toBe('insz');
    expect(detectPii('85073003328')).toBe('insz');
    expect(detectPii('niss=85.07.30-033.28')).toBe('insz');
    expect(detectPii('/persons/85073003328/consents')).toBe('insz');
  });

  it('catches hundreds of generated valid numbers of both centuries, bare and embedded', () => {
    expect(inszs.some((n) => n.bornFrom2000)).toBe(true);
    expect(inszs.some((n) => !n.bornFrom2000)).toBe(true);
    const values = inszs.flatMap(({ digits }) => PLACEMENTS.map((place) => place(digits)));
    expect(misses(values, 'insz')).toEqual([]);
  });

  it('catches generated numbers written with separators', () => {
    const values = inszs.flatMap(({ digits }) => [
      formatInsz(digits),
      `rrn ${formatInsz(digits)} consent`,
      `${digits.slice(0, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}`,
      `${digits.slice(0, 6)}-${digits.slice(6)}`,
    ]);
    expect(misses(values, 'insz')).toEqual([]);
  });

  it('does not flag a generated number with one digit changed as an INSZ', () => {
    let checked = 0;
    for (const { digits } of inszs) {
      const changed = changeOneDigit(random, digits);
      // A changed digit can, rarely, produce the other century's valid check: then it is an INSZ after all.
      if (passesMod97(changed)) continue;
      checked++;
      // Leading zeros make some of them read as phone numbers ("0010…" as 00 + country code).
      const allowed = changed.startsWith('0') ? [undefined, 'phone'] : [undefined];
      for (const value of [changed, `/persons/${changed}/consents`, formatInsz(changed)]) {
        expect(allowed, value).toContain(detectPii(value));
      }
    }
    expect(checked).toBeGreaterThan(280);
  });
});

describe('detectPii on contact details', () => {
  it('catches e-mail addresses anywhere in the value', () => {
    expect(detectPii('jan.jansen@example.nl')).toBe('email');
    expect(detectPii('/users/pieter@example.org/prescriptions')).toBe('email');
  });

  it('catches Dutch, Belgian and international phone numbers', () => {
    for (const value of ['06-12345678', '+31 6 1234 5678', '010 123 4567', '0470 12 34 56', '+32 470 12 34 56']) {
      expect(detectPii(value), value).toBe('phone');
    }
    expect(detectPii('+1 (415) 555-2671')).toBe('phone');
  });
});

describe('detectPii on ordinary label values', () => {
  it.each([
    '200',
    '503',
    '14',
    'UNAVAILABLE',
    'DEADLINE_EXCEEDED',
    'no_contract',
    'unauthorized',
    'fetch-medication-history',
    'GET /patients/:id/history',
    '06012345',
    '01234567',
    '3f2b8c1e-9a4d-4c2b-8f1e-0a1b2c3d4e5f',
    '1732406400',
    '1732406400123',
    '1.14.7',
    '10.123.4567',
    'v2.0.0-rc.1+20241124',
    'apotheek-0042',
    'ziekenhuis-amc',
    'pharmasoft',
    'prom-client@15.1.3',
    '2024-11-24',
    '2024-11-24T10:30:00.123456789Z',
    '01-12-2024 10:30',
    '192.168.100.200',
    '192.168.100.200:9090',
    '4bf92f3577b34da6a3ce929d0e0e4736',
    '00f067aa0ba902b7',
    '0.005',
    '',
  ])('lets %j through', (value) => {
    expect(detectPii(value)).toBeUndefined();
  });

  it('lets hundreds of random UUIDs, trace ids and span ids through, bare and in routes', () => {
    const random = seededRandom(4242);
    const values: string[] = [];
    for (let i = 0; i < 500; i++) {
      const uuid = randomUuid(random);
      values.push(
        uuid,
        uuid.toUpperCase(),
        `/orders/${uuid}/lines`,
        randomHex(random, 32),
        `span:${randomHex(random, 16)}`,
      );
    }
    expect(values.filter((value) => detectPii(value) !== undefined)).toEqual([]);
  });

  it('does not read a BSN out of the hex digits of a UUID', () => {
    const random = seededRandom(7);
    for (const bsn of generateBsns(random, 100)) {
      // The last UUID group is 12 hex chars: a valid BSN between hex letters fits in it.
      expect(detectPii(`3f2b8c1e-9a4d-4c2b-8f1e-a${bsn}bc`)).toBeUndefined();
    }
  });

  it('stays fast on long adversarial values', () => {
    const values = [
      '1 '.repeat(50_000),
      '+1 '.repeat(50_000),
      '0'.repeat(100_000),
      'a@'.repeat(50_000),
      `${'a'.repeat(50_000)}@${'a-'.repeat(25_000)}`,
      `x@${'a.'.repeat(50_000)}`,
      `${'f'.repeat(100_000)}1`,
      '0470 12 '.repeat(10_000),
      '12.'.repeat(30_000),
    ];
    const started = performance.now();
    for (const value of values) detectPii(value);
    // Linear scans take milliseconds here; backtracking regexes would take minutes.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
