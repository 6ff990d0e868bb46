import { describe, expect, it } from 'vitest';
import { PiiGuard } from '../../src/guard/PiiGuard.js';
import { PiiLabelError } from '../../src/guard/PiiLabelError.js';

/** Examples of each kind; the message check also looks for the bare digits of separated numbers. */
const EXAMPLES = [
  { kind: 'bsn', value: '/patients/123456782/history', description: 'a Dutch BSN' },
  { kind: 'insz', value: '85.07.30-033.28', description: 'a Belgian national register number (INSZ/NISS)' },
  { kind: 'email', value: 'jan.jansen@example.nl', description: 'an e-mail address' },
  { kind: 'phone', value: '+31 6 1234 5678', description: 'a phone number' },
];

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('PiiGuard', () => {
  it('reports the kind of personal data it finds', () => {
    const guard = new PiiGuard();
    for (const { kind, value } of EXAMPLES) expect(guard.check('tenant', value)).toBe(kind);
  });

  it('lets ordinary label values through', () => {
    const guard = new PiiGuard({ strict: true });
    for (const value of ['apotheek-0042', '06012345', '503', 'fetch-medication-history', 'pharmasoft']) {
      expect(guard.check('tenant', value)).toBeUndefined();
    }
  });

  it('throws a PiiLabelError with the error code, label and kind in strict mode', () => {
    const guard = new PiiGuard({ strict: true });
    for (const { kind, value } of EXAMPLES) {
      const error = thrownBy(() => guard.check('tenant', value));
      expect(error).toBeInstanceOf(PiiLabelError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ code: 'HARTSLAG_ERR_PII_LABEL', label: 'tenant', kind, name: 'PiiLabelError' });
    }
  });

  it('names the label and a human-readable kind in the message, but never the value', () => {
    const guard = new PiiGuard({ strict: true });
    for (const { value, description } of EXAMPLES) {
      const { message } = thrownBy(() => guard.check('tenant', value)) as PiiLabelError;
      expect(message).toContain('label "tenant"');
      expect(message).toContain(description);
      expect(message).toContain('AGB code');
      expect(message).not.toContain(value);
      expect(message).not.toMatch(/\d{4}/);
    }
  });

  it('uses the wording of the brief for a BSN', () => {
    const error = thrownBy(() => new PiiGuard({ strict: true }).check('tenant', '123456782')) as PiiLabelError;
    expect(error.message).toBe(
      'label "tenant" got a value that looks like a Dutch BSN (patient identifier); pass a pseudonymous id ' +
        "(e.g. the pharmacy's AGB code) instead — the value is not shown here to keep it out of logs",
    );
  });

  it('runs extra detectors after the built-in ones and reports their name', () => {
    const seen: string[] = [];
    const mrn = (value: string) => {
      seen.push(value);
      return /^MRN-\d+$/.test(value) ? 'hospital-mrn' : undefined;
    };
    const guard = new PiiGuard({ extraDetectors: [mrn] });
    expect(guard.check('tenant', 'MRN-884412')).toBe('hospital-mrn');
    expect(guard.check('tenant', 'apotheek-0042')).toBeUndefined();
    expect(guard.check('tenant', '123456782')).toBe('bsn');
    expect(seen).toEqual(['MRN-884412', 'apotheek-0042']);
  });

  it('returns the first extra detector name and ignores empty names', () => {
    const guard = new PiiGuard({ extraDetectors: [() => '', () => undefined, () => 'first', () => 'second'] });
    expect(guard.check('vendor', 'pharmasoft')).toBe('first');
  });

  it('throws for an extra detector hit in strict mode, naming the detector', () => {
    const guard = new PiiGuard({
      strict: true,
      extraDetectors: [(v) => (v.startsWith('MRN-') ? 'hospital-mrn' : undefined)],
    });
    const error = thrownBy(() => guard.check('operation', 'MRN-884412')) as PiiLabelError;
    expect(error).toBeInstanceOf(PiiLabelError);
    expect(error.kind).toBe('hospital-mrn');
    expect(error.message).toContain('"hospital-mrn"');
    expect(error.message).not.toContain('884412');
  });

  it('keeps its detectors when the caller later changes the array it passed', () => {
    const detectors = [() => 'custom'];
    const guard = new PiiGuard({ extraDetectors: detectors });
    detectors.length = 0;
    expect(guard.check('tenant', 'pharmasoft')).toBe('custom');
  });
});
