import { createCareMetrics } from '@hartslag/metrics';

const metrics = createCareMetrics({ service: 'messaging' });
// Once, at start-up: a name that is not an identifier or looks like patient data throws here.
const sendMessage = metrics.pipeline('send-message');
const encrypt = sendMessage.stage('encrypt');
const deliver = sendMessage.stage('deliver');

// A message sent 20 s ago, as its own timestamp says.
const message = { id: 'm-1', sentAt: Date.now() - 20_000 };
encrypt.record('success', 0.004, message.sentAt);
deliver.record('success', 0.12, message.sentAt); // end-to-end age: 20 s, at the last stage

// What waits for each stage, and since when: a stalled stage keeps ageing between reports.
deliver.queue(1_250, Date.now() - 95_000);

const text = (await metrics.registry?.metrics()) ?? '';
console.log(
  text
    .split('\n')
    .filter((l) => /^care_pipeline_(queue|oldest|message_age_seconds_count)/.test(l))
    .join('\n'),
);
