#!/usr/bin/env python3
"""The officials' dashboard in a real browser (headless Chromium through
chromedriver, as test_pages.py): logs in as the district official, opens
the dashboard at 1280 and at 375 pixels wide, and asserts that every image
loaded (naturalWidth > 0), that the page does not scroll sideways on a
phone, and that drilling down to a street shows its own charts.
Screenshots go to tests/artifacts/.

Environment: LIANXIN_TEST_PORT.  Prints cmocka-style summary lines.
"""
import sys
import time

from test_pages import BASE, Driver, run  # (same directory)


def login(d):
    d.go(BASE + "/login")
    d.type("#username", "district")
    d.type("#password", "lianxin-demo-2026")
    d.click("button[type=submit]")
    for _ in range(50):
        if "/login" not in d.s("GET", "/url"):
            return
        time.sleep(0.1)
    raise AssertionError("login failed: still at %s" % d.s("GET", "/url"))


def images_loaded(d):
    """Wait until every image has finished; return [naturalWidth, src]."""
    for _ in range(100):
        done = d.js("return Array.prototype.every.call(document.images,"
                    "function(i){return i.complete;});")
        if done:
            break
        time.sleep(0.1)
    return d.js("return Array.prototype.map.call(document.images,"
                "function(i){return [i.naturalWidth, i.src, i.alt];});")


def check_dashboard(d, width):
    login(d)
    d.go(BASE + "/dashboard")
    title = d.js("return document.querySelector('h1').textContent;")
    assert title == "数据看板", title
    text = d.js("return document.body.textContent;")
    for words in ("数据截至", "范围：", "时段：", "总体指标", "办结率"):
        assert words in text, "%s missing" % words
    imgs = images_loaded(d)
    assert len(imgs) >= 5, "only %d images" % len(imgs)
    for w, src, alt in imgs:
        assert w > 0, "image did not load: %s" % src
        assert "%" in alt or "/" in alt, "alt states no figure: %s" % alt
    if width < 800:
        sw = d.js("return document.documentElement.scrollWidth;")
        assert sw <= width, "page scrolls sideways: %d > %d" % (sw, width)
    d.screenshot("browser-dashboard-%d.png" % width)
    # Drill down to the first street: its own page and charts.
    name = d.js("return document.querySelector("
                "'section table a').textContent;")
    d.click("section table a")
    time.sleep(0.3)
    crumb = d.js("return document.querySelector('.crumbs strong')"
                 ".textContent;")
    assert crumb == name, "drill-down shows %r, not %r" % (crumb, name)
    imgs = images_loaded(d)
    assert len(imgs) >= 5 and all(w > 0 for w, _, _ in imgs), imgs
    d.screenshot("browser-dashboard-street-%d.png" % width)


def test_dashboard_1280():
    d = Driver(1280)
    try:
        check_dashboard(d, 1280)
    finally:
        d.quit()


def test_dashboard_375():
    d = Driver(375)
    try:
        check_dashboard(d, 375)
    finally:
        d.quit()


def main():
    return run([test_dashboard_1280, test_dashboard_375])


if __name__ == "__main__":
    sys.exit(main())
