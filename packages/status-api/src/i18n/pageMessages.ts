import type { Impact, IncidentStatus } from '../incidents/model.js';
import type { State } from '../state/State.js';
import type { Language } from './messages.js';

/**
 * Texts of the status page, the widget and the feed. `{name}` marks a parameter; every language has
 * the same keys and the same parameters (a test holds them to it). State words themselves are in
 * `MESSAGES` so that badge and page say the same.
 */
export interface PageMessages {
  /** Page `<h1>`, iframe title, badge alt: `{name}` is the page or component name. */
  statusOf: string;
  skipToContent: string;
  languageNav: string;
  /** The overall banner, by the worst state. */
  overall: Record<State, string>;
  updatedAt: string;
  staleTitle: string;
  staleBody: string;
  activeIncidents: string;
  components: string;
  maintenance: string;
  history: string;
  embed: string;
  noActiveIncidents: string;
  noMaintenance: string;
  noHistory: string;
  since: string;
  uptime: string;
  noMeasurements: string;
  coverage: string;
  notes: {
    provider_failing: string;
    /** When our own services do not work either: the page claims nothing about them. */
    provider_failing_only: string;
    on_backup: string;
    stale: string;
    /** Too few calls lately to judge by. */
    too_few_calls: string;
    /** The history holds too little of the SLO window to judge the budget by: {coverage} of {days} days. */
    collecting: string;
    maintenance: string;
  };
  impactLabel: string;
  impact: Record<Impact, string>;
  incidentStatus: Record<IncidentStatus, string>;
  affects: string;
  started: string;
  resolved: string;
  updates: string;
  maintenanceWindow: string;
  maintenanceState: { upcoming: string; active: string; cancelled: string };
  embedIntro: string;
  badge: string;
  widget: string;
  follow: string;
  feedLink: string;
  statusJson: string;
  generatedAt: string;
  widgetLink: string;
  feedTitle: string;
  feedSubtitle: string;
}

/** Each language named in itself, for the language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  nl: 'Nederlands',
  fr: 'Français',
  en: 'English',
  de: 'Deutsch',
};

export const PAGE_MESSAGES: Record<Language, PageMessages> = {
  nl: {
    statusOf: 'Status van {name}',
    skipToContent: 'Naar de inhoud',
    languageNav: 'Taal',
    overall: {
      operational: 'Alle diensten werken',
      degraded: 'Sommige diensten zijn verstoord',
      partial_outage: 'Gedeeltelijke storing',
      major_outage: 'Storing',
      maintenance: 'Onderhoud bezig',
      unknown: 'De status is onbekend',
    },
    updatedAt: 'Bijgewerkt: {time}',
    staleTitle: 'De status kan nu niet worden vastgesteld.',
    staleBody:
      'Onze metingen zijn niet actueel. Daarom tonen we de diensten als onbekend, niet als werkend. Dat betekent niet dat er een storing is.',
    activeIncidents: 'Lopende storingen',
    components: 'Diensten',
    maintenance: 'Gepland onderhoud',
    history: 'Storingen van de afgelopen 90 dagen',
    embed: 'Deze status insluiten',
    noActiveIncidents: 'Er zijn nu geen storingen.',
    noMaintenance: 'Er is geen onderhoud gepland.',
    noHistory: 'Geen storingen in de afgelopen 90 dagen.',
    since: 'sinds {time}',
    uptime: 'Beschikbaarheid',
    noMeasurements: 'geen metingen',
    coverage: 'gemeten over {coverage} van de periode',
    notes: {
      provider_failing: 'Oproepen naar {provider} mislukken; onze diensten werken.',
      provider_failing_only: 'Oproepen naar {provider} mislukken.',
      on_backup: 'Draait op de reserveleverancier ({backup}) in plaats van {provider}.',
      stale: 'Geen recente meting: deze status kan verouderd zijn.',
      too_few_calls: 'Te weinig aanroepen om te beoordelen: daarom onbekend, niet „werkt”.',
      collecting:
        'Gegevens worden verzameld ({coverage} van {days} dagen): het foutenbudget wordt nog niet beoordeeld.',
      maintenance: 'Gepland onderhoud tot {time}.',
    },
    impactLabel: 'Impact',
    impact: { none: 'geen', minor: 'beperkt', major: 'groot', critical: 'kritiek' },
    incidentStatus: {
      investigating: 'Onderzoek',
      identified: 'Oorzaak gevonden',
      monitoring: 'Opvolging',
      resolved: 'Opgelost',
    },
    affects: 'Betreft: {components}',
    started: 'Begonnen: {time}',
    resolved: 'Opgelost: {time}',
    updates: 'Verloop',
    maintenanceWindow: 'Van {start} tot {end}',
    maintenanceState: { upcoming: 'gepland', active: 'bezig', cancelled: 'geannuleerd' },
    embedIntro: 'Toon de status van een dienst op uw eigen website: kopieer de badge of de widget hieronder.',
    badge: 'Badge',
    widget: 'Widget',
    follow: 'Volgen',
    feedLink: 'Atom-feed met storingen',
    statusJson: 'Status als JSON',
    generatedAt: 'Pagina gemaakt op {time}',
    widgetLink: 'Volledige status',
    feedTitle: '{page}: storingen',
    feedSubtitle: 'Storingen en hun verloop, nieuwste eerst.',
  },
  fr: {
    statusOf: 'Statut de {name}',
    skipToContent: 'Aller au contenu',
    languageNav: 'Langue',
    overall: {
      operational: 'Tous les services fonctionnent',
      degraded: 'Certains services sont dégradés',
      partial_outage: 'Panne partielle',
      major_outage: 'Panne',
      maintenance: 'Maintenance en cours',
      unknown: 'L’état est inconnu',
    },
    updatedAt: 'Mis à jour : {time}',
    staleTitle: 'L’état ne peut pas être déterminé pour le moment.',
    staleBody:
      'Nos mesures ne sont pas à jour : les services sont donc affichés comme inconnus, pas comme opérationnels. Cela ne signifie pas qu’ils sont en panne.',
    activeIncidents: 'Incidents en cours',
    components: 'Services',
    maintenance: 'Maintenance planifiée',
    history: 'Incidents des 90 derniers jours',
    embed: 'Intégrer ce statut',
    noActiveIncidents: 'Aucun incident en cours.',
    noMaintenance: 'Aucune maintenance planifiée.',
    noHistory: 'Aucun incident au cours des 90 derniers jours.',
    since: 'depuis le {time}',
    uptime: 'Disponibilité',
    noMeasurements: 'aucune mesure',
    coverage: 'mesuré sur {coverage} de la période',
    notes: {
      provider_failing: 'Les appels vers {provider} échouent ; nos services fonctionnent.',
      provider_failing_only: 'Les appels vers {provider} échouent.',
      on_backup: 'Fonctionne avec le fournisseur de secours ({backup}) au lieu de {provider}.',
      stale: 'Pas de mesure récente : cet état peut être dépassé.',
      too_few_calls: 'Trop peu d’appels pour en juger : état inconnu plutôt qu’opérationnel.',
      collecting: 'Collecte des données ({coverage} sur {days} jours) : le budget d’erreurs n’est pas encore évalué.',
      maintenance: 'Maintenance planifiée jusqu’au {time}.',
    },
    impactLabel: 'Impact',
    impact: { none: 'aucun', minor: 'mineur', major: 'majeur', critical: 'critique' },
    incidentStatus: {
      investigating: 'Enquête en cours',
      identified: 'Cause identifiée',
      monitoring: 'Surveillance',
      resolved: 'Résolu',
    },
    affects: 'Concerne : {components}',
    started: 'Début : {time}',
    resolved: 'Résolu : {time}',
    updates: 'Chronologie',
    maintenanceWindow: 'Du {start} au {end}',
    maintenanceState: { upcoming: 'planifiée', active: 'en cours', cancelled: 'annulée' },
    embedIntro: 'Affichez le statut d’un service sur votre propre site : copiez le badge ou le widget ci-dessous.',
    badge: 'Badge',
    widget: 'Widget',
    follow: 'Suivre',
    feedLink: 'Flux Atom des incidents',
    statusJson: 'Statut en JSON',
    generatedAt: 'Page générée le {time}',
    widgetLink: 'Statut complet',
    feedTitle: '{page} : incidents',
    feedSubtitle: 'Les incidents et leur suivi, les plus récents en premier.',
  },
  en: {
    statusOf: '{name} status',
    skipToContent: 'Skip to content',
    languageNav: 'Language',
    overall: {
      operational: 'All services operational',
      degraded: 'Some services are degraded',
      partial_outage: 'Partial outage',
      major_outage: 'Major outage',
      maintenance: 'Maintenance in progress',
      unknown: 'Status unknown',
    },
    updatedAt: 'Updated {time}',
    staleTitle: 'The status cannot be determined right now.',
    staleBody:
      'Our measurements are not up to date, so services are shown as unknown rather than operational. This does not mean they are down.',
    activeIncidents: 'Active incidents',
    components: 'Services',
    maintenance: 'Scheduled maintenance',
    history: 'Incidents in the last 90 days',
    embed: 'Embed this status',
    noActiveIncidents: 'No active incidents.',
    noMaintenance: 'No maintenance scheduled.',
    noHistory: 'No incidents in the last 90 days.',
    since: 'since {time}',
    uptime: 'Uptime',
    noMeasurements: 'no measurements',
    coverage: 'measured over {coverage} of the period',
    notes: {
      provider_failing: 'Calls to {provider} are failing; our services work.',
      provider_failing_only: 'Calls to {provider} are failing.',
      on_backup: 'Running on the backup provider ({backup}) instead of {provider}.',
      stale: 'No recent measurement: this state may be out of date.',
      too_few_calls: 'Too few calls to judge: shown as unknown rather than operational.',
      collecting: 'Collecting data ({coverage} of {days} days): the error budget is not judged yet.',
      maintenance: 'Scheduled maintenance until {time}.',
    },
    impactLabel: 'Impact',
    impact: { none: 'none', minor: 'minor', major: 'major', critical: 'critical' },
    incidentStatus: {
      investigating: 'Investigating',
      identified: 'Identified',
      monitoring: 'Monitoring',
      resolved: 'Resolved',
    },
    affects: 'Affects: {components}',
    started: 'Started {time}',
    resolved: 'Resolved {time}',
    updates: 'Updates',
    maintenanceWindow: 'From {start} to {end}',
    maintenanceState: { upcoming: 'scheduled', active: 'in progress', cancelled: 'cancelled' },
    embedIntro: 'Show a service’s status on your own website: copy the badge or the widget below.',
    badge: 'Badge',
    widget: 'Widget',
    follow: 'Follow',
    feedLink: 'Atom feed of incidents',
    statusJson: 'Status as JSON',
    generatedAt: 'Page generated {time}',
    widgetLink: 'Full status',
    feedTitle: '{page}: incidents',
    feedSubtitle: 'Incidents and their updates, newest first.',
  },
  de: {
    statusOf: 'Status von {name}',
    skipToContent: 'Zum Inhalt',
    languageNav: 'Sprache',
    overall: {
      operational: 'Alle Dienste in Betrieb',
      degraded: 'Einige Dienste sind beeinträchtigt',
      partial_outage: 'Teilweise Störung',
      major_outage: 'Störung',
      maintenance: 'Wartung läuft',
      unknown: 'Status unbekannt',
    },
    updatedAt: 'Aktualisiert: {time}',
    staleTitle: 'Der Status kann gerade nicht ermittelt werden.',
    staleBody:
      'Unsere Messungen sind nicht aktuell, daher zeigen wir die Dienste als unbekannt statt als in Betrieb. Das bedeutet nicht, dass sie gestört sind.',
    activeIncidents: 'Aktuelle Störungen',
    components: 'Dienste',
    maintenance: 'Geplante Wartung',
    history: 'Störungen der letzten 90 Tage',
    embed: 'Diesen Status einbinden',
    noActiveIncidents: 'Derzeit keine Störungen.',
    noMaintenance: 'Keine Wartung geplant.',
    noHistory: 'Keine Störungen in den letzten 90 Tagen.',
    since: 'seit dem {time}',
    uptime: 'Verfügbarkeit',
    noMeasurements: 'keine Messungen',
    coverage: 'gemessen über {coverage} des Zeitraums',
    notes: {
      provider_failing: 'Aufrufe an {provider} schlagen fehl; unsere Dienste funktionieren.',
      provider_failing_only: 'Aufrufe an {provider} schlagen fehl.',
      on_backup: 'Läuft über den Ersatzanbieter ({backup}) statt {provider}.',
      stale: 'Keine aktuelle Messung: dieser Status ist möglicherweise veraltet.',
      too_few_calls: 'Zu wenige Aufrufe für ein Urteil: daher unbekannt statt „in Betrieb“.',
      collecting: 'Daten werden gesammelt ({coverage} von {days} Tagen): das Fehlerbudget wird noch nicht bewertet.',
      maintenance: 'Geplante Wartung bis {time}.',
    },
    impactLabel: 'Auswirkung',
    impact: { none: 'keine', minor: 'gering', major: 'erheblich', critical: 'kritisch' },
    incidentStatus: {
      investigating: 'Untersuchung',
      identified: 'Ursache erkannt',
      monitoring: 'Beobachtung',
      resolved: 'Behoben',
    },
    affects: 'Betrifft: {components}',
    started: 'Begonnen: {time}',
    resolved: 'Behoben: {time}',
    updates: 'Verlauf',
    maintenanceWindow: 'Vom {start} bis {end}',
    maintenanceState: { upcoming: 'geplant', active: 'läuft', cancelled: 'abgesagt' },
    embedIntro: 'Zeigen Sie den Status eines Dienstes auf Ihrer Website: Kopieren Sie das Badge oder das Widget unten.',
    badge: 'Badge',
    widget: 'Widget',
    follow: 'Folgen',
    feedLink: 'Atom-Feed der Störungen',
    statusJson: 'Status als JSON',
    generatedAt: 'Seite erstellt am {time}',
    widgetLink: 'Vollständiger Status',
    feedTitle: '{page}: Störungen',
    feedSubtitle: 'Störungen und ihr Verlauf, neueste zuerst.',
  },
};
