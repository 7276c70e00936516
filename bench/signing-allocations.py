#!/usr/bin/env python3
"""Bytes allocated per API signature, by type, for one or more trees (issue 19): runs each tree's own
Release load benchmark with `--paths api` under bench/SignCostProbe with SIGNCOST_ALLOCATIONS set,
takes the runtime's allocation samples summed by type at two moments of the sign-API phase's steady
part, and divides the difference by the signatures answered in between. Trees are alternated
ROUNDS times; the table gives each type's median KB per signature per tree, largest differences first.

usage: signing-allocations.py OUT_DIR ROUNDS TREE_DIR [TREE_DIR ...]
  e.g. bench/signing-allocations.py /tmp/alloc 2 /tmp/base-signcost /work/main
Samples are one per ~100 KB allocated, so a type below ~0.3 KB per signature is noise.
"""
import os, shutil, statistics, subprocess, sys, time

out, rounds, trees = os.path.abspath(sys.argv[1]), int(sys.argv[2]), [os.path.abspath(t) for t in sys.argv[3:]]
os.makedirs(out, exist_ok=True)
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
probe_dll = os.path.join(here, 'bench/SignCostProbe/bin/Release/net10.0/SignCostProbe.dll')
seconds = int(os.environ.get('SECONDS_MEASURED', '16'))


def name_of(tree):
    try:
        return subprocess.run(['git', '-C', tree, 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True, check=True).stdout.strip()
    except subprocess.CalledProcessError:
        return os.path.basename(tree)


def last(probe):
    lines = [l for l in open(probe) if not l.startswith('#')] if os.path.exists(probe) else []
    return lines[-1].split() if lines else None


def types(path):
    result = {}
    for line in open(path):
        parts = line.split(None, 2)
        if len(parts) == 3:
            result[parts[2].strip()] = int(parts[0])
    return result


def snapshot(allocations, probe):
    # The probe rewrites the allocations file every 2 s: wait for a fresh one, then read the count.
    before = os.path.getmtime(allocations) if os.path.exists(allocations) else 0
    while not os.path.exists(allocations) or os.path.getmtime(allocations) == before:
        time.sleep(0.05)
    time.sleep(0.05)
    return types(allocations), int(last(probe)[3]), int(last(probe)[1])


def measure(tree, tag):
    probe, allocations = f'{out}/{tag}.probe', f'{out}/{tag}.alloc'
    for f in (probe, allocations):
        if os.path.exists(f):
            os.remove(f)
    bench = subprocess.Popen(['dotnet', 'bench/SignOnLetters.Benchmarks/bin/Release/net10.0/SignOnLetters.Benchmarks.dll', 'load',
                              '--duration', str(seconds + 14), '--page-duration', '1', '--ceiling-duration', '2', '--paths', 'api',
                              '--env', f'DOTNET_STARTUP_HOOKS={probe_dll}', '--env', f'SIGNCOST_PROBE={probe}',
                              '--env', f'SIGNCOST_ALLOCATIONS={allocations}'],
                             cwd=tree, stdout=open(f'{out}/{tag}.out', 'w'), stderr=subprocess.STDOUT)
    while last(probe) is None or int(last(probe)[3]) == 0:
        if bench.poll() is not None:
            sys.exit(f'the load benchmark ended ({bench.returncode}); see {out}/{tag}.out')
        time.sleep(0.2)
    time.sleep(6)  # past the warm-up
    first, n1, b1 = snapshot(allocations, probe)
    time.sleep(seconds)
    second, n2, b2 = snapshot(allocations, probe)
    bench.wait()
    signatures = n2 - n1
    per = {t: (second.get(t, 0) - first.get(t, 0)) / signatures / 1024 for t in set(first) | set(second)}
    total = (b2 - b1) / signatures / 1024
    print(f'{tag}: {signatures} signatures, {total:.1f} KB allocated per signature (sampled types: {sum(per.values()):.1f} KB)', flush=True)
    return per, total


names = []
for t in trees:
    n = name_of(t)
    while n in names:
        n += '+'
    names.append(n)
results = {n: [] for n in names}
for r in range(1, rounds + 1):
    for tree, n in zip(trees, names):
        results[n].append(measure(tree, f'round{r}-{n}'))
median = {n: {} for n in names}
every = set()
for n in names:
    for per, _ in results[n]:
        every |= set(per)
for n in names:
    for t in every:
        median[n][t] = statistics.median(per.get(t, 0) for per, _ in results[n])
print()
print('| type (KB per API signature, median of %d) | %s |' % (rounds, ' | '.join(names)))
print('| --- |' + ' --- |' * len(names))
print('| all (GC.GetTotalAllocatedBytes) | %s |' % ' | '.join(f'{statistics.median(tot for _, tot in results[n]):.1f}' for n in names))
rows = sorted(every, key=lambda t: -max(abs(median[n][t] - median[names[0]][t]) for n in names))
for t in rows[:40]:
    print('| %s | %s |' % (t, ' | '.join(f'{median[n][t]:.2f}' for n in names)))
