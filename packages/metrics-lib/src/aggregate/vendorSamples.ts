import { LABELS } from '../contract/names.js';
import { FamilySamples } from './FamilySamples.js';
import { histogramSamples } from './histogramSamples.js';
import type { VendorCallTable } from './VendorCallTable.js';

const { operation, vendor, code } = LABELS;
const CODE_LABELS = [operation, vendor, code];
const DURATION_LABELS = [operation, vendor];

/**
 * care_vendor_codes_total: every vendor code series, in creation order. A series is never
 * evicted nor handed to another, so its place is its identity.
 */
export function vendorCodeSamples(t: VendorCallTable, createdAt: number): FamilySamples {
  const series = t.codeSeries.slice();
  const n = series.length;
  const values = new Float64Array(n);
  const places = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    values[i] = series[i]!.value;
    places[i] = series[i]!.place;
  }
  return new FamilySamples('vendorCodes', 'counter', CODE_LABELS, n, values, places, Float64Array.from(places), {
    label: (i, j) => {
      const s = series[i]!;
      return j === 0 ? s.operation : j === 1 ? s.vendor : s.code;
    },
    startedAt: () => createdAt,
  });
}

/** care_vendor_call_duration_seconds: every vendor's histogram per operation, in creation order. */
export function vendorDurationSamples(t: VendorCallTable, bounds: Float64Array, createdAt: number): FamilySamples {
  const hs = t.histograms.slice();
  return histogramSamples('vendorCallDuration', DURATION_LABELS, hs, bounds, {
    label: (i, j) => (j === 0 ? hs[i]!.operation : hs[i]!.vendor),
    startedAt: () => createdAt,
  });
}
