# Provisions PostgreSQL for the run command, in the order the README gives, and exports two connection strings:
# ConnectionStrings__MartenOwner (the role that owns the schema; db-apply uses it) and ConnectionStrings__Marten (the
# runtime role `progress_tracker_app` the service runs as: it may only INSERT and SELECT the logs).
#   1. ConnectionStrings__Marten is already set: use it (and ConnectionStrings__MartenOwner if set).
#   2. A Docker engine answers: `docker compose up -d postgres` (127.0.0.1:5433); its init script creates both roles
#      with the passwords of .env (written with random secrets when missing).
#   3. The machine's PostgreSQL binaries: a persistent cluster under .data/postgres (127.0.0.1:5433), run as the
#      `postgres` OS user when we are root (initdb and postgres refuse to run as root). The owner is the cluster's
#      `postgres` role (it owns what earlier runs created); `progress_tracker_app` is created with a password kept in
#      .data/app-password. The cluster trusts 127.0.0.1 connections, so there the password is set but not checked.
# Sourced by ops/run; expects $repo to be the repository root.

pt_port="${PROGRESSTRACKER_PG_PORT:-5433}"
pt_database="progress_tracker"
pt_app_role="progress_tracker_app"

pt_log() { printf '[ops] %s\n' "$*" >&2; }

# A random secret of letters and digits (no character a connection string or an env file would need to escape).
pt_secret() { local s; s=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'); printf '%s' "${s:0:32}"; }

pt_pg_bin() {
  local tool="$1" dir
  if command -v "$tool" >/dev/null 2>&1; then command -v "$tool"; return; fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/$tool" ] && { echo "$dir/$tool"; return; }
  done
  return 1
}

# Runs a PostgreSQL server binary as the right OS user.
pt_as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pt_local_cluster() {
  local data="$repo/.data/postgres" initdb pg_ctl
  initdb=$(pt_pg_bin initdb) || { pt_log "No PostgreSQL binaries found: install Debian's 'postgresql' package or set ConnectionStrings__Marten."; exit 1; }
  pg_ctl=$(pt_pg_bin pg_ctl)
  mkdir -p "$repo/.data"
  if [ ! -s "$data/PG_VERSION" ]; then
    pt_log "Creating a PostgreSQL cluster in .data/postgres"
    mkdir -p "$data"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$data" "$repo/.data"
    pt_as_pg "$initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 >/dev/null
  fi
  if ! pt_as_pg "$pg_ctl" -D "$data" status >/dev/null 2>&1; then
    pt_log "Starting PostgreSQL from .data/postgres on port $pt_port"
    pt_as_pg "$pg_ctl" -D "$data" -l "$data/server.log" -w \
      -o "-p $pt_port -k $data -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  local psql
  psql=$(pt_pg_bin psql)
  if ! "$psql" -h 127.0.0.1 -p "$pt_port" -U postgres -tAc "select 1 from pg_database where datname='$pt_database'" | grep -q 1; then
    "$psql" -h 127.0.0.1 -p "$pt_port" -U postgres -qc "create database $pt_database" >/dev/null
  fi
  local password_file="$repo/.data/app-password" password
  [ -s "$password_file" ] || (umask 077 && pt_secret >"$password_file")
  password=$(cat "$password_file")
  "$psql" -h 127.0.0.1 -p "$pt_port" -U postgres -d "$pt_database" -v ON_ERROR_STOP=1 -q >/dev/null <<SQL
select format('create role %I login', '$pt_app_role') where not exists (select 1 from pg_roles where rolname = '$pt_app_role')
\\gexec
alter role $pt_app_role with login password '$password';
SQL
  export ConnectionStrings__MartenOwner="Host=127.0.0.1;Port=$pt_port;Database=$pt_database;Username=postgres"
  export ConnectionStrings__Marten="Host=127.0.0.1;Port=$pt_port;Database=$pt_database;Username=$pt_app_role;Password=$password"
}

# The compose file's secrets: .env, written with random ones the first time (see .env.example).
pt_compose_env() {
  if [ ! -s "$repo/.env" ]; then
    pt_log "Writing .env with random database passwords and signing key (git-ignored; see .env.example)"
    (umask 077 && sed -e "s/^POSTGRES_PASSWORD=.*/POSTGRES_PASSWORD=$(pt_secret)/" \
      -e "s/^PT_OWNER_PASSWORD=.*/PT_OWNER_PASSWORD=$(pt_secret)/" \
      -e "s/^PT_APP_PASSWORD=.*/PT_APP_PASSWORD=$(pt_secret)/" \
      -e "s/^AUTH_SIGNING_KEY=.*/AUTH_SIGNING_KEY=$(pt_secret)$(pt_secret)/" \
      "$repo/.env.example" >"$repo/.env")
  fi
  set -a; . "$repo/.env"; set +a
}

pt_provision_postgres() {
  if [ -n "${ConnectionStrings__Marten:-}" ]; then
    pt_log "PostgreSQL: using the given ConnectionStrings__Marten"
  elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    pt_log "PostgreSQL: Docker engine found, using docker compose (service 'postgres', 127.0.0.1:5433)"
    pt_compose_env
    (cd "$repo" && docker compose up -d --wait postgres)
    export ConnectionStrings__MartenOwner="Host=127.0.0.1;Port=5433;Database=$pt_database;Username=progress_tracker_owner;Password=$PT_OWNER_PASSWORD"
    export ConnectionStrings__Marten="Host=127.0.0.1;Port=5433;Database=$pt_database;Username=$pt_app_role;Password=$PT_APP_PASSWORD"
  else
    pt_log "PostgreSQL: no Docker engine, using this machine's PostgreSQL binaries"
    pt_local_cluster
  fi
}
