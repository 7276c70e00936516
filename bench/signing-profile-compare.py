#!/usr/bin/env python3
"""Compares two or more profiles written by signing-profile.py: for each method, the sampled time
(all threads) with that method on the stack, per signature answered while tracing (microseconds).
Only samples of a thread running managed code (CPU_TIME) or SQLite's native code count; a thread
waiting (thread pool, sockets, timers, locks) is not CPU spent.
usage: signing-profile-compare.py PREFIX_A PREFIX_B [...] [--filter TEXT] [--top N]
"""
import json, sys, collections

args = sys.argv[1:]
top = 60; filt = None
if '--top' in args:
    i = args.index('--top'); top = int(args[i + 1]); del args[i:i + 2]
if '--filter' in args:
    i = args.index('--filter'); filt = args[i + 1]; del args[i:i + 2]

def idle(names):
    if 'CPU_TIME' in names:
        return False
    return not ('UNMANAGED_CODE_TIME' in names and any('SQLite' in n for n in names))

def load(prefix):
    data = json.load(open(prefix + '.speedscope.json'))
    frames = [f['name'] for f in data['shared']['frames']]
    inclusive = collections.Counter()
    total = 0.0
    for profile in data['profiles']:
        if profile['type'] == 'sampled':
            for stack, weight in zip(profile['samples'], profile['weights']):
                names = [frames[i] for i in stack]
                if idle(names):
                    continue
                total += weight
                for name in set(names):
                    inclusive[name] += weight
        else:  # evented: open/close events; time with a frame open, counted once per stack
            open_stack = []
            last_at = None
            for event in profile['events']:
                if last_at is not None and open_stack:
                    names = [frames[i] for i in open_stack]
                    if not idle(names):
                        duration = event['at'] - last_at
                        total += duration
                        for name in set(names):
                            inclusive[name] += duration
                last_at = event['at']
                if event['type'] == 'O':
                    open_stack.append(event['frame'])
                else:
                    while open_stack and open_stack.pop() != event['frame']:
                        pass
    unit = data['profiles'][0].get('unit', 'milliseconds')
    scale = {'milliseconds': 1000.0, 'microseconds': 1.0, 'nanoseconds': 0.001, 'seconds': 1e6}[unit]
    signatures = int(open(prefix + '.signatures').read().split()[0])
    return {k: v * scale / signatures for k, v in inclusive.items()}, total * scale / signatures, signatures

loaded = [(p, *load(p)) for p in args]
print('sampled CPU µs per signature: ' + ', '.join(f'{p}: {t:.0f} µs over {n} signatures' for p, _, t, n in loaded))
names = set().union(*(d.keys() for _, d, _, _ in loaded))
if filt:
    names = {n for n in names if filt in n}
rows = sorted(names, key=lambda n: -max(d.get(n, 0) for _, d, _, _ in loaded))[:top]
print(' | '.join(f'{p.split("/")[-1]:>10}' for p, *_ in loaded) + ' | diff | method')
for n in rows:
    values = [d.get(n, 0) for _, d, _, _ in loaded]
    print(' | '.join(f'{v:10.1f}' for v in values) + f' | {values[-1] - values[0]:+6.1f} | {n[:160]}')
