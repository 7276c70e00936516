#!/usr/bin/env bash
# Signing before and after, alternated: runs each tree's own load benchmark (built in Release) in
# turn, RUNS times, with the app started under bench/SignCostProbe (a startup hook, so old trees are
# measured the same way), then prints the median table: throughput (depends on the machine's load),
# and app CPU and bytes allocated per signature (do not).
# usage: bench/signing-alternated.sh BASE_DIR NEW_DIR RUNS [MORE_DIR ...]
#   e.g. bench/signing-alternated.sh /tmp/base-5c23185 /work/main 3
# Each *_DIR is a checkout whose bench/SignOnLetters.Benchmarks has been built with -c Release (set
# BUILD=1 to build them here). Results go in $OUT (default: a new /tmp/signing-alternated-* directory).
# Extra load benchmark options: LOAD_ARGS (default: --duration 15 --page-duration 5 --ceiling-duration 5).
# With "--paths api" in LOAD_ARGS the table adds each API signature's cost with its e-mail (the
# confirmation sender works behind the requests, so the steady window holds only part of the e-mails,
# a part that differs between trees: docs/benchmarks.md, branch signalloc).
set -euo pipefail
if [ $# -lt 3 ]; then sed -n 2,10p "$0"; exit 2; fi
here="$(cd "$(dirname "$0")/.." && pwd)"
base="$(cd "$1" && pwd)"; new="$(cd "$2" && pwd)"; runs="$3"; shift 3
dirs=("$base" "$new"); for d in "$@"; do dirs+=("$(cd "$d" && pwd)"); done
out="${OUT:-$(mktemp -d /tmp/signing-alternated-XXXX)}"; mkdir -p "$out"
load_args=(${LOAD_ARGS:---duration 15 --page-duration 5 --ceiling-duration 5})

probe="$here/bench/SignCostProbe/bin/Release/net10.0/SignCostProbe.dll"
[ -f "$probe" ] || dotnet build -c Release "$here/bench/SignCostProbe" -v q -nologo >/dev/null
names=()
for d in "${dirs[@]}"; do
  name="$(git -C "$d" rev-parse --short HEAD 2>/dev/null || basename "$d")"
  # The same commit twice (a tree and its copy) still gets two columns.
  while printf '%s\n' "${names[@]:-}" | grep -qx "$name"; do name="$name+"; done
  names+=("$name")
  if [ "${BUILD:-0}" = 1 ]; then dotnet build -c Release "$d/bench/SignOnLetters.Benchmarks" -v q -nologo >/dev/null; fi
  [ -f "$d/bench/SignOnLetters.Benchmarks/bin/Release/net10.0/SignOnLetters.Benchmarks.dll" ] || { echo "$d is not built in Release (BUILD=1 builds it)"; exit 2; }
done
echo "${names[@]}" > "$out/trees"
echo "Results in $out; trees: ${names[*]}"
for run in $(seq 1 "$runs"); do
  for i in "${!dirs[@]}"; do
    d="${dirs[$i]}"; name="${names[$i]}"
    echo "run $run: $name ($(cut -d' ' -f1-3 /proc/loadavg))"
    (cd "$d" && dotnet bench/SignOnLetters.Benchmarks/bin/Release/net10.0/SignOnLetters.Benchmarks.dll load "${load_args[@]}" \
        --env "DOTNET_STARTUP_HOOKS=$probe" --env "SIGNCOST_PROBE=$out/run$run-$name.probe") > "$out/run$run-$name.out" 2>&1 || echo "  (exit $?; see $out/run$run-$name.out)"
    grep -E "sign API \(|sign form \(" "$out/run$run-$name.out" | sed 's/^/  /' || true
  done
done
python3 "$here/bench/signing-alternated.py" "$out"
