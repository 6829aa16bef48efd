// The API's kebab-case values in words a person reads (api.md lists the values).
import { words, capital } from './dom.js';

/** The seven stages of the pathway, in order (withdrawn is off it). */
export const STAGES = ['exploring', 'gaining-experience', 'enrolled', 'coursework-complete', 'graduated', 'credentialed', 'placed'];
export const ALL_STAGES = [...STAGES, 'withdrawn', 'transferred'];

const STAGE_NAMES = {
  exploring: 'Exploring', 'gaining-experience': 'Gaining experience', enrolled: 'Enrolled',
  'coursework-complete': 'Coursework complete', graduated: 'Graduated', credentialed: 'Credentialed (RHIT)',
  placed: 'Placed in a job', withdrawn: 'Withdrawn', transferred: 'Transferred',
};
export const stageName = (stage) => STAGE_NAMES[stage] ?? capital(words(stage));

export const ALERTS = {
  stalled: ['Stalled', 'No pathway milestone for a long time'],
  'not-exam-eligible': ['Not exam-eligible', 'Graduated from a program that does not qualify for the RHIT exam'],
  'exam-ready': ['Exam-ready', 'Eligible for the RHIT exam and has not taken it'],
  'retake-window-open': ['Retake open', 'Failed the RHIT exam; the waiting period has passed'],
  'graduated-not-placed': ['Graduated, not placed', 'Graduated months ago and has no job recorded'],
  'deadline-near': ['Deadline near', 'Within six months of the end of 150% of normal time, no degree yet'],
  'degree-pending': ['Degree pending', 'Coursework complete months ago and no degree'],
  'no-re-registration': ['No re-registration', 'Enrolled, but not registered for the term after the last registered one'],
};
export const alertName = (code) => ALERTS[code]?.[0] ?? capital(words(code));
export const alertHelp = (code) => ALERTS[code]?.[1] ?? '';

export const SETTINGS = ['hospital', 'physician-office', 'nursing-care', 'outpatient', 'home-health', 'public-health', 'insurer', 'vendor', 'other'];
export const SPECIALTIES = ['coding', 'records-management', 'transcription', 'release-of-information', 'cancer-registry', 'data-analytics', 'other'];
export const CATEGORIES = ['english', 'mathematics', 'speech', 'medical-terminology', 'anatomy-physiology', 'computer-applications', 'health-information', 'elective'];
export const WITHDRAWAL_REASONS = ['personal', 'academic', 'financial', 'transfer', 'deceased', 'permanent-disability', 'military-deployment', 'service-mission', 'other'];
export const OUTCOME_STATUSES = ['continuing-education', 'military', 'volunteer-service', 'seeking', 'not-seeking'];

export const SETTING_NAMES = { 'physician-office': "Physician's office", 'nursing-care': 'Nursing care', 'home-health': 'Home health', 'public-health': 'Public health' };
export const valueName = (value) => SETTING_NAMES[value] ?? capital(words(value));

const END_REASONS = { withdrawn: 'withdrawn by the accreditor', inactive: 'program voluntarily inactive', other: 'ended' };

/** One accreditation period in words: "CAHIIM: 1 Mar 2012 to now", or with the day and reason it ended. */
export function accreditationText(a, formatDate) {
  const span = `${a.body}: ${formatDate(a.from)} to ${a.to ? formatDate(a.to) : 'now'}`;
  return a.endReason ? `${span} (${END_REASONS[a.endReason] ?? words(a.endReason)})` : span;
}
