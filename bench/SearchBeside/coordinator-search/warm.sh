#!/bin/bash
# The coordinators' search statement before (old-q.sql: three ILIKEs) and after (new-q.sql: the lower-cased column)
# alternated in one session, medians of EXPLAIN ANALYZE execution times. Run from this folder:
#   PGPORT=5457 PGDATABASE=signonletters_scale_HHMMSS ./warm.sh 7 < terms.txt   (terms.txt: letter id|term)
# warm.sh REPS: per term, old and new alternated REPS times in one session; prints medians of Execution Time (ms)
P="runuser -u postgres -- psql -h 127.0.0.1 -p ${PGPORT:?} -d ${PGDATABASE:?} -X -q"
reps=${1:-7}
while IFS='|' read -r l term; do
  pat="%${term}%"
  out=$( { echo "SET jit=off;"; sed 's/PREPARE q(/PREPARE qold(/' old-q.sql; sed 's/PREPARE q(/PREPARE qnew(/' new-q.sql
    echo "EXECUTE qold($l, '$pat', 1001); EXECUTE qnew($l, '$pat', 1001);"
    for i in $(seq $reps); do echo "EXPLAIN (ANALYZE, COSTS OFF) EXECUTE qold($l, '$pat', 1001);"; echo "EXPLAIN (ANALYZE, COSTS OFF) EXECUTE qnew($l, '$pat', 1001);"; done; } | $P 2>&1)
  times=$(echo "$out" | grep "Execution Time" | awk '{print $3}')
  old=$(echo "$times" | awk 'NR%2==1' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  new=$(echo "$times" | awk 'NR%2==0' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  plans=$(echo "$out" | grep -o 'Index Only Scan using "[A-Za-z_]*"\|Index Scan using "[A-Za-z_]*"\|Bitmap Index Scan on "[A-Za-z_]*"' | sort | uniq -c | tr -s ' ' | tr '\n' ';')
  echo "$l | $term | old $old | new $new | $(echo "scale=2; $new/$old" | bc) | $plans"
done
