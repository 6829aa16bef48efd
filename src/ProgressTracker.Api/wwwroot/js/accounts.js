// The account directory (api.md "Accounts"), shared by the admin page (every role and scope) and the college page
// (its own staff and students): a filtered list, an invitation form whose scope picker follows the role, and a
// revoke button that asks for confirmation in place. The API decides who may invite or revoke whom.
import { h, fill, formatTimestamp, capital } from './dom.js';
import { api, showProblem, showOk, clearNotice } from './session.js';
import { dataForm } from './forms.js';

const ROLE_TEXT = { admin: 'Administrator', advisor: 'Advisor', college: 'College staff', student: 'Student' };
const SCOPE_OF = { advisor: 'advisorId', college: 'collegeId', student: 'studentId' };

/**
 * Draws the directory into `root`. options: {roles: [...], colleges: [[id, name]], advisors: [[id, name]],
 * fixedCollegeId (college staff: their own college, no picker), idPrefix}.
 */
export function accountDirectory(root, { roles, colleges = [], advisors = [], fixedCollegeId = null, idPrefix = 'accounts' }) {
  const names = new Map([...colleges, ...advisors]);
  const list = h('div', { id: `${idPrefix}-list`, 'aria-live': 'polite' });
  const notice = h('div', { class: 'notice', tabindex: '-1', 'aria-live': 'polite' });
  const filters = h('form', { class: 'inline', id: `${idPrefix}-filters`, novalidate: true },
    h('div', { class: 'field' }, h('label', { for: `${idPrefix}-filter-role` }, 'Role'),
      h('select', { id: `${idPrefix}-filter-role`, name: 'role' }, h('option', { value: '' }, 'All roles'),
        roles.map((r) => h('option', { value: r }, ROLE_TEXT[r])))),
    fixedCollegeId ? null : h('div', { class: 'field' }, h('label', { for: `${idPrefix}-filter-college` }, 'College'),
      h('select', { id: `${idPrefix}-filter-college`, name: 'collegeId' }, h('option', { value: '' }, 'Any college'),
        colleges.map(([id, name]) => h('option', { value: id }, name)))));

  function scopeText(a) {
    if (a.advisorId) return names.get(a.advisorId) ?? `Advisor ${a.advisorId}`;
    if (a.collegeId) return names.get(a.collegeId) ?? (a.collegeId === fixedCollegeId ? 'This college' : `College ${a.collegeId}`);
    if (a.studentId) return h('a', { href: `/student.html?id=${encodeURIComponent(a.studentId)}` }, `Student ${a.studentId.slice(0, 8)}…`);
    return 'Everything';
  }

  function revokeCell(a) {
    if (a.state === 'revoked') return h('span', { class: 'muted' }, 'Revoked');
    const cell = h('div', { class: 'actions' });
    const ask = () => fill(cell,
      h('span', {}, `Revoke ${a.email}? They lose access at once.`),
      h('button', { type: 'button', class: 'danger', 'data-action': 'confirm-revoke', onclick: () => revoke(a) }, 'Yes, revoke'),
      h('button', { type: 'button', class: 'secondary', onclick: idle }, 'Cancel'));
    const idle = () => fill(cell, h('button', { type: 'button', class: 'secondary', 'data-action': 'revoke', onclick: ask,
      'aria-label': `Revoke the account of ${a.email}` }, 'Revoke'));
    idle();
    return cell;
  }

  async function revoke(a) {
    const result = await api(`/api/accounts/${encodeURIComponent(a.id)}`, { method: 'DELETE' });
    if (!result.ok) { showProblem(notice, result.problem, 'The account was not revoked.'); notice.focus(); return; }
    showOk(notice, `The account of ${a.email} is revoked.`);
    await load();
  }

  let loads = 0;
  async function load() {
    // Only the latest call draws (filters changed while an earlier list was still loading).
    const call = ++loads;
    const query = new URLSearchParams();
    if (filters.role.value) query.set('role', filters.role.value);
    const college = fixedCollegeId ?? filters.collegeId?.value;
    if (college) query.set('collegeId', college);
    const result = await api(`/api/accounts${query.size ? `?${query}` : ''}`);
    if (call !== loads) return;
    if (!result.ok) { fill(list); showProblem(notice, result.problem, 'The accounts could not be loaded.'); return; }
    fill(list, result.data.length === 0
      ? h('p', { class: 'muted' }, 'No account matches.')
      : h('table', { class: 'stack accounts', id: `${idPrefix}-table` },
        h('thead', {}, h('tr', {}, ['E-mail', 'Role', 'Scope', 'State', 'Invited', 'Last sign-in', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, result.data.map((a) => h('tr', { 'data-account-id': a.id, 'data-email': a.email, 'data-state': a.state },
          h('th', { scope: 'row', 'data-label': 'E-mail' }, a.email),
          h('td', { 'data-label': 'Role' }, ROLE_TEXT[a.role] ?? a.role),
          h('td', { 'data-label': 'Scope' }, scopeText(a)),
          h('td', { 'data-label': 'State' }, h('span', { class: `badge account-${a.state}` }, capital(a.state))),
          h('td', { 'data-label': 'Invited' }, formatTimestamp(a.invitedAt)),
          h('td', { 'data-label': 'Last sign-in' }, a.lastSignInAt ? formatTimestamp(a.lastSignInAt) : h('span', { class: 'muted' }, 'never')),
          h('td', { 'data-label': 'Revoke' }, revokeCell(a)))))));
  }

  const fields = [
    { name: 'email', label: 'E-mail', required: true, example: 'name@college.edu', hint: 'The address their identity provider verifies.' },
    { name: 'role', label: 'Role', type: 'select', required: true, options: roles.map((r) => [r, ROLE_TEXT[r]]), value: roles.length === 1 ? roles[0] : undefined },
    { name: 'advisorId', label: 'Advisor', type: 'select', options: advisors, hint: 'Whose caseload this person works.' },
    fixedCollegeId ? null : { name: 'collegeId', label: 'College', type: 'select', options: colleges, hint: 'The college whose staff this person is.' },
    { name: 'studentId', label: 'Student id', example: '0193…', hint: 'The student\'s record id (from the student page address).' },
  ].filter(Boolean);
  const invite = dataForm({
    id: `${idPrefix}-invite`, title: 'Invite a person', submitText: 'Send invitation', fields,
    intro: 'The account is bound on their first sign-in with this e-mail address.',
    submit: (body) => {
      // Only the scope of the chosen role goes out; the API refuses any other.
      const scope = SCOPE_OF[body.role];
      for (const key of Object.values(SCOPE_OF)) if (key !== scope) delete body[key];
      if (body.role === 'college' && fixedCollegeId) body.collegeId = fixedCollegeId;
      return api('/api/accounts', { method: 'POST', body });
    },
    onDone: async () => { showScope(); await load(); },
  });

  /** Shows only the scope picker of the chosen role. */
  function showScope() {
    const role = invite.elements.namedItem('role').value;
    for (const key of Object.values(SCOPE_OF)) {
      const wrapper = invite.querySelector(`[data-field="${key}"]`);
      if (wrapper) wrapper.hidden = SCOPE_OF[role] !== key;
    }
  }
  invite.elements.namedItem('role').addEventListener('change', showScope);
  invite.addEventListener('reset', () => setTimeout(showScope));
  showScope();

  filters.addEventListener('change', () => { clearNotice(notice); load(); });
  filters.addEventListener('submit', (e) => e.preventDefault());
  fill(root, filters, notice, list, invite);
  return load();
}
