#!/usr/bin/env python3
"""Reads the runs written by bench/signing-alternated.sh and prints the median table.

For every run of every tree: the load benchmark's own lines (sign API and form throughput, p99,
"app CPU … ms/req") and the startup hook's samples (bench/SignCostProbe), from which CPU and bytes
allocated per signature are taken over each signing phase's steady part (its warm-up skipped):
both figures are the app process's own and do not depend on how busy the machine is.
With --paths api alone, also each signature's CPU and bytes with its e-mail (the probe counts the
e-mails written): from the API phase's start until its last e-mail, since the steady window holds
only the e-mails the sender wrote meanwhile, a share that differs between trees.
usage: signing-alternated.py RESULTS_DIR [WARMUP_SECONDS]
"""
import os, re, statistics, sys

def phases(probe, warmup):
    rows = []
    for line in open(probe):
        if line.startswith('#'):
            continue
        fields = line.split()
        t, alloc, cpu, api, form = fields[:5]
        mails = int(fields[5]) if len(fields) > 5 else None  # older probes did not count e-mails
        rows.append((float(t), int(alloc), float(cpu), int(api), int(form), mails))
    found = {}
    for name, col in (('api', 3), ('form', 4)):
        moving = [i for i in range(1, len(rows)) if rows[i][col] > rows[i - 1][col]]
        if len(moving) < 10:
            continue
        start_t = rows[moving[0] - 1][0] + warmup + 0.5
        end_t = rows[moving[-1]][0] - 0.5
        window = [r for r in rows if start_t <= r[0] <= end_t]
        if len(window) < 5:
            continue
        a, b = window[0], window[-1]
        n = b[col] - a[col]
        found[name] = dict(signatures=n, cpu_ms=(b[2] - a[2]) / n, alloc_kb=(b[1] - a[1]) / n / 1024)
        # The confirmation mailer works behind the requests (one sender, in order), so the steady
        # window above holds its signatures' requests but only some of their e-mails, and how many
        # depends on the tree and the load. "With its e-mail": from just before the phase's first
        # signature until the e-mail of its last one is written, so every signature's request and
        # e-mail are in the window and nothing else is (only with --paths api: a following form
        # phase would overlap the API phase's last e-mails).
        if name == 'api' and rows[0][5] is not None and all(r[4] == 0 for r in rows):
            a = rows[moving[0] - 1]
            # Every e-mail of the phase: one per signature stored (a request refused stores none and
            # mails none), so as many as the run wrote in the end, if fewer than the requests.
            total = min(rows[moving[-1]][3], rows[-1][5])
            done = next((r for r in rows if r[5] is not None and r[5] >= total), None)
            if done is not None:
                n = done[3] - a[3]
                found[name].update(full_cpu_ms=(done[2] - a[2]) / n, full_alloc_kb=(done[1] - a[1]) / n / 1024,
                                   mails_in_window=(b[5] - window[0][5]) / (b[3] - window[0][3]))
    return found

def bench_lines(text):
    out = {}
    m = re.search(r'sign API \(POST JSON\)\s+([\d,]+)/s.*?p99\s+([\d.,]+) ms.*?app CPU ([\d.]+) ms/req', text)
    if m:
        out['api_rate'] = float(m.group(1).replace(',', '')); out['api_p99'] = float(m.group(2).replace(',', '')); out['api_cpu'] = float(m.group(3))
    m = re.search(r'sign form \(GET form \+ POST\)\s+([\d,]+)/s.*?app CPU ([\d.]+) ms/req', text)
    if m:
        out['form_rate'] = float(m.group(1).replace(',', '')); out['form_cpu'] = float(m.group(2))
    m = re.search(r'load average ([\d.]+)', text)
    if m:
        out['load'] = float(m.group(1))
    out['ok'] = 'nothing lost or duplicated: holds' in text and 'every stored signature mailed once: holds' in text
    return out

def main():
    results, warmup = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 5
    trees = {}
    for name in sorted(os.listdir(results)):
        m = re.match(r'run(\d+)-(.+)\.out$', name)
        if not m:
            continue
        run, tree = int(m.group(1)), m.group(2)
        text = open(os.path.join(results, name)).read()
        row = bench_lines(text)
        probe = os.path.join(results, f'run{run}-{tree}.probe')
        if os.path.exists(probe):
            for phase, figures in phases(probe, warmup).items():
                row[f'{phase}_probe_cpu'] = figures['cpu_ms']
                row[f'{phase}_alloc'] = figures['alloc_kb']
                for key in ('full_cpu_ms', 'full_alloc_kb', 'mails_in_window'):
                    if key in figures:
                        row[f'{phase}_{key}'] = figures[key]
        trees.setdefault(tree, []).append((run, row))
    order = [t for t in open(os.path.join(results, 'trees')).read().split()] if os.path.exists(os.path.join(results, 'trees')) else sorted(trees)
    columns = [('api_rate', 'sign API /s', '{:,.0f}'), ('api_p99', 'API p99 ms', '{:.0f}'),
               ('api_cpu', 'API CPU ms/sig (bench)', '{:.3f}'), ('api_probe_cpu', 'API CPU ms/sig (probe)', '{:.3f}'),
               ('api_alloc', 'API KB alloc/sig', '{:.1f}'),
               ('api_mails_in_window', 'API e-mails written per signature in that window', '{:.2f}'),
               ('api_full_cpu_ms', 'API CPU ms/sig with its e-mail (probe)', '{:.3f}'),
               ('api_full_alloc_kb', 'API KB alloc/sig with its e-mail', '{:.1f}'), ('form_rate', 'sign form /s', '{:,.0f}'),
               ('form_cpu', 'form CPU ms/sig (bench)', '{:.3f}'), ('form_probe_cpu', 'form CPU ms/sig (probe)', '{:.3f}'),
               ('form_alloc', 'form KB alloc/sig', '{:.1f}'), ('load', 'load avg at start', '{:.1f}')]
    print('Per run:')
    for tree in order:
        for run, row in sorted(trees.get(tree, [])):
            print(f'  run {run} {tree:>10}: ' + ', '.join(f'{label} ' + (fmt.format(row[k]) if k in row else '-') for k, label, fmt in columns)
                  + ('' if row.get('ok') else '  CHECK FAILED'))
    print()
    print('| median | ' + ' | '.join(order) + ' |')
    print('| --- |' + ' --- |' * len(order))
    base = order[0]
    for key, label, fmt in columns:
        cells = []
        for tree in order:
            values = [row[key] for _, row in trees.get(tree, []) if key in row]
            if not values:
                cells.append('-'); continue
            median = statistics.median(values)
            text = fmt.format(median)
            base_values = [row[key] for _, row in trees.get(base, []) if key in row]
            if tree != base and base_values and key != 'load':
                text += f' ({median / statistics.median(base_values):.2f}×)'
            cells.append(text)
        print(f'| {label} | ' + ' | '.join(cells) + ' |')

main()
