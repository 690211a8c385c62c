import Keycloak from 'keycloak-js';
import { Api } from './api';
import { formatBranches, formatCanned, formatChoices, formatDispositions, formatHolidays, formatHours, formatPairs, h, parseBranches, parseCanned, parseChoices, parseDispositions, parseHolidays, parseHours, parsePairs } from './dom';
import type { BranchJson, ChoiceJson, HolidayJson } from './dom';
import type { OpeningJson } from './dom';
import { between, form, identifier, required } from './form';
import type { Field } from './form';
import { planner } from './planner';
import { awaitSignInService } from './signin';
import './styles.css';

interface Me { username: string; roles: string[]; readable: string[]; writable: string[] }
interface Tenant { tenantId: string; settings: { name: string; timeZone: string; defaultRegion: string; routingDomain?: string; defaultQueueId?: string; businessHours: OpeningJson[]; holidays?: HolidayJson[]; closedMessage?: string; closedPrompt?: string } }
interface Skill { skillId: string; name: string; description?: string }
interface Queue { queueId: string; settings: Record<string, any> }
interface Ivr { prompt: string; choices: ChoiceJson[]; timeoutSeconds: number; timeoutQueueId?: string; branches: BranchJson[] }
interface EntryPoint { channel: string; address: string; queueId: string; ivr?: Ivr | null }
interface Prompt { name: string; description?: string; seconds: number; updatedAt: string }
interface Phone { agentId: string; realm: string; updatedAt: string }
interface Agent { username: string; firstName: string; lastName: string; email: string; role: string; enabled: boolean; tenants: string[]; skills: Record<string, number>; capacity: Record<string, number> }
interface Change { changed: boolean; warnings: string[] }

const config = await (await fetch('/api/config')).json();
await awaitSignInService(document.getElementById('app')!, config.keycloakUrl, config.realm);
const keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false });
const api = new Api(keycloak);
const me = await api.get<Me>('/me');

const TABS = ['Queues', 'Skills', 'Agents', 'Entry points', 'Prompts', 'Tenant', 'Audit', 'Planner'] as const;
/** The voice gateway's own recordings, which a menu or the closed prompt may name without an upload. */
const BUILT_IN_PROMPTS = ['welcome', 'closed'];
type Tab = (typeof TABS)[number];
let tenantId = me.readable[0] ?? '';
let tab: Tab = 'Queues';
/** What the last change did, shown above the page after it re-renders with the new state. */
let flash = '';
const app = document.getElementById('app')!;

const canWrite = () => me.writable.includes(tenantId);
const base = () => `/tenants/${encodeURIComponent(tenantId)}`;
const saved = (change: Change) => (change.changed ? 'Saved and published.' : 'No change.') + (change.warnings.length ? ` Warning: ${change.warnings.join(' ')}` : '');
/** Shows what a change did and re-renders the page with the new state. */
const done = (message: string) => { flash = message; void render(); return message; };
/** A field check from a parser: its error message, or null when the text parses. */
const parses = (parse: (v: string) => unknown) => (v: string) => { try { parse(v); return null; } catch (e) { return (e as Error).message; } };
const confirmDelete = (what: string) => window.confirm(`Delete ${what}? This cannot be undone.`);

async function render(): Promise<void> {
  const main = h('main', { class: 'content' }, flash ? h('p', { class: 'flash', role: 'status' }, flash) : null);
  app.replaceChildren(
    h('header', { class: 'topbar' },
      h('span', { class: 'brand' }, 'Switchboard console'),
      h('select', { 'aria-label': 'Tenant', onchange: (e: Event) => { tenantId = (e.target as HTMLSelectElement).value; flash = ''; void render(); } },
        ...me.readable.map((t) => h('option', { value: t, selected: t === tenantId }, t))),
      h('nav', { class: 'tabs' }, ...TABS.map((t) => h('button', { class: `tab${t === tab ? ' active' : ''}`, onclick: () => { tab = t; flash = ''; void render(); } }, t))),
      h('span', { class: 'spacer' }),
      h('span', { class: 'user' }, `${me.username}${canWrite() ? ' (admin)' : ' (read only)'}`),
      h('button', { class: 'link', onclick: () => keycloak.logout({ redirectUri: location.origin + '/' }) }, 'Sign out')),
    main);
  if (!tenantId) {
    main.append(h('p', {}, 'Your account serves no tenant.'));
    return;
  }
  try {
    main.append(...await page(tab));
  } catch (e) {
    main.append(h('p', { class: 'status' }, e instanceof Error ? e.message : String(e)));
  }
}

async function page(which: Tab): Promise<HTMLElement[]> {
  switch (which) {
    case 'Queues': return queuesPage();
    case 'Skills': return skillsPage();
    case 'Agents': return agentsPage();
    case 'Entry points': return entryPointsPage();
    case 'Prompts': return promptsPage();
    case 'Tenant': return tenantPage();
    case 'Audit': return auditPage();
    case 'Planner': return [planner(api, base(), (await api.get<Queue[]>(`${base()}/queues`)).map((q) => q.queueId))];
  }
}

/** A list with a search box that filters its rows as the user types. */
function searchable(title: string, headings: string[], rows: { cells: (string | HTMLElement)[]; text: string }[]): HTMLElement {
  const body = h('tbody');
  const fill = (query: string) => body.replaceChildren(...rows.filter((r) => r.text.toLowerCase().includes(query.toLowerCase()))
    .map((r) => h('tr', {}, ...r.cells.map((c) => h('td', {}, c)))));
  fill('');
  const search = h('input', { type: 'search', placeholder: `Search ${title.toLowerCase()}`, 'aria-label': `Search ${title.toLowerCase()}` }) as HTMLInputElement;
  search.addEventListener('input', () => fill(search.value));
  return h('section', { class: 'card' }, h('h3', {}, title), search,
    h('table', {}, h('thead', {}, h('tr', {}, ...headings.map((x) => h('th', {}, x)))), body));
}

function deleteButton(what: string, path: string): HTMLElement | string {
  if (!canWrite()) return '';
  return h('button', { class: 'danger', onclick: async () => {
    if (!confirmDelete(what)) return;
    try { await api.delete(path); done(`Deleted ${what}.`); } catch (e) { done(e instanceof Error ? e.message : String(e)); }
  } }, 'Delete');
}

/** Edit (fills the form with the item) and Delete (after a confirmation), for admins only. */
function actions(edit: () => void, what: string, path: string): HTMLElement | string {
  if (!canWrite()) return '';
  return h('span', { class: 'row-actions' }, h('button', { class: 'edit', onclick: edit }, 'Edit'), deleteButton(what, path));
}

async function skillsPage(): Promise<HTMLElement[]> {
  const skills = await api.get<Skill[]>(`${base()}/skills`);
  const list = (edit?: (s: Skill) => void) => searchable('Skills', ['Skill', 'Name', ''], skills.map((s) => ({
    text: `${s.skillId} ${s.name}`, cells: [s.skillId, s.name, actions(() => edit?.(s), `skill ${s.skillId}`, `${base()}/skills/${s.skillId}`)],
  })));
  if (!canWrite()) return [list()];
  const editor = form('Add or change a skill', [
    { name: 'skillId', label: 'Skill id', check: identifier('The skill id') },
    { name: 'name', label: 'Name', check: required('The name') },
    { name: 'description', label: 'Description' },
  ], 'Save skill', async (v) => {
    const change = await api.put<Change>(`${base()}/skills/${v.skillId}`, { name: v.name, description: v.description });
    return done(change.changed ? 'Saved.' : 'No change.');
  });
  return [list((s) => editor.fill({ skillId: s.skillId, name: s.name, description: s.description ?? '' })), editor.element];
}

async function queuesPage(): Promise<HTMLElement[]> {
  const [queues, skills] = await Promise.all([api.get<Queue[]>(`${base()}/queues`), api.get<Skill[]>(`${base()}/skills`)]);
  const catalogue = new Set(skills.map((s) => s.skillId));
  const list = (edit?: (q: Queue) => void) => searchable('Queues', ['Queue', 'Name', 'Skills', 'Service level', 'Strategy', 'Overflow', ''], queues.map((q) => ({
    text: `${q.queueId} ${q.settings.name} ${Object.keys(q.settings.requiredSkills).join(' ')}`,
    cells: [q.queueId, q.settings.name, formatPairs(q.settings.requiredSkills),
      `${q.settings.serviceLevelPercent}% in ${q.settings.serviceLevelSeconds} s`, q.settings.strategy,
      q.settings.overflowQueueId ? `${q.settings.overflowQueueId} after ${q.settings.maxWaitSeconds} s` : '—',
      actions(() => edit?.(q), `queue ${q.queueId}`, `${base()}/queues/${q.queueId}`)],
  })));
  if (!canWrite()) return [list()];
  const skillsCheck = (v: string) => {
    try {
      const unknown = Object.entries(parsePairs(v, 'skill')).flatMap(([s, level]) =>
        !catalogue.has(s) ? [`unknown skill "${s}"`] : level < 1 || level > 5 ? [`${s}: proficiency must be from 1 to 5`] : []);
      return unknown.length ? unknown.join('; ') : null;
    } catch (e) { return (e as Error).message; }
  };
  const fields: Field[] = [
    { name: 'queueId', label: 'Queue id', check: identifier('The queue id') },
    { name: 'name', label: 'Name', check: required('The name') },
    { name: 'requiredSkills', label: 'Required skills', hint: `skill:minimum, e.g. billing:2 (catalogue: ${[...catalogue].join(', ') || 'empty'})`, check: skillsCheck },
    { name: 'priority', label: 'Priority (higher first)', kind: 'number', value: 0, check: between('Priority', 0, 100) },
    { name: 'serviceLevelPercent', label: 'Service level target %', kind: 'number', value: 80, check: between('The target', 1, 100) },
    { name: 'serviceLevelSeconds', label: 'Answered within (s)', kind: 'number', value: 20, check: between('The threshold', 1, 3600) },
    { name: 'strategy', label: 'Strategy', kind: 'select', options: ['LONGEST_IDLE', 'MOST_SKILLED', 'LEAST_OCCUPIED', 'ROUND_ROBIN'], value: 'LONGEST_IDLE' },
    { name: 'agentSelection', label: 'A free agent takes', kind: 'select', options: ['OLDEST_FIRST', 'PRIMARY_FIRST', 'THRESHOLD'], value: 'OLDEST_FIRST',
      hint: 'OLDEST_FIRST: the oldest contact of all their queues; PRIMARY_FIRST: their strongest skill\'s queues first, except another queue\'s contact at risk of missing its threshold, and a new contact goes to the agent who leaves the most cover; THRESHOLD: as PRIMARY_FIRST, and this queue\'s contacts from other agents only while it is behind its target' },
    { name: 'offerTimeoutSeconds', label: 'Offer rings for (s)', kind: 'number', value: 20, check: between('The offer timeout', 5, 600) },
    { name: 'maxWaitSeconds', label: 'Maximum wait (s, 0 = none)', kind: 'number', value: 0, check: between('The maximum wait', 0, 86400) },
    { name: 'overflowQueueId', label: 'Overflow queue', kind: 'select', options: ['', ...queues.map((q) => q.queueId)] },
    { name: 'businessHours', label: 'Own hours (empty: the tenant\'s)', hint: 'MONDAY 08:00-18:00; TUESDAY 08:00-18:00', check: (v) => { try { parseHours(v); return null; } catch (e) { return (e as Error).message; } } },
    { name: 'holidays', label: 'Own holidays (with own hours)', hint: '2026-12-25 Christmas Day; 2026-12-26 Boxing Day', check: parses(parseHolidays) },
    { name: 'recordCalls', label: 'Record calls', kind: 'checkbox' },
    { name: 'wrapUpSeconds', label: 'Wrap-up time (s)', kind: 'number', value: 0, check: between('The wrap-up time', 0, 3600) },
    { name: 'dispositions', label: 'Disposition codes', hint: 'CODE=Label; e.g. RESOLVED=Resolved; CALLBACK=Call back', check: parses(parseDispositions) },
    { name: 'cannedResponses', label: 'Canned responses', kind: 'textarea', hint: 'one per line: Title: text', check: parses(parseCanned) },
  ];
  const editor = form('Add or change a queue', fields, 'Save queue', async (v) => {
    const change = await api.put<Change>(`${base()}/queues/${v.queueId}`, {
      name: v.name, requiredSkills: parsePairs(v.requiredSkills, 'skill'), priority: Number(v.priority),
      serviceLevelPercent: Number(v.serviceLevelPercent), serviceLevelSeconds: Number(v.serviceLevelSeconds), strategy: v.strategy,
      offerTimeoutSeconds: Number(v.offerTimeoutSeconds), maxWaitSeconds: Number(v.maxWaitSeconds), agentSelection: v.agentSelection,
      overflowQueueId: v.overflowQueueId || null, businessHours: parseHours(v.businessHours), recordCalls: v.recordCalls === 'true',
      holidays: parseHolidays(v.holidays), wrapUpSeconds: Number(v.wrapUpSeconds), dispositions: parseDispositions(v.dispositions),
      cannedResponses: parseCanned(v.cannedResponses),
    });
    return done(saved(change));
  });
  const edit = (q: Queue) => editor.fill({
    queueId: q.queueId, name: q.settings.name, requiredSkills: formatPairs(q.settings.requiredSkills), priority: String(q.settings.priority),
    serviceLevelPercent: String(q.settings.serviceLevelPercent), serviceLevelSeconds: String(q.settings.serviceLevelSeconds),
    strategy: q.settings.strategy, agentSelection: q.settings.agentSelection ?? 'OLDEST_FIRST',
    offerTimeoutSeconds: String(q.settings.offerTimeoutSeconds), maxWaitSeconds: String(q.settings.maxWaitSeconds),
    overflowQueueId: q.settings.overflowQueueId ?? '', businessHours: formatHours(q.settings.businessHours), recordCalls: q.settings.recordCalls === true,
    holidays: formatHolidays(q.settings.holidays), wrapUpSeconds: String(q.settings.wrapUpSeconds ?? 0),
    dispositions: formatDispositions(q.settings.dispositions), cannedResponses: formatCanned(q.settings.cannedResponses),
  });
  return [list(edit), editor.element];
}

async function agentsPage(): Promise<HTMLElement[]> {
  const [agents, phones] = await Promise.all([api.get<Agent[]>(`${base()}/agents`), api.get<Phone[]>(`${base()}/phones`)]);
  const phoneOf = new Map(phones.map((p) => [p.agentId, p]));
  const phoneCell = (a: Agent): HTMLElement | string => {
    const phone = phoneOf.get(a.username);
    if (!phone) return '—';
    return h('span', {}, `set ${new Date(phone.updatedAt).toLocaleDateString()} `, canWrite() ? h('button', { class: 'danger', onclick: async () => {
      if (!window.confirm(`Withdraw ${a.username}'s phone password? Their phone can no longer register.`)) return;
      try { await api.delete(`${base()}/phones/${a.username}`); done(`Withdrew ${a.username}'s phone password.`); } catch (e) { done(e instanceof Error ? e.message : String(e)); }
    } }, 'Withdraw') : null);
  };
  const list = (edit?: (a: Agent) => void) => searchable('Agents', ['Username', 'Name', 'Role', 'Tenants', 'Skills', 'Enabled', 'SIP phone', ''], agents.map((a) => ({
    text: `${a.username} ${a.firstName} ${a.lastName} ${Object.keys(a.skills).join(' ')}`,
    cells: [a.username, `${a.firstName} ${a.lastName}`, a.role, a.tenants.join(', '), formatPairs(a.skills), a.enabled ? 'yes' : 'no',
      phoneCell(a), actions(() => edit?.(a), `agent ${a.username}`, `${base()}/agents/${a.username}`)],
  })));
  if (!canWrite()) return [list()];
  const existing = new Set(agents.map((a) => a.username));
  const fields: Field[] = [
    { name: 'username', label: 'Username', check: identifier('The username') },
    { name: 'firstName', label: 'First name', check: required('The first name') },
    { name: 'lastName', label: 'Last name', check: required('The last name') },
    { name: 'email', label: 'Email', check: (v) => (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? null : 'Enter an email address') },
    { name: 'role', label: 'Role', kind: 'select', options: ['AGENT', 'SUPERVISOR'], value: 'AGENT' },
    { name: 'tenants', label: 'Tenants served', value: tenantId, hint: `comma-separated; yours: ${me.writable.join(', ')}`,
      check: (v) => { const bad = v.split(',').map((t) => t.trim()).filter((t) => t && !me.writable.includes(t)); return !v.trim() ? 'At least one tenant' : bad.length ? `You do not administer ${bad.join(', ')}` : null; } },
    { name: 'skills', label: 'Skills', hint: 'skill:proficiency (1-5), e.g. billing:4, loans:2',
      check: (v) => { try { const bad = Object.entries(parsePairs(v, 'skill')).filter(([, l]) => l < 1 || l > 5); return bad.length ? `${bad[0][0]}: proficiency must be from 1 to 5` : null; } catch (e) { return (e as Error).message; } } },
    { name: 'capacity', label: 'Capacity', value: 'VOICE:1, CHAT:3, EMAIL:5, SMS:3, SOCIAL:3, FAX:5', check: (v) => { try { parsePairs(v, 'CHANNEL'); return null; } catch (e) { return (e as Error).message; } } },
    { name: 'password', label: 'Password (new agents; or to reset)', kind: 'password',
      check: (v) => (v && v.length < 8 ? 'At least 8 characters' : null) },
    { name: 'phonePassword', label: 'SIP phone password (to set or change)', kind: 'password',
      hint: 'the password the agent\'s desk phone or softphone registers with; kept only as a digest',
      check: (v) => (v && v.length < 12 ? 'At least 12 characters' : null) },
    { name: 'enabled', label: 'Enabled', kind: 'checkbox', value: true },
  ];
  const editor = form('Add or change an agent', fields, 'Save agent', async (v) => {
    if (!existing.has(v.username) && !v.password) throw new Error('A new agent needs a password');
    const change = await api.put<Change>(`${base()}/agents/${v.username}`, {
      firstName: v.firstName, lastName: v.lastName, email: v.email, role: v.role, enabled: v.enabled === 'true',
      tenants: v.tenants.split(',').map((t) => t.trim()).filter(Boolean), skills: parsePairs(v.skills, 'skill'),
      capacity: parsePairs(v.capacity, 'CHANNEL'), password: v.password || null,
    });
    if (v.phonePassword) {
      await api.put(`${base()}/phones/${v.username}`, { password: v.phonePassword });
      return done(`${saved(change)} Phone password set.`);
    }
    return done(saved(change));
  });
  const edit = (a: Agent) => editor.fill({
    username: a.username, firstName: a.firstName, lastName: a.lastName, email: a.email, role: a.role, tenants: a.tenants.join(', '),
    skills: formatPairs(a.skills), capacity: formatPairs(a.capacity), password: '', phonePassword: '', enabled: a.enabled,
  });
  return [list(edit), editor.element];
}

/** The prompts a menu or the closed prompt may name: the tenant's recordings, then the built-in ones. */
async function promptNames(): Promise<string[]> {
  const prompts = await api.get<Prompt[]>(`${base()}/prompts`);
  return [...prompts.map((p) => p.name), ...BUILT_IN_PROMPTS];
}

function menuSummary(ivr: Ivr | null | undefined): string {
  if (!ivr) return '—';
  const keys = ivr.choices.map((c) => `${c.key}→${c.queueId}`).join(', ');
  const branches = ivr.branches.map((b) => `${b.days.map((d) => d.slice(0, 3)).join(',')} ${b.from.slice(0, 5)}-${b.until.slice(0, 5)}→${b.queueId}`).join('; ');
  return [`${ivr.prompt}: ${keys || 'no keys'}`, branches].filter(Boolean).join(' · ');
}

async function entryPointsPage(): Promise<HTMLElement[]> {
  const [points, queues, prompts] = await Promise.all([api.get<EntryPoint[]>(`${base()}/entry-points`),
    api.get<Queue[]>(`${base()}/queues`), promptNames()]);
  const queueIds = new Set(queues.map((q) => q.queueId));
  const list = (edit?: (p: EntryPoint) => void) => searchable('Entry points', ['Channel', 'Address', 'Queue', 'Menu', ''], points.map((p) => ({
    text: `${p.channel} ${p.address} ${p.queueId} ${menuSummary(p.ivr)}`,
    cells: [p.channel, p.address, p.queueId, menuSummary(p.ivr),
      actions(() => edit?.(p), `${p.channel} entry point ${p.address}`, `${base()}/entry-points/${p.channel}/${encodeURIComponent(p.address)}`)],
  })));
  if (!canWrite()) return [list()];
  const unknownQueues = (ids: string[]) => ids.filter((q) => !queueIds.has(q));
  const editor = form('Add or change an entry point', [
    { name: 'channel', label: 'Channel', kind: 'select', options: ['VOICE', 'EMAIL', 'CHAT', 'SMS', 'SOCIAL', 'FAX'], value: 'VOICE' },
    { name: 'address', label: 'Address', hint: 'a number (+44 20 7946 0000), an email address, a widget id or a social account (whatsapp:<phone number id>, messenger:<page id>, instagram:<account id>, telegram:<bot>)', check: required('The address') },
    { name: 'queueId', label: 'Queue', kind: 'select', options: queues.map((q) => q.queueId) },
    { name: 'ivrPrompt', label: 'IVR menu prompt (numbers only; empty: no menu)', kind: 'select', options: ['', ...prompts] },
    { name: 'ivrChoices', label: 'IVR keys', hint: 'KEY=queue; e.g. 1=billing; 2=loans',
      check: (v) => { try { const bad = unknownQueues(parseChoices(v).map((c) => c.queueId)); return bad.length ? `no queue "${bad[0]}"` : null; } catch (e) { return (e as Error).message; } } },
    { name: 'ivrTimeoutSeconds', label: 'No key after (s)', kind: 'number', value: 8, check: between('The wait for a key', 1, 60) },
    { name: 'ivrTimeoutQueueId', label: 'Then go to (empty: the entry point\'s queue)', kind: 'select', options: ['', ...queues.map((q) => q.queueId)] },
    { name: 'ivrBranches', label: 'Time-of-day branches (skip the menu)', kind: 'textarea',
      hint: 'one per line, first match wins, tenant\'s time: DAYS HH:MM-HH:MM queue [prompt], e.g. SATURDAY,SUNDAY 09:00-13:00 weekend',
      check: (v) => {
        try {
          const branches = parseBranches(v);
          const bad = unknownQueues(branches.map((b) => b.queueId));
          const silent = branches.find((b) => b.prompt && !prompts.includes(b.prompt));
          return bad.length ? `no queue "${bad[0]}"` : silent ? `no prompt "${silent.prompt}"` : null;
        } catch (e) { return (e as Error).message; }
      } },
  ], 'Save entry point', async (v) => {
    const choices = parseChoices(v.ivrChoices);
    const branches = parseBranches(v.ivrBranches);
    if (!v.ivrPrompt && (choices.length || branches.length)) throw new Error('Choose the prompt callers hear, or clear the keys and branches');
    if (v.ivrPrompt && v.channel !== 'VOICE') throw new Error('Only a VOICE entry point has an IVR menu');
    if (v.ivrPrompt && !choices.length && !branches.length) throw new Error('A menu needs at least one key or one time branch');
    const ivr = v.ivrPrompt ? { prompt: v.ivrPrompt, choices, timeoutSeconds: Number(v.ivrTimeoutSeconds),
      timeoutQueueId: v.ivrTimeoutQueueId || null, branches } : null;
    const change = await api.put<Change>(`${base()}/entry-points`, { channel: v.channel, address: v.address, queueId: v.queueId, ivr });
    return done(saved(change));
  });
  const edit = (p: EntryPoint) => editor.fill({
    channel: p.channel, address: p.address, queueId: p.queueId, ivrPrompt: p.ivr?.prompt ?? '', ivrChoices: formatChoices(p.ivr?.choices),
    ivrTimeoutSeconds: String(p.ivr?.timeoutSeconds ?? 8), ivrTimeoutQueueId: p.ivr?.timeoutQueueId ?? '', ivrBranches: formatBranches(p.ivr?.branches),
  });
  return [list(edit), editor.element];
}

async function promptsPage(): Promise<HTMLElement[]> {
  const prompts = await api.get<Prompt[]>(`${base()}/prompts`);
  const player = h('audio', { controls: true, class: 'player', 'aria-label': 'Prompt player' }) as HTMLAudioElement;
  const play = (p: Prompt) => h('button', { class: 'edit', onclick: async () => {
    const audio = await api.blob(`${base()}/prompts/${p.name}/audio`);
    if (player.src) URL.revokeObjectURL(player.src);
    player.src = URL.createObjectURL(audio);
    await player.play().catch(() => undefined);
  } }, 'Play');
  const list = searchable('Prompts', ['Name', 'What it says', 'Length', 'Updated', ''], prompts.map((p) => ({
    text: `${p.name} ${p.description ?? ''}`,
    cells: [p.name, p.description ?? '', `${p.seconds.toFixed(1)} s`, new Date(p.updatedAt).toLocaleString(),
      h('span', { class: 'row-actions' }, play(p), deleteButton(`prompt ${p.name}`, `${base()}/prompts/${p.name}`))],
  })));
  const builtIn = h('p', { class: 'hint' }, `Built-in prompts any menu may name: ${BUILT_IN_PROMPTS.join(', ')}.`);
  if (!canWrite()) return [list, player, builtIn];
  const upload = form('Upload or replace a prompt', [
    { name: 'name', label: 'Name', hint: 'lower-case letters, digits or dashes, e.g. main-menu',
      check: (v) => (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(v) ? 'The name is 1-40 lower-case letters, digits or dashes'
        : BUILT_IN_PROMPTS.includes(v) ? `"${v}" is a built-in prompt; choose another name` : null) },
    { name: 'description', label: 'What it says', hint: 'e.g. For billing press 1, for loans press 2', check: (v) => (v.length > 500 ? 'At most 500 characters' : null) },
    { name: 'audio', label: 'Recording (WAV, up to 60 s)', kind: 'file', accept: 'audio/wav,audio/x-wav,.wav', check: (v) => (v ? null : 'Choose a WAV file') },
  ], 'Upload prompt', async (v, files) => {
    const file = files.audio;
    if (!file) throw new Error('Choose a WAV file');
    const change = await api.upload<Change>(`${base()}/prompts/${v.name}?description=${encodeURIComponent(v.description)}`, file, 'audio/wav');
    return done(change.changed ? `Uploaded ${v.name}; callers hear it from now on.` : 'No change.');
  });
  return [list, player, builtIn, upload.element];
}

async function tenantPage(): Promise<HTMLElement[]> {
  let tenant: Tenant | undefined;
  try { tenant = await api.get<Tenant>(base()); } catch { tenant = undefined; }
  const queues = tenant ? await api.get<Queue[]>(`${base()}/queues`) : [];
  const prompts = tenant ? await promptNames() : BUILT_IN_PROMPTS;
  const s = tenant?.settings;
  const summary = h('section', { class: 'card' }, h('h3', {}, tenant ? s!.name : `${tenantId} is not configured yet`),
    tenant ? h('p', {}, `${s!.timeZone} · phone region ${s!.defaultRegion} · default queue ${s!.defaultQueueId ?? '—'} · hours ${formatHours(s!.businessHours) || 'always open'}${s!.holidays?.length ? ` · holidays ${formatHolidays(s!.holidays)}` : ''}`) : null);
  if (!canWrite()) return [summary];
  return [summary, form('Tenant settings', [
    { name: 'name', label: 'Name', value: s?.name ?? '', check: required('The name') },
    { name: 'timeZone', label: 'Time zone', value: s?.timeZone ?? 'Europe/London', hint: 'IANA zone, e.g. Europe/London',
      check: (v) => { try { new Intl.DateTimeFormat('en', { timeZone: v }); return null; } catch { return `"${v}" is not a time zone`; } } },
    { name: 'defaultRegion', label: 'Phone region', value: s?.defaultRegion ?? 'GB', check: (v) => (/^[A-Z]{2}$/.test(v) ? null : 'Two capital letters, e.g. GB') },
    { name: 'routingDomain', label: 'Routing domain (tenants sharing agents)', value: s?.routingDomain ?? '' },
    { name: 'defaultQueueId', label: 'Default queue', kind: 'select', options: ['', ...queues.map((q) => q.queueId)], value: s?.defaultQueueId ?? '' },
    { name: 'businessHours', label: 'Business hours', value: formatHours(s?.businessHours), hint: 'MONDAY 08:00-18:00; ... (empty: always open)',
      check: (v) => { try { parseHours(v); return null; } catch (e) { return (e as Error).message; } } },
    { name: 'holidays', label: 'Holidays (closed all day)', value: formatHolidays(s?.holidays), hint: '2026-12-25 Christmas Day; 2026-12-26 Boxing Day', check: parses(parseHolidays) },
    { name: 'closedPrompt', label: 'Closed prompt', kind: 'select', options: ['', ...prompts], value: s?.closedPrompt ?? '',
      hint: 'played once to a caller who waits while their queue is closed (empty: queue music only)' },
    { name: 'closedMessage', label: 'Closed message', kind: 'textarea', value: s?.closedMessage ?? '',
      hint: 'sent once to a chat, mail, SMS or social contact that waits while its queue is closed (empty: none)',
      check: (v) => (v.length > 1000 ? 'At most 1000 characters' : null) },
  ], 'Save tenant', async (v) => done(saved(await api.put<Change>(base(), {
    name: v.name, timeZone: v.timeZone, defaultRegion: v.defaultRegion, routingDomain: v.routingDomain || null,
    defaultQueueId: v.defaultQueueId || null, businessHours: parseHours(v.businessHours), holidays: parseHolidays(v.holidays),
    closedMessage: v.closedMessage || null, closedPrompt: v.closedPrompt || null,
  })))).element];
}

async function auditPage(): Promise<HTMLElement[]> {
  const lines = await api.get<{ id: number; at: string; actor: string; action: string; entityType: string; entityId: string; before: unknown; after: unknown }[]>(`${base()}/audit?limit=200`);
  return [searchable('Audit log', ['When', 'Who', 'What', 'Before', 'After'], lines.map((l) => ({
    text: `${l.actor} ${l.action} ${l.entityType} ${l.entityId}`,
    cells: [new Date(l.at).toLocaleString(), l.actor, `${l.action} ${l.entityType} ${l.entityId}`,
      h('code', {}, l.before ? JSON.stringify(l.before) : '—'), h('code', {}, l.after ? JSON.stringify(l.after) : '—')],
  })))];
}

await render();
