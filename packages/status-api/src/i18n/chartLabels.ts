import type { Language } from './messages.js';

/** The words of the "today vs a usual day" chart on the page. */
export interface ChartLabels {
  title: string;
  today: string;
  usual: string;
  band: string;
  noData: string;
}

export const CHART_LABELS: Record<Language, ChartLabels> = {
  nl: {
    title: 'Aanroepen vandaag',
    today: 'vandaag',
    usual: 'gewone dag',
    band: 'gewone spreiding',
    noData: 'nog geen gegevens',
  },
  fr: {
    title: "Appels aujourd'hui",
    today: "aujourd'hui",
    usual: 'jour habituel',
    band: 'plage habituelle',
    noData: 'pas encore de données',
  },
  en: { title: 'Calls today', today: 'today', usual: 'usual day', band: 'usual range', noData: 'no data yet' },
  de: {
    title: 'Aufrufe heute',
    today: 'heute',
    usual: 'üblicher Tag',
    band: 'üblicher Bereich',
    noData: 'noch keine Daten',
  },
};
