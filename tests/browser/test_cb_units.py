#!/usr/bin/env python3
"""The co-building pages of issue 20 points 1, 2 and 6 in headless
Chromium at 375 px and 1280 px: /cobuild, /cobuild/units (with a filter),
a unit's page (a manager's, a grid worker's view), an agreement's page
(this year's and last year's, with the evaluation), a stale edit's 409,
and the unit account's /unit (unit1) with its 404 on a staff page.  Each
gets pagecheck.check_page's checks and a screenshot
browser-cb-<name>-<width>.png.

Environment: LIANXIN_TEST_PORT, the stack's VAR (scripts/test.sh).
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pagecheck import (BASE, check_page, login_as, one,  # noqa: E402
                       run_parts, sql)


def ids():
    u1 = one("SELECT unit_id FROM users WHERE username = 'unit1'", "unit1")
    ys = one("SELECT year, id FROM agreements WHERE unit_id = %s ORDER BY "
             "year DESC LIMIT 1" % u1, "agreement of unit1").split("\t")
    last = one("SELECT id FROM agreements WHERE unit_id = %s AND year = %d"
               % (u1, int(ys[0]) - 1), "last year's agreement of unit1")
    return u1, ys[1], last


def wait_text(d, words):
    for _ in range(100):
        text = d.js("return document.querySelector('main') ? "
                    "document.querySelector('main').textContent : '';")
        if words in text:
            return text
        time.sleep(0.1)
    raise AssertionError("no %r on %s" % (words, d.s("GET", "/url")))


def staff_pages(d, width):
    u1, agr, last = ids()
    pages = [("community1", "cobuild", "/cobuild"),
             ("community1", "units", "/cobuild/units"),
             ("community1", "units-agency", "/cobuild/units?kind=agency"),
             ("community1", "unit", "/cobuild/units/" + u1),
             ("community1", "agreement", "/cobuild/agreements/" + agr),
             ("community1", "agreement-last", "/cobuild/agreements/" + last),
             ("street1", "units-street", "/cobuild/units"),
             ("grid1", "unit-grid", "/cobuild/units/" + u1)]
    who = None
    for user, name, path in pages:
        if user != who:
            login_as(d, user)
            who = user
        d.go(BASE + path)
        title = d.js("return document.title;")
        assert "不存在" not in title, "%s: %s" % (path, title)
        check_page(d, width, "cb-" + name)
    # The forms opened (details), as someone about to fill them in.
    login_as(d, "community1")
    d.go(BASE + "/cobuild/agreements/" + agr)
    d.js("document.querySelectorAll('details').forEach("
         "function (e) { e.open = true; });")
    check_page(d, width, "cb-agreement-forms")
    # 409: someone else saved the unit while the form was open.
    d.go(BASE + "/cobuild/units/" + u1)
    d.js("document.querySelector('details').open = true;")
    sql("UPDATE units SET version = version + 1 WHERE id = %s" % u1)
    d.click("form input[name=action][value=edit] ~ button, "
            "details form button[type=submit]")
    wait_text(d, "已被他人修改")
    check_page(d, width, "cb-unit-409")


def unit_pages(d, width):
    login_as(d, "unit1")
    for _ in range(100):
        if d.s("GET", "/url").endswith("/unit"):
            break
        time.sleep(0.1)
    wait_text(d, "待兑现")
    check_page(d, width, "cb-unit-home")
    d.js("document.querySelectorAll('details').forEach("
         "function (e) { e.open = true; });")
    check_page(d, width, "cb-unit-home-forms")
    d.go(BASE + "/cobuild")
    assert "不存在" in d.js("return document.title;")
    check_page(d, width, "cb-unit-404")


def main():
    return run_parts((staff_pages, unit_pages))


if __name__ == "__main__":
    sys.exit(main())
