#!/usr/bin/env python3
"""Members on their phones (issue 18, points 2-3) in headless Chromium:
at 375 px a member asks for an SMS code, reads it (here: from the local
gateway, tests/support/smsgw.py), logs in and lands on their home; a new
browser (a fresh profile: a restart) given the same cookie is still
logged in.  The pages added (/member/sms, the member's home, /menu, a
message's link /t/TOKEN) are checked at 375 and 1280 px: no sideways
scrolling, tap targets of at least 44 px, screenshots to tests/artifacts.

Environment: LIANXIN_TEST_PORT, SMSGW_PORT, VAR (scripts/test.sh).
"""
import json
import os
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import BASE, Driver, run  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
GW = "http://127.0.0.1:%s" % os.environ["SMSGW_PORT"]
TAP = 44


def sql(q):
    env = lambda n: subprocess.run(  # noqa: E731
        [os.path.join(ROOT, "scripts", "stack.sh"), "env", n],
        capture_output=True, text=True).stdout.strip()
    pw = open(os.path.join(env("VAR"), "db.secret")).read().strip()
    out = subprocess.run(["mariadb", "--no-defaults", "-S", env("DBSOCK"),
                          "-ulianxin", "-p" + pw, "-N", "-B", "lianxin"],
                         input=q, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def messages():
    with urllib.request.urlopen(GW + "/_ctl/messages", timeout=10) as r:
        return json.loads(r.read().decode())


# Visible controls and button-links: [text, width, height].
TARGETS = """
return Array.prototype.filter.call(document.querySelectorAll(
    'main a.button, main button, main input, main textarea, main select'),
    function (e) { return e.getClientRects().length > 0 &&
        e.type !== 'hidden' && e.type !== 'radio' && e.type !== 'checkbox'; }
).map(function (e) {
    var r = e.getBoundingClientRect();
    return [e.textContent.trim() || e.name, Math.round(r.width),
        Math.round(r.height)];
});
"""


def check(d, width, shot):
    vw = d.js("return document.documentElement.clientWidth;")
    assert width - 20 <= vw <= width, "viewport is %r px wide" % vw
    sw = d.js("return Math.max(document.documentElement.scrollWidth,"
              "document.body.scrollWidth);")
    assert sw <= vw, "%s scrolls sideways: %d > %d" % (shot, sw, vw)
    small = [t for t in d.js(TARGETS) if t[2] < TAP]
    assert not small, "%s: tap targets under %d px: %s" % (shot, TAP, small)
    d.screenshot_full("browser-%s-%d.png" % (shot, width))


def wait_url(d, end):
    """Wait for the browser to be at a URL ending with end (the page
    before may hold it as a prefix: /member/sms)."""
    for _ in range(100):
        if d.s("GET", "/url").endswith(end):
            return
        time.sleep(0.1)
    raise AssertionError("not at %s but %s" % (end, d.s("GET", "/url")))


def test_member_sms_login_375():
    phone = sql("SELECT phone FROM party_members ORDER BY id DESC "
                "LIMIT 1 OFFSET 1")
    d = Driver(375)
    try:
        d.go(BASE + "/member/sms")
        check(d, 375, "member-sms")
        n = len(messages())
        d.type("#phone", phone)
        d.click("#sms-send button")
        time.sleep(0.5)
        code = None
        for _ in range(100):
            got = [m for m in messages()[n:] if m.get("template") == "1006"
                   and m["phone"] == "+86" + phone]
            if got:
                code = got[-1]["params"][0]
                break
            time.sleep(0.2)
        assert code, "no code arrived at the gateway"
        check(d, 375, "member-sms-code")
        d.type("#code", code)
        d.click("#sms-login button")
        wait_url(d, "/member")
        body = d.js("return document.body.textContent;")
        assert "我的服务与积分" in body, "not logged in"
        check(d, 375, "member-home")
        cookie = d.s("GET", "/cookie/lx_member")
        assert cookie["value"] and cookie.get("expiry"), cookie
    finally:
        d.quit()
    # A new browser (own profile) with the same cookie: still logged in.
    d = Driver(375)
    try:
        d.go(BASE + "/member/sms")
        d.s("POST", "/cookie", {"cookie": {
            "name": "lx_member", "value": cookie["value"], "path": "/",
            "httpOnly": True, "expiry": cookie["expiry"]}})
        d.go(BASE + "/member")
        body = d.js("return document.body.textContent;")
        assert "我的服务与积分" in body, "the session did not survive"
    finally:
        d.quit()


def test_pages_375_and_1280():
    tok = sql("SELECT link_token FROM outbox WHERE link_token <> '' "
              "ORDER BY id DESC LIMIT 1")
    assert tok, "no message with a link yet"
    for width in (375, 1280):
        d = Driver(width)
        try:
            for path, shot in (("/member/sms", "member-sms"),
                               ("/menu", "menus"), ("/t/" + tok, "link")):
                d.go(BASE + path)
                check(d, width, shot)
        finally:
            d.quit()


if __name__ == "__main__":
    sys.exit(run([test_member_sms_login_375, test_pages_375_and_1280]))
