#!/usr/bin/env python3
"""The micro-wishes' pages (微心愿, issue 20 point 5) in headless Chromium
at 375 px (a phone) and 1280 px (a desktop): the public wall (all
communities and one), the staff list, a wish's staff page with its claims,
the new wish's form refused (400), a grid worker's list, a member's page
before and after claiming a wish (by tapping its button), and a unit's.
Each gets pagecheck.check_page (no sideways scrolling, tap targets of at
least 44 px, no CJK word broken a character per line) and a screenshot
browser-wishes-<name>-<width>.png.  The wall is checked to show none of
the residents' names.

Environment: LIANXIN_TEST_PORT, the stack's VAR (scripts/test.sh).
"""
import hashlib
import os
import secrets
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pagecheck import (BASE, check_page, login_as, one,  # noqa: E402
                       run_parts, sql, wait_url)


def community1():
    return one("SELECT region_id FROM users WHERE username = 'community1'",
               "community")


def public_pages(d, width):
    c = community1()
    d.s("DELETE", "/cookie")
    names = sql("SELECT resident_name FROM wishes WHERE region_id = %s" % c)
    for name, path in (("wall", "/wishes"),
                       ("wall-community", "/wishes?community=" + c)):
        d.go(BASE + path)
        text = d.js("return document.querySelector('main').textContent;")
        assert "微心愿墙" in text, text[:200]
        for n in names.split("\n"):
            assert not n or n not in text, "a resident on the wall: " + n
        check_page(d, width, "wishes-" + name)


def staff_pages(d, width):
    c = community1()
    # A wish of community1 with claims in its history, if any.
    w = one("SELECT COALESCE((SELECT MAX(c.wish_id) FROM wish_claims c JOIN "
            "wishes w ON w.id = c.wish_id WHERE w.region_id = %s), "
            "(SELECT MAX(id) FROM wishes WHERE region_id = %s))" % (c, c),
            "wish of community1")
    login_as(d, "community1")
    for name, path in (("staff-list", "/cobuild/wishes"),
                       ("staff-list-claimed",
                        "/cobuild/wishes?state=claimed&region=" + c),
                       ("staff-wish", "/cobuild/wishes/" + w)):
        d.go(BASE + path)
        check_page(d, width, "wishes-" + name)
    # The new wish's form refused: a value cap of 0.
    d.go(BASE + "/cobuild/wishes")
    d.type("#title", "测试·浏览器的心愿")
    d.type("#value", "0")
    d.type("#name", "浏览器居民")
    d.click("#new-wish button[type=submit]")
    for _ in range(50):
        if d.js("return document.querySelector('.notice-bad') !== null;"):
            break
        time.sleep(0.1)
    assert d.js("return document.querySelector('#value + .err') "
                "!== null;"), "no message beside the value cap"
    check_page(d, width, "wishes-staff-refused")
    login_as(d, "grid1")
    d.go(BASE + "/cobuild/wishes")
    check_page(d, width, "wishes-grid-list")


def member_pages(d, width):
    c = community1()
    phone = "196%08d" % secrets.randbelow(100000000)
    sql("INSERT INTO party_members (community_id, name, phone, type, "
        "reported_at, report_expires_at) VALUES (%s, '浏览器党员', '%s', "
        "'retired', UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 30 DAY)"
        % (c, phone))
    m = one("SELECT id FROM party_members WHERE phone = '%s'" % phone,
            "member")
    token = secrets.token_hex(32)
    h = hashlib.blake2b(token.encode(), digest_size=32).hexdigest()
    sql("INSERT INTO member_sessions (token_hash, member_id, expires_at) "
        "VALUES (UNHEX('%s'), %s, UTC_TIMESTAMP() + INTERVAL 1 HOUR)"
        % (h, m))
    # A wish to claim, in the member's community (the demo's are left).
    title = "测试·一套围棋#%d" % secrets.randbelow(1000000)
    sql("INSERT INTO wishes (region_id, title, detail, value_cap, "
        "resident_name, posted_by, posted_at) SELECT %s, '%s', "
        "'退休后喜欢下棋，想和邻居一起下。', 100, '浏览器居民', id, "
        "UTC_TIMESTAMP() FROM users WHERE username = 'community1'"
        % (c, title))
    d.s("DELETE", "/cookie")
    d.go(BASE + "/wishes")
    d.s("POST", "/cookie", {"cookie": {
        "name": "lx_member", "value": token, "path": "/", "httpOnly": True}})
    d.go(BASE + "/member/wishes")
    check_page(d, width, "wishes-member")
    assert d.js("var t = arguments[0], b = Array.from(document."
                "querySelectorAll('#open li')).filter(function (li) { "
                "return li.textContent.indexOf(t) >= 0; })[0]; "
                "if (!b) return false; "
                "b.querySelector('form.act button').click(); return true;",
                title), "the wish to claim is not on the page"
    wait_url(d, "done=claim")
    assert d.js("return document.querySelectorAll('#mine textarea')"
                ".length;") >= 1, "the claimed wish has no fulfil form"
    check_page(d, width, "wishes-member-claimed")
    d.go(BASE + "/member")
    check_page(d, width, "wishes-member-home")


def unit_pages(d, width):
    login_as(d, "unit1")
    d.go(BASE + "/unit/wishes")
    assert "/unit/wishes" in d.s("GET", "/url")
    check_page(d, width, "wishes-unit")


def main():
    return run_parts((public_pages, staff_pages, member_pages, unit_pages))


if __name__ == "__main__":
    sys.exit(main())
