#!/usr/bin/env python3
"""Staff pages in headless Chromium (issue 19).

A grid worker at 375 px logs in, finds a new request of their grid in the
queue (cards, no horizontal overflow, tap targets of at least 44 px, no
CJK word broken a character per line: pagecheck.check_page), opens it,
accepts and resolves it.  Every staff page at 375 and 1280 px:
test_every_page.py.

Environment: LIANXIN_TEST_PORT, the stack's VAR (scripts/test.sh).
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import PHONE_JPEG, Driver, run  # noqa: E402
from pagecheck import (BASE, check_page, login_as, new_request,  # noqa: E402
                       sql, wait_url)


def test_grid_worker_at_375(drivers):
    d = drivers[375]
    t = new_request()
    login_as(d, "grid1")
    d.go(BASE + "/staff")
    assert d.js("return document.querySelectorAll('table').length;") == 0
    cards = d.js("return document.querySelectorAll('ol.queue li.qcard')"
                 ".length;")
    assert cards > 0, "no cards"
    check_page(d, 375, "staff-grid-queue")
    # Find it by its tracking number, lower case as typed on a phone.
    d.type("#q", t.lower())
    d.click("form.search button[type=submit]")
    time.sleep(0.5)
    assert d.js("return document.querySelectorAll('li.qcard').length;") == 1
    d.click("a.qlink")
    wait_url(d, "/staff/requests/" + t)
    check_page(d, 375, "staff-grid-request")
    tel = d.js("return document.querySelector('a.tel').getAttribute('href');")
    assert tel == "tel:13800138000", tel
    # 不予受理 looks unlike 受理: another style, another section.
    acc = d.js("return getComputedStyle(document.querySelector("
               "'#act-accept button')).backgroundColor;")
    rej = d.js("return getComputedStyle(document.querySelector("
               "'#act-reject button') || document.body).backgroundColor;")
    assert acc != rej, (acc, rej)
    d.click("#act-accept button[type=submit]")
    wait_url(d, "done=accept")
    d.type("#text-resolve", "已更换楼道灯泡，经回访群众确认可以正常使用。")
    # The photo after the work (整改后), taken on the phone.
    d.type("#after-" + t, PHONE_JPEG)
    d.click("#act-resolve button[type=submit]")
    wait_url(d, "done=resolve")
    state = d.js("return document.querySelector('table.details').textContent;")
    assert "已办结" in state, state
    check_page(d, 375, "staff-grid-request-resolved")
    assert sql("SELECT state FROM service_requests WHERE tracking_no = "
               "'%s'" % t) == "resolved"
    assert sql("SELECT COUNT(*) FROM request_photos p JOIN service_requests "
               "r ON r.id = p.request_id WHERE r.tracking_no = '%s' AND "
               "p.kind = 'after'" % t) == "1"


def test_withdraw_at_375(drivers):
    """Community staff withdraw a request on its resident's behalf on a
    phone: the note typed, the confirmation ticked, the state 已撤回."""
    d = drivers[375]
    t = new_request()
    login_as(d, "community1")
    d.go(BASE + "/staff/requests/" + t)
    check_page(d, 375, "staff-request-to-withdraw")
    d.type("#text-withdraw", "回访电话：王五本人来电，灯已修好，要求撤回。")
    d.click("#act-withdraw input[name=confirm]")
    d.click("#act-withdraw button[type=submit]")
    wait_url(d, "done=withdraw")
    state = d.js("return document.querySelector('table.details').textContent;")
    assert "已撤回" in state and "未予受理" not in state, state
    assert d.js("return document.querySelectorAll('#act-withdraw, "
                "#act-reject').length;") == 0
    check_page(d, 375, "staff-request-withdrawn")
    assert sql("SELECT CONCAT(state, ' ', reject_reason) FROM "
               "service_requests WHERE tracking_no = '%s'" % t) == \
        "rejected withdrawn"


def main():
    drivers = {375: Driver(375)}
    try:
        return run([test_grid_worker_at_375, test_withdraw_at_375], drivers)
    finally:
        for d in drivers.values():
            d.quit()


if __name__ == "__main__":
    sys.exit(main())
