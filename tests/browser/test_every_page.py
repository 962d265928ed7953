#!/usr/bin/env python3
"""Every HTML page of the site in headless Chromium at 375 px (a phone)
and 1280 px (a desktop): public, staff, department and admin pages, the
pages a form post answers with, and the main error states (404, 400,
409).  Each gets the project's standard checks (pagecheck.check_page: no
sideways scrolling, tap targets of at least 44 px, no CJK word broken a
character per line) and a screenshot browser-<name>-<width>.png.

The members' pages (/member/sms, /member, /menu, /t/TOKEN) are checked
by test_member_sms.py, which logs a member in; the dashboard's by
test_dashboard.py.  Routes of cgi/route.c not visited: see SKIPPED.

Environment: LIANXIN_TEST_PORT, the stack's VAR (scripts/test.sh).
"""
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import Driver, run  # noqa: E402
from pagecheck import (BASE, check_page, login_as,  # noqa: E402
                       new_request, one, sql, wait_url)

# Routes of cgi/route.c that answer no HTML page, or answer one only by
# a redirect to a page checked here.
SKIPPED = {
    "/healthz": "plain text for the load balancer",
    "/metrics": "Prometheus text, on its own loopback listener",
    "/requests POST": "redirects to /receipt/T (checked); its 400 is "
                      "test_pages.py's form-errors",
    "/rate POST": "redirects to the status page (checked)",
    "/logout POST": "redirects to /login (checked)",
    "/admin/users POST, /admin/users/* POST": "redirect to /admin/users",
    "/staff/members/* POST, /report POST, /member POST, /t/* POST":
        "redirect to the pages checked",
    "/open311/...": "JSON and XML",
    "/api/stats, /compounds.json": "JSON",
    "/charts/*.png, /photos/*": "images",
    "/export/*": "CSV and XLSX files",
    "/dashboard": "test_dashboard.py (375, 700, 1280 px)",
    "/member/sms, /member, /menu, /t/*": "test_member_sms.py",
}


def track(d, t, last4):
    d.go(BASE + "/track")
    d.type("#tracking", t)
    d.type("#last4", last4)
    d.click("main form button[type=submit]")
    # The answer replaces the form at the same address.
    for _ in range(50):
        if d.js("return document.querySelector('.notice-bad, main h1') "
                "!== null && document.querySelector('#last4') === null "
                "|| document.querySelector('.notice-bad') !== null;"):
            return
        time.sleep(0.1)


def public_pages(d, width, t):
    c = one("SELECT region_id FROM users WHERE username = 'community1'",
            "community")
    d.s("DELETE", "/cookie")
    for name, path in (("home", "/"),
                       ("home-search", "/?q=" + urllib.parse.quote("星民")),
                       ("home-search-none",
                        "/?q=" + urllib.parse.quote("没有这个小区")),
                       ("receipt", "/receipt/" + t),
                       ("track", "/track"),
                       ("report", "/report"),
                       ("menu-community", "/menu/" + c),
                       ("login", "/login"),
                       ("error-404", "/no-such-page"),
                       ("error-413", "/errors/413"),
                       ("error-429", "/errors/429"),
                       ("error-400", "/?q=%zz")):
        d.go(BASE + path)
        check_page(d, width, name)
    # The status page: the resident's own rows, then a wrong proof.
    track(d, t, "8000")
    text = d.js("return document.querySelector('main').textContent;")
    assert t in text, text[:200]
    check_page(d, width, "status")
    track(d, t, "1234")
    check_page(d, width, "track-wrong")
    # A login refused (an account nobody has: no real one throttled).
    d.go(BASE + "/login")
    d.type("#username", "nobody-here")
    d.type("#password", "not-the-password")
    d.click("form[action='/login'] button[type=submit]")
    for _ in range(50):
        if d.js("return document.querySelector('.notice-bad, .err') "
                "!== null;"):
            break
        time.sleep(0.1)
    check_page(d, width, "login-refused")
    # Its failure counted for the address (cgi/auth.c's throttle): wiped,
    # so that the logins of the tests after this one are not delayed.
    sql("DELETE FROM login_throttle WHERE k IN ('u:nobody-here', "
        "'a:127.0.0.1')")


def staff_pages(d, width, t):
    c = one("SELECT region_id FROM users WHERE username = 'community1'",
            "community")
    acc = one("SELECT r.tracking_no FROM service_requests r JOIN users u "
              "ON u.region_id = r.community_id WHERE u.username = "
              "'community1' AND r.state = 'accepted' ORDER BY r.id LIMIT 1",
              "accepted request of community1")
    pages = [("community1", "staff-queue", "/staff"),
             ("community1", "staff-queue-overdue", "/staff?view=overdue"),
             ("community1", "staff-request", "/staff/requests/" + acc),
             ("community1", "staff-members-overview", "/staff/members/" + c)]
    for slug in ("roster", "reports", "menu", "activities", "ranking"):
        pages.append(("community1", "staff-members-" + slug,
                      "/staff/members/%s/%s" % (c, slug)))
    a = sql("SELECT MAX(id) FROM activities WHERE community_id = %s" % c)
    if a and a != "NULL":
        pages.append(("community1", "staff-activity",
                      "/staff/members/%s/activities?activity=%s" % (c, a)))
    # A request withdrawn on its resident's behalf (代群众撤回), if the demo
    # made one in this community.
    w = sql("SELECT MIN(r.tracking_no) FROM service_requests r JOIN users "
            "u ON u.region_id = r.community_id WHERE u.username = "
            "'community1' AND r.reject_reason = 'withdrawn'")
    if w and w != "NULL":
        pages.append(("community1", "staff-request-withdrawn",
                      "/staff/requests/" + w))
    pages += [("street1", "staff-queue-street", "/staff"),
              ("street1", "staff-members-list", "/staff/members"),
              ("grid1", "staff-queue-grid", "/staff"),
              ("grid1", "staff-request-new", "/staff/requests/" + t),
              ("admin", "admin-users", "/admin/users"),
              ("admin", "admin-units", "/admin/units"),
              ("admin", "admin-audit", "/admin/audit"),
              ("admin", "staff-request-404", "/staff/requests/ZZZZZZZZ")]
    who = None
    for user, name, path in pages:
        if user != who:
            login_as(d, user)
            who = user
        d.go(BASE + path)
        if not name.endswith("404"):
            title = d.js("return document.title;")
            assert "不存在" not in title, "%s: %s" % (path, title)
        if name == "staff-request":
            # Where 不予受理 is offered, 代群众撤回 is too, apart in its
            # danger zone, its note and confirmation required.
            assert d.js("return !document.querySelector('#act-reject') || "
                        "(!!document.querySelector('.danger-zone "
                        "#act-withdraw textarea[name=text][required]') && "
                        "!!document.querySelector('.danger-zone "
                        "#act-withdraw input[name=confirm][required]'));"
                        ), "%s: no withdraw form beside 不予受理" % path
        check_page(d, width, name)
    # The queue's search by tracking number (a POST).
    login_as(d, "grid1")
    d.go(BASE + "/staff")
    d.type("#q", t.lower())
    d.click("form.search button[type=submit]")
    wait_url(d, "/staff")
    check_page(d, width, "staff-queue-search")
    # 400: a note without a word in it (the browser's own check off).
    d.go(BASE + "/staff/requests/" + t)
    d.js("document.getElementById('text-note').removeAttribute("
         "'required');")
    d.click("#act-note button[type=submit]")
    for _ in range(50):
        if d.js("return document.querySelector('.notice-bad') !== null;"):
            break
        time.sleep(0.1)
    check_page(d, width, "staff-request-400")
    # 409: someone else accepted it while the page was open.
    d.go(BASE + "/staff/requests/" + t)
    sql("UPDATE service_requests SET state = 'rejected', version = "
        "version + 1 WHERE tracking_no = '%s'" % t)
    d.click("#act-accept button[type=submit]")
    for _ in range(50):
        text = d.js("return document.querySelector('main').textContent;")
        if "已被他人处理" in text:
            break
        time.sleep(0.1)
    assert "已被他人处理" in text, text[:300]
    check_page(d, width, "staff-request-409")


def dept_pages(d, width):
    # A request summoned for (tests/integration/test_depts.c made it).
    esc = one("SELECT r.tracking_no FROM summons s JOIN service_requests r "
              "ON r.id = s.request_id JOIN users u ON u.region_id = "
              "r.street_id WHERE u.username = 'street1' ORDER BY s.id DESC "
              "LIMIT 1", "summons of street1")
    login_as(d, "street1")
    d.go(BASE + "/staff/requests/%s/summons" % esc)
    check_page(d, width, "summons")
    login_as(d, "dept1")
    wait_url(d, "/dept", end=True)
    check_page(d, width, "dept-queue")
    s = one("SELECT MAX(s.id) FROM summons s JOIN users u ON "
            "u.unit_id = s.unit_id WHERE u.username = 'dept1'",
            "summons of dept1")
    d.go(BASE + "/dept/summons/" + s)
    check_page(d, width, "dept-summons")
    d.go(BASE + "/dept/summons/999999999")
    check_page(d, width, "dept-summons-404")


def at(width, part):
    def f():
        d = Driver(width)
        try:
            if part is dept_pages:
                part(d, width)
            else:
                part(d, width, new_request("E"))
        finally:
            d.quit()
    f.__name__ = "%s_at_%d" % (part.__name__, width)
    return f


def main():
    return run([at(w, p) for w in (375, 1280)
                for p in (public_pages, staff_pages, dept_pages)])


if __name__ == "__main__":
    sys.exit(main())
