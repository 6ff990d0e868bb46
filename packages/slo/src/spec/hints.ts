/**
 * "; did you mean 0.999?" for a share written as a percentage (99.9), the most common slip in
 * SLO files: OpenSLO targets are fractions.
 */
export function percentHint(x: number): string {
  return x > 1 && x < 100 ? `; did you mean ${Number((x / 100).toPrecision(12))}?` : '';
}
