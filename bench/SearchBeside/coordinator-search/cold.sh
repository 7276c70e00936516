#!/bin/bash
# Shared buffers cold: the server restarted before each statement (the OS page cache stays warm).
#   PGPORT=5457 PGDATABASE=signonletters_scale_HHMMSS PGDATA=/tmp/pg-NAME/data ./cold.sh < terms.txt
# cold.sh: per term, restart the server (empty shared buffers), run one statement once; old and new alternated, 2 rounds
P="runuser -u postgres -- psql -h 127.0.0.1 -p ${PGPORT:?} -d ${PGDATABASE:?} -X -q"
while IFS='|' read -r l term; do
  pat="%${term}%"
  line="$l | $term |"
  for round in 1 2; do for which in old new; do
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D ${PGDATA:?} restart -m fast -w >/dev/null 2>&1
    t=$( { echo "SET jit=off;"; cat $which-q.sql; echo "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE q($l, '$pat', 1001);"; } | $P 2>&1 | grep -E "Execution Time|^ *Buffers" | head -1 | tr -s ' '; { echo "SET jit=off;"; cat $which-q.sql; echo "EXPLAIN (ANALYZE, COSTS OFF) EXECUTE q($l, '$pat', 1001);"; } | $P 2>&1 | grep "Execution Time" | awk '{print $3}')
    line="$line $which:$t |"
  done; done
  echo "$line"
done
