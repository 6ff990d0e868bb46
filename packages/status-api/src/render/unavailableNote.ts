import type { PartnerMessages } from '../i18n/partnerMessages.js';
import type { Unavailable } from '../partners/PartnerView.js';
import { html, type SafeHtml } from './escape.js';

/** "Not shown: …" for the partner page and the weekly report: each figure a tenant group lacks, or one sentence for a vendor's unrecorded calls. */
export function unavailableNote(unavailable: readonly Unavailable[], m: PartnerMessages): SafeHtml {
  if (unavailable.some((u) => u.cause === 'not_recorded')) return html`${m.notShown} ${m.notRecorded}.`;
  return html`${m.notShown} ${unavailable.map((u, i) => html`${i > 0 ? '; ' : ''}${m.unavailable[u.figure]}`)}.`;
}
