#!/usr/bin/env python3
"""The assessment pages of issue 22 (schemes, rounds, results) in headless
Chromium at 375 px and 1280 px, with pagecheck.check_page's checks (no
sideways scrolling, tap targets of 44 px, no CJK word broken) and a
screenshot browser-as-<name>-<width>.png each: the index /assess, the
schemes' list and a scheme, its 400 (weights not summing to 100), the
rounds' list and a new round's form, a published round (district and a
community's own row), an open round with its score forms, the 红黑榜.
The round's CSV/XLSX and chart are files: test_as_rounds.c checks them.

Environment: LIANXIN_TEST_PORT, the stack's VAR (scripts/test.sh).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pagecheck import (BASE, check_page, login_as, one,  # noqa: E402
                       run_parts, sql)


def district_pages(d, width):
    scheme = one("SELECT MIN(s.id) FROM assess_schemes s JOIN users u ON "
                 "u.region_id = s.district_id WHERE u.username = "
                 "'district'", "demo scheme")
    pub = one("SELECT MIN(id) FROM assess_rounds WHERE state = "
              "'published'", "published round")
    opn = one("SELECT MIN(id) FROM assess_rounds WHERE state = 'open'",
              "open round")
    login_as(d, "district")
    d.go(BASE + "/assess")
    check_page(d, width, "as-index")
    d.go(BASE + "/assess/schemes")
    check_page(d, width, "as-schemes")
    # weights 50 only: 400 with the sum, the form back
    d.type("#name", "宽度测试方案")
    d.type("#year", "2026")
    d.type("#n0", "党建阵地")
    d.type("#w0", "50")
    d.js("document.querySelector('#s0').value = 'score';")
    d.click("form[action='/assess/schemes'] button[type=submit]")
    assert "权重之和" in d.js("return document.body.innerText;")
    check_page(d, width, "as-schemes-400")
    d.go(BASE + "/assess/schemes/" + scheme)
    check_page(d, width, "as-scheme")
    d.go(BASE + "/assess/rounds")
    check_page(d, width, "as-rounds")
    d.go(BASE + "/assess/rounds?scheme=" + scheme)
    check_page(d, width, "as-round-new")
    d.go(BASE + "/assess/rounds/" + pub)
    assert "之后的数据变化不影响已公布结果" in d.js(
        "return document.body.innerText;")
    check_page(d, width, "as-round-published")
    d.go(BASE + "/assess/rounds/%s/board" % pub)
    check_page(d, width, "as-board")
    d.go(BASE + "/assess/rounds/" + opn)
    assert "暂定" in d.js("return document.body.innerText;")
    d.js("document.querySelectorAll('details').forEach("
         "function (e) { e.open = true; });")
    check_page(d, width, "as-round-open")


def community_pages(d, width):
    pub = one("SELECT MIN(id) FROM assess_rounds WHERE state = "
              "'published'", "published round")
    login_as(d, "community1")
    d.go(BASE + "/assess")
    check_page(d, width, "as-index-community")
    d.go(BASE + "/assess/rounds/" + pub)
    rows = d.js("return document.querySelectorAll('table tr').length;")
    assert rows == 2, "community staff see %r rows" % rows
    check_page(d, width, "as-round-own")


def main():
    return run_parts((district_pages, community_pages))


if __name__ == "__main__":
    sys.exit(main())
