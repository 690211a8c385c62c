/**
 * The Reports tab for supervisors: a tenant's figures per queue, agent or channel from the reporting
 * service (read through the desktop with the supervisor's own token), by 15-minute interval, day,
 * week or month, as a table and charts, and as CSV or XLSX downloads of exactly the same rows.
 */
import { Api, ApiError } from './api';
import { h } from './format';
import { SchedulesSection } from './schedules';
import type { Me } from './types';

type Row = Record<string, string | number | null>;

interface Report {
  tenant: string;
  report: 'queues' | 'agents' | 'channels';
  granularity: string;
  timeZone: string;
  rows: Row[];
}

const KEY: Record<Report['report'], string> = { queues: 'queue', agents: 'agent', channels: 'channel' };
const SVG = 'http://www.w3.org/2000/svg';

export class ReportsPage {
  readonly element = h('main', { class: 'reports', hidden: true, 'aria-label': 'Reports' });
  private readonly tenant: HTMLSelectElement;
  private readonly kind = h('select', { id: 'report-kind', 'aria-label': 'Report' },
    h('option', { value: 'queues' }, 'Queues'), h('option', { value: 'agents' }, 'Agents'), h('option', { value: 'channels' }, 'Channels'));
  private readonly granularity = h('select', { id: 'report-granularity', 'aria-label': 'Rows' },
    h('option', { value: 'interval' }, '15 minutes'), h('option', { value: 'day' }, 'Days'),
    h('option', { value: 'week' }, 'Weeks'), h('option', { value: 'month' }, 'Months'));
  private readonly from = h('input', { id: 'report-from', type: 'date', 'aria-label': 'From' }) as HTMLInputElement;
  private readonly to = h('input', { id: 'report-to', type: 'date', 'aria-label': 'To (exclusive)' }) as HTMLInputElement;
  private readonly target = h('input', { id: 'report-target', type: 'number', min: '0', max: '100', value: '80', 'aria-label': 'Service level target (%)' }) as HTMLInputElement;
  private readonly body = h('div', { class: 'report-body' });
  private readonly schedules: SchedulesSection;

  constructor(
    private readonly api: Api,
    me: Me,
    private readonly toast: (text: string, error?: boolean) => void,
  ) {
    this.tenant = h('select', { id: 'report-tenant', 'aria-label': 'Tenant' }, ...me.tenants.map((t) => h('option', { value: t }, t)));
    const today = new Date();
    this.from.value = isoDate(today);
    this.to.value = isoDate(new Date(today.getTime() + 86_400_000));
    this.granularity.value = 'interval';
    this.element.replaceChildren(
      h('section', { class: 'report-controls' },
        this.tenant, this.kind, this.granularity,
        h('label', {}, 'From ', this.from), h('label', {}, 'to ', this.to),
        h('label', {}, 'SL target % ', this.target),
        h('button', { id: 'report-show', class: 'primary', onclick: () => this.show() }, 'Show'),
        h('button', { id: 'report-csv', onclick: () => this.download('text/csv', 'csv') }, 'CSV'),
        h('button', {
          id: 'report-xlsx',
          onclick: () => this.download('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'),
        }, 'XLSX')),
      this.body);
    this.schedules = new SchedulesSection(api, () => this.tenant.value, toast);
    this.element.append(this.schedules.element);
    this.tenant.addEventListener('change', () => void this.schedules.refresh());
  }

  private path(): string {
    const query = new URLSearchParams({ from: this.from.value, to: this.to.value, granularity: this.granularity.value });
    return `/reports/tenants/${encodeURIComponent(this.tenant.value)}/${this.kind.value}?${query}`;
  }

  async show(): Promise<void> {
    void this.schedules.refresh();
    this.body.replaceChildren(h('p', { class: 'empty' }, 'Loading…'));
    let report: Report;
    try {
      report = await this.api.get<Report>(this.path());
    } catch (error) {
      this.body.replaceChildren(h('p', { class: 'empty', role: 'alert' }, error instanceof ApiError ? error.message : String(error)));
      return;
    }
    const key = KEY[report.report];
    this.body.replaceChildren(
      h('p', { class: 'meta', id: 'report-zone' }, `Times in ${report.timeZone}; each contact counts in the interval it was offered.`),
      h('div', { class: 'charts' },
        this.serviceLevelChart(report.rows),
        this.volumeChart(report.rows),
        report.report === 'agents' ? this.occupancyChart(report.rows) : null),
      report.rows.length === 0 ? h('p', { class: 'empty' }, 'No contacts in this period.') : this.table(report, key));
  }

  private table(report: Report, key: string): HTMLElement {
    const agent = report.report === 'agents';
    const headers = ['Start', key.charAt(0).toUpperCase() + key.slice(1), 'Offered', 'Answered', 'Abandoned', 'Short abandons', 'Service level',
      'ASA', 'AHT', 'Talk', 'Hold', 'Wrap-up', 'Transfers', 'Overflows', 'FCR', 'CSAT', 'Surveys', ...(agent ? ['Occupancy', 'Utilisation'] : [])];
    return h('table', { class: 'grid', id: 'report-table' },
      h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', {}, t)))),
      h('tbody', {}, ...report.rows.map((r) => h('tr', {},
        h('td', {}, start(String(r.start), report.granularity)), h('td', {}, String(r[key] ?? '')),
        h('td', {}, String(r.offered)), h('td', {}, String(r.answered)), h('td', {}, String(r.abandoned)),
        h('td', {}, String(r.shortAbandoned)), h('td', {}, percent(r.serviceLevel)), h('td', {}, seconds(r.asaSeconds)),
        h('td', {}, seconds(r.ahtSeconds)), h('td', {}, seconds(r.avgTalkSeconds)), h('td', {}, seconds(r.avgHoldSeconds)),
        h('td', {}, seconds(r.avgWrapUpSeconds)), h('td', {}, String(r.transfers)), h('td', {}, String(r.overflows)),
        h('td', {}, percent(r.fcrRate)), h('td', { title: r.avgSurveyScore == null ? '' : `average score ${Number(r.avgSurveyScore).toFixed(2)} of 5` }, percent(r.csat)),
        h('td', {}, String(r.surveys ?? 0)),
        ...(agent ? [h('td', {}, percent(r.occupancy)), h('td', {}, percent(r.utilisation))] : [])))));
  }

  /** Service level of all rows at each start (from the sums, never an average of rates) against the target. */
  private serviceLevelChart(rows: Row[]): HTMLElement {
    const points = byStart(rows, (group) => {
      const within = sum(group, 'answeredWithinThreshold');
      const counted = sum(group, 'answered') + sum(group, 'abandoned');
      return counted === 0 ? null : within / counted;
    });
    return chart('Service level against target', points, { max: 1, target: Number(this.target.value) / 100, format: percent, id: 'chart-sl' });
  }

  private volumeChart(rows: Row[]): HTMLElement {
    return chart('Offered contacts', byStart(rows, (group) => sum(group, 'offered')), { bars: true, format: (v) => String(v), id: 'chart-volume' });
  }

  private occupancyChart(rows: Row[]): HTMLElement {
    const agents = new Map<string, { busy: number; idle: number }>();
    for (const r of rows) {
      const a = agents.get(String(r.agent)) ?? { busy: 0, idle: 0 };
      a.busy += Number(r.busySeconds ?? 0);
      a.idle += Number(r.availableIdleSeconds ?? 0);
      agents.set(String(r.agent), a);
    }
    const points = [...agents.entries()].map(([agent, t]) => ({ label: agent, value: t.busy + t.idle === 0 ? null : t.busy / (t.busy + t.idle) }));
    return chart('Agent occupancy', points, { bars: true, max: 1, format: percent, id: 'chart-occupancy' });
  }

  private async download(accept: string, extension: string): Promise<void> {
    try {
      const link = h('a', {
        href: URL.createObjectURL(await this.api.blob(this.path(), accept)),
        download: `report-${this.tenant.value}-${this.kind.value}-${this.from.value}.${extension}`,
      });
      document.body.append(link);
      link.click();
      link.remove();
    } catch (error) {
      this.toast(error instanceof ApiError ? error.message : String(error), true);
    }
  }
}

interface Point {
  label: string;
  value: number | null;
}

function byStart(rows: Row[], value: (group: Row[]) => number | null): Point[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(String(r.start), [...(groups.get(String(r.start)) ?? []), r]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, group]) => ({ label: label.slice(11, 16) || label, value: value(group) }));
}

/** A small SVG chart: bars or a line, with an optional target line. */
function chart(title: string, points: Point[], options: { max?: number; target?: number; bars?: boolean; format: (v: number) => string; id: string }): HTMLElement {
  const width = 480;
  const height = 160;
  const pad = 24;
  const max = options.max ?? Math.max(1, ...points.map((p) => p.value ?? 0));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  const x = (i: number) => pad + (points.length <= 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v: number) => height - pad - (v / max) * (height - 2 * pad);
  const add = (tag: string, attributes: Record<string, string | number>, text?: string) => {
    const element = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, String(v));
    if (text) element.textContent = text;
    svg.append(element);
    return element;
  };
  add('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, class: 'axis' });
  if (options.target !== undefined) add('line', { x1: pad, y1: y(options.target), x2: width - pad, y2: y(options.target), class: 'target' });
  const barWidth = Math.max(2, (width - 2 * pad) / Math.max(points.length, 1) - 2);
  let path = '';
  points.forEach((p, i) => {
    if (p.value === null) return;
    if (options.bars) {
      add('rect', { x: x(i) - barWidth / 2, y: y(p.value), width: barWidth, height: height - pad - y(p.value), class: 'bar' })
        .append(Object.assign(document.createElementNS(SVG, 'title'), { textContent: `${p.label}: ${options.format(p.value)}` }));
    } else {
      path += `${path ? 'L' : 'M'}${x(i)},${y(p.value)}`;
      add('circle', { cx: x(i), cy: y(p.value), r: 2.5, class: 'point' })
        .append(Object.assign(document.createElementNS(SVG, 'title'), { textContent: `${p.label}: ${options.format(p.value)}` }));
    }
  });
  if (path) add('path', { d: path, class: 'line' });
  if (points.length) {
    add('text', { x: pad, y: height - 6, class: 'tick' }, points[0].label);
    add('text', { x: width - pad, y: height - 6, class: 'tick end' }, points[points.length - 1].label);
  }
  return h('figure', { class: 'chart', id: options.id }, h('figcaption', {}, title), svg as unknown as HTMLElement);
}

function sum(rows: Row[], field: string): number {
  return rows.reduce((total, r) => total + Number(r[field] ?? 0), 0);
}

function percent(value: unknown): string {
  return value === null || value === undefined ? '–' : `${(Number(value) * 100).toFixed(1)}%`;
}

function seconds(value: unknown): string {
  return value === null || value === undefined ? '–' : `${Number(value).toFixed(0)} s`;
}

function start(value: string, granularity: string): string {
  return granularity === 'interval' ? value.slice(0, 16).replace('T', ' ') : value.slice(0, 10);
}

function isoDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
