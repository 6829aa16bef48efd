// Privacy rights on the record page (domain.md 7): statements of disagreement shown with the record to everyone who
// sees it; for the student, asking for an amendment and placing a statement after a denial, and sharing the record with
// a named recipient through a link (consent), with revocation.
import { h, fill, $, formatDate, formatTimestamp } from './dom.js';
import { api, showProblem, showOk } from './session.js';
import { dataForm } from './forms.js';
import { describe } from './timeline.js';

const FIELD_NAMES = { name: 'Name', email: 'E-mail', studentNumber: 'Student number' };
const PARTS = [['timeline', 'The whole timeline'], ['exams', 'RHIT exam results'], ['placements', 'Job placements'], ['degrees', 'Degrees']];

function targetName(view, r) {
  if (r.milestoneId) {
    const m = view?.milestones.find((x) => x.id === r.milestoneId);
    return m ? describe(m)[0] : 'A milestone';
  }
  return FIELD_NAMES[r.field] ?? r.field;
}

/** The student's statements, shown with the record: `#statements`. */
export function statementsBlock(view) {
  const statements = view.statements ?? [];
  if (statements.length === 0) return null;
  return h('ul', { class: 'plain', id: 'statements' }, statements.map((s) => h('li', { class: 'notice warn' },
    h('strong', {}, `The student disagrees (${targetName(view, s)}): `), s.text,
    h('span', { class: 'muted' }, ` Placed ${formatTimestamp(s.placedAt)}.`))));
}

/** The student's amendment requests and the form to ask for one. */
export async function amendments(box, studentId, view, reload) {
  const base = `/api/students/${encodeURIComponent(studentId)}/amendment-requests`;
  const result = await api(base);
  if (!result.ok) { showProblem(box, result.problem); return; }
  const targets = [
    ...Object.entries(FIELD_NAMES),
    ...view.milestones.filter((m) => !m.voided && m.type !== 'student-registered').map((m) => [m.id, `${describe(m)[0]} (${formatDate(m.occurredOn)})`]),
  ];
  const form = dataForm({
    id: 'amendment-form',
    intro: 'If you believe part of your record is inaccurate, say what and why. An administrator decides; if they refuse, you may ask for a hearing and add a statement that is shown with your record.',
    fields: [
      { name: 'target', label: 'What is inaccurate?', type: 'select', options: targets, required: true },
      { name: 'requested', label: 'What should it say?', type: 'textarea', required: true },
      { name: 'reason', label: 'Why?', type: 'textarea', required: true },
    ],
    submitText: 'Ask for a correction',
    submit: ({ target, ...rest }) => api(base, {
      method: 'POST',
      body: { ...rest, ...(target in FIELD_NAMES ? { field: target } : target ? { milestoneId: target } : {}) },
    }),
    onDone: () => reload(),
  });
  const rows = result.data.map((r) => h('li', { class: 'card', 'data-request-id': r.id, 'data-state': r.state },
    h('p', {}, h('strong', {}, targetName(view, r)), `: asked ${formatTimestamp(r.requestedAt)}. `, h('span', { class: 'badge' }, r.state)),
    h('p', {}, `Asked for: ${r.requested}`),
    r.note ? h('p', {}, `${r.state === 'denied' ? 'Reason for the denial' : 'Note'}: ${r.note}`) : null,
    r.hearing ? h('p', { class: 'notice warn' }, r.hearing) : null,
    r.statement ? h('p', {}, `Your statement: ${r.statement}`) : null,
    r.state === 'denied' && !r.statement ? dataForm({
      id: `statement-${r.id}`,
      fields: [{ name: 'text', label: 'Statement of disagreement', type: 'textarea', required: true }],
      submitText: 'Place statement',
      submit: (body) => api(`${base}/${encodeURIComponent(r.id)}/statement`, { method: 'POST', body }),
      onDone: () => reload(),
    }) : null));
  fill(box, rows.length ? h('ul', { class: 'plain', id: 'amendment-requests' }, rows) : h('p', { class: 'muted' }, 'No request yet.'), form);
}

/** The student's consents, each with its state and a revoke button, and the form that makes a link. */
export async function sharing(box, studentId) {
  const base = `/api/students/${encodeURIComponent(studentId)}/consents`;
  const result = await api(base);
  if (!result.ok) { showProblem(box, result.problem); return; }
  const linkBox = h('div', { id: 'share-link-box', 'aria-live': 'polite' });
  const parts = h('fieldset', { id: 'consent-parts', class: 'choices' }, h('legend', {}, 'What may they see?'),
    PARTS.map(([value, text]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'parts', value }), ` ${text}`)));
  const form = dataForm({
    id: 'consent-form',
    intro: 'Your consent, signed and dated: the recipient reads exactly these parts through the link until the date, and every reading is in your access log. You can revoke it at any time.',
    fields: [
      { name: 'recipient', label: 'Recipient', required: true, example: 'Harbor Hospital HR' },
      { name: 'purpose', label: 'Purpose', type: 'textarea', required: true },
      { name: 'expiresOn', label: 'Until', type: 'date', required: true },
    ],
    submitText: 'Create link',
    submit: (body) => api(base, {
      method: 'POST',
      body: { ...body, parts: [...parts.querySelectorAll('input:checked')].map((c) => c.value) },
    }),
    onDone: async (created) => {
      await sharing(box, studentId);
      fill($('#share-link-box'), h('p', { class: 'notice ok' }, 'Send this link to the recipient (it is shown only now): ',
        h('a', { id: 'share-link', href: created.data.shareUrl }, created.data.shareUrl)));
    },
  });
  form.querySelector('.fields').append(parts);
  const revoke = (c) => h('button', { type: 'button', class: 'secondary', onclick: async () => {
    const done = await api(`${base}/${encodeURIComponent(c.id)}`, { method: 'DELETE' });
    if (!done.ok) { showProblem(linkBox, done.problem); return; }
    await sharing(box, studentId);
    showOk($('#share-link-box'), 'Consent revoked: the link no longer works.');
  } }, `Revoke consent for ${c.recipient}`);
  const table = result.data.length === 0 ? h('p', { class: 'muted' }, 'You have not shared your record.')
    : h('table', { class: 'stack', id: 'consents' },
      h('thead', {}, h('tr', {}, ['Recipient', 'Purpose', 'Parts', 'Until', 'State', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, result.data.map((c) => h('tr', { 'data-consent-id': c.id, 'data-state': c.state },
        h('td', { 'data-label': 'Recipient' }, c.recipient),
        h('td', { 'data-label': 'Purpose' }, c.purpose),
        h('td', { 'data-label': 'Parts' }, c.parts.join(', ')),
        h('td', { 'data-label': 'Until' }, formatDate(c.expiresOn)),
        h('td', { 'data-label': 'State' }, c.state),
        h('td', {}, c.state === 'active' ? revoke(c) : null)))));
  fill(box, table, linkBox, form);
}
