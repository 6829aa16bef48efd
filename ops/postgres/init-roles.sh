#!/bin/sh
# Runs once, when the postgres container creates its data directory (docker-entrypoint-initdb.d): the schema's owner
# role, which the one-shot `migrate` service runs db-apply as, and the service's runtime role, which db-apply grants
# what it needs (no DDL; only INSERT and SELECT on the logs). Neither is a superuser.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db="$POSTGRES_DB" -v owner_password="$PT_OWNER_PASSWORD" -v app_password="$PT_APP_PASSWORD" <<'SQL'
create role progress_tracker_owner login password :'owner_password';
create role progress_tracker_app login password :'app_password';
alter database :"db" owner to progress_tracker_owner;
revoke all on database :"db" from public;
grant connect, temporary on database :"db" to progress_tracker_app;
SQL
