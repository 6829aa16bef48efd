// Forms described as data, with the server as the one judge of what is valid: a 400's `errors` are shown next to
// the field they name, a 409's rule and sentence above the form. No browser-side rule duplicates the API's.
import { h, fill } from './dom.js';
import { showProblem, showOk, clearNotice } from './session.js';

/**
 * field: {name, label, type: text|number|date|select|textarea|bool, options: [[value, text]], hint, required,
 * value, step, min, trueText, falseText}
 */
export function field(formId, f) {
  const id = `${formId}-${f.name}`;
  const hintId = f.hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const common = { id, name: f.name, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '), 'aria-required': f.required ? 'true' : undefined };
  let control;
  if (f.type === 'select' || f.type === 'bool') {
    const options = f.type === 'bool' ? [['true', f.trueText ?? 'Yes'], ['false', f.falseText ?? 'No']] : f.options ?? [];
    control = h('select', common,
      f.placeholder !== false ? h('option', { value: '' }, f.placeholder ?? 'Choose…') : null,
      options.map(([value, text]) => h('option', { value, selected: String(f.value ?? '') === String(value) }, text)));
  } else if (f.type === 'textarea') {
    control = h('textarea', { ...common, rows: 3 });
    if (f.value) control.value = f.value;
  } else {
    control = h('input', { ...common, type: f.type ?? 'text', step: f.step, min: f.min, inputmode: f.inputmode, autocomplete: 'off', placeholder: f.example });
    if (f.value !== undefined) control.value = f.value;
  }
  return h('div', { class: 'field', 'data-field': f.name },
    h('label', { for: id }, f.label, f.required ? h('span', { class: 'req' }, ' (required)') : null),
    control,
    f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }));
}

/** The form's values as the API wants them: numbers as numbers, yes/no as booleans, empty fields left out. */
export function values(form, fields) {
  const body = {};
  for (const f of fields) {
    const control = form.elements.namedItem(f.name);
    if (!control) continue;
    const raw = control.value.trim();
    if (raw === '') continue;
    body[f.name] = f.type === 'number' ? Number(raw) : f.type === 'bool' ? raw === 'true' : raw;
  }
  return body;
}

export function clearErrors(form) {
  for (const error of form.querySelectorAll('.field-error')) { error.hidden = true; fill(error); }
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
}

/**
 * Shows an API error on the form. 400: each `errors` entry under its field (matched by name, case-insensitively;
 * entries naming no field of the form go in the summary). Anything else: the problem's title and detail.
 */
export function showErrors(form, notice, result) {
  clearErrors(form);
  const errors = result.problem?.errors;
  if (result.status === 400 && errors) {
    const unplaced = [];
    let first = null;
    for (const [key, messages] of Object.entries(errors)) {
      const name = key.replace(/^\$\.?/, '').split(/[.[]/)[0].toLowerCase();
      const wrapper = [...form.querySelectorAll('[data-field]')].find((w) => w.dataset.field.toLowerCase() === name);
      if (!wrapper) { unplaced.push(...messages); continue; }
      const control = wrapper.querySelector('input, select, textarea');
      const error = wrapper.querySelector('.field-error');
      fill(error, messages.join(' '));
      error.hidden = false;
      control.setAttribute('aria-invalid', 'true');
      first ??= control;
    }
    showProblem(notice, { detail: unplaced.join(' ') }, `Please correct the ${Object.keys(errors).length === 1 ? 'field' : 'fields'} marked below.`);
    first?.focus();
    return;
  }
  const prefix = {
    403: 'Not allowed.', 404: 'Not found.', 409: 'This breaks a pathway rule.', 412: 'The record changed since you opened it.',
  }[result.status];
  showProblem(notice, result.problem, prefix);
  notice.focus();
}

/** A complete form: fields, a submit button, a notice; `submit(body)` answers an api() result. */
export function dataForm({ id, title, intro, fields, submitText, submit, onDone, className }) {
  const notice = h('div', { class: 'notice', tabindex: '-1', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, submitText);
  const form = h('form', { id, novalidate: true, class: className },
    title ? h('h3', {}, title) : null,
    intro ? h('p', { class: 'hint' }, intro) : null,
    notice,
    h('div', { class: 'fields' }, fields.map((f) => field(id, f))),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearNotice(notice);
    button.disabled = true;
    try {
      const result = await submit(values(form, fields));
      if (result.ok) {
        clearErrors(form);
        form.reset();
        showOk(notice, 'Saved.');
        await onDone?.(result, form, notice);
      } else {
        showErrors(form, notice, result);
      }
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
