# Shared by ops/backup and ops/restore: which database, as libpq environment variables, and PostgreSQL's client tools.
# Sourced; expects $repo to be the repository root.
#
# The connection string is an Npgsql one (the service's ConnectionStrings__Marten, or ConnectionStrings__MartenOwner
# when set: the role that owns the schema can read and create every table). Host, Port, Database, Username and
# Password become PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD, so no password is ever on a command line (ps
# shows command lines to every user of the machine). Without a connection string, the local cluster ops/run uses.

. "$repo/ops/lib/postgres.sh"

pt_die() { pt_log "$*"; exit 1; }

# Sets PG* from an Npgsql connection string: "Key=Value;..." with case-insensitive keys, their Npgsql synonyms,
# and values optionally quoted ('...' or "...", a doubled quote inside stands for one).
pt_pg_env_from() {
  local cs="$1" i=0 n=${#1} key value c quote
  # Only the connection string says where: a PGHOST or PGPORT left in the caller's environment must not redirect it.
  unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE
  while [ "$i" -lt "$n" ]; do
    key=""
    while [ "$i" -lt "$n" ] && [ "${cs:$i:1}" != "=" ] && [ "${cs:$i:1}" != ";" ]; do key+="${cs:$i:1}"; i=$((i + 1)); done
    if [ "$i" -ge "$n" ] || [ "${cs:$i:1}" = ";" ]; then
      i=$((i + 1))
      [ -z "${key//[[:space:]]/}" ] && continue
      pt_die "The connection string has '${key}' without '=': expected Key=Value pairs separated by ';'."
    fi
    i=$((i + 1))
    while [ "$i" -lt "$n" ] && [ "${cs:$i:1}" = " " ]; do i=$((i + 1)); done
    value=""
    c="${cs:$i:1}"
    if [ "$c" = "'" ] || [ "$c" = '"' ]; then
      quote="$c"; i=$((i + 1))
      while :; do
        [ "$i" -ge "$n" ] && pt_die "The connection string has an unterminated quoted value (key '${key}')."
        c="${cs:$i:1}"
        if [ "$c" = "$quote" ]; then
          if [ "${cs:$((i + 1)):1}" = "$quote" ]; then value+="$quote"; i=$((i + 2)); continue; fi
          i=$((i + 1)); break
        fi
        value+="$c"; i=$((i + 1))
      done
      while [ "$i" -lt "$n" ] && [ "${cs:$i:1}" != ";" ]; do i=$((i + 1)); done
    else
      while [ "$i" -lt "$n" ] && [ "${cs:$i:1}" != ";" ]; do value+="${cs:$i:1}"; i=$((i + 1)); done
      value="${value%"${value##*[![:space:]]}"}"
    fi
    i=$((i + 1))
    key="${key//[[:space:]]/}"
    case "${key,,}" in
      host | server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database | db) export PGDATABASE="$value" ;;
      username | userid | user | uid) export PGUSER="$value" ;;
      password | psw | pwd) export PGPASSWORD="$value" ;;
      timeout) export PGCONNECT_TIMEOUT="$value" ;;
      sslmode) export PGSSLMODE="${value,,}" ;;
      *) ;;   # pooling, timeouts and the like: the service's, not the tools'
    esac
  done
  [ -n "${PGHOST:-}" ] || pt_die "The connection string names no Host."
  [ -n "${PGDATABASE:-}" ] || pt_die "The connection string names no Database."
  export PGAPPNAME="${PGAPPNAME:-progress-tracker-ops}"
}

# The connection the tools use: the configured one, else the local cluster ops/run provisions.
pt_pg_connect() {
  local cs="${ConnectionStrings__MartenOwner:-${ConnectionStrings__Marten:-}}"
  if [ -z "$cs" ]; then
    pt_provision_postgres
    cs="$ConnectionStrings__Marten"
  fi
  pt_pg_env_from "$cs"
  pt_log "PostgreSQL: database '${PGDATABASE}' on ${PGHOST}:${PGPORT:-5432} as '${PGUSER:-$(id -un)}'"
}

# A client tool by name, from PATH or the newest /usr/lib/postgresql/*/bin (as ops/lib/postgres.sh finds binaries):
# pg_dump must be at least the server's major version.
pt_pg_tool() {
  pt_pg_bin "$1" || pt_die "PostgreSQL's $1 was not found: install Debian's 'postgresql-client' package."
}
