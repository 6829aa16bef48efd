// The sign-in page: a button that signs in through the institution's identity provider (the service runs the
// OpenID Connect flow and keeps the session), the no-access page for a person without an account, and in
// Development the demo people to sign in as at the local provider.
import { h, fill, $ } from './dom.js';
import { currentSession, homeOf, signOut, showProblem, showOk, roleName } from './session.js';

const params = new URLSearchParams(location.search);
/** Only same-site paths: a crafted ?next= must not send the signed-in person elsewhere (the server checks again). */
const safeNext = (path) => (path && /^\/(?![/\\])/.test(path) && !/[\\\u0000-\u001f]/.test(path) ? path : null);
const next = safeNext(params.get('next'));

if (params.get('reason')) showProblem($('#notice'), { detail: params.get('reason') }, 'Signed out.');
if (params.get('signin') === 'failed') showProblem($('#notice'), { detail: 'The identity provider did not complete the sign-in. Try again.' }, 'Sign-in failed.');
if (params.get('signedOut')) showOk($('#notice'), 'You are signed out.');

async function demoPeople() {
  try {
    const response = await fetch('/auth/demo/people', { headers: { Accept: 'application/json' } });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

const session = await currentSession();
if (session?.noAccess) {
  $('#no-access').hidden = false;
  $('#no-access-sign-out').addEventListener('click', () => signOut());
} else if (session) {
  // Back from the provider (or here while signed in): on to the page asked for, or the person's own.
  $('#signed-in').hidden = false;
  fill($('#signed-in-box'), h('p', {}, `${session.name} (${roleName(session.role)}). `, h('a', { href: homeOf(session) }, 'Go to your page'), '.'));
  location.replace(next ?? homeOf(session));
} else {
  $('#sign-in').hidden = false;
  $('#sign-in-link').href = `/auth/sign-in?returnUrl=${encodeURIComponent(next ?? '/')}`;
  const people = await demoPeople();
  if (people?.length) {
    $('#demo').hidden = false;
    fill($('#demo-people'), [['admin', 'Administrator'], ['advisor', 'Advisors'], ['college', 'College staff'], ['student', 'Students']]
      .map(([role, title]) => {
        const some = people.filter((p) => p.role === role);
        if (some.length === 0) return null;
        return [h('h3', {}, title), h('ul', { class: 'identities' }, some.map((p) =>
          h('li', { 'data-role': p.role }, h('code', {}, p.email), h('span', { class: 'role' }, p.description))))];
      }));
  }
}
