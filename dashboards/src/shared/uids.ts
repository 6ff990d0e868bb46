/** Every dashboard's uid and title: links and data links point at these, never at spelled-out strings. */
export const DASHBOARDS = {
  sloOverview: { uid: 'hartslag-slo-overview', title: 'Hartslag · SLO overview' },
  serviceCalls: { uid: 'hartslag-service-calls', title: 'Hartslag · service calls' },
  tenantsVendors: { uid: 'hartslag-tenants-vendors', title: 'Hartslag · tenants and vendors' },
  dailyRhythm: { uid: 'hartslag-rhythm', title: 'Hartslag · daily rhythm' },
  loadTest: { uid: 'hartslag-load-test', title: 'Hartslag · load test' },
  pipelines: { uid: 'hartslag-pipelines', title: 'Hartslag · message pipelines' },
  logwatch: { uid: 'hartslag-logwatch', title: 'Hartslag · logwatch' },
} as const;

/** The tag every Hartslag dashboard carries; the dashboards' link menu lists them by it. */
export const TAG = 'hartslag';
