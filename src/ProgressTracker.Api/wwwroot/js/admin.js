// admin.html: the account directory, colleges, their programs (required categories, dated accreditation periods)
// and advisors: the reference data that otherwise exists only as API routes (api.md "Reference data").
import { h, fill, $, formatDate, words, capital } from './dom.js';
import { api, startPage, showProblem, showOk, clearNotice } from './session.js';
import { dataForm, field, clearErrors, showErrors } from './forms.js';
import { accountDirectory } from './accounts.js';
import { pendingAmendments } from './amendments.js';
import { CATEGORIES, accreditationText } from './vocabulary.js';

const session = await startPage('admin');
const state = { colleges: [], advisors: [] };

const pairs = (items) => items.map((i) => [i.id, i.name]);

async function loadReferenceData() {
  const [colleges, advisors] = await Promise.all([api('/api/colleges'), api('/api/advisors')]);
  if (!colleges.ok || !advisors.ok) {
    const failed = colleges.ok ? advisors : colleges;
    showProblem($('#page-notice'), failed.problem, failed.status === 403 ? 'This page is for administrators.' : undefined);
    return false;
  }
  state.colleges = colleges.data;
  state.advisors = advisors.data;
  return true;
}

function renderAccounts() {
  return accountDirectory($('#accounts-box'), {
    roles: ['admin', 'advisor', 'college', 'student'], colleges: pairs(state.colleges), advisors: pairs(state.advisors),
  });
}

function simpleTable(id, columns, rows) {
  return h('table', { class: 'stack', id },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) =>
      i === 0 ? h('th', { scope: 'row', 'data-label': columns[i] }, c) : h('td', { 'data-label': columns[i] }, c))))));
}

function renderColleges() {
  fill($('#colleges-box'), state.colleges.length === 0
    ? h('p', { class: 'muted' }, 'No college yet.')
    : simpleTable('colleges-table', ['Name', 'Id', 'Pages'], state.colleges.map((c) => [
      c.name, h('code', {}, c.id), h('a', { href: `/college.html?college=${encodeURIComponent(c.id)}` }, 'Reports')])));
  const select = $('#program-college');
  const chosen = select.value;
  fill(select, state.colleges.map((c) => h('option', { value: c.id, selected: c.id === chosen }, c.name)));
}

function renderAdvisors() {
  fill($('#advisors-box'), state.advisors.length === 0
    ? h('p', { class: 'muted' }, 'No advisor yet.')
    : simpleTable('advisors-table', ['Name', 'E-mail', 'Pages'], state.advisors.map((a) => [
      a.name, a.email, h('a', { href: `/advisor.html?advisor=${encodeURIComponent(a.id)}` }, 'Caseload')])));
}

/** After a college or advisor is added: lists, pickers and the directory's scope pickers follow. */
async function refresh() {
  if (!(await loadReferenceData())) return;
  renderColleges();
  renderAdvisors();
  await Promise.all([renderAccounts(), renderPrograms()]);
}

/** A small form under a program: one more accreditation period (POST /api/programs/{id}/accreditations). */
function accreditationForm(program) {
  return h('details', { class: 'more' },
    h('summary', {}, 'Add an accreditation period'),
    dataForm({
      id: `accreditation-${program.id}`, submitText: 'Add period', className: 'inline',
      fields: [
        { name: 'body', label: 'Body', required: true, value: 'CAHIIM' },
        { name: 'from', label: 'From', type: 'date', required: true },
        { name: 'to', label: 'To (empty while current)', type: 'date' },
      ],
      submit: (body) => api(`/api/programs/${encodeURIComponent(program.id)}/accreditations`, { method: 'POST', body }),
      onDone: () => renderPrograms(),
    }));
}

/** Ends the program's open period on a day (POST /api/programs/{id}/accreditations/end); the history stays. */
function endAccreditationForm(program) {
  const open = program.accreditations.find((a) => !a.to);
  if (!open) return null;
  return h('details', { class: 'more' },
    h('summary', {}, 'End the open period'),
    dataForm({
      id: `end-accreditation-${program.id}`, submitText: 'End period', className: 'inline',
      fields: [
        { name: 'body', label: 'Body', required: true, value: open.body },
        { name: 'endedOn', label: 'Last accredited day', type: 'date', required: true },
        { name: 'reason', label: 'Reason', type: 'select', required: true,
          options: [['withdrawn', 'Withdrawn by the accreditor'], ['inactive', 'Voluntarily inactive'], ['other', 'Other']] },
      ],
      submit: (body) => api(`/api/programs/${encodeURIComponent(program.id)}/accreditations/end`, { method: 'POST', body }),
      onDone: () => renderPrograms(),
    }));
}

let programsShown = 0;

async function renderPrograms() {
  // Only the latest call draws: an earlier one still loading the college chosen before must not overwrite it.
  const call = ++programsShown;
  const collegeId = $('#program-college').value;
  clearNotice($('#programs-notice'));
  if (!collegeId) { fill($('#programs-box'), h('p', { class: 'muted' }, 'Add a college first.')); fill($('#program-form-box')); return; }
  const result = await api(`/api/colleges/${encodeURIComponent(collegeId)}/programs`);
  if (call !== programsShown) return;
  if (!result.ok) { fill($('#programs-box')); showProblem($('#programs-notice'), result.problem); return; }
  fill($('#programs-box'), result.data.length === 0
    ? h('p', { class: 'muted' }, 'This college has no program yet.')
    : h('table', { class: 'stack', id: 'programs-table' },
      h('thead', {}, h('tr', {}, ['Program', 'Award', 'Normal duration', 'Required categories', 'Accreditation'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, result.data.map((p) => h('tr', { 'data-program-id': p.id, 'data-name': p.name },
        h('th', { scope: 'row', 'data-label': 'Program' }, p.name),
        h('td', { 'data-label': 'Award' }, p.award.toUpperCase()),
        h('td', { 'data-label': 'Normal duration' }, `${p.normalDurationMonths} months`),
        h('td', { 'data-label': 'Required categories' }, p.requiredCategories.map((c) => capital(words(c))).join(', ')),
        h('td', { 'data-label': 'Accreditation' },
          p.accreditations.length === 0 ? h('span', { class: 'muted' }, 'none') : h('ul', { class: 'plain accreditations' },
            p.accreditations.map((a) => h('li', {}, accreditationText(a, formatDate)))),
          accreditationForm(p), endAccreditationForm(p)))))));
  fill($('#program-form-box'), programForm(collegeId));
}

/** One accreditation period's row in the new-program form; its inputs carry the row's index. */
function periodRow(index) {
  const id = (name) => `program-period-${index}-${name}`;
  const input = (name, type, value) => {
    const el = h('input', { id: id(name), type, 'data-period': index, 'data-name': name, autocomplete: 'off' });
    if (value) el.value = value;
    return el;
  };
  return h('div', { class: 'fields period' },
    h('div', { class: 'field' }, h('label', { for: id('body') }, 'Body'), input('body', 'text', 'CAHIIM')),
    h('div', { class: 'field' }, h('label', { for: id('from') }, 'From'), input('from', 'date')),
    h('div', { class: 'field' }, h('label', { for: id('to') }, 'To (empty while current)'), input('to', 'date')));
}

/**
 * The new-program form: plain fields, the required categories as checkboxes and any number of accreditation
 * periods. A 400's errors land next to the field they name (`accreditations[0].from` under the periods).
 */
function programForm(collegeId) {
  const notice = h('div', { class: 'notice', tabindex: '-1', 'aria-live': 'polite' });
  const periods = h('div', { id: 'program-periods' }, periodRow(0));
  const form = h('form', { id: 'program-form', novalidate: true },
    h('h3', {}, 'Add a program'),
    notice,
    h('div', { class: 'fields' },
      field('program-form', { name: 'name', label: 'Name', required: true, example: 'Health Information Technology' }),
      field('program-form', { name: 'award', label: 'Award', type: 'select', required: true, options: [['aas', 'AAS'], ['as', 'AS']], value: 'aas' }),
      field('program-form', { name: 'normalDurationMonths', label: 'Normal duration (months)', type: 'number', required: true, value: '24', min: 6 })),
    h('fieldset', { class: 'field choices', 'data-field': 'requiredCategories' },
      h('legend', {}, 'Required course categories', h('span', { class: 'req' }, ' (required)')),
      h('div', { class: 'checks' }, CATEGORIES.map((c) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'requiredCategories', value: c }), ` ${capital(words(c))}`))),
      h('p', { class: 'field-error', id: 'program-form-requiredCategories-error', hidden: true })),
    h('fieldset', { class: 'field choices', 'data-field': 'accreditations' },
      h('legend', {}, 'Accreditation periods'),
      h('p', { class: 'hint' }, 'Leave the dates empty for a program without accreditation.'),
      periods,
      h('button', { type: 'button', class: 'secondary', onclick: () => periods.append(periodRow(periods.children.length)) }, 'Another period'),
      h('p', { class: 'field-error', id: 'program-form-accreditations-error', hidden: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Add program')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearNotice(notice);
    const value = (name) => form.elements.namedItem(name).value.trim();
    const accreditations = [...periods.children].map((row) => {
      const get = (name) => row.querySelector(`[data-name="${name}"]`).value.trim();
      return { body: get('body'), from: get('from') || undefined, to: get('to') || undefined };
    }).filter((p) => p.from || p.to);
    const body = {
      name: value('name'), award: value('award'),
      normalDurationMonths: value('normalDurationMonths') === '' ? undefined : Number(value('normalDurationMonths')),
      requiredCategories: [...form.querySelectorAll('input[name="requiredCategories"]:checked')].map((c) => c.value),
      accreditations,
    };
    const result = await api(`/api/colleges/${encodeURIComponent(collegeId)}/programs`, { method: 'POST', body });
    if (!result.ok) { showErrors(form, notice, result); return; }
    clearErrors(form);
    await renderPrograms();
    showOk($('#programs-notice'), `The program ${body.name} is added.`);
  });
  return form;
}

async function start() {
  if (!(await loadReferenceData())) return;
  $('#content').hidden = false;
  renderColleges();
  renderAdvisors();
  fill($('#college-form-box'), dataForm({
    id: 'college-form', title: 'Add a college', submitText: 'Add college', className: 'inline',
    fields: [{ name: 'name', label: 'Name', required: true, example: 'Lakeside Community College' }],
    submit: (body) => api('/api/colleges', { method: 'POST', body }),
    onDone: refresh,
  }));
  fill($('#advisor-form-box'), dataForm({
    id: 'advisor-form', title: 'Add an advisor', submitText: 'Add advisor',
    fields: [
      { name: 'name', label: 'Name', required: true },
      { name: 'email', label: 'E-mail', required: true, example: 'name@college.edu' },
    ],
    submit: (body) => api('/api/advisors', { method: 'POST', body }),
    onDone: refresh,
  }));
  $('#program-college').addEventListener('change', renderPrograms);
  $('#program-college-form').addEventListener('submit', (e) => e.preventDefault());
  await Promise.all([renderAccounts(), renderPrograms(), pendingAmendments($('#amendments-box'))]);
}

if (session) {
  if (session.role !== 'admin') showProblem($('#page-notice'), { detail: 'This page is for administrators.' }, 'Not allowed.');
  else await start();
}
