type Attrs = Record<string, string | number | boolean | ((event: Event) => void) | undefined>;
type Child = Node | string | null | undefined | false;

/** Creates an element with attributes (on* become listeners) and children. */
export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value);
    } else if (value === true) {
      element.setAttribute(key, '');
    } else {
      element.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** Parses "a:1, b:2" into { a: 1, b: 2 }; throws with a reason a person can act on. */
export function parsePairs(text: string, what: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([A-Za-z0-9_-]+)\s*:\s*(\d+)$/.exec(part);
    if (!match) throw new Error(`"${part}" is not ${what}:number`);
    result[match[1]] = Number(match[2]);
  }
  return result;
}

export function formatPairs(map: Record<string, number> | undefined): string {
  return Object.entries(map ?? {}).map(([k, v]) => `${k}:${v}`).join(', ');
}

export interface OpeningJson { day: string; opens: string; closes: string }

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** Parses "MONDAY 08:00-18:00; TUESDAY 08:00-18:00". */
export function parseHours(text: string): OpeningJson[] {
  return text.split(';').map((p) => p.trim()).filter(Boolean).map((part) => {
    const match = /^([A-Za-z]+)\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(part);
    if (!match) throw new Error(`"${part}" is not DAY HH:MM-HH:MM`);
    const day = match[1].toUpperCase();
    if (!DAYS.includes(day)) throw new Error(`"${match[1]}" is not a weekday`);
    if (match[2] >= match[3]) throw new Error(`${day} closes at ${match[3]}, before it opens at ${match[2]}`);
    return { day, opens: match[2], closes: match[3] };
  });
}

export function formatHours(hours: OpeningJson[] | undefined): string {
  return (hours ?? []).map((o) => `${o.day} ${o.opens.slice(0, 5)}-${o.closes.slice(0, 5)}`).join('; ');
}

export interface HolidayJson { date: string; name?: string }

/** Parses "2026-12-25 Christmas Day; 2026-12-26 Boxing Day". */
export function parseHolidays(text: string): HolidayJson[] {
  return text.split(';').map((p) => p.trim()).filter(Boolean).map((part) => {
    const match = /^(\d{4}-\d{2}-\d{2})\s*(.*)$/.exec(part);
    if (!match || Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) throw new Error(`"${part}" is not YYYY-MM-DD and a name`);
    return { date: match[1], name: match[2] || undefined };
  });
}

export function formatHolidays(holidays: HolidayJson[] | undefined): string {
  return (holidays ?? []).map((d) => `${d.date}${d.name ? ` ${d.name}` : ''}`).join('; ');
}

export interface DispositionJson { code: string; label?: string }

/** Parses "RESOLVED=Resolved; CALLBACK=Call back". */
export function parseDispositions(text: string): DispositionJson[] {
  return text.split(';').map((p) => p.trim()).filter(Boolean).map((part) => {
    const [code, ...label] = part.split('=');
    if (!/^[A-Z0-9_]{1,40}$/.test(code.trim())) throw new Error(`"${code.trim()}" must be capital letters, digits or underscores`);
    return { code: code.trim(), label: label.join('=').trim() || undefined };
  });
}

export function formatDispositions(dispositions: DispositionJson[] | undefined): string {
  return (dispositions ?? []).map((d) => (d.label && d.label !== d.code ? `${d.code}=${d.label}` : d.code)).join('; ');
}

export interface CannedJson { title: string; text: string }

/** One response per line: "Title: the text". */
export function parseCanned(text: string): CannedJson[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf(':');
    if (at < 1 || !line.slice(at + 1).trim()) throw new Error(`"${line}" is not "Title: text"`);
    return { title: line.slice(0, at).trim(), text: line.slice(at + 1).trim() };
  });
}

export function formatCanned(responses: CannedJson[] | undefined): string {
  return (responses ?? []).map((r) => `${r.title}: ${r.text}`).join('\n');
}

export interface ChoiceJson { key: string; queueId: string }

/** Parses "1=billing; 2=loans" (a key 0-9, * or # and a queue). */
export function parseChoices(text: string): ChoiceJson[] {
  const seen = new Set<string>();
  return text.split(';').map((p) => p.trim()).filter(Boolean).map((part) => {
    const match = /^([0-9*#])\s*=\s*([a-z0-9][a-z0-9-]*)$/.exec(part);
    if (!match) throw new Error(`"${part}" is not KEY=queue, e.g. 1=billing (a key is 0-9, * or #)`);
    if (seen.has(match[1])) throw new Error(`key ${match[1]} is used twice`);
    seen.add(match[1]);
    return { key: match[1], queueId: match[2] };
  });
}

export function formatChoices(choices: ChoiceJson[] | undefined): string {
  return (choices ?? []).map((c) => `${c.key}=${c.queueId}`).join('; ');
}

export interface BranchJson { days: string[]; from: string; until: string; queueId: string; prompt?: string }

/** One branch per line: "SATURDAY,SUNDAY 09:00-13:00 weekend [prompt]" (days, hours, queue, optional prompt). */
export function parseBranches(text: string): BranchJson[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const match = /^([A-Za-z,]+)\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s+([a-z0-9][a-z0-9-]*)(?:\s+([a-z0-9][a-z0-9-]*))?$/.exec(line);
    if (!match) throw new Error(`"${line}" is not DAYS HH:MM-HH:MM queue [prompt], e.g. SATURDAY,SUNDAY 09:00-13:00 weekend`);
    const days = match[1].split(',').map((d) => d.trim().toUpperCase()).filter(Boolean);
    const bad = days.find((d) => !DAYS.includes(d));
    if (bad) throw new Error(`"${bad}" is not a weekday`);
    if (match[2] >= match[3]) throw new Error(`${match[2]}-${match[3]} ends before it starts (split a branch past midnight in two)`);
    return { days, from: match[2], until: match[3], queueId: match[4], prompt: match[5] };
  });
}

export function formatBranches(branches: BranchJson[] | undefined): string {
  return (branches ?? []).map((b) => `${b.days.join(',')} ${b.from.slice(0, 5)}-${b.until.slice(0, 5)} ${b.queueId}${b.prompt ? ` ${b.prompt}` : ''}`)
    .join('\n');
}
