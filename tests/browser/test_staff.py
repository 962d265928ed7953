#!/usr/bin/env python3
"""Staff pages in headless Chromium (issue 19).

A grid worker at 375 px logs in, finds a new request of their grid in the
queue (cards, no horizontal overflow, tap targets of at least 44 px, no
CJK word broken a character per line), opens it, accepts and resolves
it.  Then every staff page (queue, request, the members pages, the
activities) is checked at 375 and 1280 px: no horizontal overflow, and a
full-page screenshot in tests/artifacts.

Environment: LIANXIN_TEST_PORT, LIANXIN_CONF (the test stack's, for the
database socket and password file).
"""
import os
import random
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import BASE, Driver, run  # noqa: E402

PW = "lianxin-demo-2026"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def conf_db():
    """The database socket and password of the stack's configuration."""
    sock = pwfile = None
    section = ""
    with open(os.environ["LIANXIN_CONF"]) as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                section = line
            elif section == "[db]" and "=" in line:
                k, v = [x.strip() for x in line.split("=", 1)]
                if k == "socket":
                    sock = v
                elif k == "password_file":
                    pwfile = v
    with open(pwfile) as f:
        pw = f.readline().strip()
    return sock, pw


def sql(statement):
    sock, pw = conf_db()
    out = subprocess.run(
        ["mysql", "-S", sock, "-u", "lianxin", "-p" + pw, "-N", "-B",
         "lianxin", "-e", statement], check=True, capture_output=True,
        text=True)
    return out.stdout.strip()


def new_request():
    """A submitted request in grid1's grid; its tracking number."""
    t = "B" + "".join(random.choice(ALPHABET) for _ in range(7))
    sql("INSERT INTO service_requests (tracking_no, category_id, "
        "district_id, street_id, community_id, grid_id, address, "
        "description, resident_name, resident_phone, source, state, "
        "received_at, response_due, resolve_due) SELECT '%s', (SELECT "
        "MAX(id) FROM categories WHERE active), g.district_id, "
        "g.street_id, g.community_id, g.id, '幸福路128号3幢2单元', "
        "'楼道里的灯坏了一个多星期，晚上上下楼很不安全。', '王五', "
        "'13800138000', 'web', 'submitted', UTC_TIMESTAMP(), "
        "UTC_TIMESTAMP() + INTERVAL 1 DAY, UTC_TIMESTAMP() + INTERVAL 7 "
        "DAY FROM regions g JOIN users u ON u.region_id = g.id WHERE "
        "u.username = 'grid1'" % t)
    return t


def wait_url(d, part):
    for _ in range(50):
        if part in d.s("GET", "/url"):
            return
        time.sleep(0.1)
    raise AssertionError("not at %s but %s" % (part, d.s("GET", "/url")))


def login(d, user):
    d.go(BASE + "/login")
    d.type("#username", user)
    d.type("#password", PW)
    d.click("form[action='/login'] button[type=submit]")
    wait_url(d, "/staff")


def no_overflow(d, width, where):
    sw = d.js("return document.documentElement.scrollWidth;")
    assert sw <= width, "%s: page is %r px wide at %r" % (where, sw, width)


SMALL_TARGETS = """
var bad = [];
var els = document.querySelectorAll('main a, main button, main select, '
  + 'main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), '
  + 'main summary, main label.check, nav.staffnav a, nav.staffnav button');
for (var i = 0; i < els.length; i++) {
  var r = els[i].getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;   // not shown
  // A link inside running text is not a target of its own.
  if (els[i].tagName === 'A' && els[i].closest('p:not(.pager), td, li.timeline'))
    continue;
  if (r.height < 43.5 || r.width < 43.5)
    bad.push(els[i].tagName + ' ' + (els[i].textContent || '').trim()
      .slice(0, 20) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
}
return bad;
"""

# CJK names broken a character per line: an element of the queue cards
# whose text has two or more CJK characters but is narrower than two of
# them would be (one character per line).
BROKEN_WORDS = """
var bad = [];
var els = document.querySelectorAll('.qcard .qcat, .qcard .qstate, '
  + '.qcard .qwho, .qcard .qdue, .chip, table.details th');
for (var i = 0; i < els.length; i++) {
  var t = (els[i].textContent || '').trim();
  if (!/[\\u4e00-\\u9fff]{2}/.test(t)) continue;
  var fs = parseFloat(getComputedStyle(els[i]).fontSize);
  if (els[i].getBoundingClientRect().width < 1.9 * fs)
    bad.push(t.slice(0, 20));
}
return bad;
"""


def check_phone_page(d, where):
    no_overflow(d, 375, where)
    small = d.js(SMALL_TARGETS)
    assert not small, "%s: targets under 44 px: %r" % (where, small[:8])
    broken = d.js(BROKEN_WORDS)
    assert not broken, "%s: words broken: %r" % (where, broken[:8])


def test_grid_worker_at_375(drivers):
    d = drivers[375]
    t = new_request()
    login(d, "grid1")
    d.go(BASE + "/staff")
    assert d.js("return document.querySelectorAll('table').length;") == 0
    cards = d.js("return document.querySelectorAll('ol.queue li.qcard')"
                 ".length;")
    assert cards > 0, "no cards"
    check_phone_page(d, "queue")
    d.screenshot_full("staff-queue-375.png")
    # Find it by its tracking number, lower case as typed on a phone.
    d.type("#q", t.lower())
    d.click("form.search button[type=submit]")
    time.sleep(0.5)
    assert d.js("return document.querySelectorAll('li.qcard').length;") == 1
    d.click("a.qlink")
    wait_url(d, "/staff/requests/" + t)
    check_phone_page(d, "request")
    tel = d.js("return document.querySelector('a.tel').getAttribute('href');")
    assert tel == "tel:13800138000", tel
    # 不予受理 looks unlike 受理: another style, another section.
    acc = d.js("return getComputedStyle(document.querySelector("
               "'#act-accept button')).backgroundColor;")
    rej = d.js("return getComputedStyle(document.querySelector("
               "'#act-reject button') || document.body).backgroundColor;")
    assert acc != rej, (acc, rej)
    d.screenshot_full("staff-request-375.png")
    d.click("#act-accept button[type=submit]")
    wait_url(d, "done=accept")
    d.type("#text-resolve", "已更换楼道灯泡，经回访群众确认可以正常使用。")
    d.click("#act-resolve button[type=submit]")
    wait_url(d, "done=resolve")
    state = d.js("return document.querySelector('table.details').textContent;")
    assert "已办结" in state, state
    check_phone_page(d, "request resolved")
    d.screenshot_full("staff-request-resolved-375.png")
    assert sql("SELECT state FROM service_requests WHERE tracking_no = "
               "'%s'" % t) == "resolved"


def test_withdraw_at_375(drivers):
    """Community staff withdraw a request on its resident's behalf on a
    phone: the note typed, the confirmation ticked, the state 已撤回."""
    d = drivers[375]
    t = new_request()
    d.s("DELETE", "/cookie")
    login(d, "community1")
    d.go(BASE + "/staff/requests/" + t)
    check_phone_page(d, "request to withdraw")
    d.type("#text-withdraw", "回访电话：王五本人来电，灯已修好，要求撤回。")
    d.click("#act-withdraw input[name=confirm]")
    d.click("#act-withdraw button[type=submit]")
    wait_url(d, "done=withdraw")
    state = d.js("return document.querySelector('table.details').textContent;")
    assert "已撤回" in state and "未予受理" not in state, state
    assert d.js("return document.querySelectorAll('#act-withdraw, "
                "#act-reject').length;") == 0
    check_phone_page(d, "request withdrawn")
    d.screenshot_full("staff-request-withdrawn-375.png")
    assert sql("SELECT CONCAT(state, ' ', reject_reason) FROM "
               "service_requests WHERE tracking_no = '%s'" % t) == \
        "rejected withdrawn"


def staff_pages():
    """Every staff page, as (file name, user, path)."""
    t = sql("SELECT r.tracking_no FROM service_requests r JOIN users u ON "
            "u.region_id = r.community_id WHERE u.username = 'community1' "
            "AND r.state = 'accepted' ORDER BY r.id LIMIT 1")
    c = sql("SELECT region_id FROM users WHERE username = 'community1'")
    pages = [("queue", "community1", "/staff"),
             ("queue-street", "street1", "/staff"),
             ("request", "community1", "/staff/requests/" + t),
             ("members-list", "street1", "/staff/members"),
             ("admin-units", "admin", "/admin/units")]
    for slug in ["", "/roster", "/reports", "/menu", "/activities",
                 "/ranking"]:
        pages.append(("members%s" % (slug.replace("/", "-") or "-overview"),
                      "community1", "/staff/members/%s%s" % (c, slug)))
    # A request withdrawn on its resident's behalf (代群众撤回), if the
    # demo made one in this community.
    w = sql("SELECT MIN(r.tracking_no) FROM service_requests r JOIN users "
            "u ON u.region_id = r.community_id WHERE u.username = "
            "'community1' AND r.reject_reason = 'withdrawn'")
    if w and w != "NULL":
        pages.append(("request-withdrawn", "community1",
                      "/staff/requests/" + w))
    a = sql("SELECT MAX(id) FROM activities WHERE community_id = %s" % c)
    if a and a != "NULL":
        pages.append(("activity", "community1",
                      "/staff/members/%s/activities?activity=%s" % (c, a)))
    return pages


def test_staff_pages(width):
    def f(drivers):
        d = drivers[width]
        # By user (stable), so each logs in once: nginx limits logins
        # from one address (10 a minute, burst 10).
        pages = sorted(staff_pages(), key=lambda p: p[1])
        who = None
        for name, user, path in pages:
            if user != who:
                d.s("DELETE", "/cookie")
                login(d, user)
                who = user
            d.go(BASE + path)
            title = d.js("return document.title;")
            assert "不存在" not in title, "%s: %s" % (path, title)
            no_overflow(d, width, path)
            if name == "request":
                # Where 不予受理 is offered, 代群众撤回 is too, apart in
                # its danger zone, its note and confirmation required.
                assert d.js("return !document.querySelector('#act-reject') "
                            "|| (!!document.querySelector('.danger-zone "
                            "#act-withdraw textarea[name=text][required]') "
                            "&& !!document.querySelector('.danger-zone "
                            "#act-withdraw input[name=confirm][required]'));"
                            ), "%s: no withdraw form beside 不予受理" % path
            if width < 800 and name.startswith(("queue", "request",
                                                "activity",
                                                "members-activities",
                                                "admin-units")):
                check_phone_page(d, path)
            d.screenshot_full("staff-%s-%d.png" % (name, width))
    f.__name__ = "staff_pages_at_%d" % width
    return f


def main():
    drivers = {375: Driver(375)}
    try:
        drivers[1280] = Driver(1280)
        return run([test_grid_worker_at_375, test_withdraw_at_375,
                    test_staff_pages(375),
                    test_staff_pages(1280)], drivers)
    finally:
        for d in drivers.values():
            d.quit()


if __name__ == "__main__":
    sys.exit(main())
