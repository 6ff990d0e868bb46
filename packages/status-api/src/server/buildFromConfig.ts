import { ConfigError } from '../config/ConfigError.js';
import type { StatusConfig } from '../config/StatusConfig.js';
import { PrometheusSource } from '../source/PrometheusSource.js';
import { ScrapeSource } from '../source/ScrapeSource.js';
import type { StatusSource } from '../state/State.js';
import { openStore } from '../store/openStore.js';
import { buildStatusApi, type StatusApi, type StatusApiOptions } from './buildStatusApi.js';

/**
 * The status service as a configuration file describes it: source, store, tokens, limits.
 * `embedded` sources exist only inside a program, which passes its own.
 */
export async function buildFromConfig(config: StatusConfig, embedded?: StatusSource): Promise<StatusApi> {
  const source = sourceOf(config, embedded);
  const store = await openStore(
    config.storage.kind === 'postgres' ? { databaseUrl: config.storage.url } : { sqlitePath: config.storage.path },
  );
  try {
    const api = await buildStatusApi({
      page: {
        name: config.page.name,
        ...(config.page.url ? { url: config.page.url } : {}),
        timeZone: config.page.timeZone,
      },
      components: config.components,
      providers: config.providers,
      source,
      store,
      tokens: config.tokens,
      ...partnersOf(config),
      ...reportsOf(config),
      rateLimit: config.rateLimit,
      ...(config.server.trustProxy === undefined ? {} : { trustProxy: config.server.trustProxy }),
      refreshMs: config.source.refreshMs,
      staleAfterMs: config.source.staleAfterMs,
      closeStore: true,
      ...(config.selfTest === undefined ? {} : { selfTest: config.selfTest }),
    });
    return api;
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** Partner views read the status source's Prometheus (parseConfig made sure it is one). */
function partnersOf(config: StatusConfig): Pick<StatusApiOptions, 'partners'> {
  if (config.partners === undefined || config.source.kind !== 'prometheus') return {};
  const { url, headers, timeoutMs } = config.source;
  return { partners: { ...config.partners, prometheus: { url, headers, timeoutMs } } };
}

/** The monthly report counts the raw counters of the status source's Prometheus, when it is one. */
function reportsOf(config: StatusConfig): Pick<StatusApiOptions, 'reports'> {
  if (config.source.kind !== 'prometheus') return {};
  const { url, headers, timeoutMs } = config.source;
  return { reports: { prometheus: { url, headers, timeoutMs } } };
}

function sourceOf(config: StatusConfig, embedded: StatusSource | undefined): StatusSource {
  const s = config.source;
  switch (s.kind) {
    case 'prometheus':
      return new PrometheusSource({ url: s.url, timeoutMs: s.timeoutMs, headers: s.headers });
    case 'scrape':
      return new ScrapeSource({
        url: s.url,
        timeoutMs: s.timeoutMs,
        headers: s.headers,
        namespace: s.namespace,
        ...(s.service === undefined ? {} : { service: s.service }),
        outageLimitSeconds: s.outageLimitSeconds,
      });
    case 'embedded':
      if (embedded === undefined) {
        throw new ConfigError(config.file, [
          {
            path: 'source.kind',
            line: 0,
            column: 0,
            message:
              '"embedded" needs the program that embeds the status API to pass its SLO evaluator; to run the ' +
              'service on its own, use "prometheus" or "scrape"',
          },
        ]);
      }
      return embedded;
  }
}
