// On the student page: the advisor's contacts about the student's alerts (GET /api/students/{id}/follow-ups; the
// advisor and admins, the student only where the college shares them), and the student's own e-mail nudges switch.
import { h, fill, $, formatDate } from './dom.js';
import { api, showProblem, showOk } from './session.js';
import { alertName } from './vocabulary.js';

const METHOD_NAMES = { phone: 'Phone call', email: 'E-mail', meeting: 'Meeting', text: 'Text message' };

export async function showContacts(studentId) {
  const result = await api(`/api/students/${encodeURIComponent(studentId)}/follow-ups`);
  if (!result.ok) return;
  const contacts = result.data.flatMap((f) => f.contacts.map((c) => ({ ...c, alert: f.alert })))
    .sort((a, b) => a.on.localeCompare(b.on));
  $('#contacts-section').hidden = false;
  fill($('#contacts-box'), contacts.length === 0
    ? h('p', { class: 'muted' }, 'No contact recorded.')
    : h('ol', { class: 'timeline', id: 'contact-list' }, contacts.map((c) => h('li', {},
      h('b', {}, formatDate(c.on)), ` · ${METHOD_NAMES[c.method] ?? c.method} about “${alertName(c.alert)}”`,
      c.note ? [h('br'), c.note] : null))));
}

export async function showNudges(studentId) {
  const url = `/api/students/${encodeURIComponent(studentId)}/notifications`;
  const result = await api(url);
  if (!result.ok) return;
  if (result.data.contactsShared) await showContacts(studentId);
  const notice = h('div', { class: 'notice', 'aria-live': 'polite' });
  const box = h('input', { type: 'checkbox', id: 'nudges', checked: result.data.email });
  box.addEventListener('change', async () => {
    const saved = await api(url, { method: 'PUT', body: { email: box.checked } });
    if (saved.ok) showOk(notice, box.checked ? 'You will get e-mail about your next steps.' : 'E-mail nudges are off.');
    else { box.checked = !box.checked; showProblem(notice, saved.problem); }
  });
  $('#nudges-section').hidden = false;
  fill($('#nudges-box'), h('p', {}, box, ' ', h('label', { for: 'nudges' }, 'E-mail me when I can take my next step (sit or retake the RHIT exam, a pending degree)')), notice);
}
