"""The apps named on a measuring script's command line (LABEL=PORT:PASSWORD:PID), each with an opener that keeps its
cookies and follows no redirect, signed in as the demo coordinator when PASSWORD is given (anonymous otherwise).
Shared by measure-alternating.py, measure-download-memory.py and measure-pdf-peak.py."""
import re, html, time, urllib.error, urllib.request, urllib.parse, http.cookiejar

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None

def parse(specs):
    """[(label, base URL, opener, pid)] for specs LABEL=PORT:PASSWORD:PID."""
    apps = []
    for spec in specs:
        label, rest = spec.split("=", 1)
        port, password, pid = rest.split(":")
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)
        opener.addheaders = [("Accept-Language", "en")]
        base = f"http://127.0.0.1:{port}"
        if password:
            form = opener.open(base + "/Identity/Account/Login").read().decode()
            token = html.unescape(re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', form).group(1))
            data = urllib.parse.urlencode({"Input.Email": "demo@example.org", "Input.Password": password, "__RequestVerificationToken": token}).encode()
            try:
                opener.open(base + "/Identity/Account/Login", data)
            except urllib.error.HTTPError as e:
                assert e.code == 302, e.code
        apps.append((label, base, opener, int(pid)))
    return apps

def download(opener, url):
    """The response's length in bytes; a 202 (the PDF rendered in the background) is asked again every second until the file comes."""
    while True:
        try:
            r = opener.open(url, timeout=3600)
        except urllib.error.HTTPError as e:
            raise SystemExit(f"{url}: HTTP {e.code}")
        if r.status != 202:
            break
        r.read(); time.sleep(1)
    n = 0
    while chunk := r.read(1 << 16):
        n += len(chunk)
    return n
