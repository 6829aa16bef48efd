// import.html: upload a roster CSV (POST /api/colleges/{id}/imports?kind=...), then follow it
// (GET /api/imports/{id}) until it is done, and offer the rejected rows as a CSV.
import { h, fill, $ } from './dom.js';
import { api, startPage, showProblem, download, saveBlob, clearNotice } from './session.js';
import { showErrors, clearErrors } from './forms.js';

const session = await startPage('import');
const collegeId = session?.role === 'college' ? session.id : new URLSearchParams(location.search).get('college');

/** The header row of each kind (api.md "Roster import"): the route's JSON field names, by student number. */
const KINDS = {
  students: ['Students (registration)', ['name', 'email', 'studentNumber', 'advisorId']],
  enrollments: ['Enrollments', ['studentNumber', 'programId', 'cohort', 'intensity', 'startedOn']],
  'course-completions': ['Course completions', ['studentNumber', 'programId', 'courseCode', 'title', 'category', 'credits', 'grade', 'completedOn']],
  withdrawals: ['Withdrawals', ['studentNumber', 'programId', 'withdrawnOn', 'reason']],
  degrees: ['Degrees', ['studentNumber', 'programId', 'award', 'conferredOn']],
  'exam-attempts': ['RHIT exam attempts', ['studentNumber', 'exam', 'takenOn', 'passed', 'score']],
  'job-placements': ['Job placements', ['studentNumber', 'employer', 'setting', 'specialty', 'fullTime', 'inField', 'startedOn']],
  'term-registrations': ['Term registrations', ['studentNumber', 'programId', 'term']],
};

const form = $('#import-form');
const wait = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

function describeKind() {
  fill($('#kind-hint'), 'Header row: ', h('code', {}, KINDS[form.kind.value][1].join(',')));
}

function renderStatus(status) {
  const done = status.state === 'completed' || status.state === 'failed';
  fill($('#progress-box'),
    h('p', {}, h('strong', { id: 'import-state' }, { queued: 'Waiting to start…', running: 'Importing…', completed: 'Finished.', failed: 'The import failed.' }[status.state] ?? status.state),
      ` ${status.processed} of ${status.total} rows processed.`),
    h('progress', { max: Math.max(status.total, 1), value: status.processed, 'aria-label': 'Rows processed' }),
    h('ul', { class: 'stats' },
      h('li', {}, h('b', { id: 'import-applied' }, String(status.applied)), 'applied'),
      h('li', {}, h('b', { id: 'import-failed' }, String(status.failed)), 'rejected'),
      h('li', {}, h('b', {}, String(status.skipped ?? 0)), 'already there (skipped)')),
    done && status.failed > 0
      ? h('button', { type: 'button', class: 'secondary', id: 'errors-csv', onclick: () => download(`/api/imports/${encodeURIComponent(status.id)}/errors`, 'text/csv', `import-${status.id}-errors.csv`) },
        `Download the ${status.failed} rejected rows (CSV: row, column, message)`)
      : null);
  return done;
}

async function follow(id) {
  $('#progress-section').hidden = false;
  for (;;) {
    const result = await api(`/api/imports/${encodeURIComponent(id)}`);
    if (!result.ok) { showProblem($('#progress-box'), result.problem); return; }
    if (renderStatus(result.data)) return;
    await wait(700);
  }
}

async function upload(event) {
  event.preventDefault();
  const notice = $('#import-notice');
  clearNotice(notice);
  clearErrors(form);
  const file = form.file.files[0];
  if (!file) {
    showErrors(form, notice, { status: 400, problem: { errors: { file: ['Choose a CSV file.'] } } });
    return;
  }
  const body = new FormData();
  body.append('file', file);
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    const result = await api(`/api/colleges/${encodeURIComponent(collegeId)}/imports?kind=${encodeURIComponent(form.kind.value)}`, { method: 'POST', body });
    if (!result.ok) { showErrors(form, notice, result); return; }
    await follow(result.data.id);
  } finally {
    button.disabled = false;
  }
}

if (session) {
  if (!collegeId) {
    showProblem($('#page-notice'), { detail: 'Sign in as college staff to import its rosters.' }, 'No college.');
    form.hidden = true;
  } else {
    fill(form.kind, Object.entries(KINDS).map(([value, [text]]) => h('option', { value }, text)));
    form.kind.addEventListener('change', describeKind);
    describeKind();
    form.addEventListener('submit', upload);
    $('#template').addEventListener('click', () =>
      saveBlob(new Blob([`${KINDS[form.kind.value][1].join(',')}\n`], { type: 'text/csv' }), `${form.kind.value}-template.csv`));
    const last = new URLSearchParams(location.search).get('import');
    if (last) await follow(last);
  }
}
