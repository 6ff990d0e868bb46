/**
 * Calls per second of a pharmacy data hub at a local time of day: quiet nights, pharmacies
 * opening from 07:30 with the peak around 08:00–09:00, a lunch dip, a second peak after lunch,
 * closing from 18:00. Saturdays run at a third of a weekday with only a morning; Sundays are the
 * on-call pharmacies. The shape the status page's "usual day" chart and the demo replay.
 */
export function pharmacyRate(localHour: number, weekday: number, peak = 40): number {
  const bump = (centre: number, width: number) => Math.exp(-(((localHour - centre) / width) ** 2));
  const night = 0.03;
  if (weekday === 7) return peak * (night + 0.08 * bump(11, 3));
  const day = 0.95 * bump(8.6, 1.1) + 0.75 * bump(10.8, 1.6) + 0.8 * bump(14.6, 1.6) + 0.5 * bump(17, 1.2);
  const lunchDip = 1 - 0.45 * bump(12.6, 0.6);
  const open = localHour >= 7 && localHour < 19 ? day * lunchDip : day * 0.3;
  const weekdayFactor = weekday === 6 ? (localHour < 13 ? 0.45 : 0.1) : 1;
  return peak * (night + open * weekdayFactor);
}

/** A small deterministic PRNG (mulberry32): demo data and screenshots are the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
