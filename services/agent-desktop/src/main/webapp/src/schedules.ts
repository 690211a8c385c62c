/**
 * Scheduled reports on the Reports tab: a tenant's daily, weekly and monthly reports mailed as PDF or
 * XLSX to its client contacts by the reporting service, with each schedule's delivery history.
 */
import { Api, ApiError } from './api';
import { h } from './format';

interface Schedule {
  id: string;
  name: string;
  frequency: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  weekday: string | null;
  sendAt: string;
  views: string[];
  granularity: string;
  format: 'PDF' | 'XLSX';
  recipients: string[];
}

interface Delivery {
  periodFrom: string;
  periodTo: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export class SchedulesSection {
  readonly element = h('section', { class: 'report-schedules', id: 'report-schedules' });
  private readonly list = h('div', {});
  private readonly history = h('div', { id: 'schedule-deliveries' });
  private readonly name = h('input', { id: 'schedule-name', placeholder: 'Name', 'aria-label': 'Schedule name' }) as HTMLInputElement;
  private readonly frequency = h('select', { id: 'schedule-frequency', 'aria-label': 'Frequency' },
    h('option', { value: 'DAILY' }, 'Daily'), h('option', { value: 'WEEKLY' }, 'Weekly'), h('option', { value: 'MONTHLY' }, 'Monthly')) as HTMLSelectElement;
  private readonly weekday = h('select', { id: 'schedule-weekday', 'aria-label': 'Weekday' },
    ...WEEKDAYS.map((d) => h('option', { value: d }, d.charAt(0) + d.slice(1).toLowerCase()))) as HTMLSelectElement;
  private readonly sendAt = h('input', { id: 'schedule-send-at', type: 'time', value: '07:00', 'aria-label': 'Send at' }) as HTMLInputElement;
  private readonly format = h('select', { id: 'schedule-format', 'aria-label': 'Format' },
    h('option', { value: 'XLSX' }, 'XLSX'), h('option', { value: 'PDF' }, 'PDF')) as HTMLSelectElement;
  private readonly recipients = h('input', {
    id: 'schedule-recipients', placeholder: 'client@example.com, other@example.com', 'aria-label': 'Recipients',
  }) as HTMLInputElement;

  constructor(
    private readonly api: Api,
    private readonly tenant: () => string,
    private readonly toast: (text: string, error?: boolean) => void,
  ) {
    this.element.replaceChildren(
      h('h2', {}, 'Scheduled reports'),
      h('p', { class: 'hint' }, 'Mailed to the client\'s contacts after each day, week (on the weekday) or month, in the tenant\'s time zone.'),
      this.list,
      h('div', { class: 'report-controls' },
        this.name, this.frequency, this.weekday, h('label', {}, 'at ', this.sendAt), this.format, this.recipients,
        h('button', { id: 'schedule-save', class: 'primary', onclick: () => this.save() }, 'Add schedule')),
      this.history);
  }

  private base(): string {
    return `/reports/tenants/${encodeURIComponent(this.tenant())}/schedules`;
  }

  async refresh(): Promise<void> {
    let schedules: Schedule[];
    try {
      schedules = await this.api.get<Schedule[]>(this.base());
    } catch (error) {
      this.list.replaceChildren(h('p', { class: 'empty', role: 'alert' }, error instanceof ApiError ? error.message : String(error)));
      return;
    }
    this.list.replaceChildren(schedules.length === 0 ? h('p', { class: 'empty' }, 'No scheduled reports yet.') :
      h('table', { class: 'grid', id: 'schedules' },
        h('thead', {}, h('tr', {}, ...['Name', 'When', 'Format', 'Recipients', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, ...schedules.map((s) => h('tr', { 'data-schedule': s.id },
          h('td', {}, s.name), h('td', {}, `${s.frequency.toLowerCase()}${s.weekday ? ` on ${s.weekday.toLowerCase()}` : ''} at ${s.sendAt}`),
          h('td', {}, s.format), h('td', {}, s.recipients.join(', ')),
          h('td', {},
            h('button', { onclick: () => this.deliveries(s) }, 'History'),
            h('button', { onclick: () => this.remove(s) }, 'Delete')))))));
  }

  private async save(): Promise<void> {
    const body = {
      name: this.name.value.trim(),
      frequency: this.frequency.value,
      weekday: this.frequency.value === 'WEEKLY' ? this.weekday.value : null,
      sendAt: this.sendAt.value,
      views: ['queues', 'agents', 'channels'],
      granularity: this.frequency.value === 'DAILY' ? 'interval' : 'day',
      format: this.format.value,
      recipients: this.recipients.value.split(',').map((r) => r.trim()).filter((r) => r),
    };
    try {
      await this.api.send('PUT', `${this.base()}/${crypto.randomUUID()}`, body);
      this.toast('Schedule saved');
      this.name.value = '';
      this.recipients.value = '';
      await this.refresh();
    } catch (error) {
      this.toast(error instanceof ApiError ? error.message : String(error), true);
    }
  }

  private async remove(schedule: Schedule): Promise<void> {
    try {
      await this.api.send('DELETE', `${this.base()}/${schedule.id}`);
      this.toast(`Schedule ${schedule.name} deleted`);
      this.history.replaceChildren();
      await this.refresh();
    } catch (error) {
      this.toast(error instanceof ApiError ? error.message : String(error), true);
    }
  }

  private async deliveries(schedule: Schedule): Promise<void> {
    try {
      const sent = await this.api.get<Delivery[]>(`${this.base()}/${schedule.id}/deliveries?limit=50`);
      this.history.replaceChildren(h('h3', {}, `Deliveries of ${schedule.name}`), sent.length === 0 ? h('p', { class: 'empty' }, 'Nothing due yet.') :
        h('table', { class: 'grid' },
          h('thead', {}, h('tr', {}, ...['Period', 'Status', 'Attempts', 'Sent', 'Last error'].map((t) => h('th', {}, t)))),
          h('tbody', {}, ...sent.map((d) => h('tr', {},
            h('td', {}, d.periodFrom === d.periodTo ? d.periodFrom : `${d.periodFrom} – ${d.periodTo}`), h('td', {}, d.status.toLowerCase()),
            h('td', {}, String(d.attempts)), h('td', {}, d.sentAt ?? ''), h('td', {}, d.lastError ?? ''))))));
    } catch (error) {
      this.toast(error instanceof ApiError ? error.message : String(error), true);
    }
  }
}
