#!/usr/bin/env python3
"""measure-pdf-peak.py PORT PASSWORD PID SLUG TIMELINE.tsv: one background PDF of letter SLUG from an app already
running (release-app.sh on a kept database), as the scale benchmark asks for it: first the lists it serves before
(public list pages, coordinators' table pages and searches, the CSV export; WARM seconds of each, default 5), then
/letters/SLUG/pdf every second while 202 until the file comes. The app's /proc/PID/status VmRSS, RssAnon, RssFile
and VmHWM are written every 50 ms with the wall-clock time to TIMELINE.tsv (to set beside the app's own log), and a
summary line is printed: before the ask, the samples' peak and VmHWM, the seconds and bytes. For comparing builds
of the app's PDF memory on one database (docs/benchmarks.md, "The app's peak at the end of the 1,000,000 PDF")."""
import sys, time, threading, os

WARM = float(os.environ.get("WARM", "5"))
port, password, pid, slug, timeline = sys.argv[1:6]
pid = int(pid)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import demo_apps
[(_, base, opener, _)] = demo_apps.parse([f"app={port}:{password}:{pid}"])

def status(fields=("VmRSS:", "RssAnon:", "RssFile:", "VmHWM:")):
    values = {}
    for line in open(f"/proc/{pid}/status"):
        key = line.split(":", 1)[0] + ":"
        if key in fields:
            values[key] = int(line.split()[1]) / 1024
    return [values.get(f, 0.0) for f in fields]

def get(url):
    return demo_apps.download(opener, base + url)

def warm(url, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        get(url)

if WARM > 0:
    for url in (f"/letters/{slug}", f"/api/letters/{slug}", f"/letters/{slug}/signatories", f"/letters/{slug}/signatories?page=2000",
                f"/letters/{slug}/signatures", f"/letters/{slug}/signatures?page=10000", f"/letters/{slug}/signatures?sort=Name&page=10000",
                f"/letters/{slug}/signatures?q=%D1%81%D0%BC%D0%B8%D1%80%D0%BD%D0%BE%D0%B2%D0%B0", f"/letters/{slug}/signatures?country=FR"):
        warm(url, WARM)
    get(f"/letters/{slug}/signatures.csv")
    time.sleep(2)

done = threading.Event()
rows = []
def sample():
    while not done.is_set():
        rows.append((time.time(), *status())); time.sleep(0.05)
before = status()[0]
t = threading.Thread(target=sample); t.start()
start = time.perf_counter(); size = get(f"/letters/{slug}/pdf"); seconds = time.perf_counter() - start
done.set(); t.join(); rows.append((time.time(), *status()))
with open(timeline, "w") as f:
    f.write("time\trss_mb\tanon_mb\tfile_mb\thwm_mb\n")
    for r in rows:
        f.write(f"{r[0]:.3f}\t{r[1]:.0f}\t{r[2]:.0f}\t{r[3]:.0f}\t{r[4]:.0f}\n")
peak = max(rows, key=lambda r: r[1])
print(f"{slug}\t{size:,} bytes in {seconds:.1f} s\tRSS before {before:.0f} MB, peak {peak[1]:.0f} MB (anon {peak[2]:.0f}, file {peak[3]:.0f}) "
      f"at {time.strftime('%H:%M:%S', time.gmtime(peak[0]))}\tVmHWM {status()[3]:.0f} MB")
