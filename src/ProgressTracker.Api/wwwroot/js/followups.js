// The advisor's open follow-ups (GET /api/advisors/{id}/follow-ups?state=open), oldest first: each alert raised for a
// student on the caseload, its contacts, and forms to record a contact and to resolve it (the advisor only).
import { h, fill, $, formatDate, todayIso } from './dom.js';
import { api, showProblem } from './session.js';
import { dataForm } from './forms.js';
import { alertName, alertHelp } from './vocabulary.js';

const METHODS = [['phone', 'Phone'], ['email', 'E-mail'], ['meeting', 'Meeting'], ['text', 'Text message']];
const OUTCOMES = [['done', 'Done'], ['referred', 'Referred'], ['not-needed', 'Not needed']];
const STATES = { open: 'Open: no contact yet', contacted: 'Contacted', resolved: 'Resolved' };

function contactList(contacts) {
  if (contacts.length === 0) return h('p', { class: 'muted' }, 'No contact recorded yet.');
  return h('ul', { class: 'contacts' }, contacts.map((c) => h('li', {},
    h('b', {}, formatDate(c.on)), ` · ${METHODS.find(([v]) => v === c.method)?.[1] ?? c.method}`,
    c.note ? [h('br'), c.note] : null)));
}

function followUpCard(advisorId, f, student, canWork, reload) {
  const base = `/api/advisors/${encodeURIComponent(advisorId)}/follow-ups/${encodeURIComponent(f.id)}`;
  const name = student ? h('a', { href: `/student.html?id=${encodeURIComponent(f.studentId)}` }, student.name) : 'A student';
  return h('article', { class: 'card follow-up', 'data-follow-up-id': f.id, 'aria-label': `Follow-up: ${alertName(f.alert)}` },
    h('h3', {}, name, ' · ', h('span', { class: `badge ${f.alert}`, title: alertHelp(f.alert) }, alertName(f.alert))),
    h('p', { class: 'muted' }, `Raised ${formatDate(f.raisedOn)} · `, h('span', { class: 'state' }, STATES[f.state] ?? f.state)),
    contactList(f.contacts),
    canWork ? h('details', {}, h('summary', {}, 'Record a contact'), dataForm({
      id: `contact-${f.id}`, submitText: 'Record contact', className: 'contact-form',
      fields: [
        { name: 'method', label: 'How', type: 'select', options: METHODS, required: true },
        { name: 'on', label: 'On', type: 'date', value: todayIso(), required: true },
        { name: 'note', label: 'Note (your working papers)', type: 'textarea' },
      ],
      submit: (body) => api(`${base}/contacts`, { method: 'POST', body }),
      onDone: reload,
    })) : null,
    canWork ? h('details', {}, h('summary', {}, 'Resolve'), dataForm({
      id: `resolve-${f.id}`, submitText: 'Resolve', className: 'resolve-form',
      fields: [
        { name: 'outcome', label: 'Outcome', type: 'select', options: OUTCOMES, required: true },
        { name: 'note', label: 'Note', type: 'textarea' },
      ],
      submit: (body) => api(`${base}/resolve`, { method: 'POST', body }),
      onDone: reload,
    })) : null);
}

/** Renders into #follow-ups-box; `students` maps ids to caseload rows (names come from the dashboard). */
export async function renderFollowUps(advisorId, students, canWork) {
  const box = $('#follow-ups-box');
  const reload = () => renderFollowUps(advisorId, students, canWork);
  const result = await api(`/api/advisors/${encodeURIComponent(advisorId)}/follow-ups?state=open`);
  if (!result.ok) { showProblem(box, result.problem); return; }
  fill($('#follow-ups-count'), `${result.data.length} open`);
  fill(box, result.data.length === 0
    ? h('p', { class: 'muted', id: 'no-follow-ups' }, 'No open follow-ups. Each alert the sweep raises opens one.')
    : result.data.map((f) => followUpCard(advisorId, f, students.get(f.studentId), canWork, reload)));
}
