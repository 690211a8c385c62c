import type { ThreadMessage } from './types';

/**
 * Puts a message into a thread, oldest first, merging it with the copy the thread already holds. The reply's own
 * POST answers PENDING, but the channel's answer (SENT or FAILED, and later the provider's delivery) comes over the
 * socket and can arrive first when the server is busy: a PENDING copy never takes back what the channel answered.
 */
export function upsertMessage(messages: ThreadMessage[], message: ThreadMessage): void {
  const index = messages.findIndex((m) => m.messageId === message.messageId);
  if (index < 0) {
    messages.push(message);
  } else {
    const held = messages[index];
    const answered = message.status === 'PENDING' && held.status !== 'PENDING'
      ? { status: held.status, failure: held.failure, delivery: held.delivery, deliveryReason: held.deliveryReason }
      : {};
    messages[index] = { ...held, ...message, ...answered, text: held.text ?? message.text };
  }
  messages.sort((a, b) => a.at.localeCompare(b.at));
}
