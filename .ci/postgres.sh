#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests (issue 14): Debian's `postgresql` package, a cluster in a
# temp folder on a free port, trust authentication on the loopback only. Source it: it exports
# CHUFEI_TEST_DATABASE_URL, and the cluster is stopped and removed when the calling shell exits.
#   . .ci/postgres.sh
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")

# The server refuses to run as root: as root (CI), run it as Debian's postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

PG_DIR=$(mktemp -d /tmp/chufei-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
PG_PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U chufei --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off" start >/dev/null

stop_postgres() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_postgres EXIT

export CHUFEI_TEST_DATABASE_URL="postgres://chufei@127.0.0.1:$PG_PORT/postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT (CHUFEI_TEST_DATABASE_URL) for the store tests"
