import Keycloak from 'keycloak-js';
import './styles.css';
import { Api, ApiError, LiveSocket } from './api';
import { channelIcon, channelName, duration, endedNote, h, renderTemplate, secondsLeft, time, windowLeft } from './format';
import { CampaignsPage } from './campaigns';
import { detailsCard } from './details';
import { QualityPage } from './quality';
import { ReportsPage } from './reports';
import { countSegments } from './segments';
import { upsertMessage } from './thread';
import { awaitSignInService } from './signin';
import type {
  AgentView, CallerId, CannedResponse, ContactSummary, Conversation, Directory, Frame, Me, Panel, PendingWrapUp, PlacedCall, Presence,
  QueueView, ReplyPolicy, ReplyTemplate, SupervisorNote, ThreadMessage,
} from './types';

type View = 'inbox' | 'supervisor' | 'quality' | 'reports' | 'campaigns';

interface State {
  me: Me;
  contacts: Map<string, ContactSummary>;
  selected: string | null;
  conversation: Conversation | null;
  panel: Panel | null;
  directory: Directory;
  view: View;
  connected: boolean;
  queues: QueueView[];
  agents: Map<string, AgentView>;
  watched: Map<string, ContactSummary>;
  /** The call the agent just placed: opened as soon as routing hands it to them. */
  placedCall: string | null;
  /** Whether the open conversation may be answered now (SMS opt-outs, the platforms' windows). */
  policy: ReplyPolicy | null;
  /** Contacts that ended while the agent held them and await their wrap-up, by contact id. */
  wrapUps: Map<string, PendingWrapUp>;
  /** The open conversation's queue's canned responses. */
  canned: { contactId: string; responses: CannedResponse[] } | null;
}

const config = await (await fetch('/api/config')).json();
await awaitSignInService(document.getElementById('app')!, config.keycloakUrl, config.realm);
const keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false });
const api = new Api(keycloak);

const state: State = {
  me: await api.get<Me>('/me'),
  contacts: new Map(),
  selected: null,
  conversation: null,
  panel: null,
  directory: await api.get<Directory>('/directory'),
  view: 'inbox',
  connected: false,
  queues: [],
  agents: new Map(),
  watched: new Map(),
  placedCall: null,
  policy: null,
  wrapUps: new Map(),
  canned: null,
};

// ------------------------------------------------------------------ layout

const root = document.getElementById('app')!;
const listRegion = h('div', { class: 'list-body' });
const wrapUpRegion = h('section', { class: 'wrapups', id: 'wrapups', 'aria-label': 'Wrap-up', hidden: true });
const threadRegion = h('section', { class: 'thread', 'aria-label': 'Conversation' });
const panelRegion = h('aside', { class: 'customer', 'aria-label': 'Customer' });
const wallboard = h('main', { class: 'wallboard', hidden: true });
const toastRegion = h('div', { class: 'toast', role: 'status' });
const presenceSelect = h('select', { id: 'presence', 'aria-label': 'Presence', onchange: () => setPresence(presenceSelect.value as Presence) },
  ...(['AVAILABLE', 'AWAY', 'OFFLINE'] as Presence[]).map((p) => h('option', { value: p }, p.charAt(0) + p.slice(1).toLowerCase())));
const connection = h('span', { class: 'connection', title: 'Live updates' });
const inboxTab = h('button', { class: 'tab active', onclick: () => show('inbox') }, 'Inbox');
const supervisorTab = h('button', { class: 'tab', onclick: () => show('supervisor') }, 'Supervisor');
const qualityTab = h('button', { class: 'tab', onclick: () => show('quality') }, 'Quality');
const quality = new QualityPage(api, state.me, state.directory, toast);
const reportsTab = h('button', { class: 'tab', onclick: () => show('reports') }, 'Reports');
const reports = new ReportsPage(api, state.me, toast);
const campaignsTab = h('button', { class: 'tab', onclick: () => show('campaigns') }, 'Campaigns');
const campaigns = new CampaignsPage(api, state.me, toast);

root.replaceChildren(
  h('header', { class: 'topbar' },
    h('span', { class: 'brand' }, 'Switchboard'),
    h('nav', { class: 'tabs' }, inboxTab, state.me.supervisor ? supervisorTab : null, qualityTab, state.me.supervisor ? reportsTab : null, campaignsTab),
    h('span', { class: 'spacer' }),
    connection,
    h('label', { class: 'presence' }, h('span', { class: `dot ${state.me.presence.toLowerCase()}`, id: 'presence-dot' }), presenceSelect),
    h('span', { class: 'user', title: state.me.tenants.join(', ') }, state.me.name ?? state.me.agentId),
    h('button', { class: 'link', onclick: () => keycloak.logout({ redirectUri: location.origin + '/' }) }, 'Sign out'),
  ),
  h('main', { class: 'inbox' },
    h('aside', { class: 'list', 'aria-label': 'Conversations' },
      h('div', { class: 'list-head' }, h('h2', {}, 'Conversations'), h('span', { class: 'hint' }, 'a accept · n next · / reply · ? help')),
      callForm(),
      wrapUpRegion,
      listRegion),
    threadRegion,
    panelRegion),
  wallboard,
  quality.element,
  reports.element,
  campaigns.element,
  toastRegion,
);
presenceSelect.value = state.me.presence === 'WRAP_UP' ? 'AVAILABLE' : state.me.presence;

// ------------------------------------------------------------------ data

async function loadInbox(): Promise<void> {
  const contacts = await api.get<ContactSummary[]>('/contacts');
  state.contacts = new Map(contacts.map((c) => [c.contactId, c]));
  renderList();
  await loadWrapUps();
  if (state.selected && (state.contacts.has(state.selected) || state.wrapUps.has(state.selected))) await open(state.selected);
  if (state.me.supervisor) await loadWallboard();
}

/** The contacts the agent still owes a wrap-up (after one they held ended). */
async function loadWrapUps(): Promise<void> {
  const due = await api.get<PendingWrapUp[]>('/wrapups').catch(() => null);
  if (!due) return;
  state.wrapUps = new Map(due.map((w) => [w.contact.contactId, w]));
  renderWrapUps();
  if (state.selected && state.wrapUps.has(state.selected) && state.conversation?.contact.contactId === state.selected) renderComposer();
}

async function loadWallboard(): Promise<void> {
  const [queues, agents, contacts] = await Promise.all([
    api.get<QueueView[]>('/supervisor/queues'),
    api.get<AgentView[]>('/supervisor/agents'),
    api.get<ContactSummary[]>('/supervisor/contacts'),
  ]);
  state.queues = queues;
  state.agents = new Map(agents.map((a) => [a.agentId, a]));
  state.watched = new Map(contacts.map((c) => [c.contactId, c]));
  renderWallboard();
}

function mine(contact: ContactSummary): boolean {
  return (contact.status === 'ASSIGNED' && contact.agentId === state.me.agentId)
    || (contact.status === 'OFFERED' && contact.offeredTo === state.me.agentId && secondsLeft(contact.offerExpiresAt) > 0);
}

function onFrame(frame: Frame): void {
  switch (frame.type) {
    case 'ready':
      void loadInbox();
      break;
    case 'offer':
    case 'contact': {
      const contact = frame.contact;
      const known = state.contacts.get(contact.contactId);
      if (mine(contact)) {
        state.contacts.set(contact.contactId, { ...contact, unread: known?.unread ?? contact.unread });
        if (frame.type === 'offer') toast(`New ${channelName(contact.channel, contact.platform)} offer from ${contact.customer ?? 'a customer'}`);
        if (contact.contactId === state.placedCall && contact.status === 'ASSIGNED') {
          state.placedCall = null;
          void open(contact.contactId);
        }
      } else if (contact.status === 'ENDED' && contact.agentId === state.me.agentId && known) {
        // It ended while the agent held it: it leaves the list and waits for its wrap-up, still open if it was.
        state.contacts.delete(contact.contactId);
        toast(endedNote(contact));
        void loadWrapUps();
      } else {
        state.contacts.delete(contact.contactId);
        const leftSelected = state.selected === contact.contactId && contact.status !== 'ASSIGNED';
        // How an agent's own call ended (no answer, busy) is worth saying even when it is not the open conversation.
        if (contact.status === 'ENDED' && (leftSelected || (known && contact.direction === 'OUTBOUND'))) toast(endedNote(contact));
        else if (leftSelected && known?.status === 'ASSIGNED') toast('Conversation transferred');
        if (leftSelected) {
          state.selected = null;
          state.conversation = null;
          renderThread();
          renderPanel();
        }
      }
      if (state.me.supervisor) {
        if (contact.status === 'ENDED') state.watched.delete(contact.contactId);
        else state.watched.set(contact.contactId, contact);
        renderWallboard();
      }
      renderList();
      if (state.selected === contact.contactId && state.conversation) {
        state.conversation.contact = contact;
        renderThreadHeader();
        renderComposer();
      }
      break;
    }
    case 'message': {
      const contact = state.contacts.get(frame.contactId);
      if (state.selected === frame.contactId && state.conversation) {
        upsertMessage(state.conversation.messages, frame.message);
        renderMessages();
        if (frame.message.inbound) void api.send('POST', `/contacts/${frame.contactId}/read`);
      } else if (contact && frame.message.inbound) {
        contact.unread += 1;
      }
      if (contact) {
        contact.lastMessage = frame.message.text;
        contact.lastMessageAt = frame.message.at;
        renderList();
      }
      break;
    }
    case 'note':
      if (state.selected === frame.contactId && state.conversation) {
        const notes = state.conversation.notes ?? (state.conversation.notes = []);
        if (!notes.some((n) => n.noteId === frame.note.noteId)) notes.push(frame.note);
        renderMessages();
      }
      if (frame.note.toAgentId === state.me.agentId) {
        toast(`Note from ${frame.note.authorName ?? frame.note.authorId}: ${frame.note.text}`);
      }
      break;
    case 'evaluation':
      quality.evaluated(frame.evaluation);
      break;
    case 'typing':
      if (state.selected === frame.contactId) {
        typingNote.textContent = `${state.conversation?.contact.customer ?? 'The customer'} is typing…`;
        window.clearTimeout(typingTimer);
        typingTimer = window.setTimeout(() => (typingNote.textContent = ''), 4000);
      }
      break;
    case 'presence':
      if (frame.agent.agentId === state.me.agentId) {
        state.me.presence = frame.agent.state;
        state.me.wrapUpEndsAt = frame.agent.state === 'WRAP_UP' ? frame.agent.wrapUpEndsAt : null;
        renderPresence();
        renderWrapUps();
        if (state.selected && state.wrapUps.has(state.selected)) renderComposer();
      }
      state.agents.set(frame.agent.agentId, frame.agent);
      renderWallboard();
      break;
    case 'queue':
      state.queues = [...state.queues.filter((q) => !(q.tenantId === frame.queue.tenantId && q.queueId === frame.queue.queueId)), frame.queue]
        .sort((a, b) => (a.tenantId + a.queueId).localeCompare(b.tenantId + b.queueId));
      renderWallboard();
      break;
    case 'error':
      toast(frame.reason, true);
      break;
  }
}

// ------------------------------------------------------------------ actions

async function attempt(action: () => Promise<unknown>, done?: string): Promise<boolean> {
  try {
    await action();
    if (done) toast(done);
    return true;
  } catch (error) {
    toast(error instanceof ApiError ? error.message : String(error), true);
    return false;
  }
}

async function setPresence(presence: Presence): Promise<void> {
  await attempt(() => api.send('PUT', '/me/presence', { state: presence }));
}

async function answer(contact: ContactSummary, accept: boolean): Promise<void> {
  const ok = await attempt(() => api.send('POST', `/contacts/${contact.contactId}/${accept ? 'accept' : 'decline'}`, { offerId: contact.offerId }));
  if (ok && accept) {
    state.selected = contact.contactId;
    renderList();
  } else if (ok) {
    state.contacts.delete(contact.contactId);
    renderList();
  }
}

async function placeCall(to: string, callerId: CallerId | undefined): Promise<boolean> {
  if (!to) {
    toast('Enter the number to call', true);
    return false;
  }
  return attempt(async () => {
    const placed = await api.send<PlacedCall>('POST', '/calls', { to, tenantId: callerId?.tenantId, from: callerId?.number });
    state.placedCall = placed?.contactId ?? null;
  }, `Calling ${to}…`);
}

async function open(contactId: string): Promise<void> {
  state.selected = contactId;
  renderList();
  try {
    state.conversation = await api.get<Conversation>(`/contacts/${contactId}`);
  } catch (error) {
    toast(error instanceof ApiError ? error.message : String(error), true);
    return;
  }
  state.policy = null;
  renderThread();
  void loadPolicy(contactId);
  void loadCanned(contactId);
  const contact = state.contacts.get(contactId);
  if (contact?.status === 'ASSIGNED') {
    contact.unread = 0;
    renderList();
    void api.send('POST', `/contacts/${contactId}/read`);
  }
  state.panel = null;
  renderPanel();
  state.panel = await api.get<Panel>(`/contacts/${contactId}/customer`).catch(() => null);
  renderPanel();
}

/** The canned responses of the contact's queue, for the reply box's picker. */
async function loadCanned(contactId: string): Promise<void> {
  const responses = await api.get<CannedResponse[]>(`/contacts/${contactId}/canned-responses`).catch(() => []);
  if (state.conversation?.contact.contactId !== contactId) return;
  state.canned = { contactId, responses };
  if (responses.length) renderComposer();
}

/** Completes the wrap-up of a contact the agent held: the queue's outcome (where it has codes) and notes. */
async function completeWrapUp(pending: PendingWrapUp, dispositionCode: string, notes: string): Promise<void> {
  if (pending.dispositionRequired && !dispositionCode) {
    toast('Choose an outcome to finish the wrap-up', true);
    return;
  }
  const contactId = pending.contact.contactId;
  const ok = await attempt(() => api.send('POST', `/contacts/${contactId}/wrapup`, { dispositionCode: dispositionCode || null, notes }),
    'Wrapped up');
  if (!ok) return;
  state.wrapUps.delete(contactId);
  renderWrapUps();
  if (state.selected === contactId) {
    state.selected = null;
    state.conversation = null;
    renderThread();
    renderPanel();
  }
}

/** Asks the contact's channel whether a reply is allowed now, then redraws the composer. */
async function loadPolicy(contactId: string): Promise<void> {
  const channel = state.conversation?.contact.channel;
  if (channel !== 'SMS' && channel !== 'SOCIAL') return;
  const policy = await api.get<ReplyPolicy>(`/contacts/${contactId}/reply-policy`).catch(() => null);
  if (state.conversation?.contact.contactId !== contactId) return;
  state.policy = policy;
  renderComposer();
}

/**
 * The id of a reply being sent, kept until it is answered: sending the same text again after a lost answer (the
 * desktop restarted, the network dropped) names the same reply, which the server and the channel take once.
 */
const replyIds = new Map<string, string>();

function replyId(contactId: string, text: string): string {
  const key = `${contactId}\n${text}`;
  let id = replyIds.get(key);
  if (!id) {
    id = crypto.randomUUID();
    replyIds.set(key, id);
  }
  return id;
}

function replied(contactId: string, text: string): void {
  replyIds.delete(`${contactId}\n${text}`);
}

async function sendTemplate(contactId: string, template: ReplyTemplate, parameters: string[]): Promise<void> {
  if (parameters.some((p) => !p.trim())) {
    toast(`Fill in all ${template.parameters} parameters of ${template.name}`, true);
    return;
  }
  const text = renderTemplate(template.text, parameters);
  const ok = await attempt(async () => {
    const pending = await api.send<ThreadMessage>('POST', `/contacts/${contactId}/replies`,
      { text, template: { name: template.name, language: template.language, parameters }, messageId: replyId(contactId, text) });
    replied(contactId, text);
    if (pending && state.conversation?.contact.contactId === contactId) {
      upsertMessage(state.conversation.messages, pending);
      renderMessages();
    }
  }, `Template ${template.name} sent`);
  if (ok) renderComposer();
}

async function reply(contactId: string, composer: HTMLTextAreaElement): Promise<void> {
  const text = composer.value.trim();
  if (!text) return;
  if (state.policy && !state.policy.canReply) {
    toast(state.policy.reason ?? 'A reply is not allowed now', true);
    return;
  }
  composer.disabled = true;
  try {
    const pending = await api.send<ThreadMessage>('POST', `/contacts/${contactId}/replies`,
      { text, messageId: replyId(contactId, text) });
    replied(contactId, text);
    composer.value = '';
    if (pending && state.conversation?.contact.contactId === contactId) {
      upsertMessage(state.conversation.messages, pending);
      renderMessages();
    }
  } catch (error) {
    toast(error instanceof ApiError ? error.message : String(error), true);
  } finally {
    composer.disabled = false;
    composer.focus();
  }
}

/** Opens a conversation of the supervisor's tenants read-only in the inbox: nobody is told. */
async function watch(contactId: string): Promise<void> {
  show('inbox');
  await open(contactId);
}

function show(view: View): void {
  state.view = view;
  inboxTab.classList.toggle('active', view === 'inbox');
  supervisorTab.classList.toggle('active', view === 'supervisor');
  qualityTab.classList.toggle('active', view === 'quality');
  reportsTab.classList.toggle('active', view === 'reports');
  campaignsTab.classList.toggle('active', view === 'campaigns');
  (document.querySelector('main.inbox') as HTMLElement).hidden = view !== 'inbox';
  wallboard.hidden = view !== 'supervisor';
  quality.element.hidden = view !== 'quality';
  reports.element.hidden = view !== 'reports';
  campaigns.element.hidden = view !== 'campaigns';
  if (view === 'supervisor') void loadWallboard();
  if (view === 'quality') void quality.show();
  if (view === 'reports') void reports.show();
  if (view === 'campaigns') void campaigns.show();
}

// ------------------------------------------------------------------ rendering

function sortedContacts(): ContactSummary[] {
  return [...state.contacts.values()].sort((a, b) => {
    if ((a.status === 'OFFERED') !== (b.status === 'OFFERED')) return a.status === 'OFFERED' ? -1 : 1;
    return (b.lastMessageAt ?? b.updatedAt).localeCompare(a.lastMessageAt ?? a.updatedAt);
  });
}

function renderList(): void {
  const contacts = sortedContacts();
  if (contacts.length === 0) {
    listRegion.replaceChildren(h('p', { class: 'empty' },
      state.me.presence === 'AVAILABLE' ? 'Waiting for the next contact…' : 'Go available to receive contacts.'));
    return;
  }
  listRegion.replaceChildren(...contacts.map((c) => c.status === 'OFFERED' ? offerCard(c) : conversationItem(c)));
}

/** The contacts awaiting the agent's wrap-up, above the conversations, with the wrap-up time left. */
function renderWrapUps(): void {
  const due = [...state.wrapUps.values()];
  wrapUpRegion.hidden = due.length === 0;
  if (due.length === 0) {
    wrapUpRegion.replaceChildren();
    return;
  }
  wrapUpRegion.replaceChildren(
    h('h3', {}, 'Wrap-up', wrapUpCountdown(state.me.wrapUpEndsAt)),
    ...due.map((w) => h('button', {
      class: `wrapup-item${state.selected === w.contact.contactId ? ' selected' : ''}`,
      'data-contact': w.contact.contactId,
      onclick: () => open(w.contact.contactId),
    },
    channelIcon(w.contact.channel, w.contact.platform),
    h('span', { class: 'who' },
      h('strong', {}, w.contact.customer ?? 'Customer'),
      h('span', { class: 'preview' }, [w.queueName, w.dispositionRequired ? 'outcome needed' : null].filter(Boolean).join(' · '))))));
}

/** "1:23 left" of the agent's wrap-up time, ticking (see the timer below); nothing outside wrap-up. */
function wrapUpCountdown(endsAt: string | null): HTMLElement | null {
  if (!endsAt) return null;
  return h('span', { class: 'wrapup-countdown', 'data-ends': endsAt }, wrapUpLeft(endsAt));
}

function wrapUpLeft(endsAt: string): string {
  const left = secondsLeft(endsAt);
  return left > 0 ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left` : 'time is up';
}

/** The wrap-up form of an ended contact: its queue's outcomes (required when there are any), notes and Done. */
function wrapUpForm(pending: PendingWrapUp): HTMLElement {
  const choice = pending.dispositions.length ? h('select', { id: 'wrapup-disposition', 'aria-label': 'Outcome', required: true },
    h('option', { value: '' }, 'Outcome…'),
    ...pending.dispositions.map((d) => h('option', { value: d.code }, d.label))) as HTMLSelectElement : null;
  const notes = h('textarea', { id: 'wrapup-notes', rows: '3', placeholder: 'Notes (optional)', 'aria-label': 'Wrap-up notes' }) as HTMLTextAreaElement;
  const done = h('button', {
    id: 'wrapup-done',
    class: 'primary',
    onclick: async () => {
      done.disabled = true;
      await completeWrapUp(pending, choice?.value ?? '', notes.value.trim());
      done.disabled = false;
    },
  }, 'Done');
  const time = state.me.wrapUpEndsAt ?? pending.wrapUpEndsAt;
  return h('section', { class: 'wrapup', id: 'wrapup', 'aria-label': 'Wrap-up' },
    h('p', { class: 'wrapup-head' }, h('strong', {}, 'Wrap-up'),
      time ? wrapUpCountdown(time) : h('span', { class: 'hint' }, pending.wrapUpSeconds ? '' : 'no wrap-up time in this queue')),
    h('div', { class: 'wrapup-fields' }, choice, notes, done));
}

/** The number field, the caller id (the voice numbers of the agent's tenants) and Call; none without a voice number. */
function callForm(): HTMLElement | null {
  const callerIds = state.directory.callerIds;
  if (callerIds.length === 0) return null;
  const severalTenants = new Set(callerIds.map((c) => c.tenantId)).size > 1;
  const number = h('input', {
    id: 'call-number', type: 'tel', placeholder: 'Number to call', 'aria-label': 'Number to call', autocomplete: 'off',
  }) as HTMLInputElement;
  const from = h('select', { id: 'caller-id', 'aria-label': 'Call from', title: 'The number the customer sees' },
    ...callerIds.map((c, index) => h('option', { value: String(index) }, severalTenants ? `${c.number} · ${c.tenantId}` : c.number)));
  const call = h('button', { id: 'call', class: 'primary', type: 'submit' }, 'Call');
  return h('form', {
    class: 'call',
    'aria-label': 'Place a call',
    onsubmit: async (event: Event) => {
      event.preventDefault();
      call.disabled = true;
      if (await placeCall(number.value.trim(), callerIds[Number(from.value)])) number.value = '';
      call.disabled = false;
    },
  }, number, from, call);
}

function offerCard(contact: ContactSummary): HTMLElement {
  return h('article', { class: 'offer', 'data-contact': contact.contactId },
    h('div', { class: 'offer-head' },
      channelIcon(contact.channel, contact.platform),
      h('strong', {}, contact.customer ?? 'Customer'),
      h('span', { class: 'countdown', 'data-expires': contact.offerExpiresAt ?? '' }, `${secondsLeft(contact.offerExpiresAt)}s`)),
    h('p', { class: 'preview' }, contact.lastMessage ?? contact.subject ?? `New ${channelName(contact.channel, contact.platform)} contact`),
    h('p', { class: 'meta' }, `${contact.queueId ?? ''} · ${contact.tenantId}`),
    h('div', { class: 'offer-actions' },
      h('button', { class: 'accept primary', onclick: () => answer(contact, true), title: 'Accept (a)' }, 'Accept'),
      h('button', { class: 'decline', onclick: () => answer(contact, false), title: 'Decline (d)' }, 'Decline')));
}

function conversationItem(contact: ContactSummary): HTMLElement {
  return h('button', {
    class: `conversation${state.selected === contact.contactId ? ' selected' : ''}`,
    'data-contact': contact.contactId,
    onclick: () => open(contact.contactId),
  },
  channelIcon(contact.channel, contact.platform),
  h('span', { class: 'who' },
    h('strong', {}, contact.customer ?? 'Customer'),
    h('span', { class: 'preview' }, contact.lastMessage ?? contact.subject ?? (contact.direction === 'OUTBOUND' ? 'Outgoing call' : ''))),
  h('span', { class: 'side' },
    h('span', { class: 'time' }, time(contact.lastMessageAt ?? contact.updatedAt)),
    contact.unread > 0 ? h('span', { class: 'badge', 'aria-label': `${contact.unread} unread` }, String(contact.unread)) : null));
}

const messagesRegion = h('ol', { class: 'messages' });
const typingNote = h('p', { class: 'typing', 'aria-live': 'polite' });
let typingTimer = 0;
let typingSentAt = 0;
const threadHeader = h('header', { class: 'thread-head' });
const composerRegion = h('div', { class: 'composer-region' });
let windowTimer = 0;

function renderThread(): void {
  const conversation = state.conversation;
  if (!conversation || !state.selected) {
    threadRegion.replaceChildren(h('div', { class: 'placeholder' }, h('p', {}, 'Select a conversation, or accept an offer.')));
    return;
  }
  typingNote.textContent = '';
  // Re-attaching the regions takes a focused reply box out of the page for a moment, which drops its focus: the
  // agent's next keys would reach the inbox's shortcuts ('n' opens the next conversation) instead of their reply. A
  // redraw of the same conversation (the inbox reloading after its socket reconnects) keeps where they were typing.
  const active = document.activeElement;
  const typingIn = active instanceof HTMLTextAreaElement && active.id && threadRegion.contains(active)
    && composerRegion.dataset.contact === conversation.contact.contactId
    ? { id: active.id, start: active.selectionStart, end: active.selectionEnd, direction: active.selectionDirection } : null;
  threadRegion.replaceChildren(threadHeader, messagesRegion, typingNote, composerRegion);
  renderThreadHeader();
  renderMessages();
  renderComposer();
  const again = typingIn ? document.getElementById(typingIn.id) : null;
  if (typingIn && again instanceof HTMLTextAreaElement) {
    again.focus();
    again.setSelectionRange(typingIn.start, typingIn.end, typingIn.direction);
  }
}

/**
 * The reply box, as the channel allows it now: free text (with the SMS segment count, or the
 * platform's window and its time left), the tenant's templates once a WhatsApp window closed, or the
 * reason no reply may be sent (an SMS number that opted out).
 */
function renderComposer(): void {
  window.clearInterval(windowTimer);
  const conversation = state.conversation;
  if (!conversation) return;
  const contact = conversation.contact;
  const contactId = contact.contactId;
  // Redrawn when the channel's answer arrives or the contact changes: the agent's draft and focus stay.
  const previous = document.getElementById('composer') as HTMLTextAreaElement | null;
  const draft = previous && composerRegion.dataset.contact === contactId ? previous.value : '';
  const focused = previous !== null && document.activeElement === previous;
  // The selection too: a redraw between the agent's select-all and their typing must not turn the
  // replacement into an append.
  const selection = previous && draft ? { start: previous.selectionStart, end: previous.selectionEnd, direction: previous.selectionDirection } : null;
  composerRegion.dataset.contact = contactId;
  const held = contact.status === 'ASSIGNED' && contact.agentId === state.me.agentId;
  const pending = state.wrapUps.get(contactId);
  if (!held && pending && contact.status === 'ENDED') {
    // Keep what the agent already typed or chose when the form is redrawn (a presence change, a late frame).
    const notes = (document.getElementById('wrapup-notes') as HTMLTextAreaElement | null)?.value ?? '';
    const code = (document.getElementById('wrapup-disposition') as HTMLSelectElement | null)?.value ?? '';
    composerRegion.replaceChildren(wrapUpForm(pending));
    (document.getElementById('wrapup-notes') as HTMLTextAreaElement).value = notes;
    const select = document.getElementById('wrapup-disposition') as HTMLSelectElement | null;
    if (select) select.value = code;
    return;
  }
  if (!held && state.me.supervisor && contact.status !== 'ENDED' && contact.agentId !== state.me.agentId) {
    composerRegion.replaceChildren(noteForm(contact));
    return;
  }
  if (!held) {
    const record = conversation.wrapUp;
    composerRegion.replaceChildren(record
      ? h('footer', { class: 'composer readonly', id: 'wrapup-record' },
        `Wrapped up by ${record.agentId}${record.dispositionCode ? `: ${record.dispositionLabel ?? record.dispositionCode}` : ''}`
        + (record.notes ? ` · ${record.notes}` : ''))
      : h('footer', { class: 'composer readonly' }, contact.disposition ? `Disposition: ${contact.disposition}` : 'Read only'));
    return;
  }
  const policy = state.policy?.contactId === contactId ? state.policy : null;
  if (policy && !policy.canReply) {
    composerRegion.replaceChildren(
      h('p', { class: 'policy refused', id: 'reply-policy', role: 'alert' }, policy.reason ?? 'A reply is not allowed now'),
      policy.templates.length ? templateForm(contactId, policy.templates) : h('footer', { class: 'composer readonly' }, 'No reply possible'));
    return;
  }
  const composer = h('textarea', {
    id: 'composer', rows: '3', placeholder: 'Write a reply… (Enter sends, Shift+Enter for a new line)', 'aria-label': 'Reply',
  }) as HTMLTextAreaElement;
  composer.value = draft;
  const notes: HTMLElement[] = [];
  if (contact.channel === 'SMS') {
    const counter = h('p', { class: 'policy segments', id: 'segments', 'aria-live': 'polite' }, '');
    const count = () => {
      const c = countSegments(composer.value);
      counter.textContent = c.units === 0 ? 'SMS · 160 characters per segment'
        : `${c.segments} segment${c.segments === 1 ? '' : 's'} · ${c.encoding} · ${c.remaining} left in this segment`;
    };
    composer.addEventListener('input', count);
    count();
    notes.push(counter);
  }
  if (policy?.windowClosesAt) {
    const closesAt = policy.windowClosesAt;
    const timer = h('p', { class: 'policy window', id: 'window' }, '');
    const tick = () => {
      const left = windowLeft(closesAt);
      timer.textContent = `${channelName(contact.channel, contact.platform)} reply window: ${left}`;
      if (left === 'closed') void loadPolicy(contactId);
    };
    tick();
    windowTimer = window.setInterval(tick, 30_000);
    notes.push(timer);
  }
  if (policy?.status === 'unavailable' && policy.reason) notes.push(h('p', { class: 'policy note' }, policy.reason));
  composer.addEventListener('input', () => {
    // The customer sees "typing…"; at most one signal every 3 s.
    if (Date.now() - typingSentAt > 3000) {
      typingSentAt = Date.now();
      void api.send('POST', `/contacts/${contactId}/typing`).catch(() => undefined);
    }
  });
  composer.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void reply(contactId, composer);
    }
  });
  const send = h('button', { id: 'send', class: 'primary', onclick: () => reply(contactId, composer) }, 'Send');
  const canned = state.canned?.contactId === contactId ? state.canned.responses : [];
  const picker = canned.length ? h('select', {
    id: 'canned', 'aria-label': 'Canned response', title: 'Insert a canned response',
    onchange: (event: Event) => {
      const select = event.target as HTMLSelectElement;
      const chosen = canned[Number(select.value)];
      select.value = '';
      if (chosen) insertAtCursor(composer, chosen.text);
    },
  }, h('option', { value: '' }, 'Canned…'), ...canned.map((c, i) => h('option', { value: String(i) }, c.title))) : null;
  composerRegion.replaceChildren(...notes, h('footer', { class: 'composer' }, picker, composer, send));
  if (focused) composer.focus();
  if (selection) composer.setSelectionRange(selection.start, selection.end, selection.direction);
}

/** Puts a canned response where the agent's cursor is (replacing a selection), ready for editing. */
function insertAtCursor(composer: HTMLTextAreaElement, text: string): void {
  const start = composer.selectionStart ?? composer.value.length;
  const end = composer.selectionEnd ?? start;
  composer.value = composer.value.slice(0, start) + text + composer.value.slice(end);
  composer.focus();
  composer.setSelectionRange(start + text.length, start + text.length);
  composer.dispatchEvent(new Event('input'));
}

/** Picks one of the tenant's approved templates, fills its parameters and shows what the customer will read. */
function templateForm(contactId: string, templates: ReplyTemplate[]): HTMLElement {
  const choice = h('select', { id: 'template', 'aria-label': 'Template' },
    ...templates.map((t, i) => h('option', { value: String(i) }, `${t.name} (${t.language})`)));
  const fields = h('span', { class: 'parameters' });
  const preview = h('p', { class: 'preview', id: 'template-preview' });
  let inputs: HTMLInputElement[] = [];
  const selected = () => templates[Number(choice.value)];
  const update = () => { preview.textContent = renderTemplate(selected().text, inputs.map((i) => i.value)); };
  const build = () => {
    inputs = Array.from({ length: selected().parameters }, (_, i) =>
      h('input', { class: 'parameter', 'aria-label': `Parameter ${i + 1}`, placeholder: `{{${i + 1}}}`, oninput: update }) as HTMLInputElement);
    fields.replaceChildren(...inputs);
    update();
  };
  choice.addEventListener('change', build);
  build();
  return h('footer', { class: 'composer template' },
    h('div', { class: 'template-fields' }, choice, fields, preview),
    h('button', { id: 'send-template', class: 'primary', onclick: () => sendTemplate(contactId, selected(), inputs.map((i) => i.value.trim())) },
      'Send template'));
}

function renderThreadHeader(): void {
  const conversation = state.conversation;
  if (!conversation) return;
  const contact = conversation.contact;
  const held = contact.status === 'ASSIGNED' && contact.agentId === state.me.agentId;
  const target = h('select', { id: 'transfer-target', 'aria-label': 'Transfer to' },
    h('option', { value: '' }, 'Transfer to…'),
    h('optgroup', { label: 'Queues' }, ...state.directory.queues.filter((q) => q.tenantId === contact.tenantId)
      .map((q) => h('option', { value: `queue:${q.id}` }, q.name))),
    h('optgroup', { label: 'Agents' }, ...state.directory.agents.filter((a) => a.tenantId === contact.tenantId)
      .map((a) => h('option', { value: `agent:${a.id}` }, a.name ?? a.id))));
  const disposition = h('select', { id: 'disposition', 'aria-label': 'Outcome when ending (optional)' },
    h('option', { value: '' }, 'End…'),
    ...state.directory.dispositions.map((d) => h('option', { value: d }, d)));
  threadHeader.replaceChildren(
    h('div', { class: 'title' },
      channelIcon(contact.channel, contact.platform),
      h('div', {},
        h('h2', {}, contact.customer ?? 'Customer'),
        h('p', { class: 'meta' }, [channelName(contact.channel, contact.platform), contact.direction === 'OUTBOUND' ? 'outgoing' : null, contact.subject,
          contact.queueId, contact.tenantId].filter(Boolean).join(' · ')))),
    held ? h('div', { class: 'actions' },
      target,
      h('button', {
        id: 'transfer',
        onclick: async () => {
          const [kind, id] = target.value.split(':');
          if (!id) return toast('Choose where to transfer', true);
          await attempt(() => api.send('POST', `/contacts/${contact.contactId}/transfer`,
            kind === 'queue' ? { queueId: id } : { agentId: id }), 'Transfer requested');
        },
      }, 'Transfer'),
      contact.channel === 'VOICE' ? h('button', {
        id: 'hold',
        onclick: () => attempt(() => api.send('POST', `/contacts/${contact.contactId}/hold`), 'Caller on hold'),
      }, 'Hold') : null,
      contact.channel === 'VOICE' ? h('button', {
        id: 'resume',
        onclick: () => attempt(() => api.send('POST', `/contacts/${contact.contactId}/resume`), 'Caller back'),
      }, 'Resume') : null,
      disposition,
      h('button', {
        id: 'wrap-up',
        class: 'primary',
        title: 'End the contact; its wrap-up follows',
        onclick: async () => {
          // Ends the contact (with the desktop-wide outcome when one is chosen); the wrap-up form follows.
          await attempt(() => disposition.value
            ? api.send('POST', `/contacts/${contact.contactId}/wrap-up`, { disposition: disposition.value })
            : api.send('POST', `/contacts/${contact.contactId}/end`), 'Ended: wrap it up');
        },
      }, 'End')) : h('span', { class: 'status' }, contact.status.toLowerCase()));
}

function renderMessages(): void {
  const conversation = state.conversation;
  if (!conversation) return;
  const lines: { at: string; item: HTMLElement }[] = conversation.messages.map((m) => ({
    at: m.at,
    item: h('li', {
      class: `message ${m.inbound ? 'inbound' : 'outbound'} ${m.status.toLowerCase()}`,
      'data-message': m.messageId,
    },
    h('p', { class: 'text' }, m.text ?? (m.attachments ? `${m.attachments} attachment(s)` : '')),
    h('span', { class: 'meta' }, `${m.inbound ? (conversation.contact.customer ?? 'Customer') : (m.agentId ?? 'Agent')} · ${time(m.at)}`
      + (m.inbound ? '' : ` · ${outcome(m)}`))),
  }));
  // Supervisors' notes sit in the thread where they were written, marked as unseen by the customer.
  for (const note of conversation.notes ?? []) lines.push({ at: note.at, item: noteItem(note) });
  const survey = conversation.survey;
  if (survey) {
    lines.push({ at: survey.at, item: h('li', { class: 'message survey', id: 'survey' },
      h('p', { class: 'text' }, `Rated ${survey.score} / 5${survey.comment ? `: “${survey.comment}”` : ''}`),
      h('span', { class: 'meta' }, `Customer satisfaction · ${time(survey.at)}`)) });
  }
  lines.sort((a, b) => a.at.localeCompare(b.at));
  messagesRegion.replaceChildren(...lines.map((line) => line.item));
  messagesRegion.scrollTop = messagesRegion.scrollHeight;
}

function noteItem(note: SupervisorNote): HTMLElement {
  return h('li', { class: 'message note', 'data-note': note.noteId },
    h('p', { class: 'text' }, note.text),
    h('span', { class: 'meta' }, `Note from ${note.authorName ?? note.authorId} · ${time(note.at)} · the customer does not see this`));
}

/** Notes being written, by contact: a push that redraws the conversation must not wipe what the supervisor typed. */
const noteDrafts = new Map<string, string>();

/** A supervisor watching someone else's conversation: no reply box, a private note to the agent instead. */
function noteForm(contact: ContactSummary): HTMLElement {
  const text = h('textarea', {
    id: 'note-text', rows: '2', 'aria-label': 'Note to the agent',
    placeholder: contact.agentId ? `A note to ${contact.agentId} (the customer does not see it)` : 'A note for whoever takes this contact',
  }) as HTMLTextAreaElement;
  text.value = noteDrafts.get(contact.contactId) ?? '';
  text.addEventListener('input', () => noteDrafts.set(contact.contactId, text.value));
  return h('footer', { class: 'composer watching' },
    h('p', { class: 'hint', id: 'watching' }, `Watching silently${contact.agentId ? `: ${contact.agentId} holds this conversation` : ''}`),
    text,
    h('button', {
      id: 'send-note',
      onclick: async () => {
        const value = text.value.trim();
        if (!value) return toast('Write the note first', true);
        if (await attempt(() => api.send('POST', `/contacts/${contact.contactId}/notes`, { text: value }), 'Note sent to the agent')) {
          noteDrafts.delete(contact.contactId);
          text.value = '';
        }
      },
    }, 'Send note'));
}

/** A reply's fate: what the channel answered, then how far the provider says it got. */
function outcome(m: ThreadMessage): string {
  if (m.status === 'FAILED') return `not delivered: ${m.failure ?? ''}`;
  if (m.delivery === 'UNDELIVERED' || m.delivery === 'FAILED') return `not delivered: ${m.deliveryReason ?? m.delivery.toLowerCase()}`;
  return (m.delivery ?? m.status).toLowerCase();
}

/** The open conversation's details card, kept while it stays open so its fax or script is fetched once. */
let shownDetails: { contactId: string; card: HTMLElement | null } | null = null;

function renderPanel(): void {
  renderCustomer();
  const conversation = state.conversation;
  if (!conversation) return;
  if (shownDetails?.contactId !== conversation.contact.contactId) {
    shownDetails = { contactId: conversation.contact.contactId,
      card: detailsCard(api, conversation.contact.tenantId, conversation.details) };
  }
  if (shownDetails.card) panelRegion.prepend(shownDetails.card);
}

function renderCustomer(): void {
  const panel = state.panel;
  const conversation = state.conversation;
  if (!conversation) {
    panelRegion.replaceChildren();
    return;
  }
  const identity = h('p', { class: 'meta' }, `${conversation.customerKind?.toLowerCase().replace('_', ' ') ?? ''} ${conversation.customerValue ?? ''}`);
  if (!panel) {
    panelRegion.replaceChildren(h('h3', {}, 'Customer'), identity, h('p', { class: 'hint' }, 'Loading from customer360…'));
    return;
  }
  if (panel.status !== 'found' || !panel.customer) {
    panelRegion.replaceChildren(h('h3', {}, 'Customer'), identity, h('p', { class: 'hint' }, panel.detail ?? 'Not known yet'));
    return;
  }
  const customer = panel.customer;
  panelRegion.replaceChildren(
    h('h3', {}, customer.displayName ?? 'Customer', customer.vip ? h('span', { class: 'vip' }, 'VIP') : null),
    identity,
    h('ul', { class: 'identities' }, ...customer.identities.map((i) => h('li', {}, `${i.kind}: ${i.value}`))),
    h('p', { class: 'notes' }, customer.notes ?? ''),
    h('h4', {}, 'History'),
    h('ol', { class: 'timeline' }, ...(panel.timeline ?? []).map((item) => h('li', {},
      channelIcon(item.channel),
      h('span', {}, `${item.kind.toLowerCase().replace(/_/g, ' ')}${item.text ? ': ' + item.text : ''}`),
      h('span', { class: 'time' }, time(item.occurredAt))))));
}

function renderPresence(): void {
  presenceSelect.value = state.me.presence === 'WRAP_UP' ? presenceSelect.value : state.me.presence;
  const dot = document.getElementById('presence-dot')!;
  dot.className = `dot ${state.me.presence.toLowerCase()}`;
  dot.title = state.me.presence === 'WRAP_UP' ? 'After-contact work' : state.me.presence.toLowerCase();
  renderList();
}

function renderWallboard(): void {
  if (!state.me.supervisor) return;
  const agents = [...state.agents.values()].sort((a, b) => a.agentId.localeCompare(b.agentId));
  wallboard.replaceChildren(
    h('section', {},
      h('h2', {}, 'Queues'),
      h('table', { class: 'grid', id: 'queues' },
        h('thead', {}, h('tr', {}, ...['Tenant', 'Queue', 'Waiting', 'Oldest wait', 'Agents available', 'Offered', 'Answered', 'Abandoned', 'Service level']
          .map((t) => h('th', {}, t)))),
        h('tbody', {}, ...state.queues.map((q) => h('tr', {},
          h('td', {}, q.tenantId), h('td', {}, q.name), h('td', {}, String(q.waiting ?? '–')), h('td', {}, duration(q.oldestWaitSeconds)),
          h('td', {}, String(q.agentsAvailable ?? '–')), h('td', {}, String(q.offeredToday ?? '–')), h('td', {}, String(q.answeredToday ?? '–')),
          h('td', {}, String(q.abandonedToday ?? '–')),
          h('td', {}, q.serviceLevel == null ? '–' : `${Math.round(q.serviceLevel * 100)}%`)))))),
    h('section', {},
      h('h2', {}, 'Agents'),
      h('table', { class: 'grid', id: 'agents' },
        h('thead', {}, h('tr', {}, ...['Agent', 'Tenants', 'State', 'Since', 'Contacts'].map((t) => h('th', {}, t)))),
        h('tbody', {}, ...agents.map((a) => h('tr', {},
          h('td', {}, a.name ?? a.agentId), h('td', {}, a.tenants.join(', ')),
          h('td', {}, h('span', { class: `dot ${a.state.toLowerCase()}` }), a.state.toLowerCase().replace('_', '-')),
          h('td', {}, time(a.since)), h('td', {}, String(a.activeContacts))))))),
    h('section', {},
      h('h2', {}, 'Open contacts'),
      h('table', { class: 'grid', id: 'open-contacts' },
        h('thead', {}, h('tr', {}, ...['', 'Customer', 'Tenant', 'Queue', 'Status', 'Agent', 'Since', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, ...[...state.watched.values()].map((c) => h('tr', {},
          h('td', {}, channelIcon(c.channel, c.platform)), h('td', {}, c.customer ?? ''), h('td', {}, c.tenantId), h('td', {}, c.queueId ?? ''),
          h('td', {}, c.status.toLowerCase()), h('td', {}, c.agentId ?? c.offeredTo ?? ''), h('td', {}, time(c.createdAt)),
          h('td', {}, h('button', { class: 'watch', 'data-watch': c.contactId, onclick: () => watch(c.contactId) }, 'Watch'),
            ...monitorButtons(c))))))));
}

/**
 * A live call's listen, whisper and barge: the voice gateway rings the supervisor's registered phone
 * and mixes them in (listen: hears both, heard by none; whisper: heard by the agent; barge: by both).
 */
function monitorButtons(c: ContactSummary): HTMLElement[] {
  if (c.channel !== 'VOICE' || c.status !== 'ASSIGNED') return [];
  const modes: [string, string, string][] = [
    ['LISTEN', 'Listen', 'your phone rings: you hear both sides, nobody hears you'],
    ['WHISPER', 'Whisper', 'only the agent hears you'],
    ['BARGE', 'Barge', 'the agent and the caller hear you'],
    ['LEAVE', 'Leave', 'your phone hangs up; the call goes on'],
  ];
  return modes.map(([mode, label, done]) => h('button', {
    class: 'monitor', 'data-monitor': `${c.contactId}:${mode}`, title: done,
    onclick: () => attempt(() => api.send('POST', `/contacts/${c.contactId}/monitor`, { mode }), `${label}: ${done}`),
  }, label));
}

let toastTimer = 0;
function toast(text: string, error = false): void {
  toastRegion.textContent = text;
  toastRegion.className = `toast visible${error ? ' error' : ''}`;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (toastRegion.className = 'toast'), 4000);
}

// ------------------------------------------------------------------ keyboard and timers

document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement
    || event.target instanceof HTMLSelectElement;
  if (event.key === 'Escape' && typing) {
    (event.target as HTMLElement).blur();
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const offers = sortedContacts().filter((c) => c.status === 'OFFERED');
  const held = sortedContacts().filter((c) => c.status === 'ASSIGNED');
  if (event.key === 'a' && offers[0]) void answer(offers[0], true);
  else if (event.key === 'd' && offers[0]) void answer(offers[0], false);
  else if (event.key === 'n' && held.length) {
    const index = held.findIndex((c) => c.contactId === state.selected);
    void open(held[(index + 1) % held.length].contactId);
  } else if (event.key === '/') {
    event.preventDefault();
    document.getElementById('composer')?.focus();
  } else if (event.key === 'c') {
    event.preventDefault();
    document.getElementById('call-number')?.focus();
  } else if (event.key === '?') {
    toast('a accept the offer · d decline · n next conversation · / write a reply · c place a call · Esc leave the reply box');
  } else return;
});

window.setInterval(() => {
  let expired = false;
  document.querySelectorAll<HTMLElement>('.countdown').forEach((el) => {
    const left = secondsLeft(el.dataset.expires ?? null);
    el.textContent = `${left}s`;
    el.classList.toggle('urgent', left <= 5);
    if (left === 0) expired = true;
  });
  if (expired) {
    for (const contact of state.contacts.values()) if (!mine(contact)) state.contacts.delete(contact.contactId);
    renderList();
  }
  document.querySelectorAll<HTMLElement>('.wrapup-countdown').forEach((el) => {
    el.textContent = wrapUpLeft(el.dataset.ends ?? '');
    el.classList.toggle('urgent', secondsLeft(el.dataset.ends ?? null) <= 10);
  });
}, 1000);

const live = new LiveSocket(api, onFrame, (connected) => {
  state.connected = connected;
  connection.className = `connection ${connected ? 'up' : 'down'}`;
  connection.textContent = connected ? 'Live' : 'Reconnecting…';
});
live.connect();
renderPresence();
renderThread();
await loadInbox();
