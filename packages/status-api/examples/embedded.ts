import { createCareMetrics, createSloEvaluator } from '@hartslag/metrics';
import { buildStatusApi, EmbeddedSource } from '@hartslag/status-api';

// The service's own metrics and an SLO judged in-process: no Prometheus needed.
const metrics = createCareMetrics({ service: 'medication-history', registry: false });
const evaluator = createSloEvaluator(metrics, [
  { name: 'fetch-medication-history', operation: 'fetch-medication-history', objective: 0.999, window: 30 * 86_400 },
]);
// Three calls: fewer would be too few to judge, and the badge would say "unknown".
for (let i = 0; i < 3; i++)
  metrics.recordCall({ operation: 'fetch-medication-history', outcome: 'success', seconds: 0.04 });
evaluator.tick();

const { app } = await buildStatusApi({
  page: { name: 'Apotheek Datahub' },
  components: [{ id: 'medication-history', name: 'Medicatiehistorie', slos: ['fetch-medication-history'] }],
  source: new EmbeddedSource(evaluator),
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(await (await fetch(`${url}/v1/shields/medication-history.json?lang=en`)).json());
console.log(`badge: ${url}/badge/medication-history.svg`);
await app.close();
evaluator.close();
