#!/bin/sh
# First start on an empty volume: initdb, listen on the project network, create Moodle's role and database.
set -e
: "${MHA_DB_NAME:=moodle}" "${MHA_DB_USER:=moodle}" "${MHA_DB_PASS:?MHA_DB_PASS must be set}"
PGDATA=/var/lib/postgresql/data; BIN=/usr/lib/postgresql/15/bin
mkdir -p "$PGDATA" /run/postgresql && chown -R postgres:postgres "$PGDATA" /run/postgresql && chmod 700 "$PGDATA"
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  su postgres -c "$BIN/initdb -D $PGDATA --auth-local=trust --auth-host=scram-sha-256 -E UTF8" >/dev/null
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
  su postgres -c "$BIN/pg_ctl -D $PGDATA -o '-c listen_addresses=' -w start" >/dev/null
  su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<SQL
CREATE ROLE "$MHA_DB_USER" LOGIN PASSWORD '$MHA_DB_PASS';
CREATE DATABASE "$MHA_DB_NAME" OWNER "$MHA_DB_USER" ENCODING 'UTF8';
SQL
  su postgres -c "$BIN/pg_ctl -D $PGDATA -w stop" >/dev/null
fi
exec su postgres -c "exec $BIN/postgres -D $PGDATA"
