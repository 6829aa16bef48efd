# Provisions PostgreSQL for the run command, in the order the README gives, and exports ConnectionStrings__Marten.
#   1. ConnectionStrings__Marten is already set: use it.
#   2. A Docker engine answers: `docker compose up -d postgres` (port 5433).
#   3. The machine's PostgreSQL binaries: a persistent cluster under .data/postgres (port 5433), run as the
#      `postgres` OS user when we are root (initdb and postgres refuse to run as root).
# Sourced by ops/run; expects $repo to be the repository root.

pt_port="${PROGRESSTRACKER_PG_PORT:-5433}"
pt_database="progress_tracker"

pt_log() { printf '[ops] %s\n' "$*" >&2; }

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
  export ConnectionStrings__Marten="Host=127.0.0.1;Port=$pt_port;Database=$pt_database;Username=postgres"
}

pt_provision_postgres() {
  if [ -n "${ConnectionStrings__Marten:-}" ]; then
    pt_log "PostgreSQL: using the given ConnectionStrings__Marten"
  elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    pt_log "PostgreSQL: Docker engine found, using docker compose (service 'postgres', port 5433)"
    (cd "$repo" && docker compose up -d --wait postgres)
    export ConnectionStrings__Marten="Host=127.0.0.1;Port=5433;Database=$pt_database;Username=postgres;Password=postgres"
  else
    pt_log "PostgreSQL: no Docker engine, using this machine's PostgreSQL binaries"
    pt_local_cluster
  fi
}
