/** Small display helpers. */
import type { ContactSummary } from './types';

// Short labels in coloured badges rather than emoji: they render the same on every machine and font.
const CHANNEL_LABELS: Record<string, string> = {
  CHAT: 'Chat',
  EMAIL: 'Mail',
  VOICE: 'Call',
  SMS: 'SMS',
  SOCIAL: 'Social',
};

export function channelIcon(channel: string | null): HTMLElement {
  const badge = document.createElement('span');
  badge.className = `channel ${(channel ?? 'unknown').toLowerCase()}`;
  badge.title = channelName(channel);
  badge.textContent = CHANNEL_LABELS[channel ?? ''] ?? '?';
  return badge;
}

export function channelName(channel: string | null): string {
  return channel ? channel.charAt(0) + channel.slice(1).toLowerCase() : 'Unknown channel';
}

/** What to tell the agent when a contact they had ends. */
export function endedNote(contact: ContactSummary): string {
  const who = contact.customer ?? 'The customer';
  switch (contact.endReason) {
    case 'NO_ANSWER':
      return `${who} did not answer`;
    case 'BUSY':
      return `${who} is busy`;
    case 'ERROR':
      return contact.direction === 'OUTBOUND' ? `The call to ${who} could not be placed` : 'Conversation ended';
    default:
      return 'Conversation wrapped up';
  }
}

export function time(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const today = new Date();
  return date.toDateString() === today.toDateString()
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString([], { day: 'numeric', month: 'short' });
}

export function secondsLeft(iso: string | null): number {
  return iso ? Math.max(0, Math.round((new Date(iso).getTime() - Date.now()) / 1000)) : 0;
}

export function duration(seconds: number | null): string {
  if (seconds == null) return '–';
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m}m ${seconds % 60}s` : `${seconds}s`;
}

/** Builds an element; children that are strings become text, never HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | boolean | ((event: Event) => void) | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(key, '');
    } else {
      element.setAttribute(key, value);
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}
