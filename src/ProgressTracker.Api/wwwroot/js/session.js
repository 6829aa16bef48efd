// The signed-in user. The service holds the session (an HttpOnly cookie set by the OpenID Connect sign-in): the page
// never sees a token. It asks /api/me who it is, and sends the antiforgery token from /auth/csrf with every write.
import { h, fill, $ } from './dom.js';

let csrf = null;

/**
 * {role, id, name, subject} of the signed-in person (id: the advisor, college or student of their account), or
 * {noAccess: true, problem} for a person signed in without an (active) account, or null when nobody is signed in.
 */
export async function currentSession() {
  let response;
  try {
    response = await fetch('/api/me', { headers: { Accept: 'application/json' } });
  } catch {
    return null;
  }
  if (response.status === 403) return { noAccess: true, problem: await response.json().catch(() => null) };
  if (!response.ok) return null;
  const me = await response.json();
  return {
    role: me.role,
    id: me.advisorId ?? me.collegeId ?? me.studentId ?? null,
    name: me.displayName,
    subject: me.subject,
  };
}

async function csrfToken() {
  if (csrf) return csrf;
  const response = await fetch('/auth/csrf', { headers: { Accept: 'application/json' } });
  csrf = response.ok ? (await response.json()).token : '';
  return csrf;
}

/**
 * Ends the service's session and then the provider's (its own page may ask to confirm), so that the next person at
 * this computer signs in as themselves; back on the sign-in page afterwards.
 */
export async function signOut(message) {
  let endSession = null;
  try {
    const response = await fetch('/auth/sign-out', { method: 'POST', headers: { 'X-CSRF-TOKEN': await csrfToken(), Accept: 'application/json' } });
    if (response.ok) endSession = (await response.json()).endSession;
  } catch {
    // The page goes to sign-in either way; an unreachable service has no session to end.
  }
  csrf = null;
  location.assign(endSession ?? (message ? `/?reason=${encodeURIComponent(message)}` : '/?signedOut=1'));
}

/** Each role's start page. */
export function homeOf(session) {
  switch (session?.role) {
    case 'student': return `/student.html?id=${encodeURIComponent(session.id)}`;
    case 'advisor': return '/advisor.html';
    case 'college': return '/college.html';
    case 'admin': return '/admin.html';
    default: return '/';
  }
}

const here = () => location.pathname + location.search;

/**
 * Calls the API with the session cookie. Answers {ok, status, data, problem, response}; `problem` is the RFC 9457
 * body of an error. A 401 (the session ended) sends the user back to sign in, and then back here.
 */
export async function api(path, { method = 'GET', body, accept = 'application/json', headers = {} } = {}) {
  const sent = { Accept: accept, ...headers };
  if (method !== 'GET' && method !== 'HEAD') sent['X-CSRF-TOKEN'] = await csrfToken();
  let payload = body;
  if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
    sent['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers: sent, body: payload });
  } catch {
    return { ok: false, status: 0, problem: { title: 'The service cannot be reached', detail: 'Check the connection and try again.' } };
  }
  if (response.status === 401) {
    location.assign(`/?next=${encodeURIComponent(here())}&reason=${encodeURIComponent('Please sign in again: your session has ended.')}`);
    return { ok: false, status: 401, problem: { title: 'Signed out' } };
  }
  const type = response.headers.get('Content-Type') ?? '';
  let data = null;
  if (type.includes('json')) data = await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data, response };
  const problem = data ?? { title: `The service answered ${response.status}` };
  return { ok: false, status: response.status, problem, response };
}

/** Fetches a file with the session and hands it to the browser as a download. */
export async function download(path, accept, fallbackName) {
  const response = await fetch(path, { headers: { Accept: accept } });
  if (!response.ok) return { ok: false, status: response.status };
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  saveBlob(await response.blob(), name);
  return { ok: true, status: response.status };
}

export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const ROLE_NAMES = { admin: 'Administrator', advisor: 'Advisor', college: 'College staff', student: 'Student', recipient: 'Recipient (consent)' };
export const roleName = (role) => ROLE_NAMES[role] ?? role;

/**
 * Every page but sign-in starts here: without a session it goes to sign in (and comes back), without an account to
 * the no-access page; otherwise it draws the header (navigation for the role, who is signed in, sign out) and
 * answers the session.
 */
export async function startPage(current) {
  const session = await currentSession();
  if (!session || session.noAccess) {
    location.replace(session ? '/?noaccess=1' : `/?next=${encodeURIComponent(here())}`);
    return null;
  }
  const links = {
    student: [['My record', homeOf(session), 'student']],
    advisor: [['Caseload and alerts', '/advisor.html', 'advisor']],
    college: [['Reports', '/college.html', 'college'], ['Roster import', '/import.html', 'import']],
    admin: [['Administration', '/admin.html', 'admin']],
  }[session.role] ?? [];
  const header = $('header.site');
  fill(header, h('div', { class: 'bar' },
    h('a', { class: 'brand', href: homeOf(session) }, 'ProgressTracker'),
    h('nav', { 'aria-label': 'Main' }, h('ul', {}, links.map(([text, href, key]) =>
      h('li', {}, h('a', { href, 'aria-current': key === current ? 'page' : undefined }, text))))),
    h('div', { class: 'who' },
      h('span', {}, 'Signed in as ', h('strong', {}, session.name), ` (${roleName(session.role)})`),
      h('button', { type: 'button', onclick: () => signOut() }, 'Sign out'))));
  return session;
}

/** A problem answer as a notice: title, detail, and the rule code of a 409. */
export function showProblem(target, problem, prefix) {
  const rule = problem?.rule ? h('span', { class: 'rule' }, ` (rule: ${problem.rule})`) : null;
  fill(target, h('strong', {}, prefix ?? problem?.title ?? 'Something went wrong'),
    problem?.detail ? ` ${problem.detail}` : '', rule);
  target.className = 'notice bad';
  target.setAttribute('role', 'alert');
}

export function showOk(target, text) {
  fill(target, text);
  target.className = 'notice ok';
  target.setAttribute('role', 'status');
}

export function clearNotice(target) {
  fill(target);
  target.className = 'notice';
}
