#!/usr/bin/env python3
"""Mixed load for `make soak` (scripts/soak.sh starts the stack and watches
the daemon's memory; this drives the requests).  Standard library only.

Each worker thread loops over a weighted mix of what people do:
  post     resident: GET / (the form and its one-time token), POST
           /requests with that token (303), GET the receipt
  lookup   resident: POST /track (tracking number + last 4 phone digits);
           nginx limits lookups per address, so these come from many
           loopback addresses (127.0.x.y), as many residents would
  staff    community staff: the queue, a request's page, a note on it
           (CSRF token and version from the page; 409 when another worker
           acted first is a correct answer)
  open311  an Open311 client: services, one request by id
  menu     a community's service menu
  figures  community staff: /api/stats (a random grouping), a bar chart
           (a random size, so often rendered cold), then the same chart
           with its ETag (304)
  export   community staff: the community's requests as CSV (now and then
           XLSX), or its figures table

Prints a summary line per status class and exits 1 on any 5xx or any
request without an answer.  Arguments: port seconds threads community grid
staff_user password.
"""
import http.client
import random
import re
import sys
import threading
import time
import urllib.parse

PORT, SECONDS, THREADS = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
COMMUNITY, GRID, USER, PASSWORD = sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]

MIX = [("post", 35), ("lookup", 15), ("staff", 20), ("open311", 8),
       ("menu", 7), ("figures", 12), ("export", 3)]

lock = threading.Lock()
counts = {}          # (kind, status) -> n
failures = []        # first few descriptions of 5xx / no answer
receipts = []        # tracking numbers posted (for lookups and Open311)
stop_at = time.monotonic() + SECONDS
src_next = [0]


def count(kind, status, what=""):
    with lock:
        counts[(kind, status)] = counts.get((kind, status), 0) + 1
        if (status == 0 or status >= 500) and len(failures) < 20:
            failures.append("%s %s: %s" % (kind, status, what))


class Client:
    """One keep-alive connection, from a given loopback source address."""

    def __init__(self, source=None):
        self.source = source
        self.conn = None
        self.cookie = None
        self.headers = {}

    def do(self, kind, method, path, body=None):
        headers = {"Host": "127.0.0.1"}
        headers.update(self.headers)
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookie:
            headers["Cookie"] = self.cookie
        for attempt in (0, 1):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(
                        "127.0.0.1", PORT, timeout=30,
                        source_address=(self.source, 0) if self.source else None)
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                count(kind, r.status, "%s %s" % (method, path))
                return r, data.decode("utf-8", "replace")
            except (http.client.HTTPException, OSError) as e:
                # A keep-alive connection nginx closed: once more, fresh.
                self.conn = None
                if attempt == 1:
                    count(kind, 0, "%s %s: %s" % (method, path, e))
        return None, ""


def next_source():
    with lock:
        n = src_next[0]
        src_next[0] += 1
    return "127.0.%d.%d" % (100 + (n // 250) % 100, 1 + n % 250)


def do_post(c):
    r, page = c.do("post", "GET", "/")
    m = re.search(r'name="token" value="([0-9a-f]{32})"', page)
    if r is None or r.status != 200 or not m:
        return
    phone = "139%08d" % random.randrange(10 ** 8)
    r, _ = c.do("post", "POST", "/requests", {
        "token": m.group(1), "category": "1", "community": COMMUNITY,
        "grid": GRID, "address": "幸福路12号", "name": "李四",
        "description": "持续负载测试：楼道灯不亮已经三天了。",
        "phone": phone, "consent": "1"})
    if r is None or r.status != 303:
        return
    loc = r.getheader("Location", "")
    t = loc.rsplit("/", 1)[-1]
    with lock:
        receipts.append((t, phone[-4:]))
        if len(receipts) > 5000:
            del receipts[:1000]
    c.do("post", "GET", loc)


def some_receipt():
    with lock:
        return random.choice(receipts) if receipts else None


def do_lookup(c):
    rc = some_receipt()
    if rc is None:
        return
    lc = Client(next_source())
    lc.do("lookup", "POST", "/track", {"tracking": rc[0], "last4": rc[1]})


def staff_login(c):
    c.cookie = None
    lc = Client(next_source())
    r, page = lc.do("staff", "GET", "/login")
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    if r is None or not m:
        return False
    pre = re.search(r"lx_pre=([0-9a-f]+)", r.getheader("Set-Cookie", ""))
    lc.cookie = "lx_pre=" + (pre.group(1) if pre else "")
    r, _ = lc.do("staff", "POST", "/login", {
        "csrf": m.group(1), "username": USER, "password": PASSWORD,
        "next": "/staff"})
    s = re.search(r"lx_session=([^;]+)", r.getheader("Set-Cookie", "") if r else "")
    if r is None or r.status != 303 or not s:
        return False
    c.cookie = "lx_session=" + s.group(1)
    return True


def do_staff(c):
    if c.cookie is None and not staff_login(c):
        return
    r, page = c.do("staff", "GET", "/staff")
    if r is None or r.status != 200:
        c.cookie = None
        return
    ts = re.findall(r'href="/staff/requests/([0-9A-Z]{8})"', page)
    if not ts:
        return
    t = random.choice(ts[:20])
    r, page = c.do("staff", "GET", "/staff/requests/" + t)
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    ver = re.search(r'name="version" value="(\d+)"', page)
    if r is None or r.status != 200 or not csrf or not ver:
        return
    action = "accept" if 'value="accept"' in page and random.random() < 0.3 else "note"
    body = {"csrf": csrf.group(1), "version": ver.group(1), "action": action}
    if action == "note":
        body.update({"text": "已电话联系居民，正在跟进。", "public": "0"})
    c.do("staff", "POST", "/staff/requests/" + t, body)


def do_open311(c):
    c.do("open311", "GET", "/open311/v2/services.json")
    rc = some_receipt()
    if rc is not None:
        c.do("open311", "GET", "/open311/v2/requests/%s.xml" % rc[0])


def do_menu(c):
    c.do("menu", "GET", "/menu/" + COMMUNITY)


def do_figures(c):
    if c.cookie is None and not staff_login(c):
        return
    group = random.choice(["none", "child", "month", "category"])
    r, _ = c.do("figures", "GET", "/api/stats?group=" + group)
    if r is not None and r.status == 303:
        c.cookie = None
        return
    path = "/charts/bar.png?rate=%s&w=%d" % (
        random.choice(["resolution", "ontime", "satisfaction"]),
        random.randrange(600, 1000))
    r, _ = c.do("figures", "GET", path)
    etag = r.getheader("ETag") if r is not None and r.status == 200 else None
    if etag:
        c.headers = {"If-None-Match": etag}
        c.do("figures", "GET", path)
        c.headers = {}


def do_export(c):
    if c.cookie is None and not staff_login(c):
        return
    x = random.random()
    path = ("/export/requests.xlsx" if x < 0.2 else
            "/export/figures.csv?group=month" if x < 0.4 else
            "/export/requests.csv")
    c.do("export", "GET", path)


KINDS = {"post": do_post, "lookup": do_lookup, "staff": do_staff,
         "open311": do_open311, "menu": do_menu, "figures": do_figures,
         "export": do_export}
WEIGHTED = [k for k, w in MIX for _ in range(w)]


def worker():
    c = Client()
    staff = Client()
    while time.monotonic() < stop_at:
        k = random.choice(WEIGHTED)
        KINDS[k](staff if k in ("staff", "figures", "export") else c)


def main():
    ts = [threading.Thread(target=worker) for _ in range(THREADS)]
    t0 = time.monotonic()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    secs = time.monotonic() - t0
    total = sum(counts.values())
    bad = sum(n for (k, s), n in counts.items() if s == 0 or s >= 500)
    print("soak: %d requests in %.0f s (%.0f/s)" % (total, secs, total / secs))
    for kind, _ in MIX:
        by = sorted((s, n) for (k, s), n in counts.items() if k == kind)
        print("  %-8s %s" % (kind, "  ".join("%s: %d" % (s or "no answer", n)
                                             for s, n in by)))
    for f in failures:
        print("  FAILED " + f)
    print("soak: %d answers 5xx or none" % bad)
    return 1 if bad or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
