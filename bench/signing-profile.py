#!/usr/bin/env python3
"""Profiles one tree's app under the load benchmark's sign-API phase with dotnet-trace's sample
profiler (speedscope format), and writes how many signatures were answered while it traced.

usage: signing-profile.py TREE_DIR OUT_PREFIX [SECONDS]
  TREE_DIR: a checkout built with -c Release (bench/SignOnLetters.Benchmarks);
  writes OUT_PREFIX.speedscope.json, OUT_PREFIX.probe (bench/SignCostProbe's samples) and
  OUT_PREFIX.signatures. Compare two with signing-profile-compare.py.
Needs dotnet-trace (dotnet tool install --global dotnet-trace) and bench/SignCostProbe built in Release.
"""
import os, subprocess, sys, time

tree, prefix = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 8
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
probe_dll = os.path.join(here, 'bench/SignCostProbe/bin/Release/net10.0/SignCostProbe.dll')
probe = prefix + '.probe'
if os.path.exists(probe):
    os.remove(probe)
bench = subprocess.Popen(['dotnet', 'bench/SignOnLetters.Benchmarks/bin/Release/net10.0/SignOnLetters.Benchmarks.dll', 'load',
                          '--duration', str(seconds + 12), '--page-duration', '1', '--ceiling-duration', '2', '--paths', 'api',
                          '--env', f'DOTNET_STARTUP_HOOKS={probe_dll}', '--env', f'SIGNCOST_PROBE={probe}'],
                         cwd=tree, stdout=open(prefix + '.out', 'w'), stderr=subprocess.STDOUT)

def last():
    lines = [l for l in open(probe) if not l.startswith('#')]
    return lines[-1].split() if lines else None

while not os.path.exists(probe) or last() is None:
    if bench.poll() is not None:
        sys.exit(f'the load benchmark ended ({bench.returncode}); see {prefix}.out')
    time.sleep(0.5)
pid = open(probe).readline().split()[2].rstrip(';')
while int(last()[3]) == 0:
    time.sleep(0.2)
time.sleep(6)  # past the benchmark's warm-up
before = last()
trace = subprocess.run([os.path.expanduser('~/.dotnet/tools/dotnet-trace'), 'collect', '-p', pid, '--profile', 'dotnet-sampled-thread-time',
                        '--duration', f'00:00:00:{seconds:02d}', '--format', 'Speedscope', '-o', prefix + '.nettrace'],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
after = last()
signatures = int(after[3]) - int(before[3])
cpu = float(after[2]) - float(before[2])
alloc = int(after[1]) - int(before[1])
open(prefix + '.signatures', 'w').write(f'{signatures} {cpu} {alloc}\n')
print(f'{tree}: {signatures} signatures traced, {cpu / signatures:.3f} ms CPU and {alloc / signatures / 1024:.1f} KB allocated per signature')
if trace.returncode != 0:
    print(trace.stdout)
bench.wait()
