import { LABELS, METRICS } from '@hartslag/metrics';
import type { Config } from '../config/Config.js';
import { LineParser } from '../parse/LineParser.js';

/**
 * How each sample line parses under each source, and the series recording it would touch — what
 * a user needs to trust a pattern before pointing it at a year of logs.
 */
export function checkLines(config: Config, sample: string): { text: string; failed: number } {
  const out: string[] = [];
  let failed = 0;
  const parsers = config.sources.map((s) => ({ name: s.name, parser: new LineParser(s) }));
  const lines = sample.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    out.push(`line ${i + 1}: ${line.length > 120 ? `${line.slice(0, 117)}...` : line}`);
    let any = false;
    for (const { name, parser } of parsers) {
      const r = parser.parse(line);
      if (!r.ok) {
        out.push(`  ${name}: rejected (${r.reason})${r.fields ? ` fields ${JSON.stringify(r.fields)}` : ''}`);
        continue;
      }
      any = true;
      const c = r.line.call;
      out.push(`  ${name}: fields ${JSON.stringify(r.fields)}`);
      if (r.line.time !== undefined) out.push(`    time ${new Date(r.line.time).toISOString()}`);
      const lbl = (pairs: [string, unknown][]) =>
        pairs
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}="${String(v)}"`)
          .join(',');
      out.push(
        `    ${METRICS.calls}{${lbl([
          [LABELS.service, config.service],
          [LABELS.operation, c.operation],
          [LABELS.outcome, c.outcome],
          [LABELS.code, c.code],
        ])}} +1`,
      );
      if (c.seconds !== undefined) {
        out.push(
          `    ${METRICS.callDuration}{${lbl([
            [LABELS.service, config.service],
            [LABELS.operation, c.operation],
            [LABELS.outcome, c.outcome],
          ])}} observe ${String(c.seconds)}s`,
        );
      }
      if (c.tenant !== undefined) {
        out.push(
          `    ${METRICS.tenantCalls}{${lbl([
            [LABELS.service, config.service],
            [LABELS.tenant, c.tenant],
            [LABELS.vendor, c.vendor ?? '(vendorOf)'],
            [LABELS.outcome, c.outcome],
          ])}} +1`,
        );
      }
    }
    if (!any) failed++;
  });
  out.push(`${lines.length - failed} of ${lines.length} lines parse`);
  return { text: `${out.join('\n')}\n`, failed };
}
