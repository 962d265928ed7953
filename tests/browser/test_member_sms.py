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
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import Driver, run  # noqa: E402
from pagecheck import BASE, check_page, sql, wait_url  # noqa: E402

GW = "http://127.0.0.1:%s" % os.environ["SMSGW_PORT"]


def messages():
    with urllib.request.urlopen(GW + "/_ctl/messages", timeout=10) as r:
        return json.loads(r.read().decode())


def post_limited(d, submit, again=True):
    """Fill and submit a form of /member/sms; when nginx answers 429
    (操作过于频繁), wait and submit again from a fresh page (again)."""
    for _ in range(12):
        # Mark the page, so that the answer is known to have replaced it.
        d.js("document.body.dataset.before = '1';")
        submit()
        for _ in range(150):
            if d.js("return document.readyState === 'complete' && "
                    "document.body !== null && "
                    "document.body.dataset.before === undefined;"):
                break
            time.sleep(0.1)
        if "操作过于频繁" not in d.js("return document.title;"):
            return
        assert again, "/member/sms answered 429"
        time.sleep(6)
        d.go(BASE + "/member/sms")
    raise AssertionError("/member/sms stayed rate-limited")


def test_member_sms_login_375():
    phone = sql("SELECT phone FROM party_members ORDER BY id DESC "
                "LIMIT 1 OFFSET 1")
    d = Driver(375)
    try:
        d.go(BASE + "/member/sms")
        check_page(d, 375, "member-sms")
        n = len(messages())
        # Both posts share nginx's login zone (10 a minute per address)
        # with the staff logins of the browser tests before: a 429 waits.
        post_limited(d, lambda: (d.type("#phone", phone),
                                 d.click("#sms-send button")))
        code = None
        for _ in range(100):
            got = [m for m in messages()[n:] if m.get("template") == "1006"
                   and m["phone"] == "+86" + phone]
            if got:
                code = got[-1]["params"][0]
                break
            time.sleep(0.2)
        assert code, "no code arrived at the gateway"
        check_page(d, 375, "member-sms-code")
        # The code's form comes only with the answer to the first post:
        # the second post cannot be tried again from a fresh page, so it
        # waits first for the zone to let one more through (a post every
        # 6 s once its burst is spent).
        time.sleep(6.5)
        post_limited(d, lambda: (d.type("#code", code),
                                 d.click("#sms-login button")), again=False)
        wait_url(d, "/member", end=True)
        body = d.js("return document.body.textContent;")
        assert "我的服务与积分" in body, "not logged in"
        check_page(d, 375, "member-home")
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
        COOKIE.append(cookie)
    finally:
        d.quit()


COOKIE = []


def test_pages_375_and_1280():
    tok = sql("SELECT link_token FROM outbox WHERE link_token <> '' "
              "ORDER BY id DESC LIMIT 1")
    assert tok, "no message with a link yet"
    c = sql("SELECT region_id FROM users WHERE username = 'community1'")
    for width in (375, 1280):
        d = Driver(width)
        try:
            for path, shot in (("/member/sms", "member-sms"),
                               ("/member", "member-logged-out"),
                               ("/menu", "menus"),
                               ("/menu/" + c, "menu"),
                               ("/t/" + tok, "link"),
                               ("/t/NOSUCHTOKEN", "link-404")):
                d.go(BASE + path)
                check_page(d, width, shot)
                if shot == "menu":  # items, or a row saying there are none
                    assert d.js("return document.querySelectorAll("
                                "'#menu tbody tr').length;") >= 1
            if COOKIE:      # the member's home, logged in
                c0 = COOKIE[0]
                d.s("POST", "/cookie", {"cookie": {
                    "name": "lx_member", "value": c0["value"], "path": "/",
                    "httpOnly": True, "expiry": c0["expiry"]}})
                d.go(BASE + "/member")
                check_page(d, width, "member-home")
                # 我的认领: the claims, or a line saying there are none.
                assert d.js("return document.querySelectorAll("
                            "'#claims li').length;") >= 1
        finally:
            d.quit()


if __name__ == "__main__":
    sys.exit(run([test_member_sms_login_375, test_pages_375_and_1280]))
