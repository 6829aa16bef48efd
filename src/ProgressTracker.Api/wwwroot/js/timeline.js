// A student's timeline (GET /api/students/{id}/timeline) drawn for people: stage bar, eligibility, next steps,
// and the milestones as a vertical timeline, voided ones struck through with their reason.
import { h, formatDate, formatTimestamp, words, capital } from './dom.js';
import { STAGES, stageName, valueName } from './vocabulary.js';

/** The seven stages with the current one marked (aria-current="step"). */
export function stageBar(stage) {
  const withdrawn = stage === 'withdrawn' || stage === 'transferred';
  const at = withdrawn ? STAGES.indexOf('enrolled') : STAGES.indexOf(stage);
  const bar = h('ol', { class: 'stages', 'aria-label': 'Stages of the pathway' },
    STAGES.map((name, i) => {
      const state = i < at || (withdrawn && i === at) ? 'done' : i === at ? 'current' : 'todo';
      const suffix = state === 'current' ? ' (current stage)' : state === 'done' ? ' (done)' : '';
      return h('li', { class: state, 'aria-current': state === 'current' ? 'step' : undefined },
        stageName(name), suffix ? h('span', { class: 'visually-hidden' }, suffix) : null);
    }));
  return withdrawn
    ? [bar, h('p', { class: 'notice warn' }, stage === 'transferred'
      ? 'Transferred to another institution: off the pathway here until a new enrollment.'
      : 'Withdrawn from the program: off the pathway until a new enrollment.')]
    : [bar];
}

/** "Rosa can sit the RHIT exam: ..." in plain words. */
export function eligibility(view, forStudent) {
  const e = view.examEligibility;
  const who = forStudent ? 'You' : view.name;
  return h('p', { class: `notice ${e.eligible ? 'ok' : 'warn'}`, id: 'eligibility' },
    h('strong', {}, e.eligible ? `${who} can sit the RHIT exam. ` : `${who} cannot sit the RHIT exam yet. `), e.reason);
}

export function nextSteps(view) {
  return view.nextSteps.length === 0
    ? h('p', { class: 'muted' }, 'No next step: the pathway is complete for now.')
    : h('ul', { class: 'plain', id: 'next-steps' }, view.nextSteps.map((step) => h('li', {}, step)));
}

/** Title and detail lines of one milestone, by type. */
export function describe(m, programNames = {}) {
  const program = programNames[m.programId] ?? 'the program';
  switch (m.type) {
    case 'student-registered':
      return ['Registered', [m.studentNumber ? `Student number ${m.studentNumber}` : null]];
    case 'advisor-assigned':
      return ['Advisor assigned', []];
    case 'volunteering-logged':
      return [`Volunteered ${m.hours} hours at ${m.organization}`,
        [`${valueName(m.setting)}, ${formatDate(m.startedOn)} to ${formatDate(m.endedOn)}`]];
    case 'enrolled-in-program':
      return [`Enrolled in ${program}`, [`Entry term ${m.cohort}, ${words(m.intensity)}`]];
    case 'course-completed':
      return [`Completed ${m.courseCode} ${m.title}`, [`${capital(words(m.category))}, ${m.credits} credits, grade ${m.grade}`]];
    case 'program-withdrawn':
      return [`Withdrew from ${program}`, [`Reason: ${words(m.reason)}`]];
    case 'degree-conferred':
      return [`Degree conferred: ${String(m.award).toUpperCase()} from ${program}`, []];
    case 'certification-exam-taken':
      return [`RHIT exam ${m.passed ? 'passed' : 'not passed'}`, [m.score != null ? `Score ${m.score}` : null]];
    case 'job-placed':
      return [`Started a job at ${m.employer}`,
        [`${valueName(m.setting)}, ${words(m.specialty)}, ${m.fullTime ? 'full time' : 'part time'}, ${m.inField ? 'in the field' : 'outside the field'}`]];
    case 'student-identity-corrected':
      return ['Identity corrected', [`Corrected: ${(m.corrected ?? []).map((f) => words(f)).join(', ')}`]];
    case 'term-registered':
      return [`Registered for ${m.term} in ${program}`, []];
    case 'graduate-outcome-reported':
      return [`Outcome reported: ${words(m.status)}`, []];
    default:
      return [capital(words(m.type)), []];
  }
}

/** Milestones in date order; `voidForm(m)` (staff only) adds the void control to a milestone that can be voided. */
export function milestoneList(view, { programNames = {}, voidForm, me } = {}) {
  if (view.milestones.length === 0) return h('p', { class: 'muted' }, 'Nothing recorded yet.');
  return h('ol', { class: 'timeline', id: 'timeline' }, view.milestones.map((m) => {
    const [title, details] = describe(m, programNames);
    const heading = m.voided ? h('h3', {}, h('del', {}, title), ' (voided)') : h('h3', {}, title);
    return h('li', { class: m.voided ? 'voided' : undefined, 'data-milestone-id': m.id, 'data-type': m.type },
      h('time', { datetime: m.occurredOn }, formatDate(m.occurredOn)),
      heading,
      details.filter(Boolean).map((line) => h('p', { class: 'details' }, m.voided ? h('del', {}, line) : line)),
      m.voided ? h('p', { class: 'void-reason' }, `Voided: ${m.voidReason ?? 'no reason given'}`) : null,
      h('p', { class: 'by' }, `Recorded by ${m.recordedBy === me ? 'you' : m.recordedBy} on ${formatTimestamp(m.recordedAt)}`),
      !m.voided && voidForm && m.type !== 'student-registered' ? voidForm(m) : null);
  }));
}
