import type { ContractReport } from './checkContract.js';

const MARK = { ok: '✓', fix: '✗', note: '·' } as const;

/** The report as the terminal shows it: one line per finding, fixes first within each series. */
export function formatReport(report: ContractReport, target: string): string {
  const lines = [`contract check of ${target}`];
  for (const f of report.findings)
    lines.push(`${MARK[f.status]} ${f.series}: ${f.status === 'fix' ? 'fix: ' : ''}${f.message}`);
  if (report.ignored.length > 0) {
    const shown = report.ignored.slice(0, 8).join(', ');
    const more = report.ignored.length > 8 ? ` and ${report.ignored.length - 8} more` : '';
    lines.push(`· left alone, not the contract's: ${shown}${more}`);
  }
  const fixes = report.findings.filter((f) => f.status === 'fix').length;
  lines.push(
    report.ok
      ? 'follows the contract: the generated rules and dashboards can read this service'
      : `${fixes} fix${fixes === 1 ? '' : 'es'} needed before the generated rules and dashboards can read this service`,
  );
  return `${lines.join('\n')}\n`;
}
