"""The checks every page gets in the browser tests (the project's
standard): at the width of the driver (375 px a phone, 1280 a desktop)
the page does not scroll sideways, every control and button-like link is
a tap target of at least 44 x 44 px, no CJK word is broken one character
per line, and a full-page screenshot goes to
tests/artifacts/browser-<name>-<width>.png.

Also what the tests share to get there: logging in, waiting for a URL,
asking the stack's database.

Environment: LIANXIN_TEST_PORT; for sql(), LIANXIN_CONF or the stack's
VAR (scripts/stack.sh env).
"""
import os
import random
import subprocess
import time

BASE = "http://127.0.0.1:%s" % os.environ["LIANXIN_TEST_PORT"]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PW = "lianxin-demo-2026"
TAP = 44            # px, the smallest tap target (WCAG 2.5.5)
# PAGECHECK_SOFT=1: report what check_page finds and go on (to see every
# page's faults in one run while fixing them); the tests still fail.
SOFT = os.environ.get("PAGECHECK_SOFT") == "1"
FAULTS = []

# Visible tap targets too small: "TAG text WxH".  A link inside running
# text (a sentence, a table cell, a timeline entry) is not a target of
# its own; check boxes and radio buttons count by their label.
SMALL_TARGETS = """
var tap = arguments[0], bad = [];
var els = document.querySelectorAll('header a[href], main a[href], '
  + 'main button, main select, main textarea, main summary, '
  + 'main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), '
  + 'main label.check, nav a[href], nav button');
for (var i = 0; i < els.length; i++) {
  var e = els[i];
  if (e.getClientRects().length === 0) continue;       // not shown
  var shut = e.closest('details:not([open])');        // folded away
  if (shut && !(e.tagName === 'SUMMARY' && e.parentElement === shut))
    continue;
  var r = e.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (e.tagName === 'A' && !e.classList.contains('button')
      && e.closest('p:not(.pager), td, li.timeline, .muted, small'))
    continue;
  if (r.height < tap - 0.5 || r.width < tap - 0.5)
    bad.push(e.tagName + ' ' + (e.textContent || e.name || '').trim()
      .slice(0, 20) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
}
return bad;
"""

# CJK words broken a character per line: an element whose own text has
# two or more CJK characters but is narrower than two of them would be.
BROKEN_WORDS = """
var bad = [];
var els = document.querySelectorAll('main th, main td, main label, '
  + 'main button, main a, main dt, main dd, main li, main .chip, '
  + 'main h1, main h2, main h3, header a, nav a');
for (var i = 0; i < els.length; i++) {
  var e = els[i];
  if (e.getClientRects().length === 0) continue;
  var shut = e.closest('details:not([open])');
  if (shut && !e.closest('summary')) continue;
  var t = (e.textContent || '').trim();
  if (!/[\\u4e00-\\u9fff]{2}/.test(t)) continue;
  var fs = parseFloat(getComputedStyle(e).fontSize);
  if (e.getBoundingClientRect().width < 1.9 * fs) {
    bad.push(t.slice(0, 20));
    continue;
  }
  // A short word (a name, a role, a place: CJK only, no space) on more
  // than one line: broken inside.
  if (/^[\\u4e00-\\u9fff]{2,8}$/.test(t)) {
    var tops = {}, tw = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    while (tw.nextNode()) {
      var rg = document.createRange();
      rg.selectNodeContents(tw.currentNode);
      Array.prototype.forEach.call(rg.getClientRects(), function (r) {
        if (r.width > 0) tops[Math.round(r.top)] = 1;
      });
    }
    if (Object.keys(tops).length > 1)
      bad.push(t);
  }
}
return bad;
"""


def page_width(d):
    """The page's width and the viewport's (less a desktop scroll bar)."""
    return (d.js("return Math.max(document.documentElement.scrollWidth,"
                 "document.body.scrollWidth);"),
            d.js("return document.documentElement.clientWidth;"))


def check_overflow(d, width, where):
    sw, vw = page_width(d)
    assert width - 20 <= vw <= width, "viewport is %r px wide" % vw
    assert sw <= vw, "%s scrolls sideways at %d px: %d > %d" % (
        where, width, sw, vw)


def check_page(d, width, name, targets=True):
    """The standard checks of the page the driver shows, then its
    screenshot browser-<name>-<width>.png.  targets=False skips the tap
    target check (a page whose targets another test checks its own way)."""
    where = "%s (%s)" % (name, d.s("GET", "/url"))
    d.screenshot_full("browser-%s-%d.png" % (name, width))
    try:
        check_overflow(d, width, where)
        if targets:
            small = d.js(SMALL_TARGETS, TAP)
            assert not small, "%s at %d px: targets under %d px: %r" % (
                where, width, TAP, small[:8])
        broken = d.js(BROKEN_WORDS)
        assert not broken, "%s at %d px: words broken: %r" % (
            where, width, broken[:8])
    except AssertionError as e:
        if not SOFT:
            raise
        FAULTS.append(str(e))
        print("pagecheck: %s" % e)


def wait_url(d, part, end=False):
    """Wait for the browser to be at a URL holding part (ending with it
    when end: the page before may hold it as a prefix)."""
    for _ in range(100):
        u = d.s("GET", "/url")
        if (u.endswith(part) if end else part in u):
            return u
        time.sleep(0.1)
    raise AssertionError("not at %s but %s" % (part, d.s("GET", "/url")))


def login_as(d, user):
    """A fresh login (the cookies of the one before dropped).  nginx
    limits login posts per address (lianxin-zones.conf: 10 a minute);
    when the tests reach the limit (429) the login waits and tries again."""
    d.s("DELETE", "/cookie")
    for _ in range(12):
        d.go(BASE + "/login")
        d.type("#username", user)
        d.type("#password", PW)
        d.click("form[action='/login'] button[type=submit]")
        for _ in range(150):    # argon2 on a busy machine
            if "/login" not in d.s("GET", "/url"):
                return
            if "操作过于频繁" in d.js("return document.title;"):
                break
            time.sleep(0.1)
        time.sleep(6)
    raise AssertionError("login of %s failed" % user)


def stack_env(name):
    return subprocess.run(
        [os.path.join(ROOT, "scripts", "stack.sh"), "env", name],
        capture_output=True, text=True).stdout.strip()


def sql(statement):
    """The rows of a statement on the stack's database, tab-separated."""
    pw = open(os.path.join(stack_env("VAR"), "db.secret")).read().strip()
    out = subprocess.run(["mariadb", "--no-defaults", "-S",
                          stack_env("DBSOCK"), "-ulianxin", "-p" + pw, "-N",
                          "-B", "lianxin"], input=statement,
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_request(first="B", state="submitted"):
    """A request in grid1's grid (resident 王五, 13800138000) in state;
    its tracking number, starting with first."""
    t = first + "".join(random.choice(ALPHABET) for _ in range(7))
    sql("INSERT INTO service_requests (tracking_no, category_id, "
        "district_id, street_id, community_id, grid_id, address, "
        "description, resident_name, resident_phone, source, state, "
        "received_at, response_due, resolve_due) SELECT '%s', (SELECT "
        "MAX(id) FROM categories WHERE active), g.district_id, "
        "g.street_id, g.community_id, g.id, '幸福路128号3幢2单元', "
        "'楼道里的灯坏了一个多星期，晚上上下楼很不安全。', '王五', "
        "'13800138000', 'web', '%s', UTC_TIMESTAMP(), "
        "UTC_TIMESTAMP() + INTERVAL 1 DAY, UTC_TIMESTAMP() + INTERVAL 7 "
        "DAY FROM regions g JOIN users u ON u.region_id = g.id WHERE "
        "u.username = 'grid1'" % (t, state))
    return t


def one(q, what):
    """The first value of a statement's rows; fails when there is none."""
    v = sql(q)
    assert v and v != "NULL", "no %s in the database" % what
    return v.split("\n")[0]


def run_parts(parts, widths=(375, 1280)):
    """Run each part(d, width) in a browser of its own at each width,
    as cmocka-like tests named part_at_width; returns run()'s status."""
    from test_pages import Driver, run  # test_pages imports this module

    def at(width, part):
        def f():
            d = Driver(width)
            try:
                part(d, width)
            finally:
                d.quit()
        f.__name__ = "%s_at_%d" % (part.__name__, width)
        return f
    return run([at(w, p) for w in widths for p in parts])

