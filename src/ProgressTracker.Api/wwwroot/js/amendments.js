// The admin's list of pending amendment requests (GET /api/amendment-requests?state=pending), each with its decision.
import { h, fill, formatTimestamp } from './dom.js';
import { api, showProblem } from './session.js';
import { dataForm } from './forms.js';

const FIELD_NAMES = { name: 'Name', email: 'E-mail', studentNumber: 'Student number' };

export async function pendingAmendments(box) {
  const result = await api('/api/amendment-requests?state=pending');
  if (!result.ok) { showProblem(box, result.problem); return; }
  if (result.data.length === 0) { fill(box, h('p', { class: 'muted', id: 'no-pending-requests' }, 'No request is waiting.')); return; }
  fill(box, h('ul', { class: 'plain', id: 'pending-requests' }, result.data.map((r) => h('li', { class: 'card', 'data-request-id': r.id },
    h('p', {}, h('a', { href: `/student.html?id=${encodeURIComponent(r.studentId)}` }, 'Open the record'),
      ` · asked ${formatTimestamp(r.requestedAt)} about `, h('strong', {}, r.milestoneId ? `milestone ${r.milestoneId}` : FIELD_NAMES[r.field] ?? r.field)),
    h('p', {}, `Asks for: ${r.requested}`),
    h('p', {}, `Because: ${r.reason}`),
    dataForm({
      id: `decide-${r.id}`,
      fields: [
        { name: 'decision', label: 'Decision', type: 'select', options: [['granted', 'Grant (record the correction)'], ['denied', 'Deny']], required: true },
        { name: 'note', label: 'Note (the reason, for a denial)', type: 'textarea', required: true },
      ],
      submitText: 'Decide',
      submit: (body) => api(`/api/students/${encodeURIComponent(r.studentId)}/amendment-requests/${encodeURIComponent(r.id)}/decision`, { method: 'POST', body }),
      onDone: () => pendingAmendments(box),
    })))));
}
