#!/usr/bin/env python3
"""Co-building's lists and meetings (issue 20 points 3 and 4) in headless
Chromium at 375 px and 1280 px: the staff pages (needs, a request turned
into a need, resources, projects and a project, meetings and a meeting,
a form's 400) and the unit account's (needs, resources, projects,
decisions), each with the standard checks (pagecheck.check_page) and a
screenshot browser-cb-<name>-<width>.png.  The details forms are opened
first, so that their fields are checked too.

Environment: LIANXIN_TEST_PORT, the stack's VAR (scripts/test.sh).
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pagecheck import (BASE, check_page, login_as,  # noqa: E402
                       new_request, one, run_parts, sql)

OPEN_DETAILS = ("document.querySelectorAll('details').forEach("
                "function (e) { e.open = true; });")


def show(d, width, name, path, opened=True):
    d.go(BASE + path)
    title = d.js("return document.title;")
    assert "不存在" not in title, "%s: %s" % (path, title)
    if opened:
        d.js(OPEN_DETAILS)
    check_page(d, width, "cb-" + name)


def staff_pages(d, width):
    c = one("SELECT region_id FROM users WHERE username = 'community1'",
            "community")
    p = one("SELECT MIN(id) FROM projects WHERE region_id = %s AND state = "
            "'running'" % c, "running project of community1")
    m = one("SELECT MAX(id) FROM meetings WHERE region_id = %s" % c,
            "meeting of community1")
    t = new_request("N")
    login_as(d, "community1")
    show(d, width, "needs", "/cobuild/needs")
    show(d, width, "needs-open", "/cobuild/needs?state=open&region=" + c)
    show(d, width, "need-new", "/cobuild/needs/new?request=" + t)
    assert "转为共建需求" in d.js("return document.title;")
    show(d, width, "resources", "/cobuild/resources")
    show(d, width, "projects", "/cobuild/projects")
    show(d, width, "project", "/cobuild/projects/" + p)
    show(d, width, "meetings", "/cobuild/meetings")
    show(d, width, "meeting", "/cobuild/meetings/" + m)
    # The request's page with its button.
    d.go(BASE + "/staff/requests/" + t)
    assert d.js("return !!document.querySelector("
                "'form[action=\"/cobuild/needs/new\"] button');")
    # 400: a need without a title (the browser's own check off), the
    # input kept.
    d.go(BASE + "/cobuild/needs")
    d.js("var f = document.querySelector('form input[name=action]"
         "[value=publish]').form; f.querySelector('[name=title]')"
         ".removeAttribute('required'); f.querySelector('[name=detail]')"
         ".value = '保留的说明'; f.querySelector('[name=region]')"
         ".selectedIndex = 1; f.querySelector('[name=kind]')"
         ".selectedIndex = 1; f.submit();")
    for _ in range(50):
        if d.js("return document.querySelector('.notice-bad') !== null;"):
            break
        time.sleep(0.1)
    assert "保留的说明" in d.js("return document.querySelector('main')"
                            ".innerHTML;")
    check_page(d, width, "cb-needs-400")
    # A grid worker sees the lists without their forms.
    login_as(d, "grid1")
    show(d, width, "needs-grid", "/cobuild/needs")
    assert not d.js("return !!document.querySelector("
                    "'input[name=action][value=publish]');")


def unit_pages(d, width):
    login_as(d, "unit1")
    show(d, width, "unit-needs", "/unit/needs")
    show(d, width, "unit-resources", "/unit/resources")
    show(d, width, "unit-projects", "/unit/projects")
    show(d, width, "unit-decisions", "/unit/decisions")


def main():
    return run_parts((staff_pages, unit_pages))


if __name__ == "__main__":
    sys.exit(main())
