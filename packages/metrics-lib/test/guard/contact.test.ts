import { describe, expect, it } from 'vitest';
import { looksLikeEmail, looksLikePhone } from '../../src/guard/contact.js';

describe('looksLikeEmail', () => {
  it.each([
    'jan.jansen@example.nl',
    'j.peeters+apotheek@ziekenhuis.be',
    'patient:marie_dubois@mail.example.com',
    '/users/pieter@example.org/prescriptions',
    'X.Y@EXAMPLE.NL',
  ])('finds the address in %j', (value) => {
    expect(looksLikeEmail(value)).toBe(true);
  });

  it.each([
    'prom-client@15.1.3',
    '@opentelemetry/api',
    'fastify@5',
    'user@localhost',
    'tenant@',
    '@',
    'a@b.c',
    'no-at-sign.example.nl',
  ])('finds no address in %j', (value) => {
    expect(looksLikeEmail(value)).toBe(false);
  });
});

describe('looksLikePhone', () => {
  it.each([
    '06-12345678',
    '0612345678',
    '06 1234 5678',
    '06 12 34 56 78',
    '+31 6 1234 5678',
    '+31612345678',
    '+31 (0)6 1234 5678',
    '0031612345678',
    '0031 6 12345678',
    '020-1234567',
    '(020) 123 4567',
    '010 123 4567',
    '010-123 45 67',
  ])('finds the Dutch number %j', (value) => {
    expect(looksLikePhone(value)).toBe(true);
  });

  it.each([
    '0470 12 34 56',
    '0470123456',
    '0470/12.34.56',
    '+32 470 12 34 56',
    '+32470123456',
    '02 123 45 67',
    '02/123.45.67',
    '021234567',
    '0032470123456',
    '0032 2 123 45 67',
  ])('finds the Belgian number %j', (value) => {
    expect(looksLikePhone(value)).toBe(true);
  });

  it.each(['+1 (415) 555-2671', '+44 20 7946 0958', '+49.30.1234567', '+4930123456', '+353-1-234-5678'])(
    'finds the international number %j',
    (value) => {
      expect(looksLikePhone(value)).toBe(true);
    },
  );

  it.each(['callback tel:+31612345678', '/contacts/0612345678/sms', 'phone=0470 12 34 56;type=mobile'])(
    'finds a number embedded in %j',
    (value) => {
      expect(looksLikePhone(value)).toBe(true);
    },
  );

  it.each([
    '06012345',
    '+3161234',
    '+1234567890123456',
    '1732406400',
    '0042',
    'apotheek-0042',
    '0012345678',
    '01-12-2024 10:30',
    '2024-11-24T10:30:00.0612345678Z',
    '1.0.0+20241124',
    'c++',
    '3f2b8c1e-0612-3456-7801-23456789abcd',
    '0.5',
    '0.0.0.0',
  ])('finds no number in %j', (value) => {
    expect(looksLikePhone(value)).toBe(false);
  });
});
