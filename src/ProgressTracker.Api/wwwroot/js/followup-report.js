// The college's follow-up report (GET /api/colleges/{id}/follow-up-report): per advisor, counts only, no student.
import { h, fill, $ } from './dom.js';
import { api, showProblem } from './session.js';

export async function showFollowUpReport(base) {
  const box = $('#follow-up-box');
  const result = await api(`${base}/follow-up-report`);
  if (!result.ok) { showProblem(box, result.problem); return; }
  const rows = result.data.advisors;
  const median = (d) => (d === null || d === undefined ? 'n/a' : `${d} days`);
  fill(box, rows.length === 0
    ? h('p', { class: 'muted' }, 'No alert has been raised for the college\'s students yet.')
    : h('table', { class: 'stack', id: 'follow-up-report' },
      h('thead', {}, h('tr', {}, ['Advisor', 'Alerts raised', 'Contacted within 2 working days', 'Median days to first contact', 'Resolved', 'Open']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((r) => h('tr', {},
        h('th', { scope: 'row', 'data-label': 'Advisor' }, r.advisorName),
        h('td', { 'data-label': 'Alerts raised' }, String(r.alertsRaised)),
        h('td', { 'data-label': 'Contacted within 2 working days' }, String(r.contactedWithinTwoWorkingDays)),
        h('td', { 'data-label': 'Median days to first contact' }, median(r.medianDaysToFirstContact)),
        h('td', { 'data-label': 'Resolved' }, String(r.resolved)),
        h('td', { 'data-label': 'Open' }, String(r.open)))))));
}
