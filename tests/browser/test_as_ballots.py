#!/usr/bin/env python3
"""Democratic ballots (民主测评) in headless Chromium at 375 px and
1280 px: the staff's index /assess/ballots, a round's ballot page
/assess/rounds/{id}/ballots with its issue form, the slips page the
issue answers with, /vote's code entry, a wrong code, the ballot, the
ballot refused with an item unanswered, the done page, and the round's
results once closed.  Each page gets pagecheck.check_page (no sideways
scrolling, 44 px tap targets, no CJK word broken) and a screenshot
browser-ballots-*.png and browser-vote-*.png.  The round is made by SQL (a scheme
with two ballot items, open, over the communities of community1 and
community2).

Environment: LIANXIN_TEST_PORT, the stack's VAR (scripts/test.sh).
"""
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import Driver, run  # noqa: E402
from pagecheck import BASE, check_page, login_as, sql, wait_url  # noqa: E402


def make_round():
    """An open district round with two ballot items; its id."""
    name = "浏览器测评%08x" % random.getrandbits(32)
    sql("INSERT INTO assess_schemes (district_id, name, year, version, "
        "target, in_use, created_by, created_at) SELECT g.district_id, "
        "'%s', 2026, 1, 'community', TRUE, u.id, UTC_TIMESTAMP() FROM "
        "users u JOIN regions g ON g.id = u.region_id WHERE u.username = "
        "'district'" % name)
    s = sql("SELECT id FROM assess_schemes WHERE name = '%s'" % name)
    sql("INSERT INTO assess_indicators (scheme_id, position, name, weight, "
        "source, floor_value, target_value, description) VALUES (%s, 0, "
        "'社区党组织书记履职尽责情况', 50, 'ballot', 0.6, 0.95, "
        "'抓党建、促治理、优服务的成效'), (%s, 1, '为民办实事成效', 50, "
        "'ballot', 0.6, 0.95, '')" % (s, s))
    sql("INSERT INTO assess_rounds (scheme_id, region_id, name, "
        "period_from, period_to, min_turnout, state, opened_at, "
        "created_by, created_at) SELECT %s, region_id, "
        "'2026年度社区党组织书记民主测评', '2026-01-01', '2026-12-31', "
        "0.5, 'open', UTC_TIMESTAMP(), id, UTC_TIMESTAMP() FROM users "
        "WHERE username = 'district'" % s)
    r = sql("SELECT MAX(id) FROM assess_rounds WHERE scheme_id = %s" % s)
    sql("INSERT INTO assess_targets (round_id, target_id) SELECT %s, "
        "region_id FROM users WHERE username IN ('community1', "
        "'community2')" % r)
    return r


def wait_for(d, css):
    for _ in range(100):
        if d.js("return document.querySelector(arguments[0]) !== null;",
                css):
            return
        time.sleep(0.1)
    raise AssertionError("no %s at %s" % (css, d.s("GET", "/url")))


def ballots(width):
    d = Driver(width)
    try:
        r = make_round()
        t1 = sql("SELECT region_id FROM users WHERE username = "
                 "'community1'")
        page = "/assess/rounds/%s/ballots" % r
        login_as(d, "district")
        d.go(BASE + "/assess/ballots")
        assert d.js("return !!document.querySelector("
                    "'a[href=\"%s\"]');" % page), "round not listed"
        check_page(d, width, "ballots-index")
        d.go(BASE + page)
        wait_for(d, "#count")
        check_page(d, width, "ballots-round")
        d.js("document.getElementById('target').value = arguments[0];", t1)
        d.type("#count", "3")
        d.click("form.act button[type=submit]")
        wait_for(d, ".slip")
        codes = d.js("return Array.from(document.querySelectorAll("
                     "'input[name=code]')).map(function (e) "
                     "{ return e.value; });")
        assert len(codes) == 3, codes
        check_page(d, width, "ballots-slips")
        # The voter: no session.
        d.s("DELETE", "/cookie")
        d.go(BASE + "/vote")
        check_page(d, width, "vote-code")
        d.type("#code", "ZZZZZ-ZZZZZ")
        d.click("main form button[type=submit]")
        wait_for(d, ".notice-bad")
        check_page(d, width, "vote-wrong")
        d.go(BASE + "/vote")
        d.type("#code", codes[0][:5] + "-" + codes[0][5:])
        d.click("main form button[type=submit]")
        wait_for(d, "form.ballot")
        check_page(d, width, "vote-ballot")
        # An item left out (the browser's own check off): refused.
        d.js("document.querySelectorAll('input[type=radio]').forEach("
             "function (e) { e.removeAttribute('required'); });")
        d.click("fieldset:first-of-type label.check:first-of-type input")
        d.click("form.ballot button[type=submit]")
        wait_for(d, ".notice-bad")
        check_page(d, width, "vote-ballot-400")
        for i in range(2):
            d.click("input[name=q%d][value=satisfied]" % i)
        d.click("form.ballot button[type=submit]")
        wait_url(d, "/vote?done=1")
        check_page(d, width, "vote-done")
        # Two more votes, the round closed: its results.
        for c in codes[1:]:
            d.go(BASE + "/vote")
            d.type("#code", c)
            d.click("main form button[type=submit]")
            wait_for(d, "form.ballot")
            d.click("input[name=q0][value=basically]")
            d.click("input[name=q1][value=unsatisfied]")
            d.click("form.ballot button[type=submit]")
            wait_url(d, "/vote?done=1")
        sql("UPDATE assess_rounds SET state = 'closed', closed_at = "
            "UTC_TIMESTAMP() WHERE id = %s" % r)
        login_as(d, "district")
        d.go(BASE + page)
        wait_for(d, "#results table")
        check_page(d, width, "ballots-results")
    finally:
        d.quit()


def at(width):
    def f():
        ballots(width)
    f.__name__ = "ballots_at_%d" % width
    return f


def main():
    return run([at(375), at(1280)])


if __name__ == "__main__":
    sys.exit(main())
