#!/usr/bin/env python3
"""measure-download-memory.py LABEL=PORT:PASSWORD:PID ... -- URL...: each URL downloaded ROUNDS times (default 3)
from each app, alternating the apps' order round by round, as the signed-in demo coordinator; prints per download
the app's resident memory before, its peak (sampled every 20 ms from /proc/PID/status) and SETTLE seconds after
(default 10), with the bytes and seconds. A 202 (the PDF rendered in the background) is asked again every second
until the file comes. For comparing two builds of the app on one database (docs/benchmarks.md, ADR 0026)."""
import sys, time, threading, urllib.error, statistics, os
ROUNDS = int(os.environ.get("ROUNDS", "3"))
SETTLE = float(os.environ.get("SETTLE", "10"))
args = sys.argv[1:]
sep = args.index("--")

def rss(pid, field="VmRSS:"):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import demo_apps
apps = demo_apps.parse(args[:sep])

download = demo_apps.download

results = {}
for url in args[sep + 1:]:
    for i in range(ROUNDS):
        for label, base, opener, pid in (apps if i % 2 == 0 else apps[::-1]):
            before = rss(pid); peak = [before]; done = threading.Event()
            def sample():
                while not done.is_set():
                    peak[0] = max(peak[0], rss(pid)); time.sleep(0.02)
            t = threading.Thread(target=sample); t.start()
            start = time.perf_counter(); size = download(opener, base + url); seconds = time.perf_counter() - start
            done.set(); t.join(); peak[0] = max(peak[0], rss(pid))
            time.sleep(SETTLE); after = rss(pid)
            results.setdefault((url, label), []).append(peak[0] - before)
            print(f"{url}\t{label}\t{size:,} bytes in {seconds:.1f} s\tRSS {before:.0f} -> peak {peak[0]:.0f} (+{peak[0] - before:.0f}) MB, {after:.0f} MB {SETTLE:.0f} s after\tVmHWM {rss(pid, 'VmHWM:'):.0f} MB")
            sys.stdout.flush()
for (url, label), growth in results.items():
    print(f"{url}\t{label}\tgrowth median +{statistics.median(growth):.0f} MB (of {', '.join(f'+{g:.0f}' for g in growth)})")
