/**
 * Escaping for everything the public page, widget and feed show. Component names, provider names
 * and incident texts come from configuration and from people typing during an outage: all of it is
 * untrusted, and markup is only ever built through `html`/`xml` below, which escape by default.
 */

// XML 1.0 §2.2 Char: everything else (C0 controls but tab, newline and carriage return; U+FFFE,
// U+FFFF; lone surrogates) makes a feed ill-formed, and an HTML parser reports it as an error.
const INVALID_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Replaces characters XML 1.0 forbids with U+FFFD, so the reader sees that something was there. */
export function replaceInvalidChars(value: string): string {
  return value.replace(INVALID_CHARS, '\uFFFD');
}

/** Text or a quoted attribute value in HTML: `& < > " '` become references; forbidden characters U+FFFD. */
export function escapeHtml(value: string): string {
  return replaceInvalidChars(String(value)).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * Text or an attribute value in XML 1.0: the five predefined entities, and characters XML forbids
 * replaced (escaping `>` also defuses `]]>`).
 */
export function escapeXml(value: string): string {
  return replaceInvalidChars(String(value)).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

/** Markup that is already safe HTML: produced by `html`, or trusted output of our own renderers. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Markup that is already safe XML, produced by `xml`. */
export class SafeXml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What a template may interpolate: nothing, false and undefined render as nothing. */
export type Interpolation = string | number | SafeHtml | SafeXml | undefined | null | false | readonly Interpolation[];

function interpolate(
  value: Interpolation,
  trusted: typeof SafeHtml | typeof SafeXml,
  escapeText: (s: string) => string,
) {
  if (value === undefined || value === null || value === false) return '';
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += interpolate(item, trusted, escapeText);
    return out;
  }
  if (value instanceof trusted) return value.value;
  // HTML interpolated into XML (an Atom `type="html"` content) is text there, and the other way round.
  if (value instanceof SafeHtml || value instanceof SafeXml) return escapeText(value.value);
  return escapeText(String(value));
}

/** Tagged template for HTML: every interpolated value is escaped unless it is `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += interpolate(values[i]!, SafeHtml, escapeHtml) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Tagged template for XML: every interpolated value is escaped unless it is `SafeXml`. */
export function xml(strings: TemplateStringsArray, ...values: Interpolation[]): SafeXml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += interpolate(values[i]!, SafeXml, escapeXml) + strings[i + 1]!;
  return new SafeXml(out);
}

/** Output of our own renderers (the rhythm chart's SVG): inserted as is. Never for input from people. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Bidirectional text in a plain-text context (`<title>`, `alt`, feed titles): a name in Arabic or with
 * a stray U+202E must not reorder the words around it. Unicode 6.3 isolates (FSI … PDI) contain it. */
const BIDI = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
export function isolateBidi(text: string): string {
  return BIDI.test(text) ? `\u2068${text}\u2069` : text;
}

/** An absolute http(s) URL without trailing slashes, or undefined: config URLs never become `javascript:`. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}
