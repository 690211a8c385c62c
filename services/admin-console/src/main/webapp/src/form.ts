import { ApiError } from './api';
import { h } from './dom';

/** One input of a form: its check runs as the user types and says in words what is wrong. */
export interface Field {
  name: string;
  label: string;
  kind?: 'text' | 'number' | 'select' | 'checkbox' | 'password' | 'textarea' | 'file';
  /** For a file: the types the picker offers, e.g. "audio/wav,.wav". */
  accept?: string;
  options?: string[];
  value?: string | number | boolean;
  hint?: string;
  check?: (value: string) => string | null;
}

export interface FormHandle {
  element: HTMLElement;
  /** Puts an existing item's values into the fields, to change it. */
  fill(values: Record<string, string | boolean>): void;
}

/**
 * A form whose fields validate as the user types; on submit it hands the values to `submit` and
 * shows the console's field-level violations next to the fields they name.
 */
export function form(title: string, fields: Field[], submitLabel: string,
  submit: (values: Record<string, string>, files: Record<string, File | undefined>) => Promise<string | void>): FormHandle {
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  const errors = new Map<string, HTMLElement>();
  const status = h('p', { class: 'status', role: 'status' });
  const validate = (field: Field): boolean => {
    const input = inputs.get(field.name)!;
    const value = input instanceof HTMLInputElement && input.type === 'checkbox' ? String(input.checked) : input.value;
    const problem = field.check?.(value) ?? null;
    errors.get(field.name)!.textContent = problem ?? '';
    input.setAttribute('aria-invalid', problem ? 'true' : 'false');
    return problem === null;
  };
  const rows = fields.map((field) => {
    let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (field.kind === 'textarea') {
      input = h('textarea', { name: field.name, rows: '4' }) as HTMLTextAreaElement;
      if (field.value !== undefined) input.value = String(field.value);
    } else if (field.kind === 'select') {
      input = h('select', { name: field.name }, ...(field.options ?? []).map((o) => h('option', { value: o, selected: o === field.value }, o))) as HTMLSelectElement;
    } else {
      input = h('input', {
        name: field.name,
        type: field.kind === 'number' ? 'number' : field.kind === 'checkbox' ? 'checkbox' : field.kind === 'password' ? 'password'
          : field.kind === 'file' ? 'file' : 'text',
        accept: field.accept,
      }) as HTMLInputElement;
      if (field.kind === 'checkbox') (input as HTMLInputElement).checked = field.value === true;
      else if (field.value !== undefined) input.value = String(field.value);
    }
    inputs.set(field.name, input);
    const error = h('span', { class: 'field-error', 'data-field': field.name });
    errors.set(field.name, error);
    input.addEventListener('input', () => validate(field));
    input.addEventListener('change', () => validate(field));
    return h('label', { class: 'field' }, h('span', {}, field.label), input, field.hint ? h('small', {}, field.hint) : null, error);
  });
  const element = h('form', { class: 'card', 'aria-label': title }, h('h3', {}, title), ...rows,
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, submitLabel)), status);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    const valid = fields.map(validate).every(Boolean);
    if (!valid) {
      status.textContent = 'Some fields need attention.';
      return;
    }
    const values: Record<string, string> = {};
    const files: Record<string, File | undefined> = {};
    for (const [name, input] of inputs) {
      values[name] = input instanceof HTMLInputElement && input.type === 'checkbox' ? String(input.checked) : input.value;
      if (input instanceof HTMLInputElement && input.type === 'file') files[name] = input.files?.[0];
    }
    status.textContent = 'Saving…';
    try {
      status.textContent = (await submit(values, files)) ?? 'Saved.';
    } catch (e) {
      if (e instanceof ApiError) {
        status.textContent = e.message;
        for (const violation of e.violations) {
          const root = violation.field.split(/[.[]/)[0];
          const target = errors.get(violation.field) ?? errors.get(root);
          if (target) target.textContent = violation.message;
          else status.textContent += ` ${violation.field}: ${violation.message}`;
        }
      } else {
        status.textContent = e instanceof Error ? e.message : String(e);
      }
    }
  });
  const fill = (values: Record<string, string | boolean>) => {
    for (const [name, value] of Object.entries(values)) {
      const input = inputs.get(name);
      if (!input) continue;
      if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = value === true;
      else if (input instanceof HTMLInputElement && input.type === 'file') input.value = '';
      else input.value = String(value);
    }
    fields.forEach(validate);
    status.textContent = '';
    element.scrollIntoView({ block: 'start' });
  };
  return { element, fill };
}

export const required = (label: string) => (v: string) => (v.trim() ? null : `${label} is required`);

export const between = (label: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  return v.trim() === '' || !Number.isInteger(n) || n < min || n > max ? `${label} must be a whole number from ${min} to ${max}` : null;
};

export const identifier = (label: string) => (v: string) =>
  /^[a-z0-9][a-z0-9-]{0,62}$/.test(v) ? null : `${label} is lower-case letters, digits or dashes`;
