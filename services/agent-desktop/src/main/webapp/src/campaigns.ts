/**
 * The Campaigns tab. Supervisors create a tenant's outbound campaigns, load their lists (CSV), start,
 * pause and stop them, watch their progress (the day's abandon rate against the cap among it), download
 * their results and keep the do-not-call list. Agents take the next record of a running preview campaign
 * and call it or skip it. Everything goes to the campaign service through the desktop with the user's token.
 */
import { Api, ApiError } from './api';
import { h } from './format';
import type { Me } from './types';

interface Progress {
  records: number;
  remaining: number;
  dialled: number;
  connected: number;
  abandoned: number;
  machine: number;
  busy: number;
  noAnswer: number;
  failed: number;
  inFlight: number;
  abandonRateToday: number | null;
  abandonCapPercent: number;
}

interface Campaign {
  id: string;
  name: string;
  queueId: string;
  callerId: string;
  kind: string;
  mode: string;
  state: string;
  script: string | null;
  progress: Progress;
}

interface ImportAnswer {
  accepted: number;
  rejected: { line: number; reason: string }[];
  overlaps?: { campaignId: string; name: string; numbers: number }[];
}

interface PreviewRecord {
  campaignId: string;
  recordId: string;
  phone: string;
  fields: Record<string, string>;
  attempts: number;
  script: string | null;
  reservedUntil: string;
}

export class CampaignsPage {
  readonly element = h('main', { class: 'campaigns', hidden: true, 'aria-label': 'Campaigns' });
  private readonly tenant: HTMLSelectElement;
  private readonly list = h('div', { id: 'campaign-list' });
  private readonly preview = h('div', { id: 'campaign-preview' });
  private readonly doNotCall = h('div', { id: 'do-not-call' });
  private timer: number | undefined;

  constructor(
    private readonly api: Api,
    private readonly me: Me,
    private readonly toast: (text: string, error?: boolean) => void,
  ) {
    this.tenant = h('select', { id: 'campaign-tenant', 'aria-label': 'Tenant', onchange: () => void this.refresh() },
      ...me.tenants.map((t) => h('option', { value: t }, t))) as HTMLSelectElement;
    this.element.replaceChildren(...[
      h('section', { class: 'campaign-controls' }, h('h2', {}, 'Campaigns'), this.tenant),
      this.list,
      me.supervisor ? this.createForm() : null,
      me.supervisor ? this.doNotCall : null,
      this.preview].filter((part): part is HTMLElement => part !== null));
  }

  async show(): Promise<void> {
    await this.refresh();
    window.clearInterval(this.timer);
    // Live progress while the tab is open.
    this.timer = window.setInterval(() => {
      if (this.element.hidden) window.clearInterval(this.timer);
      else void this.refresh();
    }, 5000);
  }

  private base(): string {
    return `/campaigns/tenants/${encodeURIComponent(this.tenant.value)}`;
  }

  private async refresh(): Promise<void> {
    let campaigns: Campaign[];
    try {
      campaigns = await this.api.get<Campaign[]>(`${this.base()}/campaigns`);
    } catch (error) {
      this.list.replaceChildren(h('p', { class: 'empty', role: 'alert' }, message(error)));
      return;
    }
    this.list.replaceChildren(campaigns.length === 0 ? h('p', { class: 'empty' }, 'No campaigns yet.') :
      h('table', { class: 'grid', id: 'campaigns' },
        h('thead', {}, h('tr', {}, ...['Campaign', 'Kind', 'State', 'Records left', 'Dialled', 'Connected', 'Abandoned today', 'No answer / busy / machine', 'Ringing', '']
          .map((t) => h('th', {}, t)))),
        h('tbody', {}, ...campaigns.map((c) => this.row(c)))));
    if (this.me.supervisor) await this.refreshDoNotCall();
    this.renderPreviewChoices(campaigns);
  }

  private row(c: Campaign): HTMLElement {
    const p = c.progress;
    const rate = p.abandonRateToday;
    const overCap = rate !== null && rate * 100 > p.abandonCapPercent;
    const file = h('input', { type: 'file', accept: '.csv,text/csv', 'aria-label': `List for ${c.name}`, hidden: true,
      onchange: (event: Event) => void this.load(c, (event.target as HTMLInputElement).files?.[0]) }) as HTMLInputElement;
    const action = (label: string, verb: string) => h('button', {
      'data-action': verb, onclick: () => void this.act(c, verb) }, label);
    return h('tr', { 'data-campaign': c.id, 'data-state': c.state },
      h('td', {}, c.name, h('div', { class: 'hint' }, `${c.queueId} · ${c.callerId}`)),
      h('td', {}, `${c.kind.toLowerCase()} · ${c.mode.toLowerCase()}`),
      h('td', { class: 'state' }, c.state.toLowerCase()),
      h('td', { class: 'progress' }, `${p.remaining} of ${p.records}`),
      h('td', { class: 'progress' }, String(p.dialled)),
      h('td', { class: 'progress', 'data-figure': 'connected' }, String(p.connected)),
      h('td', { class: `progress${overCap ? ' over-cap' : ''}`, 'data-figure': 'abandon-rate' },
        `${rate === null ? '–' : (rate * 100).toFixed(1) + '%'} (cap ${p.abandonCapPercent}%)`),
      h('td', { class: 'progress' }, `${p.noAnswer} / ${p.busy} / ${p.machine}`),
      h('td', { class: 'progress' }, String(p.inFlight)),
      h('td', {}, ...(this.me.supervisor ? [
        c.state === 'DRAFT' || c.state === 'PAUSED' ? action('Start', 'start') : null,
        c.state === 'RUNNING' ? action('Pause', 'pause') : null,
        c.state !== 'STOPPED' && c.state !== 'COMPLETED' ? action('Stop', 'stop') : null,
        c.state === 'DRAFT' ? h('button', { 'data-action': 'list', onclick: () => file.click() }, 'Load list') : null,
        file,
        h('button', { 'data-action': 'results', onclick: () => void this.results(c) }, 'Results'),
      ] : [])));
  }

  private async act(c: Campaign, verb: string): Promise<void> {
    try {
      await this.api.send('POST', `${this.base()}/campaigns/${encodeURIComponent(c.id)}/${verb}`);
      this.toast(`${c.name}: ${verb === 'stop' ? 'stopped' : verb === 'pause' ? 'paused' : 'started'}`);
    } catch (error) {
      this.toast(message(error), true);
    }
    await this.refresh();
  }

  private async load(c: Campaign, file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      const answer = await this.api.upload<ImportAnswer>('PUT', `${this.base()}/campaigns/${encodeURIComponent(c.id)}/list`,
        await file.text(), 'text/csv');
      const rejected = answer.rejected.slice(0, 5).map((r) => `line ${r.line}: ${r.reason}`).join('; ');
      this.toast(`${answer.accepted} records loaded${answer.rejected.length ? `, ${answer.rejected.length} rejected (${rejected})` : ''}`,
        answer.rejected.length > 0);
    } catch (error) {
      this.toast(message(error), true);
    }
    await this.refresh();
  }

  private async results(c: Campaign): Promise<void> {
    try {
      const csv = await this.api.blob(`${this.base()}/campaigns/${encodeURIComponent(c.id)}/results`, 'text/csv');
      const link = h('a', { href: URL.createObjectURL(csv), download: `campaign-${c.name.replace(/\W+/g, '-')}-results.csv` });
      document.body.append(link);
      link.click();
      link.remove();
    } catch (error) {
      this.toast(message(error), true);
    }
  }

  private createForm(): HTMLElement {
    const field = (id: string, label: string, props: Record<string, string> = {}) =>
      h('input', { id, 'aria-label': label, placeholder: label, ...props }) as HTMLInputElement;
    const name = field('campaign-name', 'Name');
    const queue = field('campaign-queue', 'Queue id');
    const callerId = field('campaign-caller-id', 'Caller id (one of the tenant\'s numbers)');
    const kind = h('select', { id: 'campaign-kind', 'aria-label': 'Kind' },
      ...['AGENT', 'COLLECTIONS', 'SURVEY'].map((k) => h('option', { value: k }, k.toLowerCase()))) as HTMLSelectElement;
    const mode = h('select', { id: 'campaign-mode', 'aria-label': 'Mode' },
      ...['PROGRESSIVE', 'PREDICTIVE', 'PREVIEW'].map((m) => h('option', { value: m }, m.toLowerCase()))) as HTMLSelectElement;
    const from = field('campaign-from', 'Calls from', { type: 'time', value: '08:00' });
    const until = field('campaign-until', 'Calls until', { type: 'time', value: '21:00' });
    const cap = field('campaign-cap', 'Abandon cap %', { type: 'number', min: '0.1', max: '10', step: '0.1', value: '3' });
    const script = h('textarea', { id: 'campaign-script-text', rows: '2', 'aria-label': 'Script', placeholder: 'Script for the agent' }) as HTMLTextAreaElement;
    const prompts = field('campaign-prompts', 'Survey prompts (comma-separated)');
    return h('section', { class: 'campaign-new' },
      h('h3', {}, 'New campaign'),
      h('p', { class: 'hint' }, 'Calling hours are the callee\'s local time. Load the list (CSV with a phone column) once it is created.'),
      h('form', { onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          await this.api.send('POST', `${this.base()}/campaigns`, {
            name: name.value.trim(), queueId: queue.value.trim(), callerId: callerId.value.trim(), kind: kind.value, mode: mode.value,
            window: { from: from.value, until: until.value }, abandonCapPercent: Number(cap.value), script: script.value,
            surveyPrompts: kind.value === 'SURVEY' ? prompts.value.split(',').map((p) => p.trim()).filter(Boolean) : [],
          });
          this.toast(`Campaign ${name.value.trim()} created`);
          name.value = '';
          await this.refresh();
        } catch (error) {
          this.toast(message(error), true);
        }
      } }, name, queue, callerId, kind, mode, h('label', {}, 'from ', from), h('label', {}, 'until ', until),
      h('label', {}, 'cap ', cap), script, prompts, h('button', { id: 'campaign-create', class: 'primary', type: 'submit' }, 'Create')));
  }

  private async refreshDoNotCall(): Promise<void> {
    const number = h('input', { id: 'dnc-number', 'aria-label': 'Number', placeholder: '+447700900123' }) as HTMLInputElement;
    let entries: { number: string; addedBy: string | null; addedAt: string }[] = [];
    try {
      entries = await this.api.get(`${this.base()}/do-not-call`);
    } catch (error) {
      this.doNotCall.replaceChildren(h('p', { class: 'empty', role: 'alert' }, message(error)));
      return;
    }
    this.doNotCall.replaceChildren(
      h('h3', {}, 'Do not call'),
      h('div', { class: 'campaign-controls' }, number, h('button', {
        id: 'dnc-add',
        onclick: async () => {
          try {
            await this.api.send('PUT', `${this.base()}/do-not-call/${encodeURIComponent(number.value.trim())}`);
            this.toast(`${number.value.trim()} will not be called`);
            await this.refreshDoNotCall();
          } catch (error) {
            this.toast(message(error), true);
          }
        },
      }, 'Add')),
      entries.length === 0 ? h('p', { class: 'empty' }, 'Nobody on the list.') :
        h('ul', { id: 'dnc-entries' }, ...entries.slice(0, 50).map((e) => h('li', {}, `${e.number}${e.addedBy ? ` · ${e.addedBy}` : ''}`))));
  }

  /** Agents: the running preview campaigns, each with a button for its next record. */
  private renderPreviewChoices(campaigns: Campaign[]): void {
    const running = campaigns.filter((c) => c.mode === 'PREVIEW' && c.state === 'RUNNING');
    if (running.length === 0) {
      if (!this.preview.querySelector('.preview-record')) this.preview.replaceChildren();
      return;
    }
    if (this.preview.querySelector('.preview-record')) return;
    this.preview.replaceChildren(h('h3', {}, 'Preview calls'),
      ...running.map((c) => h('button', { 'data-preview': c.id, onclick: () => void this.next(c) }, `Next record of ${c.name}`)));
  }

  private async next(c: Campaign): Promise<void> {
    let record: PreviewRecord | undefined;
    try {
      record = await this.api.send<PreviewRecord>('POST', `${this.base()}/campaigns/${encodeURIComponent(c.id)}/preview/next`);
    } catch (error) {
      this.toast(message(error), true);
      return;
    }
    if (!record) {
      this.toast(`No record of ${c.name} may be called now`);
      return;
    }
    const path = `${this.base()}/campaigns/${encodeURIComponent(c.id)}/records/${encodeURIComponent(record.recordId)}`;
    const done = async (verb: 'call' | 'skip') => {
      try {
        await this.api.send('POST', `${path}/${verb}`);
        this.toast(verb === 'call' ? `Calling ${record!.phone}: your phone rings first` : 'Skipped');
      } catch (error) {
        this.toast(message(error), true);
      }
      this.preview.replaceChildren();
      await this.refresh();
    };
    this.preview.replaceChildren(h('section', { class: 'preview-record', id: 'preview-record' },
      h('h3', {}, `${c.name}: ${record.phone}`),
      h('dl', { class: 'record' }, ...Object.entries(record.fields).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('p', { class: 'hint' }, `Tried ${record.attempts} time${record.attempts === 1 ? '' : 's'} · reserved for you until ${new Date(record.reservedUntil).toLocaleTimeString()}`),
      record.script ? h('p', { class: 'script' }, record.script) : null,
      h('button', { id: 'preview-call', class: 'primary', onclick: () => void done('call') }, 'Call'),
      h('button', { id: 'preview-skip', onclick: () => void done('skip') }, 'Skip')));
  }
}

function message(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}
