# Starts the local OpenID Connect provider (ops/oidc, npm oidc-provider) for the demo and exports the service's
# Auth__Oidc__* settings for it, unless Auth__Oidc__Authority is already set (a real provider).
# Sourced by ops/run; expects $repo and pt_log.

pt_oidc_port="${PROGRESSTRACKER_OIDC_PORT:-5081}"

pt_start_local_provider() {
  local service_url="$1"
  if [ -n "${Auth__Oidc__Authority:-}" ]; then
    pt_log "Sign-in: using the given Auth__Oidc__Authority"
    return
  fi
  command -v node >/dev/null 2>&1 || { pt_log "Node.js is missing: the local identity provider needs it (or set Auth__Oidc__Authority)."; exit 1; }
  if [ ! -d "$repo/ops/oidc/node_modules/oidc-provider" ]; then
    pt_log "Installing the local identity provider (npm ci in ops/oidc)"
    (cd "$repo/ops/oidc" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  local secret
  secret=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  export OIDC_PORT="$pt_oidc_port" OIDC_CLIENT_ID="progress-tracker" OIDC_CLIENT_SECRET="$secret" \
    OIDC_REDIRECT_URIS="$service_url/signin-oidc" OIDC_POST_LOGOUT_REDIRECT_URIS="$service_url/"
  mkdir -p "$repo/.data"
  node "$repo/ops/oidc/provider.mjs" >"$repo/.data/oidc-provider.log" 2>&1 &
  pt_oidc_pid=$!
  trap 'kill $pt_oidc_pid ${pt_mail_pid:-} 2>/dev/null || true' EXIT
  local i
  for i in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$pt_oidc_port/.well-known/openid-configuration" >/dev/null 2>&1 && break
    sleep 0.2
  done
  export Auth__Oidc__Authority="http://127.0.0.1:$pt_oidc_port" Auth__Oidc__ClientId="progress-tracker" \
    Auth__Oidc__ClientSecret="$secret" Auth__Oidc__RequireHttpsMetadata=false
  pt_log "Sign-in: local identity provider on http://127.0.0.1:$pt_oidc_port (any e-mail as login; log in .data/oidc-provider.log)"
}
