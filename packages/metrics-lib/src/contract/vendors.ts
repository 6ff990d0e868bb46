/**
 * Caps of the per-vendor families (care_vendor_codes_total, care_vendor_call_duration_seconds):
 * what a partner of one software vendor sees of its own calls. They multiply vendors by operations
 * (and by codes), so each factor is capped here, once, for the library, the sizing in docs/scale.md
 * and the status API's partner views alike. Beyond a cap the value is `__other__` (OTHER).
 */
export const VENDOR_BREAKDOWN = Object.freeze({
  /** Vendors with series of their own in these families (first seen first); the rest share vendor="__other__". */
  vendors: 100,
  /** Operations with a latency histogram of their own per vendor; the rest share operation="__other__". */
  operationsPerVendor: 16,
  /**
   * (operation, code) series per vendor in care_vendor_codes_total; the vendor's further failed
   * calls are counted under operation="__other__", code="__other__".
   */
  codesPerVendor: 32,
});
