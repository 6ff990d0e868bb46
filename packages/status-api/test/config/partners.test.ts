import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.js';
import { parseConfig } from '../../src/config/parseConfig.js';
import { MINIMAL, problemsOf, withSection } from './support.js';

const DIGEST = hashToken('a-partner-token-for-tests');

const token = (scope: string, extra = '') =>
  `tokens:\n  - name: partner\n    sha256: ${DIGEST}\n    scopes: ["${scope}"]${extra}\n`;

const PARTNERS = `partners:
  overusePerHour: 500
  vendors:
    - id: vendor-a
      name: Pharma Soft
    - id: vendor-b
  tenantGroups:
    - id: noord
      name: Keten Noord
      tenants: [apotheek-1, apotheek.2]
`;

describe('partners in the configuration', () => {
  it('reads vendors, tenant groups, the overuse threshold and partner tokens with an expiry', () => {
    const config = parseConfig(
      `${MINIMAL}${token('read:tenant-group:noord', '\n    expires: 2027-01-01T00:00:00+01:00')}${PARTNERS}`,
      'status.yaml',
    );
    expect(config.partners).toEqual({
      vendors: [
        { id: 'vendor-a', name: 'Pharma Soft' },
        { id: 'vendor-b', name: 'vendor-b' },
      ],
      tenantGroups: [{ id: 'noord', name: 'Keten Noord', tenants: ['apotheek-1', 'apotheek.2'] }],
      overusePerHour: 500,
    });
    expect(config.tokens).toEqual([
      {
        name: 'partner',
        sha256: DIGEST,
        scopes: ['read:tenant-group:noord'],
        expiresAt: Date.parse('2026-12-31T23:00:00Z'),
      },
    ]);
  });

  it('names a partner scope whose vendor is not listed', () => {
    expect(problemsOf(`${MINIMAL}${token('read:vendor:vendor-z')}${PARTNERS}`)).toEqual([
      'status.yaml:13:3 tokens[0]: scope "read:vendor:vendor-z" names no entry of partners.vendors; add { id: vendor-z } there',
    ]);
  });

  it.each([
    ['read:vendor:../vendor-b'],
    ['read:vendor:Vendor A'],
    ['read:vendor:vendor-\u0430'],
    ['read:vendors:vendor-a'],
    ['read:vendor:'],
  ])('refuses the scope %j', (scope) => {
    const problems = problemsOf(`${MINIMAL}${token(scope)}${PARTNERS}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^status\.yaml:\d+:\d+ tokens\[0\]\.scopes\[0\]: is not a scope: use .*read:vendor:<id>/,
    );
  });

  it('refuses an expiry without an offset', () => {
    expect(problemsOf(`${MINIMAL}${token('read:vendor:vendor-a', '\n    expires: 2027-01-01')}${PARTNERS}`)).toEqual([
      'status.yaml:16:14 tokens[0].expires: must be an instant with its offset, e.g. 2027-01-01T00:00:00Z',
    ]);
  });

  it('refuses partner ids and tenants that could not be label values, and ids listed twice', () => {
    const text = `${MINIMAL}partners:
  vendors:
    - id: ../vendor-b
    - id: vendor-a
    - id: vendor-a
  tenantGroups:
    - id: noord
      tenants: ['apotheek|.*']
`;
    expect(problemsOf(text)).toEqual([
      'status.yaml:14:11 partners.vendors[0].id: must be 1–64 ASCII letters, digits and ._- (as in the vendor label), not starting with . or -',
      'status.yaml:16:11 partners.vendors[2].id: "vendor-a" is listed twice; one entry per vendor',
      'status.yaml:19:17 partners.tenantGroups[0].tenants[0]: must be a tenant label value: ASCII letters, digits and ._:@-',
    ]);
  });

  it('needs a Prometheus source for partner views', () => {
    const text = withSection('source', 'source:\n  kind: scrape\n  url: http://127.0.0.1:8081/metrics');
    expect(problemsOf(`${text}${PARTNERS}`)).toEqual([
      'status.yaml:13:3 partners: partner views read a partner\'s calls from Prometheus; source.kind is "scrape": use "prometheus"',
    ]);
  });
});
