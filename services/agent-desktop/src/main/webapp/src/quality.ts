/**
 * The Quality tab. Supervisors: the evaluation list of their tenants (contacts sampled by each queue's
 * policy), scoring one against the tenant's scorecard beside its transcript, the scored ones, and the
 * scorecard and sampling settings. Agents: their own results.
 */
import { Api, ApiError } from './api';
import { channelName, h, time } from './format';
import type { Conversation, Directory, Evaluation, Me, Scorecard } from './types';

export class QualityPage {
  readonly element = h('main', { class: 'quality', hidden: true, 'aria-label': 'Quality' });

  constructor(
    private readonly api: Api,
    private readonly me: Me,
    private readonly directory: Directory,
    private readonly toast: (text: string, error?: boolean) => void,
  ) {}

  async show(): Promise<void> {
    this.element.replaceChildren(h('p', { class: 'empty' }, 'Loading…'));
    try {
      if (this.me.supervisor) await this.showList();
      else await this.showMine();
    } catch (error) {
      this.failed(error);
    }
  }

  /** A result scored while the page is open: an agent's list refreshes, a supervisor's too. */
  evaluated(evaluation: Evaluation): void {
    if (evaluation.agentId === this.me.agentId) {
      this.toast(`Your ${channelName(evaluation.channel)} contact was evaluated: ${evaluation.totalPercent}%`);
    }
    if (!this.element.hidden && !this.element.querySelector('#score-form')) void this.show();
  }

  private async showMine(): Promise<void> {
    const mine = await this.api.get<Evaluation[]>('/qa/evaluations/mine');
    this.element.replaceChildren(h('section', {},
      h('h2', {}, 'My evaluations'),
      mine.length === 0 ? h('p', { class: 'empty' }, 'No evaluations of your contacts yet.') : h('div', { id: 'my-evaluations' },
        ...mine.map((e) => this.result(e)))));
  }

  private async showList(): Promise<void> {
    const [pending, done] = await Promise.all([
      this.api.get<Evaluation[]>('/qa/evaluations?status=PENDING'),
      this.api.get<Evaluation[]>('/qa/evaluations?status=DONE'),
    ]);
    this.element.replaceChildren(
      h('section', {},
        h('h2', {}, 'To evaluate'),
        pending.length === 0 ? h('p', { class: 'empty' }, 'Nothing sampled yet: set a queue\'s sampling below.') : this.table('pending', pending,
          (e) => h('button', { class: 'evaluate primary', 'data-evaluation': e.evaluationId, onclick: () => this.score(e) }, 'Evaluate'))),
      h('section', {},
        h('h2', {}, 'Scored'),
        done.length === 0 ? h('p', { class: 'empty' }, 'No evaluations scored yet.') : this.table('scored', done,
          (e) => h('span', {}, `${e.totalPercent}% by ${e.evaluatorId}`))),
      this.settings());
  }

  private table(id: string, rows: Evaluation[], action: (e: Evaluation) => HTMLElement): HTMLElement {
    return h('table', { class: 'grid', id },
      h('thead', {}, h('tr', {}, ...['Ended', 'Tenant', 'Queue', 'Channel', 'Agent', 'Why', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, ...rows.map((e) => h('tr', { 'data-contact': e.contactId },
        h('td', {}, time(e.endedAt)), h('td', {}, e.tenantId), h('td', {}, e.queueId ?? ''), h('td', {}, channelName(e.channel)),
        h('td', {}, e.agentId), h('td', {}, e.reason === 'MINIMUM' ? 'weekly minimum' : 'random'), h('td', {}, action(e))))));
  }

  /** The transcript beside the tenant's scorecard. */
  private async score(evaluation: Evaluation): Promise<void> {
    let card: Scorecard;
    let conversation: Conversation;
    try {
      [card, conversation] = await Promise.all([
        this.api.get<Scorecard>(`/qa/tenants/${evaluation.tenantId}/scorecard`),
        this.api.get<Conversation>(`/contacts/${evaluation.contactId}`),
      ]);
    } catch (error) {
      return this.failed(error);
    }
    const form = h('form', { id: 'score-form', class: 'score-form' },
      h('h3', {}, `${card.name}: ${evaluation.agentId}`),
      ...card.criteria.map((c) => h('fieldset', { class: 'criterion' },
        h('legend', {}, `${c.label} (weight ${c.weight})`),
        h('select', { name: `score-${c.id}`, 'aria-label': `${c.label} score` },
          ...Array.from({ length: c.maxScore + 1 }, (_, n) => h('option', { value: String(n) }, `${n} / ${c.maxScore}`))),
        h('input', { name: `comment-${c.id}`, 'aria-label': `${c.label} comment`, placeholder: 'Comment (optional)' }))),
      h('textarea', { name: 'comment', rows: '3', 'aria-label': 'Overall comment', placeholder: 'Overall comment for the agent' }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => this.show() }, 'Back'),
        h('button', { type: 'submit', class: 'primary', id: 'submit-score' }, 'Submit evaluation')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const scores: Record<string, number> = {};
      const comments: Record<string, string> = {};
      for (const c of card.criteria) {
        scores[c.id] = Number(data.get(`score-${c.id}`));
        const note = String(data.get(`comment-${c.id}`) ?? '').trim();
        if (note) comments[c.id] = note;
      }
      try {
        const done = await this.api.send<Evaluation>('POST', `/qa/evaluations/${evaluation.evaluationId}/score`,
          { scores, comments, comment: String(data.get('comment') ?? '') });
        this.toast(`Evaluation saved: ${done?.totalPercent}%`);
        await this.show();
      } catch (error) {
        this.failed(error);
      }
    });
    this.element.replaceChildren(h('div', { class: 'evaluate-view' },
      h('section', { class: 'transcript', 'aria-label': 'Transcript' },
        h('h2', {}, `${channelName(conversation.contact.channel)} with ${conversation.contact.customer ?? 'the customer'}`),
        h('ol', { class: 'messages' }, ...conversation.messages.map((m) => h('li', { class: `message ${m.inbound ? 'inbound' : 'outbound'}` },
          h('p', { class: 'text' }, m.text ?? ''),
          h('span', { class: 'meta' }, `${m.inbound ? 'Customer' : (m.agentId ?? 'Agent')} · ${time(m.at)}`))))),
      form));
  }

  private result(e: Evaluation): HTMLElement {
    return h('article', { class: 'result', 'data-evaluation': e.evaluationId },
      h('h3', {}, `${e.totalPercent}% · ${channelName(e.channel)} contact of ${time(e.endedAt)} in ${e.queueId ?? 'no queue'}`),
      h('ul', {}, ...(e.scorecard?.criteria ?? []).map((c) => h('li', {},
        `${c.label}: ${e.scores[c.id]} / ${c.maxScore}`, e.comments[c.id] ? h('em', {}, ` · ${e.comments[c.id]}`) : null))),
      e.comment ? h('p', { class: 'comment' }, e.comment) : null,
      h('p', { class: 'meta' }, `Evaluated by ${e.evaluatorId}${e.completedAt ? ` on ${time(e.completedAt)}` : ''}`));
  }

  /** Each queue's sampling and the tenant's scorecard (one criterion per line: id | label | weight | top score). */
  private settings(): HTMLElement {
    const queues = this.directory.queues;
    const queue = h('select', { id: 'qa-queue', 'aria-label': 'Queue' },
      ...queues.map((q) => h('option', { value: `${q.tenantId}/${q.id}` }, `${q.tenantId} · ${q.name}`)));
    const share = h('input', { id: 'qa-share', type: 'number', min: '0', max: '100', step: '1', value: '5', 'aria-label': 'Share (%)' });
    const minimum = h('input', { id: 'qa-minimum', type: 'number', min: '0', max: '100', value: '2', 'aria-label': 'Minimum per agent per week' });
    const tenant = h('select', { id: 'qa-tenant', 'aria-label': 'Tenant' }, ...this.me.tenants.map((t) => h('option', { value: t }, t)));
    const name = h('input', { id: 'qa-card-name', value: 'Quality', 'aria-label': 'Scorecard name' });
    const criteria = h('textarea', {
      id: 'qa-criteria', rows: '4', 'aria-label': 'Criteria',
      placeholder: 'greeting | Greets the customer by name | 1 | 1\naccuracy | Gives the right answer | 3 | 5',
    });
    // A card that arrives after the supervisor started typing (a slow answer) must not wipe what they typed.
    let edits = 0;
    let loads = 0;
    name.addEventListener('input', () => edits++);
    criteria.addEventListener('input', () => edits++);
    const loadCard = async () => {
      const load = ++loads;
      const editsBefore = edits;
      const current = () => load === loads && edits === editsBefore;
      try {
        const card = await this.api.get<Scorecard>(`/qa/tenants/${tenant.value}/scorecard`);
        if (!current()) return;
        name.value = card.name;
        criteria.value = card.criteria.map((c) => `${c.id} | ${c.label} | ${c.weight} | ${c.maxScore}`).join('\n');
      } catch {
        if (current()) criteria.value = '';
      }
    };
    tenant.addEventListener('change', () => void loadCard());
    void loadCard();
    return h('section', { class: 'qa-settings' },
      h('h2', {}, 'Sampling and scorecards'),
      h('div', { class: 'row' }, queue, h('label', {}, 'Share % ', share), h('label', {}, 'Minimum per agent a week ', minimum),
        h('button', {
          id: 'qa-save-policy',
          onclick: async () => {
            const [t, q] = queue.value.split('/');
            await this.attempt(() => this.api.send('PUT', `/qa/tenants/${t}/queues/${q}/policy`,
              { share: Number(share.value) / 100, minimumPerAgentPerWeek: Number(minimum.value) }), 'Sampling saved');
          },
        }, 'Save sampling')),
      h('div', { class: 'row' }, tenant, name),
      criteria,
      h('button', {
        id: 'qa-save-card',
        onclick: async () => {
          const rows = criteria.value.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
            const [id, label, weight, maxScore] = line.split('|').map((part) => part.trim());
            return { id, label, weight: Number(weight), maxScore: Number(maxScore) };
          });
          await this.attempt(() => this.api.send('PUT', `/qa/tenants/${tenant.value}/scorecard`, { name: name.value, criteria: rows }),
            'Scorecard saved');
        },
      }, 'Save scorecard'));
  }

  private async attempt(action: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await action();
      this.toast(done);
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    this.toast(error instanceof ApiError ? error.message : String(error), true);
  }
}
