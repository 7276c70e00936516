#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the tests and prints its connection string.
# Usage: eval "$(.ci/start-postgres.sh DIR [PORT])"   → exports ConnectionStrings__Postgres
set -euo pipefail
dir=${1:?data directory}
port=${2:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
mkdir -p "$dir"
chown postgres:postgres "$dir" 2>/dev/null || true
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$dir/PG_VERSION" ]; then
  run_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1
fi
# -F: no fsync; this cluster lives only as long as the test run.
run_pg "$bin/pg_ctl" -D "$dir" -l "$dir.log" -w -o "-F -p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
echo "export ConnectionStrings__Postgres='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true'"
