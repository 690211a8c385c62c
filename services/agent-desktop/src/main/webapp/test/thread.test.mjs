// How the inbox merges a reply's copies: the POST's PENDING echo and the channel's answer over the socket,
// in either order. `npm test` compiles src/thread.ts and runs this with node's own test runner.
import { test } from 'node:test';
import { deepStrictEqual } from 'node:assert';
import { upsertMessage } from '../.test-build/thread.js';

const at = '2026-12-06T12:00:00Z';
const pending = { messageId: 'm1', inbound: false, agentId: 'alice', text: 'Refunded', attachments: 0, at, status: 'PENDING',
  failure: null, delivery: null, deliveryReason: null };
const sent = { ...pending, status: 'SENT' };
const delivered = { ...pending, status: 'SENT', delivery: 'DELIVERED' };
const failed = { ...pending, status: 'FAILED', failure: 'the customer has left the chat' };

test('the channel answer after the POST marks the reply sent', () => {
  const thread = [];
  upsertMessage(thread, pending);
  upsertMessage(thread, sent);
  deepStrictEqual(thread, [sent]);
});

test('the POST echo after the channel answer leaves the reply sent', () => {
  const thread = [];
  upsertMessage(thread, sent);
  upsertMessage(thread, pending);
  deepStrictEqual(thread, [sent]);
});

test('the POST echo after a failure and after a delivery keeps them', () => {
  const failedThread = [failed];
  upsertMessage(failedThread, pending);
  deepStrictEqual(failedThread, [failed]);
  const deliveredThread = [delivered];
  upsertMessage(deliveredThread, pending);
  deepStrictEqual(deliveredThread, [delivered]);
});

test('messages are kept oldest first', () => {
  const thread = [];
  upsertMessage(thread, { ...pending, messageId: 'late', at: '2026-12-06T12:00:05Z' });
  upsertMessage(thread, { ...pending, messageId: 'early', at: '2026-12-06T11:59:00Z' });
  deepStrictEqual(thread.map((m) => m.messageId), ['early', 'late']);
});
