/**
 * OpenSLO `counter: true` queries name raw counters (`sum(http_requests_total{code="200"})`); the
 * generator applies each window itself. These helpers find the vector selectors of such a query
 * and wrap each in `rate(…[{{window}}])`, the form every other indicator query has.
 * PromQL grammar: https://prometheus.io/docs/prometheus/latest/querying/basics/
 */

/** Words that are operators or modifiers, never metric names. */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'and',
  'or',
  'unless',
  'atan2',
]);
/** After these a parenthesised list holds label names, not selectors. */
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const IDENT = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;

/** `{{ .window }}` (Sloth's and the OpenSLO SDK's Go template) read as Hartslag's `{{window}}`. */
export function normaliseWindow(query: string): string {
  return query.replace(/\{\{\s*\.?window\s*\}\}/g, '{{window}}');
}

export type CounterQuery = { query: string } | { problem: string };

/** The query with every vector selector wrapped in `rate(…[{{window}}])`, or why that cannot be done. */
export function wrapCounters(query: string): CounterQuery {
  const text = query.trim();
  if (/\[[^\]]*\]/.test(text.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`[^`]*`/g, '""'))) {
    return {
      problem:
        'has a fixed range: write [{{window}}] where the range goes (sum(rate(x_total[{{window}}]))), or give the bare counter (sum(x_total)) with counter: true; each generated rule puts its own window there (5m, 1h …)',
    };
  }
  const out: string[] = [];
  let wrapped = 0;
  let i = 0;
  let previousWord = '';
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      const end = closeQuote(text, i);
      out.push(text.slice(i, end));
      i = end;
      continue;
    }
    if (c === '(' && LABEL_LISTS.has(previousWord)) {
      const end = text.indexOf(')', i);
      if (end < 0) return { problem: 'has an unclosed label list' };
      out.push(text.slice(i, end + 1));
      i = end + 1;
      previousWord = '';
      continue;
    }
    IDENT.lastIndex = i;
    const ident = IDENT.exec(text);
    if (ident !== null && !/[0-9.]/.test(text[i - 1] ?? '')) {
      const word = ident[0];
      let end = i + word.length;
      const next = nextNonSpace(text, end);
      // `sum by (x) (…)`: an aggregation whose grouping comes first.
      const grouped = /^(?:by|without)\b/.test(text.slice(next));
      if (KEYWORDS.has(word) || text[next] === '(' || grouped) {
        if (word === 'offset') return { problem: 'uses offset: with counter: true, give the bare counter' };
        out.push(word);
        previousWord = word;
        i = end;
        continue;
      }
      if (text[next] === '{') end = closeBrace(text, next);
      if (end < 0) return { problem: 'has an unclosed {' };
      out.push(`rate(${text.slice(i, end)}[{{window}}])`);
      wrapped++;
      previousWord = '';
      i = end;
      continue;
    }
    if (c === '{') {
      const end = closeBrace(text, i);
      if (end < 0) return { problem: 'has an unclosed {' };
      out.push(`rate(${text.slice(i, end)}[{{window}}])`);
      wrapped++;
      i = end;
      continue;
    }
    if (!/\s/.test(c)) previousWord = '';
    // Numbers (1e3, 0x1f) and operators pass through as they are.
    const number = /^(?:0x[0-9a-fA-F]+|[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)/.exec(text.slice(i));
    const step = number !== null && number[0] !== '' && /[0-9.]/.test(c) ? number[0].length : 1;
    out.push(text.slice(i, i + step));
    i += step;
  }
  if (wrapped === 0) return { problem: 'names no counter to count' };
  return { query: out.join('') };
}

function closeQuote(text: string, start: number): number {
  const q = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== q) i += text[i] === '\\' && q !== '`' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

/** Index just past the `}` that closes the `{` at `start`; -1 when none does. */
function closeBrace(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '}') return i + 1;
    i = c === '"' || c === "'" || c === '`' ? closeQuote(text, i) : i + 1;
  }
  return -1;
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}
