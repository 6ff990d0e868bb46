import { isOutcome } from '@hartslag/metrics';

/**
 * The first thing in a checkpoint's ledger that Ledger.replay cannot take as it is, named by its
 * place (`ledger.calls[12][5]: …`), or undefined. logwatch writes the file itself, but a disk, a
 * restore from backup or a hand edit can change it: a count that is not a whole number would
 * replay a wrong figure without a word, so the file is refused instead.
 */
export function ledgerProblem(ledger: unknown): string | undefined {
  if (!isObject(ledger)) return 'ledger: must be an object';
  if (ledger.vendors !== undefined && ledger.vendors !== true) return 'ledger.vendors: must be true or absent';
  return (
    rows(ledger.calls, 'ledger.calls', ['text', 'outcome', 'text', 'text', 'text', 'count']) ??
    (ledger.tenants === undefined
      ? undefined
      : rows(ledger.tenants, 'ledger.tenants', ['text', 'text', 'outcome', 'count'])) ??
    latencies(ledger.latencies)
  );
}

type Cell = 'text' | 'outcome' | 'count';

function rows(list: unknown, where: string, cells: Cell[]): string | undefined {
  if (!Array.isArray(list)) return `${where}: must be a list`;
  for (const [i, row] of list.entries()) {
    if (!Array.isArray(row) || row.length !== cells.length) return `${where}[${i}]: must be a list of ${cells.length}`;
    for (const [j, kind] of cells.entries()) {
      const problem = cell(row[j], kind);
      if (problem !== undefined) return `${where}[${i}][${j}]: ${problem}`;
    }
  }
  return undefined;
}

function latencies(list: unknown): string | undefined {
  if (!Array.isArray(list)) return 'ledger.latencies: must be a list';
  for (const [i, row] of list.entries()) {
    const at = `ledger.latencies[${i}]`;
    if (!Array.isArray(row) || (row.length !== 3 && row.length !== 4)) return `${at}: must be a list of 3 or 4`;
    const head = cell(row[0], 'text') ?? cell(row[1], 'outcome');
    if (head !== undefined) return `${at}: ${head}`;
    if (row.length === 4 && typeof row[3] !== 'string') return `${at}[3]: a vendor must be text`;
    if (!Array.isArray(row[2])) return `${at}[2]: must be a list of [seconds, count]`;
    for (const [j, pair] of (row[2] as unknown[]).entries()) {
      if (!Array.isArray(pair) || pair.length !== 2) return `${at}[2][${j}]: must be [seconds, count]`;
      const [seconds, n] = pair as [unknown, unknown];
      // -1 stands for calls without a duration.
      if (typeof seconds !== 'number' || !(seconds === -1 || (seconds >= 0 && Number.isFinite(seconds)))) {
        return `${at}[2][${j}][0]: seconds must be a finite number >= 0 or -1, got ${shown(seconds)}`;
      }
      const problem = cell(n, 'count');
      if (problem !== undefined) return `${at}[2][${j}][1]: ${problem}`;
    }
  }
  return undefined;
}

function cell(value: unknown, kind: Cell): string | undefined {
  if (kind === 'text') return typeof value === 'string' ? undefined : `must be text, got ${shown(value)}`;
  if (kind === 'outcome') {
    // Only a short lower-case word is echoed: a misplaced field could hold a tenant or patient id.
    const word = typeof value === 'string' && /^[a-z_]{1,32}$/.test(value);
    return isOutcome(value) ? undefined : `not an outcome: ${word ? JSON.stringify(value) : typeof value}`;
  }
  return Number.isSafeInteger(value) && (value as number) >= 0
    ? undefined
    : `a count must be a whole number >= 0, got ${shown(value)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The value's type and, for a short one, itself: enough to find it in the file. */
function shown(v: unknown): string {
  const text = JSON.stringify(v);
  return text !== undefined && text.length <= 40 ? text : typeof v;
}
