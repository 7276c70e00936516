#!/usr/bin/env python3
"""measure.py LABEL=PORT[:PASSWORD] ... -- URL...: N sequential requests per URL, alternating between the apps
(each app gets every URL in turn), as the signed-in demo coordinator, or as an anonymous reader when PASSWORD is
empty (LABEL=PORT::PID: public pages as the benchmark's readers get them; a signed-in visitor's page is never
cached); prints p50/p99 in ms and the app's CPU ms per request. "{n}" in a URL becomes the request's number
(a query string the public page does not read: a cache miss each time)."""
import sys, time, re, html, urllib.request, urllib.parse, http.cookiejar, statistics, os, subprocess
N = int(os.environ.get("N", "30"))
args = sys.argv[1:]
sep = args.index("--")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import demo_apps
apps = demo_apps.parse(args[:sep])
def cpu(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / os.sysconf("SC_CLK_TCK")
serial = 0
def get(opener, url):
    global serial
    serial += 1
    url = url.replace("{n}", str(serial))
    t = time.perf_counter()
    r = opener.open(url); body = r.read()
    return (time.perf_counter() - t) * 1000, body
for url in args[sep + 1:]:
    times = {a[0]: [] for a in apps}; cpus = {a[0]: 0.0 for a in apps}; matching = {}
    for label, base, opener, pid in apps:
        for _ in range(3): get(opener, base + url)
    for i in range(N):
        for label, base, opener, pid in (apps if i % 2 == 0 else apps[::-1]):
            c = cpu(pid); ms, body = get(opener, base + url); cpus[label] += cpu(pid) - c
            times[label].append(ms)
            m = re.search(r'id="matching">([^<]*)<', body.decode()); matching[label] = m.group(1) if m else "?"
    for label in times:
        t = sorted(times[label])
        print(f"{url}\t{label}\tp50 {statistics.median(t):.1f} ms\tp99 {t[min(len(t)-1, int(len(t)*0.99))]:.1f} ms\tCPU {cpus[label]/N:.1f} ms/req\t{matching[label]}")
    sys.stdout.flush()
