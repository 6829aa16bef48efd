// The sign-in page. In the demo (DemoSignIn:Enabled) it lists the people in the database and asks the server for a
// development token for the one picked. Admins get a directory of pages here after signing in.
import { h, fill, $ } from './dom.js';
import { currentSession, saveSession, homeOf, signOut, showProblem, roleName } from './session.js';

const params = new URLSearchParams(location.search);
const next = params.get('next');
if (params.get('reason')) showProblem($('#notice'), { detail: params.get('reason') }, 'Signed out.');

const GROUPS = [['admin', 'Administrator'], ['advisor', 'Advisors'], ['college', 'College staff'], ['student', 'Students']];

/** Only same-site paths: a crafted ?next= must not send the token holder elsewhere. */
const safeNext = (path) => (path && path.startsWith('/') && !path.startsWith('//') ? path : null);

async function identities() {
  try {
    const response = await fetch('/auth/demo/identities', { headers: { Accept: 'application/json' } });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

async function signIn(identity, all) {
  const response = await fetch('/auth/demo/sign-in', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ role: identity.role, id: identity.id }),
  });
  if (!response.ok) {
    showProblem($('#notice'), await response.json().catch(() => null), 'Sign-in failed.');
    return;
  }
  const session = await response.json();
  // The colleges the demo knows: advisors pick a program from their catalogs when they enroll a student.
  session.colleges = all.filter((i) => i.role === 'college').map((i) => ({ id: i.id, name: i.name }));
  saveSession(session);
  location.assign(safeNext(next) ?? homeOf(session));
}

function directory(session, all) {
  if (session.role !== 'admin') {
    return h('p', {}, `${session.name} (${roleName(session.role)}). `, h('a', { href: homeOf(session) }, 'Go to your page'), '.');
  }
  const link = (i) => ({
    advisor: `/advisor.html?advisor=${encodeURIComponent(i.id)}`,
    college: `/college.html?college=${encodeURIComponent(i.id)}`,
    student: `/student.html?id=${encodeURIComponent(i.id)}`,
  })[i.role];
  return [
    h('p', {}, 'As an administrator you can open any page; every read of a student record is logged.'),
    (all ?? []).filter((i) => i.role !== 'admin').length === 0
      ? h('p', { class: 'muted' }, 'Open a page by its address, e.g. /advisor.html?advisor=ID.')
      : h('ul', { class: 'plain', id: 'directory' }, (all ?? []).filter((i) => i.role !== 'admin').map((i) =>
        h('li', {}, h('a', { href: link(i) }, i.name), ` (${i.description})`))),
  ];
}

const session = currentSession();
const all = await identities();
if (session) {
  $('#signed-in').hidden = false;
  fill($('#signed-in-box'), directory(session, all),
    h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: () => signOut() }, 'Sign out')));
  if (session.role !== 'admin' && safeNext(next)) location.replace(safeNext(next));
}
if (all === null) {
  $('#no-demo').hidden = !!session;
} else if (!session) {
  $('#demo').hidden = false;
  fill($('#identities'), GROUPS.map(([role, title]) => {
    const people = all.filter((i) => i.role === role);
    if (people.length === 0) return null;
    return [h('h3', {}, title), h('ul', { class: 'identities' }, people.map((i) =>
      h('li', {}, h('button', { type: 'button', 'data-role': i.role, 'data-id': i.id, 'data-name': i.name, onclick: () => signIn(i, all) },
        h('strong', {}, i.name), h('span', { class: 'role' }, i.description)))))];
  }));
}
