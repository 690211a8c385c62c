// Publishes a new contact to Switchboard with kafkajs, and prints its contact id.
//   node publish-contact.mjs [contact-id [event-id]]
// The event id is the idempotency key: publishing the same event id twice makes one contact.
import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';

const contactId = process.argv[2] ?? `crm-${randomUUID()}`;
const eventId = process.argv[3] ?? randomUUID();
const now = new Date().toISOString();

const event = {
  specversion: '1.0',
  id: eventId,
  source: '/integrations/acme-crm',
  type: 'io.switchboard.contact.created.v1',
  subject: contactId,
  time: now,
  datacontenttype: 'application/json',
  tenantid: 'acme-bank',
  data: {
    eventId,
    tenantId: 'acme-bank',
    occurredAt: now,
    contactId,
    channel: 'CHAT',
    direction: 'INBOUND',
    entryPoint: 'widget-acme',
    from: { kind: 'CHAT_VISITOR', value: 'crm-visitor-4711' },
    customerHints: { name: 'Jane Doe', email: 'jane.doe@example.com' },
    subject: 'Card payment refused',
    text: 'My card was refused at the till twice today.',
    language: 'en',
    priority: 0,
    metadata: { crmTicket: 'T-4711' },
  },
};

const kafka = new Kafka({
  clientId: 'acme-crm',
  brokers: [process.env.SWITCHBOARD_BOOTSTRAP ?? '127.0.0.1:9092'],
  logLevel: logLevel.WARN,
});
// Java's partitioner (kafkajs 2's default, named to say so), so a contact's events share a partition.
const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
await producer.connect();
try {
  await producer.send({
    topic: 'switchboard.contacts.v1',
    acks: -1,
    messages: [{ key: contactId, value: JSON.stringify(event), headers: { 'content-type': 'application/cloudevents+json' } }],
  });
} finally {
  await producer.disconnect();
}
console.log(contactId);
