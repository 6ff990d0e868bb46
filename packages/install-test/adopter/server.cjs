// The same service written as CommonJS (require).
const { careMetricsPlugin, createCareMetrics } = require('@hartslag/metrics');
const Fastify = require('fastify');

async function main() {
  const metrics = createCareMetrics({ service: 'medication-history' });
  const app = Fastify();
  await app.register(careMetricsPlugin, { metrics, tenant: 'x-pharmacy-id' });
  app.get('/patients/:id/medication-history', { config: { operation: 'fetch-medication-history' } }, async () => ({
    medications: [],
  }));
  const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
  console.log(`listening ${url}`);
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
