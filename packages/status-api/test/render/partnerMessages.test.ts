import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/messages.js';
import { PARTNER_MESSAGES } from '../../src/i18n/partnerMessages.js';
import type { PartnerView } from '../../src/partners/PartnerView.js';
import { vendorUnavailable } from '../../src/partners/vendorFigures.js';
import { renderPartnerPage } from '../../src/render/partnerPage.js';

/** Every leaf of a message tree as `path → text`. */
function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** A vendor's view whose code and operation, as a service recorded them, would run script unescaped. */
const VIEW: PartnerView = {
  partner: { kind: 'vendor', id: 'vendor-a', name: 'Pharmasoft' },
  at: '2026-12-06T10:00:00.000Z',
  services: [],
  tenants: [],
  denied: [],
  overuse: { perHour: 1000, tenants: [] },
  codes: [{ service: 'medication-history', operation: 'login', code: '<img src=x onerror=alert(1)>', calls: 7 }],
  latency: [{ service: 'medication-history', operation: '<b>login</b>', p95Seconds: 0.2437 }],
  unavailable: [],
};

describe('partner messages', () => {
  const reference = leaves(PARTNER_MESSAGES.nl);

  it.each(LANGUAGES)('%s has the keys and parameters Dutch has, none empty', (lang) => {
    const mine = leaves(PARTNER_MESSAGES[lang]);
    expect([...mine.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [key, text] of mine) {
      expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(reference.get(key)!));
    }
  });

  it.each(LANGUAGES)('renders a vendor page in %s with codes and operations from the metrics escaped', (lang) => {
    const page = renderPartnerPage(VIEW, lang);
    expect(page).toContain(`<html lang="${lang}"`);
    expect(page).toContain(`<h2>${PARTNER_MESSAGES[lang].codes}</h2>`);
    expect(page).toContain('<td><code>&lt;img src=x onerror=alert(1)&gt;</code></td>');
    expect(page).toContain('<td><bdi>&lt;b&gt;login&lt;/b&gt;</bdi></td>');
    expect(page).toContain('<td>244 ms</td>');
    expect(page).not.toMatch(/<img|<b>/);
  });

  it('names the figures a tenant group cannot have, instead of empty tables', () => {
    const page = renderPartnerPage(
      {
        ...VIEW,
        partner: { kind: 'tenant-group', id: 'noord', name: 'Keten Noord' },
        codes: [],
        latency: [],
        unavailable: [
          { figure: 'error_codes', cause: 'tenant_group', reason: '' },
          { figure: 'latency_p95', cause: 'tenant_group', reason: '' },
        ],
      },
      'nl',
    );
    expect(page).toContain(PARTNER_MESSAGES.nl.unavailable.error_codes);
    expect(page).toContain(PARTNER_MESSAGES.nl.unavailable.latency_p95);
    expect(page).not.toContain(`<h2>${PARTNER_MESSAGES.nl.codes}</h2>`);
  });

  it.each(LANGUAGES)(
    'in %s, says a vendor\'s calls were not recorded per vendor instead of "no failed calls"',
    (lang) => {
      const m = PARTNER_MESSAGES[lang];
      const timed = [{ metric: { vendor: 'vendor-a' }, value: [0, '0.2'] as [number, string] }];
      // Calls, and none timed per vendor: past the vendor cap, or a release without the families.
      expect(vendorUnavailable(12, []).map((u) => [u.figure, u.cause])).toEqual([
        ['error_codes', 'not_recorded'],
        ['latency_p95', 'not_recorded'],
      ]);
      // No calls at all, or calls that were timed: every figure is shown (empty tables say so).
      expect(vendorUnavailable(0, [])).toEqual([]);
      expect(vendorUnavailable(12, timed)).toEqual([]);
      const page = renderPartnerPage({ ...VIEW, codes: [], latency: [], unavailable: vendorUnavailable(12, []) }, lang);
      expect(page).toContain(m.notRecorded);
      expect(page).not.toContain(m.noCodes);
      expect(page).not.toContain(m.unavailable.error_codes);
    },
  );
});
