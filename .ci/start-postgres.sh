#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the tests and prints its connection string.
# Usage: eval "$(.ci/start-postgres.sh DIR [PORT])"   → exports ConnectionStrings__Postgres
# DIR is created and given to the postgres user; it holds the cluster (DIR/data) and its logs.
# Its parent must be traversable by that user (mktemp -d makes it 700: chmod 755 it).
set -euo pipefail
base=${1:?directory for the cluster}
port=${2:-55432}
dir=$base/data
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
mkdir -p "$dir"
chown -R postgres:postgres "$base" 2>/dev/null || true
chmod 700 "$dir"
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$dir/PG_VERSION" ]; then
  run_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 || { cat "$base/initdb.log" >&2; exit 1; }
fi
# -F: no fsync; this cluster lives only as long as the test run. PG_FSYNC=on keeps fsync (the load
# benchmark measures a durable server).
nofsync="-F"; [ "${PG_FSYNC:-off}" = on ] && nofsync=""
# PG_OPTIONS: more server settings (-c name=value ...), e.g. the scale benchmark's slow-statement log.
run_pg "$bin/pg_ctl" -D "$dir" -l "$base/postgres.log" -w -o "$nofsync -p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 ${PG_OPTIONS:-}" start >/dev/null || { cat "$base/postgres.log" >&2; exit 1; }
echo "export ConnectionStrings__Postgres='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true'"
