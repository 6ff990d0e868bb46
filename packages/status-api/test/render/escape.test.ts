import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeXml,
  html,
  isolateBidi,
  replaceInvalidChars,
  SafeHtml,
  safeHttpUrl,
  trustedHtml,
  xml,
} from '../../src/render/escape.js';
import { HOSTILE, HOSTILE_NAME } from './views.js';

describe('escapeHtml', () => {
  it('turns the five characters that end text or a quoted attribute into references', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('leaves emoji, accents and right-to-left text as they are', () => {
    expect(escapeHtml(`Pharmacie Délégué ${HOSTILE.emoji} ${HOSTILE.rtl}`)).toBe(
      `Pharmacie Délégué ${HOSTILE.emoji} ${HOSTILE.rtl}`,
    );
  });

  it('replaces control characters with U+FFFD but keeps tab, newline and carriage return', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne\rf\u001Fg')).toBe('a\uFFFDb\uFFFDc\td\ne\rf\uFFFDg');
  });
});

describe('escapeXml', () => {
  it('uses the predefined XML entities and defuses a CDATA end', () => {
    expect(escapeXml(`]]><x a="1" b='2'>&`)).toBe(']]&gt;&lt;x a=&quot;1&quot; b=&apos;2&apos;&gt;&amp;');
  });

  it('replaces characters XML 1.0 forbids, including lone surrogates, and keeps astral characters whole', () => {
    expect(replaceInvalidChars('\uD83D x \uDC8A \uFFFE \uFFFF 💊')).toBe('\uFFFD x \uFFFD \uFFFD \uFFFD 💊');
  });

  it('makes any text a valid XML element and attribute', () => {
    const doc = `<a title="${escapeXml(HOSTILE_NAME)}">${escapeXml(HOSTILE_NAME)}</a>`;
    expect(XMLValidator.validate(doc)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false }).parse(doc);
    expect(parsed.a['#text']).toContain('<script>alert(1)</script>');
    expect(parsed.a['@_title']).toContain(']]><x>');
  });
});

describe('html and xml templates', () => {
  it('escape every interpolated string and number', () => {
    expect(html`<p title="${HOSTILE.attribute}">${HOSTILE.script}</p>`.value).toBe(
      '<p title="&quot; onmouseover=&quot;alert(1)&quot; x=&#39;">&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('insert markup they built themselves as is, and nothing for undefined, null and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${undefined}${null}${false}${[inner, 'x&y']}</p>`.value).toBe(
      '<p><b>&lt;i&gt;</b><b>&lt;i&gt;</b>x&amp;y</p>',
    );
    expect(html`${trustedHtml('<svg></svg>')}`.value).toBe('<svg></svg>');
  });

  it('treat HTML as text inside XML, the way Atom content of type html needs it', () => {
    const content = html`<p>${HOSTILE.script}</p>`;
    expect(xml`<content type="html">${content}</content>`.value).toBe(
      '<content type="html">&lt;p&gt;&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;&lt;/p&gt;</content>',
    );
  });

  it('do not trust a string that merely looks like markup', () => {
    const forged = { value: '<script>', toString: () => '<script>' } as unknown as SafeHtml;
    expect(html`${forged}`.value).toBe('&lt;script&gt;');
    expect(new SafeHtml('<b>').toString()).toBe('<b>');
  });
});

describe('isolateBidi', () => {
  it('wraps right-to-left text and bidi controls in first-strong isolates', () => {
    expect(isolateBidi(HOSTILE.rtl)).toBe(`\u2068${HOSTILE.rtl}\u2069`);
    expect(isolateBidi('مستشفى')).toBe('\u2068مستشفى\u2069');
  });

  it('leaves left-to-right text alone', () => {
    expect(isolateBidi('Medicatiehistorie 💊')).toBe('Medicatiehistorie 💊');
  });
});

describe('safeHttpUrl', () => {
  it('keeps http and https URLs without trailing slashes', () => {
    expect(safeHttpUrl('https://status.example.be/')).toBe('https://status.example.be');
    expect(safeHttpUrl('http://127.0.0.1:8080/status//')).toBe('http://127.0.0.1:8080/status');
  });

  it('refuses script URLs, other schemes and things that are not URLs', () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,<script>')).toBeUndefined();
    expect(safeHttpUrl('/relative')).toBeUndefined();
    expect(safeHttpUrl(undefined)).toBeUndefined();
  });
});
