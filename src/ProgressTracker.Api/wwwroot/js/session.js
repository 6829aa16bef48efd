// The signed-in user: a bearer token kept in sessionStorage (gone when the tab closes), sent on every API call.
// Whoever issued the token (demo sign-in here, an OIDC provider in production) the pages only need these fields.
import { h, fill, $ } from './dom.js';

const KEY = 'progress-tracker.session';

/** {token, expiresAt, role, subject, name, id} or null. */
export function currentSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!session?.token) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function signOut(message) {
  sessionStorage.removeItem(KEY);
  const next = message ? `/?reason=${encodeURIComponent(message)}` : '/';
  location.assign(next);
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

/**
 * Calls the API with the user's token. Answers {ok, status, data, problem, response}; `problem` is the RFC 9457
 * body of an error. A 401 (no or expired token) sends the user back to sign in.
 */
export async function api(path, { method = 'GET', body, accept = 'application/json', headers = {} } = {}) {
  const session = currentSession();
  const sent = { Accept: accept, ...headers };
  if (session) sent.Authorization = `Bearer ${session.token}`;
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
    signOut('Please sign in again: your session has ended.');
    return { ok: false, status: 401, problem: { title: 'Signed out' } };
  }
  const type = response.headers.get('Content-Type') ?? '';
  let data = null;
  if (type.includes('json')) data = await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data, response };
  const problem = data ?? { title: `The service answered ${response.status}` };
  return { ok: false, status: response.status, problem, response };
}

/** Fetches a file with the token and hands it to the browser as a download (a link cannot carry the header). */
export async function download(path, accept, fallbackName) {
  const session = currentSession();
  const response = await fetch(path, { headers: { Accept: accept, Authorization: `Bearer ${session?.token}` } });
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

const ROLE_NAMES = { admin: 'Administrator', advisor: 'Advisor', college: 'College staff', student: 'Student' };
export const roleName = (role) => ROLE_NAMES[role] ?? role;

/**
 * Every page but sign-in starts here: without a session it goes to sign in (and comes back); otherwise it draws
 * the header (navigation for the role, who is signed in, sign out) and answers the session.
 */
export function startPage(current) {
  const session = currentSession();
  if (!session) {
    location.replace(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
    return null;
  }
  const links = {
    student: [['My record', homeOf(session), 'student']],
    advisor: [['Caseload and alerts', '/advisor.html', 'advisor']],
    college: [['Reports', '/college.html', 'college'], ['Roster import', '/import.html', 'import']],
    admin: [['Administration', '/admin.html', 'admin'], ['Directory', '/', 'directory']],
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
