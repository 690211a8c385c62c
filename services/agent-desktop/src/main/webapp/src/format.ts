/** Small display helpers. */
import type { ContactSummary } from './types';

// Short labels in coloured badges rather than emoji: they render the same on every machine and font.
const CHANNEL_LABELS: Record<string, string> = {
  CHAT: 'Chat',
  EMAIL: 'Mail',
  VOICE: 'Call',
  SMS: 'SMS',
  SOCIAL: 'Social',
  FAX: 'Fax',
};

const PLATFORM_LABELS: Record<string, [string, string]> = {
  WHATSAPP: ['WA', 'WhatsApp'],
  MESSENGER: ['FB', 'Messenger'],
  INSTAGRAM: ['IG', 'Instagram'],
  TELEGRAM: ['TG', 'Telegram'],
};

/** The channel's badge; a social contact shows its platform's. */
export function channelIcon(channel: string | null, platform: string | null = null): HTMLElement {
  const badge = document.createElement('span');
  const social = channel === 'SOCIAL' && platform ? PLATFORM_LABELS[platform] : undefined;
  badge.className = `channel ${(channel ?? 'unknown').toLowerCase()}${social ? ` ${platform!.toLowerCase()}` : ''}`;
  badge.title = channelName(channel, platform);
  badge.textContent = social ? social[0] : CHANNEL_LABELS[channel ?? ''] ?? '?';
  return badge;
}

export function channelName(channel: string | null, platform: string | null = null): string {
  if (channel === 'SOCIAL' && platform && PLATFORM_LABELS[platform]) return PLATFORM_LABELS[platform][1];
  if (channel === 'SMS') return 'SMS';
  return channel ? channel.charAt(0) + channel.slice(1).toLowerCase() : 'Unknown channel';
}

/** How long until a messaging window closes: "5h 12m left", "3m left", or "closed". */
export function windowLeft(closesAt: string, now = Date.now()): string {
  const minutes = Math.floor((new Date(closesAt).getTime() - now) / 60_000);
  if (minutes < 0) return 'closed';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours}h ${minutes % 60}m left` : `${minutes}m left`;
}

/** Fills a template's {{1}}, {{2}}… with the parameters given so far. */
export function renderTemplate(text: string, parameters: string[]): string {
  return text.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => parameters[Number(n) - 1] || whole);
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
    case 'CUSTOMER_LEFT':
      return `${who} left: wrap the conversation up`;
    default:
      return 'Conversation ended: wrap it up';
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
