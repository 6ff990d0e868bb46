// An existing fastify service (ESM) with Hartslag added: the plugin times every route that names
// its operation and serves GET /metrics.
import { careMetricsPlugin, createCareMetrics } from '@hartslag/metrics';
import Fastify from 'fastify';

const metrics = createCareMetrics({ service: 'medication-history' });
const app = Fastify();
await app.register(careMetricsPlugin, { metrics, tenant: 'x-pharmacy-id' });
app.get('/patients/:id/medication-history', { config: { operation: 'fetch-medication-history' } }, async () => ({
  medications: [],
}));
const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
console.log(`listening ${url}`);
