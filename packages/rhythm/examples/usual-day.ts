import { alignShift, compareWithUsual, fold, type Point } from '@hartslag/rhythm';

// Five weeks of 5-minute call rates of a pharmacy data hub: a start-up peak at 08:00 every day.
const timeZone = 'Europe/Amsterdam';
const now = Date.parse('2026-10-27T10:00:00+01:00'); // a Tuesday, two days after the 25-hour Sunday
const points: Point[] = [];
for (let t = now - 35 * 86_400_000; t < now; t += 300_000) {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric' }).format(t));
  points.push({ t, v: hour === 8 ? 400 : 100 });
}
points.push({ t: now, v: 900 }); // a burst right now

const { band, current, anomalies, nowOffset } = compareWithUsual(points, { now, timeZone, step: 300_000 });
const i = Math.floor(nowOffset / band.step);
console.log(`now ${current[i]} calls/min, usual ${band.median[i]} (p10–p90 ${band.low[i]}–${band.high[i]})`);
console.log(`anomalous today: ${anomalies.anomalousMinutes} min`, anomalies.ranges);

// Last week's Tuesday as an overlay on this one: same wall-clock times, 7 local days later.
const overlay = fold(alignShift(points, 'last-week', timeZone), { period: 'day', timeZone, step: 300_000 });
console.log(`last week at 08:00: ${overlay.get('2026-10-27')?.points.find((p) => p.offset === 8 * 3_600_000)?.value}`);
