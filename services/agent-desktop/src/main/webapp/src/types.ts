// The shapes the agent-desktop API answers with (see docs/agent-desktop.md).

export type Status = 'NEW' | 'QUEUED' | 'OFFERED' | 'ASSIGNED' | 'ENDED';
export type Presence = 'AVAILABLE' | 'AWAY' | 'OFFLINE' | 'WRAP_UP';
export type Direction = 'INBOUND' | 'OUTBOUND';

export interface Me {
  agentId: string;
  name: string;
  tenants: string[];
  roles: string[];
  supervisor: boolean;
  presence: Presence;
  /** When the agent's wrap-up time ends, while routing has them in WRAP_UP. */
  wrapUpEndsAt: string | null;
}

export interface ContactSummary {
  contactId: string;
  tenantId: string;
  channel: string | null;
  /** OUTBOUND: a call the agent placed; customer is then the number called. */
  direction: Direction | null;
  subject: string | null;
  customer: string | null;
  queueId: string | null;
  status: Status;
  agentId: string | null;
  offeredTo: string | null;
  offerId: string | null;
  offerExpiresAt: string | null;
  createdAt: string | null;
  updatedAt: string;
  lastMessage: string | null;
  lastMessageAt: string | null;
  unread: number;
  disposition: string | null;
  /** Why it ended (e.g. NO_ANSWER, BUSY, AGENT_ENDED, ABANDONED); null while open. */
  endReason: string | null;
  /** A social contact's platform: WHATSAPP, MESSENGER, INSTAGRAM or TELEGRAM. */
  platform: string | null;
}

export interface ThreadMessage {
  messageId: string;
  inbound: boolean;
  agentId: string | null;
  text: string | null;
  attachments: number;
  at: string;
  status: string;
  failure: string | null;
  /** What the provider reported later: QUEUED, SENT, DELIVERED, READ, UNDELIVERED or FAILED. */
  delivery: string | null;
  deliveryReason: string | null;
}

/** An approved template a WhatsApp reply outside the 24-hour window must use; {{1}}… are its parameters. */
export interface ReplyTemplate {
  name: string;
  language: string;
  text: string;
  parameters: number;
}

/** Whether the agent may reply now, from the contact's channel (opt-outs, the platforms' windows). */
export interface ReplyPolicy {
  contactId: string;
  channel: string | null;
  platform: string | null;
  canReply: boolean;
  reason: string | null;
  windowClosesAt: string | null;
  templates: ReplyTemplate[];
  status: 'open' | 'checked' | 'unavailable';
}

export interface Conversation {
  contact: ContactSummary;
  customerKind: string | null;
  customerValue: string | null;
  messages: ThreadMessage[];
  /** The completed wrap-up, once the agent who held it did it. */
  wrapUp: WrapUp | null;
  /** Supervisors' private notes to the agent, oldest first; the customer never sees them. */
  notes: SupervisorNote[];
  /** The customer's satisfaction rating (1 to 5) once they gave one. */
  survey: { score: number; comment: string | null; at: string } | null;
  /** A campaign call's record, or a fax's document; null for other contacts. */
  details: ContactDetails | null;
}

/** What a contact carries beyond its thread: a campaign call's record (the list's fields), a fax's document. */
export interface ContactDetails {
  campaignId: string | null;
  recordId: string | null;
  record: Record<string, string>;
  faxId: string | null;
  pages: number | null;
}

/** A supervisor's private note on a conversation, to the agent holding it. */
export interface SupervisorNote {
  noteId: string;
  contactId: string;
  authorId: string;
  authorName: string | null;
  toAgentId: string | null;
  text: string;
  at: string;
}

/** An outcome code of a queue, chosen at wrap-up. */
export interface Disposition {
  code: string;
  label: string;
}

/** A prepared answer of the contact's queue, inserted into the reply box for editing. */
export interface CannedResponse {
  title: string;
  text: string;
}

export interface WrapUp {
  contactId: string;
  tenantId: string;
  agentId: string;
  queueId: string | null;
  dispositionCode: string | null;
  dispositionLabel: string | null;
  notes: string | null;
  completedAt: string;
}

/** A contact that ended while the agent held it and awaits their wrap-up. */
export interface PendingWrapUp {
  contact: ContactSummary;
  queueName: string | null;
  dispositions: Disposition[];
  dispositionRequired: boolean;
  wrapUpSeconds: number;
  wrapUpEndsAt: string | null;
}

export interface Target {
  tenantId: string;
  id: string;
  name: string;
}

/** A voice number of a tenant the agent may show customers when calling them. */
export interface CallerId {
  tenantId: string;
  number: string;
}

export interface Directory {
  queues: Target[];
  agents: Target[];
  dispositions: string[];
  callerIds: CallerId[];
}

export interface PlacedCall {
  contactId: string;
}

export interface Panel {
  status: 'found' | 'unknown' | 'unavailable';
  customer: {
    id: string;
    displayName: string | null;
    language: string | null;
    vip: boolean;
    notes: string | null;
    identities: { kind: string; value: string; platform: string | null }[];
  } | null;
  timeline: { contactId: string; channel: string; kind: string; occurredAt: string; text: string | null }[] | null;
  detail: string | null;
}

export interface AgentView {
  agentId: string;
  name: string | null;
  tenants: string[];
  state: Presence;
  reason: string | null;
  since: string | null;
  wrapUpEndsAt: string | null;
  activeContacts: number;
}

export interface QueueView {
  tenantId: string;
  queueId: string;
  name: string;
  waiting: number | null;
  oldestWaitSeconds: number | null;
  agentsAvailable: number | null;
  offeredToday: number | null;
  answeredToday: number | null;
  abandonedToday: number | null;
  serviceLevel: number | null;
  reportedAt: string | null;
}

export type Frame =
  | { type: 'ready'; agentId: string; supervisor: boolean }
  | { type: 'offer'; contact: ContactSummary }
  | { type: 'contact'; contact: ContactSummary }
  | { type: 'message'; contactId: string; message: ThreadMessage }
  | { type: 'typing'; contactId: string }
  | { type: 'note'; contactId: string; note: SupervisorNote }
  | { type: 'evaluation'; evaluation: Evaluation }
  | { type: 'presence'; agent: AgentView }
  | { type: 'queue'; queue: QueueView }
  | { type: 'error'; code: string; reason: string };

/** A criterion of a tenant's quality scorecard. */
export interface Criterion {
  id: string;
  label: string;
  weight: number;
  maxScore: number;
}

export interface Scorecard {
  tenantId: string;
  name: string;
  criteria: Criterion[];
}

/** A sampled contact on the evaluation list and, once scored, its result. */
export interface Evaluation {
  evaluationId: string;
  contactId: string;
  tenantId: string;
  queueId: string | null;
  agentId: string;
  channel: string | null;
  reason: 'RANDOM' | 'MINIMUM';
  endedAt: string;
  status: 'PENDING' | 'DONE';
  evaluatorId: string | null;
  scorecard: Scorecard | null;
  scores: Record<string, number>;
  comments: Record<string, string>;
  comment: string | null;
  totalPercent: number | null;
  completedAt: string | null;
}
