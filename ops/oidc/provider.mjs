// A real OpenID Connect provider on this machine (npm oidc-provider) for `ops/run --demo` and the browser tests:
// ProgressTracker signs people in against it exactly as against a college's Entra ID, Okta or Keycloak.
// It is not for production: anyone may sign in with any e-mail as the login (the password is not checked), and the
// service's own account directory decides who gets in. A login starting with "unverified" gets email_verified=false.
//
// Settings (environment): OIDC_PORT (5081), OIDC_ISSUER (http://127.0.0.1:PORT), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
// OIDC_REDIRECT_URIS and OIDC_POST_LOGOUT_REDIRECT_URIS (comma-separated); OIDC_API_RESOURCE and OIDC_API_AUDIENCE: a
// request naming that resource gets a JWT access token (RS256, typ at+jwt) for that audience, as an integration calling
// the API with the provider's tokens would; OIDC_EXTRA_TOKEN_CLAIMS: JSON claims added to those tokens (the tests put
// a forged role there, which the service must ignore).
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 5081);
const issuer = process.env.OIDC_ISSUER ?? `http://127.0.0.1:${port}`;
const clientId = process.env.OIDC_CLIENT_ID ?? 'progress-tracker';
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? 'local-demo-client-secret';
const list = (value, fallback) => (value ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
const apiResource = process.env.OIDC_API_RESOURCE ?? 'urn:progress-tracker:api';
const apiAudience = process.env.OIDC_API_AUDIENCE ?? 'progress-tracker';
const extraTokenClaims = JSON.parse(process.env.OIDC_EXTRA_TOKEN_CLAIMS ?? '{}');
const redirectUris = list(process.env.OIDC_REDIRECT_URIS, 'http://localhost:5080/signin-oidc');
const postLogoutRedirectUris = list(process.env.OIDC_POST_LOGOUT_REDIRECT_URIS, 'http://localhost:5080/');

// A fresh signing key per start: tokens of an earlier run must not validate.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: randomBytes(8).toString('hex') };

const nameOf = (login) => login.split('@')[0].split(/[._-]/).filter(Boolean)
  .map((part) => part[0].toUpperCase() + part.slice(1)).join(' ');

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    post_logout_redirect_uris: postLogoutRedirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    // An opaque subject per person (a hash of the login), as real providers give: never the e-mail itself.
    subject_type: 'pairwise',
  }],
  subjectTypes: ['public', 'pairwise'],
  // Stable across restarts, so that a demo account bound yesterday still matches today.
  pairwiseIdentifier: async (ctx, accountId, client) =>
    createHash('sha256').update('progress-tracker-local-oidc').update(client.sectorIdentifier ?? '').update(accountId).digest('hex'),
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // The account is the login; the client sees a pairwise subject derived from it (stable on this machine).
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, email: sub, email_verified: !sub.startsWith('unverified'), name: nameOf(sub) }),
  }),
  // The service is the provider's own first-party client: no consent screen, only the login form.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    grant.addResourceScope(apiResource, 'api');
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    // Only when the resource is asked for: the web sign-in's own access token stays the userinfo endpoint's.
    resourceIndicators: {
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource) => {
        if (resource !== apiResource) throw new errors.InvalidTarget();
        return { scope: 'api', audience: apiAudience, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  extraTokenClaims: async (ctx, token) => (token.kind === 'AccessToken' && token.resourceServer ? extraTokenClaims : undefined),
  ttl: { Session: 8 * 3600, Interaction: 600, Grant: 8 * 3600, AccessToken: 3600, IdToken: 3600, AuthorizationCode: 60 },
});
provider.proxy = false;
// A 500 of the provider says only "oops! something went wrong" to the client: the reason goes to its log.
provider.on('server_error', (ctx, error) => console.error('server_error', error));
provider.on('grant.error', (ctx, error) => console.error('grant.error', error));

provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer} (client ${clientId}, redirect ${redirectUris.join(' ')})`);
});
