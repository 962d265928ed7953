#!/usr/bin/env python3
"""The officials' dashboard in a real browser (headless Chromium through
chromedriver, as test_pages.py): logs in as the district official, opens
the dashboard on a phone (375 pixels wide), a small tablet (700) and a
desktop (1280), drills down district -> street -> community, and asserts
on every page:

- the page does not scroll sideways (document scrollWidth <= viewport);
- every chart loaded (naturalWidth > 0), states its figures in its alt
  text, was asked at the width the screen needs (w=400 on the phone, w=800
  on the desktop) and is shown at no less than three quarters of its
  natural width, so its labels stay legible;
- the figures table fits its box (it reflows on narrow screens: nothing cut
  off), and a table that scrolls does so inside its own box, keeping its
  first column (the names) in view;
- every link and button is a tap target of at least 44 x 44 pixels.

Full-page screenshots go to tests/artifacts/.

Environment: LIANXIN_TEST_PORT.  Prints cmocka-style summary lines.
"""
import sys
import time

from test_pages import BASE, Driver, run  # (same directory)
from pagecheck import check_overflow, login_as

TAP = 44            # px, the smallest tap target (WCAG 2.5.5)
SHRINK = 0.75       # a chart is shown at >= this share of its width


def login(d):
    login_as(d, "district")


def images_loaded(d):
    """Wait until every image has finished; return, for each,
    [naturalWidth, clientWidth, currentSrc, alt]."""
    for _ in range(100):
        done = d.js("return Array.prototype.every.call(document.images,"
                    "function(i){return i.complete;});")
        if done:
            break
        time.sleep(0.1)
    return d.js("return Array.prototype.map.call(document.images,"
                "function(i){return [i.naturalWidth, i.clientWidth,"
                "i.currentSrc, i.alt];});")


def check_charts(d, width, want_w):
    imgs = images_loaded(d)
    assert len(imgs) >= 5, "only %d images" % len(imgs)
    for nat, shown, src, alt in imgs:
        assert nat > 0, "image did not load: %s" % src
        assert "%" in alt or "/" in alt, "alt states no figure: %s" % alt
        assert shown >= SHRINK * nat, \
            "at %d px a chart of %d px is shown %d px wide: %s" % (
                width, nat, shown, src)
        if want_w is not None:
            assert "w=%d&" % want_w in src, \
                "at %d px the chart is not asked at w=%d: %s" % (
                    width, want_w, src)


# For every table: [fits its box, box right edge, box width, and after
# scrolling the box to its end, the names (first cells) still in the box].
TABLES = """
return Array.prototype.map.call(document.querySelectorAll('main table'),
function (t) {
    var box = t.parentElement, b = box.getBoundingClientRect(), hidden = [];
    box.scrollLeft = box.scrollWidth;
    Array.prototype.forEach.call(t.rows, function (row) {
        var c = row.cells[0].getBoundingClientRect();
        if (c.left < b.left - 1 || c.right > b.right + 1)
            hidden.push(row.cells[0].textContent);
    });
    box.scrollLeft = 0;
    return [box.scrollWidth <= box.clientWidth, b.right, b.width,
        getComputedStyle(box).overflowX, hidden];
});
"""


def check_tables(d, width):
    tables = d.js(TABLES)
    assert len(tables) >= 1, "no table"
    fits, right, _, _, _ = tables[0]
    assert fits, "at %d px the figures table is cut off" % width
    for fits, right, w, overflow, hidden in tables:
        assert right <= width, "a table's box ends at %d > %d" % (right, width)
        if fits:
            continue
        assert overflow in ("auto", "scroll"), \
            "a table wider than its box does not scroll in it (%s)" % overflow
        assert not hidden, "scrolled, the names leave the box: %s" % hidden


# Every visible link and button: [text, width, height].
TARGETS = """
return Array.prototype.filter.call(document.querySelectorAll(
    'a[href], button, input[type=submit]'), function (e) {
    return e.getClientRects().length > 0;
}).map(function (e) {
    var r = e.getBoundingClientRect();
    return [e.textContent.trim(), Math.round(r.width), Math.round(r.height)];
});
"""


def check_targets(d, width):
    targets = d.js(TARGETS)
    assert len(targets) >= 10, targets
    small = [t for t in targets if t[1] < TAP or t[2] < TAP]
    assert not small, "at %d px tap targets under %d px: %s" % (
        width, TAP, small)


def check_page(d, width, want_w, shot):
    check_overflow(d, width, shot)
    check_charts(d, width, want_w)
    check_tables(d, width)
    check_targets(d, width)
    d.screenshot_full(shot)


def drill(d):
    """Follow the first region of the child table; answer its name."""
    name = d.js("return document.querySelector("
                "'section table a').textContent;")
    d.click("section table a")
    for _ in range(50):
        crumb = d.js("var s=document.querySelector('.crumbs strong');"
                     "return s ? s.textContent : null;")
        if crumb == name:
            return name
        time.sleep(0.1)
    raise AssertionError("drill-down shows %r, not %r" % (crumb, name))


def check_dashboard(d, width, want_w):
    login(d)
    d.go(BASE + "/dashboard")
    title = d.js("return document.querySelector('h1').textContent;")
    assert title == "数据看板", title
    text = d.js("return document.body.textContent;")
    for words in ("数据截至", "范围：", "时段：", "总体指标", "办结率"):
        assert words in text, "%s missing" % words
    check_page(d, width, want_w, "browser-dashboard-%d.png" % width)
    # Drill down to the first street, then its first community: their own
    # pages and charts (the community's by grid, with longer names).
    drill(d)
    check_page(d, width, want_w, "browser-dashboard-street-%d.png" % width)
    drill(d)
    check_page(d, width, want_w,
               "browser-dashboard-community-%d.png" % width)


def test_dashboard_1280():
    d = Driver(1280)
    try:
        check_dashboard(d, 1280, 800)
    finally:
        d.quit()


def test_dashboard_700():
    d = Driver(700)
    try:
        check_dashboard(d, 700, None)
    finally:
        d.quit()


def test_dashboard_375():
    d = Driver(375)
    try:
        check_dashboard(d, 375, 400)
    finally:
        d.quit()


def main():
    return run([test_dashboard_1280, test_dashboard_700, test_dashboard_375])


if __name__ == "__main__":
    sys.exit(main())
