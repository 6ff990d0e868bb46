import type { Outcome } from '@hartslag/metrics/contract';
import type { Language } from './messages.js';

/**
 * The words of a partner's page and weekly report, for a software vendor's or a pharmacy chain's
 * staff. `{n}` is a number, `{name}`, `{week}` and the like are filled in as escaped text.
 * Codes, services, operations and tenant ids are shown as recorded, never translated.
 */
export interface PartnerMessages {
  pageTitle: string;
  kind: { vendor: string; 'tenant-group': string };
  readAt: string;
  services: string;
  tenants: string;
  noCalls: string;
  head: { service: string; tenant: string; perMinute: string; calls: string; platformErrors: string; overuse: string };
  outcomes: Record<Exclude<Outcome, 'success'>, string>;
  yes: string;
  refused: string;
  noneRefused: string;
  refusedLine: string;
  overuse: string;
  noOveruse: string;
  overusers: string;
  codes: string;
  noCodes: string;
  codeHead: { code: string; service: string; operation: string; failed: string };
  latency: string;
  noLatency: string;
  notShown: string;
  /** Why a tenant group sees no codes or p95, per figure. */
  unavailable: { error_codes: string; latency_p95: string };
  /** Why a vendor with calls sees no codes or p95: its calls were not recorded per vendor. */
  notRecorded: string;
  report: {
    title: string;
    range: string;
    sliced: string;
    head: {
      slo: string;
      objective: string;
      availability: string;
      budgetUsed: string;
      longestOutage: string;
      incidents: string;
      calls: string;
      failedCalls: string;
    };
    noCallsCell: string;
    noOutage: string;
    codes: string;
    noCodes: string;
    latency: string;
    noLatency: string;
  };
}

export const PARTNER_MESSAGES: Record<Language, PartnerMessages> = {
  nl: {
    pageTitle: '{name}: oproepen in het laatste uur',
    kind: { vendor: 'softwareleverancier', 'tenant-group': 'groep apotheken' },
    readAt: 'gelezen op',
    services: 'Diensten',
    tenants: 'Apotheken',
    noCalls: 'Geen oproepen in het laatste uur.',
    head: {
      service: 'dienst',
      tenant: 'apotheek',
      perMinute: 'oproepen/min (5 min)',
      calls: 'oproepen (1 u)',
      platformErrors: 'fouten van het platform',
      overuse: 'overmatig gebruik',
    },
    outcomes: { client_error: 'fout verzoek', server_error: 'serverfout', timeout: 'time-out', denied: 'geweigerd' },
    yes: 'ja',
    refused: 'Geweigerde oproepen',
    noneRefused: 'Geen in het laatste uur.',
    refusedLine: '{n} geweigerd (geen contract of geen toestemming)',
    overuse: 'Overmatig gebruik',
    noOveruse: 'Geen apotheek deed meer dan {n} oproepen in het laatste uur.',
    overusers: 'Meer dan {n} oproepen in het laatste uur:',
    codes: 'Foutcodes',
    noCodes: 'Geen mislukte oproepen in het laatste uur.',
    codeHead: { code: 'code', service: 'dienst', operation: 'bewerking', failed: 'mislukte oproepen (1 u)' },
    latency: 'Responstijd (p95, 1 u)',
    noLatency: 'Geen getimede oproepen in het laatste uur.',
    notShown: 'Niet getoond:',
    notRecorded:
      'foutcodes en responstijd p95 (uw oproepen zijn niet per leverancier vastgelegd: de dienst telt al het maximum aantal leveranciers, of draait een versie zonder deze cijfers)',
    unavailable: {
      error_codes: 'foutcodes (worden per leverancier geteld, niet per apotheek)',
      latency_p95: 'responstijd p95 (wordt per leverancier gemeten, niet per apotheek)',
    },
    report: {
      title: 'Beschikbaarheid {week}, {slice}',
      range: 'Van {from} tot {to} ({zone}): oproepen geteld uit Prometheus.',
      sliced: 'Alleen deze oproepen zijn geteld; elk cijfer dekt de hele dienst van de SLO.',
      head: {
        slo: 'SLO',
        objective: 'doel',
        availability: 'beschikbaarheid',
        budgetUsed: 'budget gebruikt',
        longestOutage: 'langste storing',
        incidents: 'incidenten',
        calls: 'oproepen',
        failedCalls: 'mislukte oproepen',
      },
      noCallsCell: 'geen oproepen',
      noOutage: 'geen',
      codes: 'Mislukte oproepen per code',
      noCodes: 'Geen mislukte oproepen deze week.',
      latency: 'Responstijd (p95)',
      noLatency: 'Geen getimede oproepen deze week.',
    },
  },
  fr: {
    pageTitle: '{name} : appels de la dernière heure',
    kind: { vendor: 'éditeur de logiciel', 'tenant-group': 'groupe de pharmacies' },
    readAt: 'lu le',
    services: 'Services',
    tenants: 'Pharmacies',
    noCalls: 'Aucun appel dans la dernière heure.',
    head: {
      service: 'service',
      tenant: 'pharmacie',
      perMinute: 'appels/min (5 min)',
      calls: 'appels (1 h)',
      platformErrors: 'erreurs de la plateforme',
      overuse: 'usage excessif',
    },
    outcomes: {
      client_error: 'requête invalide',
      server_error: 'erreur serveur',
      timeout: 'délai dépassé',
      denied: 'refusé',
    },
    yes: 'oui',
    refused: 'Appels refusés',
    noneRefused: 'Aucun dans la dernière heure.',
    refusedLine: '{n} refusés (pas de contrat ou pas d’autorisation)',
    overuse: 'Usage excessif',
    noOveruse: 'Aucune pharmacie n’a fait plus de {n} appels dans la dernière heure.',
    overusers: 'Plus de {n} appels dans la dernière heure :',
    codes: 'Codes d’erreur',
    noCodes: 'Aucun appel échoué dans la dernière heure.',
    codeHead: { code: 'code', service: 'service', operation: 'opération', failed: 'appels échoués (1 h)' },
    latency: 'Temps de réponse (p95, 1 h)',
    noLatency: 'Aucun appel chronométré dans la dernière heure.',
    notShown: 'Non affiché :',
    notRecorded:
      'codes d’erreur et temps de réponse p95 (vos appels n’ont pas été enregistrés par éditeur : le service compte déjà le nombre maximal d’éditeurs, ou tourne sur une version sans ces chiffres)',
    unavailable: {
      error_codes: 'codes d’erreur (comptés par éditeur, pas par pharmacie)',
      latency_p95: 'temps de réponse p95 (mesuré par éditeur, pas par pharmacie)',
    },
    report: {
      title: 'Disponibilité {week}, {slice}',
      range: 'Du {from} au {to} ({zone}) : appels comptés dans Prometheus.',
      sliced: 'Seuls ces appels sont comptés ; chaque chiffre couvre tout le service du SLO.',
      head: {
        slo: 'SLO',
        objective: 'objectif',
        availability: 'disponibilité',
        budgetUsed: 'budget consommé',
        longestOutage: 'plus longue panne',
        incidents: 'incidents',
        calls: 'appels',
        failedCalls: 'appels échoués',
      },
      noCallsCell: 'aucun appel',
      noOutage: 'aucune',
      codes: 'Appels échoués par code',
      noCodes: 'Aucun appel échoué cette semaine.',
      latency: 'Temps de réponse (p95)',
      noLatency: 'Aucun appel chronométré cette semaine.',
    },
  },
  en: {
    pageTitle: '{name}: calls in the last hour',
    kind: { vendor: 'vendor', 'tenant-group': 'tenant group' },
    readAt: 'read at',
    services: 'Services',
    tenants: 'Pharmacies',
    noCalls: 'No calls in the last hour.',
    head: {
      service: 'service',
      tenant: 'tenant',
      perMinute: 'calls/min (5 min)',
      calls: 'calls (1 h)',
      platformErrors: 'platform errors',
      overuse: 'overuse',
    },
    outcomes: { client_error: 'client error', server_error: 'server error', timeout: 'timeout', denied: 'denied' },
    yes: 'yes',
    refused: 'Refused calls',
    noneRefused: 'None in the last hour.',
    refusedLine: '{n} refused (no contract or not authorised)',
    overuse: 'Overuse',
    noOveruse: 'No pharmacy made more than {n} calls in the last hour.',
    overusers: 'More than {n} calls in the last hour:',
    codes: 'Error codes',
    noCodes: 'No failed calls in the last hour.',
    codeHead: { code: 'code', service: 'service', operation: 'operation', failed: 'failed calls (1 h)' },
    latency: 'Latency (p95, 1 h)',
    noLatency: 'No timed calls in the last hour.',
    notShown: 'Not shown:',
    notRecorded:
      'error codes and latency p95 (your calls were not recorded per vendor: the service already counts its maximum number of vendors, or runs a release without these figures)',
    unavailable: {
      error_codes: 'error codes (counted by vendor, not by pharmacy)',
      latency_p95: 'latency p95 (measured by vendor, not by pharmacy)',
    },
    report: {
      title: 'Availability {week}, {slice}',
      range: 'From {from} to {to} ({zone}): calls counted from Prometheus.',
      sliced: "Only these calls were counted; each figure covers the SLO's whole service.",
      head: {
        slo: 'SLO',
        objective: 'objective',
        availability: 'availability',
        budgetUsed: 'budget used',
        longestOutage: 'longest outage',
        incidents: 'incidents',
        calls: 'calls',
        failedCalls: 'failed calls',
      },
      noCallsCell: 'no calls',
      noOutage: 'none',
      codes: 'Failed calls by code',
      noCodes: 'No failed calls this week.',
      latency: 'Latency (p95)',
      noLatency: 'No timed calls this week.',
    },
  },
  de: {
    pageTitle: '{name}: Aufrufe in der letzten Stunde',
    kind: { vendor: 'Softwarehersteller', 'tenant-group': 'Apothekengruppe' },
    readAt: 'gelesen am',
    services: 'Dienste',
    tenants: 'Apotheken',
    noCalls: 'Keine Aufrufe in der letzten Stunde.',
    head: {
      service: 'Dienst',
      tenant: 'Apotheke',
      perMinute: 'Aufrufe/min (5 min)',
      calls: 'Aufrufe (1 h)',
      platformErrors: 'Fehler der Plattform',
      overuse: 'Übernutzung',
    },
    outcomes: {
      client_error: 'fehlerhafte Anfrage',
      server_error: 'Serverfehler',
      timeout: 'Zeitüberschreitung',
      denied: 'abgelehnt',
    },
    yes: 'ja',
    refused: 'Abgelehnte Aufrufe',
    noneRefused: 'Keine in der letzten Stunde.',
    refusedLine: '{n} abgelehnt (kein Vertrag oder keine Berechtigung)',
    overuse: 'Übernutzung',
    noOveruse: 'Keine Apotheke hat in der letzten Stunde mehr als {n} Aufrufe gemacht.',
    overusers: 'Mehr als {n} Aufrufe in der letzten Stunde:',
    codes: 'Fehlercodes',
    noCodes: 'Keine fehlgeschlagenen Aufrufe in der letzten Stunde.',
    codeHead: { code: 'Code', service: 'Dienst', operation: 'Vorgang', failed: 'fehlgeschlagene Aufrufe (1 h)' },
    latency: 'Antwortzeit (p95, 1 h)',
    noLatency: 'Keine gemessenen Aufrufe in der letzten Stunde.',
    notShown: 'Nicht angezeigt:',
    notRecorded:
      'Fehlercodes und Antwortzeit p95 (Ihre Aufrufe wurden nicht pro Hersteller erfasst: der Dienst zählt bereits die Höchstzahl an Herstellern, oder läuft auf einer Version ohne diese Zahlen)',
    unavailable: {
      error_codes: 'Fehlercodes (pro Hersteller gezählt, nicht pro Apotheke)',
      latency_p95: 'Antwortzeit p95 (pro Hersteller gemessen, nicht pro Apotheke)',
    },
    report: {
      title: 'Verfügbarkeit {week}, {slice}',
      range: 'Von {from} bis {to} ({zone}): Aufrufe aus Prometheus gezählt.',
      sliced: 'Nur diese Aufrufe wurden gezählt; jede Zahl umfasst den ganzen Dienst des SLO.',
      head: {
        slo: 'SLO',
        objective: 'Ziel',
        availability: 'Verfügbarkeit',
        budgetUsed: 'Budget verbraucht',
        longestOutage: 'längste Störung',
        incidents: 'Vorfälle',
        calls: 'Aufrufe',
        failedCalls: 'fehlgeschlagene Aufrufe',
      },
      noCallsCell: 'keine Aufrufe',
      noOutage: 'keine',
      codes: 'Fehlgeschlagene Aufrufe nach Code',
      noCodes: 'Keine fehlgeschlagenen Aufrufe diese Woche.',
      latency: 'Antwortzeit (p95)',
      noLatency: 'Keine gemessenen Aufrufe diese Woche.',
    },
  },
};
