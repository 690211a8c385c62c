// Prints one contact's events as they happen, a line each (type, then the event's data), until its
// contact.ended has come and nothing more arrives for two seconds, or the timeout. Kafka keeps a
// contact's events in order within a topic, not across the two: sort by the events' time where it matters.
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

let endedSeen = false;
let lastMessageAt = Date.now();
const ended = new Promise((resolve, reject) => {
  const timer = setTimeout(() => {
    clearInterval(quiet);
    reject(new Error(`no contact.ended for ${contactId} within the timeout`));
  }, timeoutMs);
  // After the end, wait until both topics have gone quiet: the other topic may still hold earlier events.
  const quiet = setInterval(() => {
    if (endedSeen && Date.now() - lastMessageAt > 2000) {
      clearTimeout(timer);
      clearInterval(quiet);
      resolve();
    }
  }, 250);
  consumer.run({
    eachMessage: async ({ message }) => {
      lastMessageAt = Date.now();
      if (message.key?.toString() !== contactId) return;
      const event = JSON.parse(message.value.toString());
      console.log(`${event.type}\t${JSON.stringify(event.data)}`);
      endedSeen ||= event.type === 'io.switchboard.contact.ended.v1';
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
