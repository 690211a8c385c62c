import type { Api } from './api';
import { h } from './dom';
import { between, form } from './form';

interface IntervalPlan { start: string; contacts: number; load: number; agents: number; scheduled: number; serviceLevel: number; probabilityOfWaiting: number; averageSpeedOfAnswerSeconds: number | null; occupancy: number; abandonRate: number | null }

/** Agents needed per interval across the day, as bars. */
function chart(plans: IntervalPlan[]): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const width = 720, height = 220, pad = 28;
  const max = Math.max(1, ...plans.map((p) => p.scheduled));
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Agents needed per interval');
  const bar = (width - 2 * pad) / Math.max(1, plans.length);
  plans.forEach((p, i) => {
    for (const [value, cls] of [[p.scheduled, 'scheduled'], [p.agents, 'needed']] as const) {
      const rect = document.createElementNS(ns, 'rect');
      const barHeight = (value / max) * (height - 2 * pad);
      rect.setAttribute('x', String(pad + i * bar + 1));
      rect.setAttribute('y', String(height - pad - barHeight));
      rect.setAttribute('width', String(Math.max(1, bar - 2)));
      rect.setAttribute('height', String(barHeight));
      rect.setAttribute('class', cls);
      svg.append(rect);
    }
    if (i % Math.ceil(plans.length / 12) === 0) {
      const label = document.createElementNS(ns, 'text');
      label.setAttribute('x', String(pad + i * bar));
      label.setAttribute('y', String(height - 8));
      label.textContent = p.start.slice(0, 5);
      svg.append(label);
    }
  });
  return svg;
}

/** The staffing form and trunk sizing; `tenantPath` and `queues` feed the forecast from observed traffic. */
export function planner(api: Api, tenantPath: string, queues: string[]): HTMLElement {
  const result = h('div', { class: 'plan' });
  const staffing = form('Staffing (Erlang C; Erlang A with patience)', [
    { name: 'start', label: 'First interval starts', value: '08:00', check: (v) => (/^\d{2}:\d{2}$/.test(v) ? null : 'HH:MM') },
    { name: 'intervalMinutes', label: 'Interval (minutes)', kind: 'select', options: ['15', '30', '60'], value: '30' },
    { name: 'contacts', label: 'Forecast contacts per interval', value: '40, 70, 100, 120, 110, 90, 80, 60', check: (v) => (v.split(',').every((x) => x.trim() !== '' && Number(x) >= 0) ? null : 'Comma-separated numbers') },
    { name: 'handleSeconds', label: 'Average handle time (s)', kind: 'number', value: 180, check: between('The handle time', 1, 36000) },
    { name: 'serviceLevelPercent', label: 'Service level %', kind: 'number', value: 80, check: between('The target', 1, 99) },
    { name: 'serviceLevelSeconds', label: 'within (s)', kind: 'number', value: 20, check: between('The threshold', 1, 3600) },
    { name: 'shrinkagePercent', label: 'Shrinkage %', kind: 'number', value: 30, check: between('Shrinkage', 0, 99) },
    { name: 'patienceSeconds', label: 'Caller patience (s, empty: Erlang C)', kind: 'text' },
  ], 'Plan', async (v) => {
    const [hours, minutes] = v.start.split(':').map(Number);
    const step = Number(v.intervalMinutes);
    const intervals = v.contacts.split(',').map((x, i) => {
      const total = hours * 60 + minutes + i * step;
      return { start: `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`, contacts: Number(x) };
    });
    const plans = await api.post<IntervalPlan[]>('/planner/staffing', {
      intervalMinutes: step, intervals, handleSeconds: Number(v.handleSeconds), serviceLevelSeconds: Number(v.serviceLevelSeconds),
      serviceLevelPercent: Number(v.serviceLevelPercent), shrinkagePercent: Number(v.shrinkagePercent),
      patienceSeconds: v.patienceSeconds ? Number(v.patienceSeconds) : null,
    });
    result.replaceChildren(chart(plans), h('table', {},
      h('thead', {}, h('tr', {}, ...['Start', 'Contacts', 'Erlangs', 'Agents', 'Scheduled', 'SL', 'P(wait)', 'ASA', 'Occupancy'].map((x) => h('th', {}, x)))),
      h('tbody', {}, ...plans.map((p) => h('tr', {}, ...[p.start.slice(0, 5), String(p.contacts), p.load.toFixed(2), String(p.agents), String(p.scheduled),
        `${(p.serviceLevel * 100).toFixed(1)}%`, `${(p.probabilityOfWaiting * 100).toFixed(1)}%`,
        p.averageSpeedOfAnswerSeconds === null ? '—' : `${p.averageSpeedOfAnswerSeconds.toFixed(1)} s`, `${(p.occupancy * 100).toFixed(1)}%`].map((c) => h('td', {}, c)))))));
    return `Peak: ${Math.max(...plans.map((p) => p.scheduled))} agents scheduled.`;
  });
  const observed = form('Forecast from observed traffic', [
    { name: 'queueId', label: 'Queue', kind: 'select', options: queues },
    { name: 'date', label: 'Day to plan', value: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), check: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'YYYY-MM-DD') },
    { name: 'weeks', label: 'Weeks of history (same weekday)', kind: 'number', value: 4, check: between('Weeks', 1, 52) },
    { name: 'intervalMinutes', label: 'Interval (minutes)', kind: 'select', options: ['15', '30', '60'], value: '30' },
  ], 'Use as forecast', async (v) => {
    const forecast = await api.get<{ intervals: { start: string; contacts: number }[] }>(
      `${tenantPath}/queues/${encodeURIComponent(v.queueId)}/forecast?date=${v.date}&weeks=${v.weeks}&intervalMinutes=${v.intervalMinutes}`);
    const busy = forecast.intervals.filter((i) => i.contacts > 0);
    if (busy.length === 0) return 'No contacts on that weekday in the weeks read.';
    const first = forecast.intervals.indexOf(busy[0]);
    const last = forecast.intervals.indexOf(busy[busy.length - 1]);
    const day = forecast.intervals.slice(first, last + 1);
    staffing.fill({ start: day[0].start.slice(0, 5), intervalMinutes: v.intervalMinutes,
      contacts: day.map((i) => String(Math.round(i.contacts * 10) / 10)).join(', ') });
    return `Forecast of ${day.length} intervals from ${day[0].start.slice(0, 5)} filled in; press Plan.`;
  });
  const trunkResult = h('p', { class: 'plan' });
  const trunk = form('Trunk sizing (Erlang B and bandwidth)', [
    { name: 'busyHourErlangs', label: 'Busy-hour traffic (Erlangs)', kind: 'text', value: '10', check: (v) => (Number(v) > 0 ? null : 'A positive number') },
    { name: 'blockingPercent', label: 'Blocking target %', kind: 'text', value: '1', check: (v) => (Number(v) > 0 && Number(v) < 100 ? null : 'Above 0 and below 100') },
    { name: 'codec', label: 'Codec', kind: 'select', options: ['G711', 'G729', 'GSM', 'OPUS'], value: 'G711' },
    { name: 'opusKbps', label: 'Opus bit rate (kb/s)', kind: 'text', value: '24' },
    { name: 'packetMillis', label: 'Packetisation (ms)', kind: 'number', value: 20, check: between('Packetisation', 10, 60) },
    { name: 'ethernet', label: 'Count Ethernet framing', kind: 'checkbox', value: true },
  ], 'Size trunk', async (v) => {
    const plan = await api.post<{ channels: number; kbpsPerCall: number; kbpsTotal: number }>('/planner/trunk', {
      busyHourErlangs: Number(v.busyHourErlangs), blockingPercent: Number(v.blockingPercent), codec: v.codec,
      opusKbps: v.codec === 'OPUS' ? Number(v.opusKbps) : null, packetMillis: Number(v.packetMillis), ethernet: v.ethernet === 'true',
    });
    trunkResult.textContent = `${plan.channels} channels; ${plan.kbpsPerCall.toFixed(1)} kb/s per call and ${(plan.kbpsTotal / 1000).toFixed(2)} Mb/s in all, each direction.`;
  });
  return h('div', { class: 'planner' }, h('div', { class: 'stack' }, staffing.element, observed.element), result, trunk.element, trunkResult);
}
