/**
 * Paths and ports as dashboards/compose.yaml mounts and publishes them. The generated files point
 * at these; a test checks compose.yaml against them.
 */
export const COMPOSE = {
  /** Where compose mounts dashboards/json in the Grafana container. */
  dashboardsPath: '/var/lib/grafana/dashboards/hartslag',
  /** Prometheus as Grafana reaches it on the compose network. */
  prometheusUrl: 'http://prometheus:9090',
  /** Where compose mounts dashboards/prometheus/rules.yaml in the Prometheus container. */
  rulesPath: '/etc/prometheus/hartslag/rules.yaml',
  /** The demo on the host, as containers reach it (extra_hosts: host-gateway). */
  platformTarget: 'host.docker.internal:9464',
  /** The one `service` label the reference platform puts on its series (its SERVICE). */
  platformService: 'reference-platform',
  pushgatewayTarget: 'pushgateway:9091',
} as const;

/**
 * Scrape and evaluation interval. The SLO rules' 1-minute windows (outage, page guard, silence)
 * need two samples a minute at least (packages/slo/README.md).
 */
export const SCRAPE_INTERVAL = '15s';
