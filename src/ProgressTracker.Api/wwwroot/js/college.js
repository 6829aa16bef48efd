// college.html: the college's cohort report (funnel chart, measures with formulas, CSV), placements (charts by
// setting and specialty), its programs' accreditation periods, the CAHIIM public-outcome figures for an academic year, and the people of the college
// (accounts of its staff and students: invite, revoke).
import { h, fill, $, percent, formatDate, words, capital } from './dom.js';
import { api, startPage, showProblem, download, clearNotice } from './session.js';
import { barChart } from './chart.js';
import { showErrors, clearErrors } from './forms.js';
import { SETTINGS, SPECIALTIES, valueName, accreditationText } from './vocabulary.js';
import { accountDirectory } from './accounts.js';
import { showFollowUpReport } from './followup-report.js';

const session = await startPage('college');
const params = new URLSearchParams(location.search);
const collegeId = session?.role === 'college' ? session.id : params.get('college');
const base = `/api/colleges/${encodeURIComponent(collegeId ?? '')}`;

const MEASURES = {
  'graduation-rate-150': 'Graduation within 150% of normal time',
  retention: 'Retention',
  'first-attempt-pass-rate': 'RHIT pass rate, first attempt',
  'ultimate-pass-rate': 'RHIT pass rate, any attempt',
  'knowledge-rate': 'Outcome known (knowledge rate)',
  'career-outcomes-rate': 'Career outcomes',
  'in-field-placement-rate': 'In-field job within 6 months of the degree',
  'employment-rate': 'Employment within 12 months of the degree',
  'in-field-share': 'of them, in the field',
  'certification-pass-rate': 'Certification pass rate (first attempt)',
};
const measureName = (name) => MEASURES[name] ?? capital(words(name));

const FUNNEL = [
  ['enrolled', 'Enrolled'], ['coursework-complete', 'Coursework complete'], ['graduated', 'Graduated'],
  ['exam-attempted', 'Took the RHIT exam'], ['credentialed', 'Credentialed (passed)'], ['placed', 'Placed in a job'],
];

/** Each measure with its figure, and the report's warnings beside the measure they are about (api.md `warnings`). */
function measuresTable(id, measures, caption, warnings = []) {
  return h('table', { class: 'stack measures', id },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Measure'), h('th', { scope: 'col', class: 'num' }, 'Rate'),
      h('th', { scope: 'col', class: 'num' }, 'Numerator'), h('th', { scope: 'col', class: 'num' }, 'Denominator'),
      h('th', { scope: 'col' }, 'Formula'))),
    h('tbody', {}, measures.map((m) => h('tr', { 'data-measure': m.name },
      h('th', { scope: 'row', 'data-label': 'Measure' }, measureName(m.name)),
      h('td', { class: 'num', 'data-label': 'Rate' }, h('strong', {}, percent(m.rate))),
      h('td', { class: 'num', 'data-label': 'Numerator' }, String(m.numerator)),
      h('td', { class: 'num', 'data-label': 'Denominator' }, String(m.denominator)),
      h('td', { class: 'formula', 'data-label': 'Formula' }, m.formula,
        (warnings ?? []).filter((w) => w.measure === m.name).map((w) => h('p', { class: 'notice warn', 'data-warning': w.measure }, w.message)))))));
}

const days = (value) => (value == null ? 'n/a' : `${Math.round(value)} days`);

function cohortQuery(form) {
  const query = new URLSearchParams();
  if (form.programId.value) query.set('programId', form.programId.value);
  if (form.asOf.value) query.set('asOf', form.asOf.value);
  const text = query.toString();
  return `${base}/cohorts/${encodeURIComponent(form.cohort.value.trim().toUpperCase() || '-')}/report${text ? `?${text}` : ''}`;
}

async function showCohort() {
  const form = $('#cohort-form');
  clearNotice($('#cohort-notice'));
  const result = await api(cohortQuery(form));
  if (!result.ok) { fill($('#cohort-box')); showErrors(form, $('#cohort-notice'), result); return; }
  clearErrors(form);
  const r = result.data;
  history.replaceState(null, '', `?${new URLSearchParams({ ...(session.role === 'admin' ? { college: collegeId } : {}), cohort: r.cohort })}`);
  const enrolled = r.funnel.enrolled;
  fill($('#cohort-box'),
    h('h3', { id: 'cohort-title' }, `Entry term ${r.cohort}${r.asOf ? `, as of ${formatDate(r.asOf)}` : ''}`),
    h('ul', { class: 'stats' },
      h('li', {}, h('b', { id: 'cohort-size' }, String(r.cohortSize)), 'in the cohort'),
      h('li', {}, h('b', {}, String(r.excluded)), 'excluded (IPEDS)'),
      h('li', {}, h('b', {}, days(r.medianDays.enrollmentToDegree)), 'median, enrollment to degree'),
      h('li', {}, h('b', {}, days(r.medianDays.degreeToCredential)), 'median, degree to RHIT'),
      h('li', {}, h('b', {}, days(r.medianDays.degreeToJob)), 'median, degree to job')),
    r.cohortSize === 0
      ? h('p', { class: 'muted' }, 'Nobody entered in this term (or with this program).')
      : barChart({
        id: 'funnel-chart', caption: 'How far the cohort got',
        bars: FUNNEL.map(([key, label]) => ({ label, value: r.funnel[key], note: percent(enrolled ? r.funnel[key] / enrolled : null) })),
      }),
    measuresTable('cohort-measures', r.measures, 'Outcome measures', r.warnings),
    warningsList(r.warnings, { id: 'cohort-warnings' }));
}

async function downloadCohortCsv() {
  const form = $('#cohort-form');
  const cohort = form.cohort.value.trim().toUpperCase();
  const result = await download(cohortQuery(form), 'text/csv', `cohort-${cohort}.csv`);
  if (!result.ok) showProblem($('#cohort-notice'), { detail: 'Check the entry term and try again.' }, 'The CSV could not be made.');
}

async function showPlacements() {
  const form = $('#placement-form');
  clearNotice($('#placement-notice'));
  const query = new URLSearchParams();
  if (form.from.value) query.set('from', form.from.value);
  if (form.to.value) query.set('to', form.to.value);
  const result = await api(`${base}/placements${query.size ? `?${query}` : ''}`);
  if (!result.ok) { fill($('#placement-box')); showErrors(form, $('#placement-notice'), result); return; }
  clearErrors(form);
  const r = result.data;
  const share = (n) => percent(r.placements ? n / r.placements : null);
  fill($('#placement-box'),
    h('ul', { class: 'stats' },
      h('li', {}, h('b', { id: 'placement-count' }, String(r.placements)), 'placements'),
      h('li', {}, h('b', {}, String(r.byHours['full-time'] ?? 0)), 'full time'),
      h('li', {}, h('b', {}, String(r.byHours['part-time'] ?? 0)), 'part time'),
      h('li', {}, h('b', {}, String(r.byField['in-field'] ?? 0)), 'in the field'),
      h('li', {}, h('b', {}, days(r.medianDaysDegreeToJob)), 'median, degree to job')),
    r.placements === 0
      ? h('p', { class: 'muted' }, 'No placement started in this period.')
      : h('div', { class: 'grid' },
        barChart({ id: 'setting-chart', caption: 'By setting', bars: SETTINGS.map((k) => ({ label: valueName(k), value: r.bySetting[k] ?? 0, note: share(r.bySetting[k] ?? 0) })) }),
        barChart({ id: 'specialty-chart', caption: 'By specialty', bars: SPECIALTIES.map((k) => ({ label: valueName(k), value: r.bySpecialty[k] ?? 0, note: share(r.bySpecialty[k] ?? 0) })) })));
}

/**
 * The measures of a program's outcomes: a `measures` list if there is one, and every field shaped as a measure
 * ({name, numerator, denominator}), so a measure the service adds shows without an edit here.
 */
function measuresOf(program) {
  const list = Array.isArray(program.measures) ? [...program.measures] : [];
  for (const value of Object.values(program)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && 'name' in value && 'numerator' in value
      && 'denominator' in value && !list.some((m) => m.name === value.name)) list.push(value);
  }
  return list;
}

const COUNTS = {
  entrantsFullTime: 'Entrants, full-time', entrantsPartTime: 'Entrants, part-time', graduates: 'Graduates',
  withdrawals: 'Withdrawals', exclusions: 'Exclusions (IPEDS)',
};
const countName = (key) => COUNTS[key] ?? capital(key.replace(/([A-Z])/g, ' $1').toLowerCase());
const warningText = (w) => (typeof w === 'string' ? w : w?.message ?? w?.detail ?? w?.text ?? JSON.stringify(w));

/** Warnings not about one measure (those show beside their measure in measuresTable). */
function warningsList(warnings, attrs) {
  const general = Array.isArray(warnings) ? warnings.filter((w) => !w?.measure) : [];
  if (general.length === 0) return null;
  return h('ul', { class: 'warnings', ...attrs }, general.map((w) => h('li', {}, `Warning: ${warningText(w)}`)));
}

/** A CSV cell: quoted when needed, and a leading =, +, - or @ defused so a spreadsheet never runs it as a formula. */
function cell(value) {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole answer as text to paste into the APAR (or a spreadsheet): a title line, then CSV rows. */
function aparText(r) {
  const asOf = r.asOf ? `as of ${r.asOf}` : `generated on ${r.generatedOn}`;
  const rows = [['program', 'item', 'numerator', 'denominator', 'rate', 'formula or value']];
  for (const w of r.warnings ?? []) rows.push(['', 'warning', '', '', '', warningText(w)]);
  for (const p of r.programs) {
    for (const m of measuresOf(p)) rows.push([p.name, m.name, m.numerator, m.denominator, m.rate ?? '', m.formula]);
    for (const [key, value] of Object.entries(p.counts ?? {})) rows.push([p.name, countName(key), '', '', '', value]);
    if (p.accreditationEndedOn) rows.push([p.name, 'CAHIIM accreditation ended', '', '', '', p.accreditationEndedOn]);
    for (const w of p.warnings ?? []) rows.push([p.name, 'warning', '', '', '', warningText(w)]);
  }
  return `CAHIIM outcomes, academic year ${r.academicYear} (${r.from} to ${r.to}), ${asOf}\n`
    + rows.map((row) => row.map(cell).join(',')).join('\n');
}

/** asOf given as a day comes back as its last instant: said as "the end of <day> (UTC)". */
const asOfText = (iso) => (/T23:59:59\.9+(Z|\+00:00)$/.test(iso) ? `the end of ${formatDate(iso)} (UTC)` : `${iso} (UTC)`);

async function copyText(text, status) {
  try {
    await navigator.clipboard.writeText(text);
    fill(status, 'Copied.');
  } catch {
    const box = $('#apar-text');
    box.focus();
    box.select();
    fill(status, 'Selected: press Ctrl+C (Cmd+C) to copy.');
  }
}

async function showOutcomes() {
  const form = $('#outcomes-form');
  clearNotice($('#outcomes-notice'));
  const query = new URLSearchParams({ academicYear: form.academicYear.value });
  if (form.asOf.value) query.set('asOf', form.asOf.value);
  const result = await api(`${base}/outcomes?${query}`);
  if (!result.ok) { fill($('#outcomes-box')); showErrors(form, $('#outcomes-notice'), result); return; }
  clearErrors(form);
  const r = result.data;
  const text = aparText(r);
  const status = h('span', { class: 'muted', role: 'status', id: 'apar-copy-status' });
  fill($('#outcomes-box'),
    h('p', { class: 'muted', id: 'outcomes-as-of-line' }, `${r.academicYear}: ${formatDate(r.from)} to ${formatDate(r.to)}; `
      + (r.asOf ? `the record as it stood at ${asOfText(r.asOf)}.` : `figures as of ${formatDate(r.generatedOn)}.`)),
    warningsList(r.warnings, { id: 'outcomes-warnings' }),
    r.programs.length === 0 ? h('p', { class: 'muted' }, 'No program of the college was CAHIIM-accredited in this year.') : r.programs.map((p) => [
      measuresTable(`outcomes-${p.programId}`, measuresOf(p),
        `${p.name}: ${p.graduates} graduate${p.graduates === 1 ? '' : 's'} in the year`, p.warnings),
      // The counts the APAR asks for beside the rates.
      h('p', { class: 'muted', 'data-counts': p.programId },
        Object.entries(p.counts ?? {}).map(([key, value]) => `${countName(key)}: ${value}`).join('; ') + '.'
        + (p.accreditationEndedOn ? ` CAHIIM accreditation ended ${formatDate(p.accreditationEndedOn)}.` : '')),
      warningsList(p.warnings, { 'data-warnings': p.programId }),
    ]),
    h('details', { class: 'apar', id: 'apar' },
      h('summary', {}, 'For the APAR: every figure as text'),
      h('label', { for: 'apar-text' }, 'Figures as CSV (program, item, numerator, denominator, rate, formula or value)'),
      h('textarea', { id: 'apar-text', readonly: '', rows: Math.min(20, text.split('\n').length + 1), spellcheck: 'false' }, text),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'apar-copy', onclick: () => copyText(text, status) }, 'Copy the figures'),
        status)));
}

/** Each program with its accreditation periods, an ended one with its last day and why. */
function showPrograms(programs) {
  fill($('#programs-box'), programs.length === 0 ? h('p', { class: 'muted' }, 'The college has no program.')
    : h('ul', { class: 'plain', id: 'programs-list' }, programs.map((p) => h('li', { 'data-program-id': p.id },
      h('b', {}, p.name), ': ',
      p.accreditations.length === 0 ? 'not accredited' : p.accreditations.map((a) => accreditationText(a, formatDate)).join('; ')))));
}

function academicYears() {
  const now = new Date();
  const current = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return Array.from({ length: 8 }, (_, i) => current - i).map((y) => [`${y}-${String((y + 1) % 100).padStart(2, '0')}`, y]);
}

async function start() {
  const programs = await api(`${base}/programs`);
  if (!programs.ok) {
    showProblem($('#page-notice'), programs.problem, programs.status === 403 ? 'You are not allowed to see this college\'s reports.' : undefined);
    return;
  }
  fill($('#title'), 'College reports');
  $('#content').hidden = false;
  const cohortForm = $('#cohort-form');
  for (const p of programs.data) cohortForm.programId.append(h('option', { value: p.id }, p.name));
  showPrograms(programs.data);
  const year = new Date().getUTCFullYear();
  fill($('#terms'), Array.from({ length: 7 }, (_, i) => year - i).flatMap((y) => ['FA', 'SU', 'SP'].map((t) => h('option', { value: `${y}-${t}` }))));
  // A cohort old enough to have graduates (150% of a two-year program is three years).
  cohortForm.cohort.value = params.get('cohort') ?? `${year - 3}-FA`;
  cohortForm.addEventListener('submit', (e) => { e.preventDefault(); showCohort(); });
  $('#cohort-csv').addEventListener('click', downloadCohortCsv);
  $('#placement-form').addEventListener('submit', (e) => { e.preventDefault(); showPlacements(); });

  const outcomesForm = $('#outcomes-form');
  const years = academicYears();
  fill(outcomesForm.academicYear, years.map(([label, y]) =>
    h('option', { value: label, selected: label === years[1][0] }, `${label} (Aug ${y} to Jul ${y + 1})${label === years[0][0] ? ', in progress' : ''}`)));
  outcomesForm.addEventListener('submit', (e) => { e.preventDefault(); showOutcomes(); });
  await Promise.all([showCohort(), showPlacements(), showOutcomes(), showFollowUpReport(base),
    accountDirectory($('#people-box'), { roles: ['college', 'student'], fixedCollegeId: collegeId, idPrefix: 'people' })]);
}

if (session) {
  if (!collegeId) showProblem($('#page-notice'), { detail: 'Sign in as college staff to see its reports.' }, 'No college.');
  else await start();
}
