// advisor.html: the caseload (GET /api/advisors/{id}/dashboard) with filters and sorting, and the alert inbox.
import { h, fill, $, formatDate, daysSince } from './dom.js';
import { api, startPage, showProblem } from './session.js';
import { ALL_STAGES, ALERTS, stageName, alertName, alertHelp } from './vocabulary.js';
import { renderFollowUps } from './followups.js';

const session = await startPage('advisor');
const advisorId = session?.role === 'advisor' ? session.id : new URLSearchParams(location.search).get('advisor');
let dashboard = null;

function badge(code) {
  return h('span', { class: `badge ${code}`, title: alertHelp(code) }, alertName(code));
}

function studentLink(row) {
  return h('a', { href: `/student.html?id=${encodeURIComponent(row.studentId)}` }, row.name);
}

function lastMilestone(row) {
  if (!row.lastMilestoneOn) return h('span', { class: 'muted' }, 'none');
  const days = daysSince(row.lastMilestoneOn);
  return [formatDate(row.lastMilestoneOn), h('br'), h('span', { class: 'muted' }, `${days} days ago`)];
}

function renderCaseload() {
  const form = $('#filters');
  const stage = form.stage.value;
  const alert = form.alert.value;
  const name = form.name.value.trim().toLowerCase();
  const sort = form.sort.value;
  const rows = dashboard.caseload
    .filter((r) => !stage || r.stage === stage)
    .filter((r) => !alert || (alert === 'any' ? r.alerts.length > 0 : r.alerts.includes(alert)))
    .filter((r) => !name || r.name.toLowerCase().includes(name));
  // Staleness: no milestone at all first, then the oldest last milestone.
  const stale = (r) => (r.lastMilestoneOn ? Date.parse(r.lastMilestoneOn) : -Infinity);
  rows.sort({
    stale: (a, b) => stale(a) - stale(b) || a.name.localeCompare(b.name),
    name: (a, b) => a.name.localeCompare(b.name),
    stage: (a, b) => ALL_STAGES.indexOf(a.stage) - ALL_STAGES.indexOf(b.stage) || a.name.localeCompare(b.name),
  }[sort]);
  fill($('#shown'), `Showing ${rows.length} of ${dashboard.caseloadSize} students.`);
  fill($('#caseload-box'), rows.length === 0
    ? h('p', { class: 'muted' }, 'No student matches these filters.')
    : h('table', { class: 'stack', id: 'caseload' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Student'), h('th', { scope: 'col' }, 'Stage'),
        h('th', { scope: 'col', 'aria-sort': sort === 'stale' ? 'ascending' : undefined }, 'Last milestone'),
        h('th', { scope: 'col' }, 'Alerts'))),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-student-id': r.studentId },
        h('th', { scope: 'row', 'data-label': 'Student' }, studentLink(r)),
        h('td', { 'data-label': 'Stage' }, stageName(r.stage)),
        h('td', { 'data-label': 'Last milestone' }, lastMilestone(r)),
        h('td', { 'data-label': 'Alerts' }, r.alerts.length ? r.alerts.map(badge) : h('span', { class: 'muted' }, 'none')))))));
}

function renderFilters() {
  const form = $('#filters');
  fill(form.stage, h('option', { value: '' }, 'All stages'),
    ALL_STAGES.map((s) => h('option', { value: s }, `${stageName(s)} (${dashboard.byStage[s] ?? 0})`)));
  const withAlerts = dashboard.caseload.filter((r) => r.alerts.length > 0).length;
  fill(form.alert, h('option', { value: '' }, 'Any or none'), h('option', { value: 'any' }, `Has an alert (${withAlerts})`),
    Object.keys(ALERTS).map((a) => h('option', { value: a }, `${alertName(a)} (${dashboard.byAlert[a] ?? 0})`)));
  const params = new URLSearchParams(location.search);
  if (params.get('stage')) form.stage.value = params.get('stage');
  if (params.get('alert')) form.alert.value = params.get('alert');
  form.addEventListener('input', renderCaseload);
  form.addEventListener('submit', (e) => e.preventDefault());
  fill($('#stage-counts'), ALL_STAGES.filter((s) => dashboard.byStage[s]).map((s) =>
    h('li', {}, h('b', {}, String(dashboard.byStage[s])), stageName(s))));
}

async function renderAlerts() {
  const result = await api(`/api/advisors/${encodeURIComponent(advisorId)}/alerts`);
  if (!result.ok) { showProblem($('#alerts-box'), result.problem); return; }
  const names = new Map(dashboard.caseload.map((r) => [r.studentId, r]));
  fill($('#alerts-box'), result.data.length === 0
    ? h('p', { class: 'muted' }, 'No alerts yet. The sweep raises them as students stall, become exam-ready or graduate without a job.')
    : h('table', { class: 'stack', id: 'alert-inbox' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Raised on'), h('th', { scope: 'col' }, 'Student'), h('th', { scope: 'col' }, 'Alert'))),
      h('tbody', {}, result.data.map((a) => h('tr', {},
        h('td', { 'data-label': 'Raised on' }, formatDate(a.raisedOn)),
        h('td', { 'data-label': 'Student' }, names.has(a.studentId) ? studentLink(names.get(a.studentId)) : 'A student no longer on the caseload'),
        h('td', { 'data-label': 'Alert' }, badge(a.code), ' ', alertHelp(a.code)))))));
}

if (session) {
  if (!advisorId) {
    showProblem($('#page-notice'), { detail: 'This page shows an advisor\'s caseload; sign in as an advisor.' }, 'No advisor.');
  } else {
    const result = await api(`/api/advisors/${encodeURIComponent(advisorId)}/dashboard`);
    if (!result.ok) {
      showProblem($('#page-notice'), result.problem, result.status === 403 ? 'You are not allowed to see this caseload.' : undefined);
    } else {
      dashboard = result.data;
      fill($('#title'), session.role === 'advisor' ? `Caseload of ${session.name}` : 'Caseload');
      $('#content').hidden = false;
      renderFilters();
      renderCaseload();
      await renderFollowUps(advisorId, new Map(dashboard.caseload.map((r) => [r.studentId, r])), session.role === 'advisor');
      await renderAlerts();
    }
  }
}
