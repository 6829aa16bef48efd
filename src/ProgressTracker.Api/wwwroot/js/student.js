// student.html?id=...: one student's record. The student sees their timeline and access log; their advisor,
// their college and admins see the timeline and record or void milestones. The API decides who may see what.
import { h, fill, $, formatTimestamp } from './dom.js';
import { api, startPage, showProblem, showOk, roleName } from './session.js';
import { stageBar, eligibility, nextSteps, milestoneList } from './timeline.js';
import { dataForm } from './forms.js';
import { statementsBlock, amendments, sharing } from './privacy.js';
import {
  SETTINGS, SPECIALTIES, CATEGORIES, WITHDRAWAL_REASONS, OUTCOME_STATUSES, valueName, stageName,
} from './vocabulary.js';
import { words, capital, todayIso } from './dom.js';
import { showContacts, showNudges } from './student-followups.js';

const session = await startPage('student');
const studentId = new URLSearchParams(location.search).get('id') ?? (session?.role === 'student' ? session.id : null);
const staff = ['admin', 'advisor', 'college'].includes(session?.role);
const state = { view: null, programs: {}, catalog: [] };

const opts = (values) => values.map((v) => [v, valueName(v)]);

/** The milestone forms: route and fields of each kind (api.md "Milestones"). */
function kinds() {
  const enrolled = state.view.milestones.filter((m) => m.type === 'enrolled-in-program' && !m.voided);
  const enrollments = [...new Map(enrolled.map((m) => [m.programId, m])).values()]
    .map((m) => [m.programId, `${state.programs[m.programId] ?? 'Program'} (${m.cohort})`]);
  const program = { name: 'programId', label: 'Program', type: 'select', options: enrollments, required: true,
    hint: enrollments.length ? 'One of the programs the student enrolled in.' : 'The student has no enrollment yet.', value: enrollments.length === 1 ? enrollments[0][0] : undefined };
  const today = todayIso();
  const date = (name, label) => ({ name, label, type: 'date', required: true, value: today, hint: 'The day it happened (not in the future).' });
  return {
    volunteering: { text: 'Volunteering in a medical setting', noun: 'Volunteering', path: 'volunteering', staffOnly: 'advisor', fields: [
      { name: 'organization', label: 'Organization', required: true, example: 'Lakeside Regional Hospital' },
      { name: 'setting', label: 'Setting', type: 'select', options: opts(SETTINGS), required: true },
      { name: 'hours', label: 'Hours', type: 'number', step: '0.5', min: 0, required: true, inputmode: 'decimal' },
      { name: 'startedOn', label: 'Started on', type: 'date', required: true },
      date('endedOn', 'Ended on')] },
    enrollment: { text: 'Enrollment in a program', noun: 'Enrollment', path: 'enrollments', fields: [
      { name: 'programId', label: 'Program', type: 'select', required: true, options: state.catalog,
        hint: 'CAHIIM-accredited programs qualify for the RHIT exam.' },
      { name: 'cohort', label: 'Entry term', required: true, example: '2026-FA', hint: 'YYYY-SP, YYYY-SU or YYYY-FA.' },
      { name: 'intensity', label: 'Intensity', type: 'select', options: [['full-time', 'Full time'], ['part-time', 'Part time']], required: true },
      date('startedOn', 'Started on')] },
    'course-completion': { text: 'Course completed', noun: 'Course completion', path: 'course-completions', fields: [
      program,
      { name: 'courseCode', label: 'Course code', required: true, example: 'HIT-110' },
      { name: 'title', label: 'Course title', required: true, example: 'Medical terminology' },
      { name: 'category', label: 'Category', type: 'select', options: CATEGORIES.map((c) => [c, capital(words(c))]), required: true },
      { name: 'credits', label: 'Credits', type: 'number', step: '0.5', min: 0, required: true, inputmode: 'decimal' },
      { name: 'grade', label: 'Grade', required: true, example: 'B+' },
      date('completedOn', 'Completed on')] },
    withdrawal: { text: 'Withdrawal from a program', noun: 'Withdrawal', path: 'withdrawals', fields: [
      program,
      date('withdrawnOn', 'Withdrew on'),
      { name: 'reason', label: 'Reason', type: 'select', options: opts(WITHDRAWAL_REASONS), required: true,
        hint: 'Deceased, permanent disability, military deployment and service mission are IPEDS exclusions.' }] },
    'term-registration': { text: 'Term registration', noun: 'Term registration', path: 'term-registrations', fields: [
      program,
      { name: 'term', label: 'Term', required: true, example: '2026-FA', hint: 'YYYY-SP, YYYY-SU or YYYY-FA: a term the student is registered for.' }] },
    degree: { text: 'Degree conferred', noun: 'Degree', path: 'degrees', fields: [
      program,
      { name: 'award', label: 'Award', type: 'select', options: [['aas', 'AAS'], ['as', 'AS']], required: true },
      date('conferredOn', 'Conferred on')] },
    'exam-attempt': { text: 'RHIT exam attempt', noun: 'RHIT exam attempt', path: 'exam-attempts', staffOnly: 'advisor', fixed: { exam: 'rhit' }, fields: [
      date('takenOn', 'Taken on'),
      { name: 'passed', label: 'Result', type: 'bool', trueText: 'Passed', falseText: 'Not passed', required: true },
      { name: 'score', label: 'Score', type: 'number', min: 0, inputmode: 'numeric', hint: 'Optional: the scaled score (passing is 300).' }] },
    'job-placement': { text: 'Job placement', noun: 'Job placement', path: 'job-placements', staffOnly: 'advisor', fields: [
      { name: 'employer', label: 'Employer', required: true, example: 'Harbor Family Physicians' },
      { name: 'setting', label: 'Setting', type: 'select', options: opts(SETTINGS), required: true },
      { name: 'specialty', label: 'Specialty', type: 'select', options: opts(SPECIALTIES), required: true },
      { name: 'fullTime', label: 'Hours', type: 'bool', trueText: 'Full time', falseText: 'Part time', required: true },
      { name: 'inField', label: 'In the health information field?', type: 'bool', required: true },
      date('startedOn', 'Started on')] },
    outcome: { text: 'Graduate outcome (not a job)', noun: 'Graduate outcome', path: 'outcomes', staffOnly: 'advisor', fields: [
      { name: 'status', label: 'Status', type: 'select', options: opts(OUTCOME_STATUSES), required: true },
      date('reportedOn', 'Reported on')] },
  };
}

/** Writes carry the version the user saw (If-Match): a change made meanwhile answers 412 instead of being overwritten. */
function write(path, body) {
  return api(`/api/students/${encodeURIComponent(studentId)}/${path}`, {
    method: 'POST', body, headers: { 'If-Match': `"${state.view.version}"` },
  });
}

async function afterWrite(result, message) {
  await load();
  const status = $('#record-status');
  if (result.ok) showOk(status, message);
  else showProblem(status, result.problem, 'The record changed since you opened it; it has been reloaded. Check it and try again.');
  status.focus();
}

function renderForms() {
  const all = kinds();
  // College staff record only their programs' milestones (domain.md section 2).
  const available = Object.entries(all).filter(([, k]) => session.role !== 'college' || !k.staffOnly);
  const select = $('#kind');
  const chosen = select.value || available[0][0];
  fill(select, available.map(([key, k]) => h('option', { value: key, selected: key === chosen }, k.text)));
  const show = () => {
    const kind = all[select.value];
    fill($('#form-box'), dataForm({
      id: `form-${select.value}`,
      fields: kind.fields,
      submitText: `Record ${kind.noun.startsWith('RHIT') ? kind.noun : kind.noun.toLowerCase()}`,
      submit: async (body) => {
        const result = await write(kind.path, { ...kind.fixed, ...body });
        if (result.status === 412) await afterWrite(result);
        return result;
      },
      onDone: (result) => afterWrite(result, `${kind.noun} recorded. The timeline shows it.`),
    }));
  };
  select.onchange = show;
  show();
}

function voidForm(milestone) {
  return h('details', { class: 'void' },
    h('summary', {}, 'Void this milestone…'),
    dataForm({
      id: `void-${milestone.id}`,
      intro: 'A voided milestone stays on the record, struck through, and stops counting in reports.',
      fields: [{ name: 'reason', label: 'Reason', type: 'textarea', required: true }],
      submitText: 'Void milestone',
      submit: async (body) => {
        const result = await write(`milestones/${encodeURIComponent(milestone.id)}/void`, body);
        if (result.status === 412) await afterWrite(result);
        return result;
      },
      onDone: (result) => afterWrite(result, 'Milestone voided. It stays on the timeline, struck through.'),
    }));
}

/** Program names for the timeline and the forms: the catalogs of the colleges staff can see. */
async function loadPrograms() {
  if (!staff) return;
  // Staff other than a college pick from every college's catalog; a college from its own.
  const listed = session.role === 'college' ? { ok: false } : await api('/api/colleges');
  const colleges = new Map((listed.ok ? listed.data : []).map((c) => [c.id, c.name]));
  if (session.role === 'college') colleges.set(session.id, 'Your college');
  for (const m of state.view.milestones) if (m.collegeId && !colleges.has(m.collegeId)) colleges.set(m.collegeId, 'College');
  state.catalog = [];
  for (const [collegeId, collegeName] of colleges) {
    if (session.role === 'college' && collegeId !== session.id) continue;
    const result = await api(`/api/colleges/${encodeURIComponent(collegeId)}/programs`);
    if (!result.ok) continue;
    for (const p of result.data) {
      state.programs[p.id] = p.name;
      const cahiim = p.accreditations.some((a) => a.body.toUpperCase() === 'CAHIIM' && (!a.to || a.to >= todayIso()));
      state.catalog.push([p.id, `${collegeName}: ${p.name}${cahiim ? ' (CAHIIM)' : ' (not CAHIIM-accredited)'}`]);
    }
  }
}

/** The access log a page at a time: the API answers `limit` entries and a Link rel="next" while older ones remain. */
const accessLogPage = 100;

function nextPage(response) {
  const match = /<([^>]+)>\s*;\s*rel="next"/.exec(response.headers.get('Link') ?? '');
  return match ? match[1] : null;
}

const accessRow = (e) => h('tr', { 'data-role': e.role },
  h('td', { 'data-label': 'When' }, formatTimestamp(e.at)),
  h('td', { 'data-label': 'Who' }, e.subject === session.subject ? `${e.subject} (you)` : e.subject),
  h('td', { 'data-label': 'Role' }, roleName(e.role)),
  h('td', { 'data-label': 'What was read' }, e.recipient ? `Shared with ${e.recipient} for: ${e.purpose}` : e.route));

async function loadAccessLog() {
  const result = await api(`/api/students/${encodeURIComponent(studentId)}/access-log?limit=${accessLogPage}`);
  if (!result.ok) { showProblem($('#access-box'), result.problem); return; }
  const rows = h('tbody', {}, result.data.map(accessRow));
  const notice = h('div', { class: 'notice', role: 'status' });
  let next = nextPage(result.response);
  const older = h('button', { type: 'button', class: 'secondary', id: 'access-older', hidden: !next, onclick: async () => {
    older.disabled = true;
    const page = await api(next);
    older.disabled = false;
    if (!page.ok) { showProblem(notice, page.problem); return; }
    rows.append(...page.data.map(accessRow));
    next = nextPage(page.response);
    older.hidden = !next;
  } }, 'Show older entries');
  fill($('#access-box'), h('table', { class: 'stack', id: 'access-log' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'Who'), h('th', { scope: 'col' }, 'Role'), h('th', { scope: 'col' }, 'What was read'))),
    rows), h('p', {}, older), notice);
}

async function load() {
  const result = await api(`/api/students/${encodeURIComponent(studentId)}/timeline`);
  if (!result.ok) {
    $('#record').hidden = true;
    const message = { 403: 'You are not allowed to see this student\'s record.', 404: 'There is no such student, or their record is not yours to see.', 410: 'This record was erased: nothing identifying is left of it.' }[result.status];
    showProblem($('#page-notice'), result.problem, message);
    return;
  }
  state.view = result.data;
  const view = state.view;
  const own = session.role === 'student' && session.id === view.studentId;
  document.title = `${view.name} · ProgressTracker`;
  fill($('#title'), own ? `My pathway, ${view.name}` : view.name);
  if (staff) await loadPrograms();
  fill($('#stage'), h('p', {}, 'Stage: ', h('span', { class: 'badge stage', id: 'stage-name' }, stageName(view.stage))), stageBar(view.stage));
  fill($('#eligibility-box'), eligibility(view, own));
  fill($('#next-box'), nextSteps(view));
  fill($('#timeline-box'), milestoneList(view, { programNames: state.programs, voidForm: staff ? voidForm : undefined, me: session.subject }));
  const statements = statementsBlock(view);
  fill($('#statements-box'), statements);
  $('#statements-section').hidden = !statements;
  $('#record').hidden = false;
  $('#record-section').hidden = !staff;
  $('#amendments-section').hidden = !own;
  $('#sharing-section').hidden = !own;
  if (own) await Promise.all([amendments($('#amendments-box'), studentId, view, load), sharing($('#sharing-box'), studentId)]);
  if (staff) renderForms();
  if (session.role === 'advisor' || session.role === 'admin') await showContacts(view.studentId);
  if (own) await showNudges(view.studentId);
  const seesLog = own || session.role === 'admin';
  $('#access-section').hidden = !seesLog;
  if (seesLog) await loadAccessLog();
}

if (session) {
  if (!studentId) showProblem($('#page-notice'), { detail: 'Open a student from the caseload.' }, 'No student chosen.');
  else await load();
}
