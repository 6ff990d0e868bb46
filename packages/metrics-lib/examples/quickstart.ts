import { careMetricsPlugin, createCareMetrics } from '@hartslag/metrics';
import Fastify from 'fastify';

const metrics = createCareMetrics({
  service: 'medication-history',
  tenants: { vendorOf: (pharmacy) => (pharmacy.startsWith('apotheek-') ? 'pharmasoft' : 'medisys') },
});

const app = Fastify();
await app.register(careMetricsPlugin, { metrics, tenant: 'x-pharmacy-id' });
app.get('/patients/:id/medication-history', { config: { operation: 'fetch-medication-history' } }, async () => ({
  medications: [],
}));

// Anything else you time yourself:
const timer = metrics.start('register-dispensation', 'apotheek-0042');
timer.end({ outcome: 'denied', code: 'no_contract' });

const url = await app.listen({ host: '127.0.0.1', port: 0 });
await fetch(`${url}/patients/p-17/medication-history`, {
  headers: { 'x-pharmacy-id': 'apotheek-0042' },
});
console.log(await metrics.registry?.metrics()); // also served at GET /metrics
await app.close();
