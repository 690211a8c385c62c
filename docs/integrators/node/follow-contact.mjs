// Prints one contact's events as they happen, a line each (type, then the event's data), until its
// contact.ended or the timeout.
//   node follow-contact.mjs CONTACT_ID [timeout-seconds]
// A consumer group of its own per run, from the beginning (a local platform); give yours a fixed groupId.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

const contactId = process.argv[2];
const timeoutMs = Number(process.argv[3] ?? 60) * 1000;

const kafka = new Kafka({
  clientId: 'acme-crm',
  brokers: [process.env.SWITCHBOARD_BOOTSTRAP ?? '127.0.0.1:9092'],
  logLevel: logLevel.WARN,
});
const consumer = kafka.consumer({ groupId: `integrator-follow-${randomUUID()}` });
await consumer.connect();
await consumer.subscribe({ topics: ['switchboard.routing.v1', 'switchboard.contacts.v1'], fromBeginning: true });

const ended = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no contact.ended for ${contactId} within the timeout`)), timeoutMs);
  consumer.run({
    eachMessage: async ({ message }) => {
      if (message.key?.toString() !== contactId) return;
      const event = JSON.parse(message.value.toString());
      console.log(`${event.type}\t${JSON.stringify(event.data)}`);
      if (event.type === 'io.switchboard.contact.ended.v1') {
        clearTimeout(timer);
        resolve();
      }
    },
  });
});
try {
  await ended;
} catch (error) {
  console.error(`follow-contact: ${error.message}`);
  process.exitCode = 1;
} finally {
  await consumer.disconnect();
}
