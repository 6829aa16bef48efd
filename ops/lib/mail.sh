# Starts a local mail catcher for the demo (ops/mail, npm maildev): the service's mail goes to SMTP on 127.0.0.1 and a
# person reads it in the browser. Skipped when Email__Smtp__Host is set (a real relay). Sourced by ops/run; expects
# $repo and pt_log.

pt_mail_smtp_port="${PROGRESSTRACKER_MAIL_SMTP_PORT:-1025}"
pt_mail_web_port="${PROGRESSTRACKER_MAIL_WEB_PORT:-1080}"

pt_start_mail_catcher() {
  if [ -n "${Email__Smtp__Host:-}" ]; then
    pt_log "Mail: using the given Email__Smtp__Host"
    return
  fi
  command -v node >/dev/null 2>&1 || { pt_log "Mail: Node.js is missing, so the demo sends no mail (set Email__Smtp__Host for a relay)."; return; }
  if [ ! -d "$repo/ops/mail/node_modules/maildev" ]; then
    pt_log "Installing the local mail catcher (npm ci in ops/mail)"
    (cd "$repo/ops/mail" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  mkdir -p "$repo/.data"
  node "$repo/ops/mail/node_modules/maildev/dist/bin/maildev.js" --ip 127.0.0.1 --smtp "$pt_mail_smtp_port" \
    --web "$pt_mail_web_port" >"$repo/.data/mail-catcher.log" 2>&1 &
  pt_mail_pid=$!
  # Chained with the identity provider's trap (ops/lib/oidc.sh), which is set later and keeps this one.
  trap 'kill $pt_mail_pid 2>/dev/null || true' EXIT
  export Email__Smtp__Host=127.0.0.1 Email__Smtp__Port="$pt_mail_smtp_port"
  # The demo sweeps a minute after start: the day's digest goes out after that, not before it.
  export Alerts__DigestHourUtc="${Alerts__DigestHourUtc:-0}" Email__DigestCheckSeconds="${Email__DigestCheckSeconds:-150}"
  pt_log "Mail: the demo's mail is caught at http://127.0.0.1:$pt_mail_web_port (log in .data/mail-catcher.log)"
}
