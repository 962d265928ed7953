#!/usr/bin/env python3
"""Page checks in a real browser: Debian's headless Chromium driven through
chromedriver's WebDriver HTTP API (standard library only).

Fills in and submits the request form at a 375-pixel-wide viewport, with
JavaScript narrowing the location lists, and checks that the receipt shows
the tracking number.  Screenshots go to tests/artifacts/.

Environment: LIANXIN_TEST_PORT (the nginx of the test stack).
Prints cmocka-style summary lines for scripts/test.sh.
"""
import base64
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pagecheck  # noqa: E402
from pagecheck import check_page, login_as  # noqa: E402

PORT = os.environ["LIANXIN_TEST_PORT"]
BASE = "http://127.0.0.1:%s" % PORT
ART = os.path.join(os.path.dirname(__file__), "..", "artifacts")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Driver:
    def __init__(self, width=375):
        self.port = free_port()
        self.proc = subprocess.Popen(
            ["chromedriver", "--port=%d" % self.port],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = "http://127.0.0.1:%d" % self.port
        for _ in range(100):
            try:
                self.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        self.profile = tempfile.mkdtemp(prefix="lianxin-chrome-")
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless", "--no-sandbox", "--disable-gpu",
                         "--disable-quic", "--no-first-run",
                         "--disable-background-networking",
                         "--disable-component-update", "--disable-sync",
                         "--user-data-dir=" + self.profile,
                         "--window-size=%d,900" % width],
            }}}}
        if width < 800:     # a phone
            caps["capabilities"]["alwaysMatch"]["goog:chromeOptions"][
                "mobileEmulation"] = {"deviceMetrics": {
                    "width": width, "height": 900, "pixelRatio": 2}}
        self.sid = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data,
                                     method=method)
        req.add_header("Content-Type", "application/json")
        # A full-page screenshot of a tall page on a busy machine can
        # take long: a generous limit (the page checks stay the same).
        with urllib.request.urlopen(req, timeout=300) as r:
            return json.loads(r.read().decode())["value"]

    def s(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.sid, path), body)

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def find(self, css):
        v = self.s("POST", "/element", {"using": "css selector", "value": css})
        return list(v.values())[0]

    def type(self, css, text):
        self.s("POST", "/element/%s/value" % self.find(css), {"text": text})

    def click(self, css):
        self.s("POST", "/element/%s/click" % self.find(css), {})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync",
                      {"script": script, "args": list(args)})

    def screenshot(self, name):
        png = base64.b64decode(self.s("GET", "/screenshot"))
        os.makedirs(ART, exist_ok=True)
        with open(os.path.join(ART, name), "wb") as f:
            f.write(png)
        return png

    def screenshot_full(self, name):
        """The whole page, not only the viewport (Chromium's DevTools
        command through chromedriver)."""
        size = self.s("POST", "/goog/cdp/execute", {
            "cmd": "Page.getLayoutMetrics", "params": {}})["cssContentSize"]
        png = base64.b64decode(self.s("POST", "/goog/cdp/execute", {
            "cmd": "Page.captureScreenshot", "params": {
                "captureBeyondViewport": True, "clip": {
                    "x": 0, "y": 0, "width": size["width"],
                    "height": size["height"], "scale": 1}}})["data"])
        os.makedirs(ART, exist_ok=True)
        with open(os.path.join(ART, name), "wb") as f:
            f.write(png)
        return png

    def quit(self):
        try:
            self.s("DELETE", "")
        finally:
            self.proc.terminate()
            self.proc.wait(10)


def select_first(d, css, nth=1):
    """Choose the nth real option of a select, as a user would."""
    d.js("var s=document.querySelector(arguments[0]);"
         "s.selectedIndex=arguments[1];"
         "s.dispatchEvent(new Event('change'));", css, nth)


def fill_resident(d, description):
    """The address, description, name, phone and consent of the form."""
    d.type("#address", "幸福路128号3幢2单元")
    d.type("#description", description)
    d.type("#name", "王五")
    d.type("#phone", "13800138000")
    d.click("input[name=consent]")


def submit_for_receipt(d):
    """Submit the form and wait for the receipt: its URL and number."""
    d.click("#request-form button[type=submit]")
    for _ in range(50):
        if "/receipt/" in d.s("GET", "/url"):
            break
        time.sleep(0.1)
    url = d.s("GET", "/url")
    assert "/receipt/" in url, "no receipt, at %s" % url
    return url, d.js("return document.getElementById('tracking')"
                     ".textContent;")


def test_form_at_375(d):
    d.go(BASE + "/")
    width = d.js("return document.documentElement.clientWidth;")
    assert width == 375, "viewport is %r px wide" % width
    # No horizontal scrolling on a phone.
    assert d.js("return document.documentElement.scrollWidth;") <= 375
    # The stylesheet (served by nginx under its hashed name) applies.
    bar = d.js("return getComputedStyle(document.querySelector("
               "'header.top')).backgroundColor;")
    assert bar == "rgb(179, 38, 30)", "stylesheet not applied: %r" % bar
    d.screenshot("browser-home-375.png")
    select_first(d, "#category")
    select_first(d, "#street")
    # JavaScript narrowed the communities to the chosen street.
    groups = d.js("return document.querySelectorAll("
                  "'#community optgroup').length;")
    assert groups == 1, "community list not narrowed: %r groups" % groups
    select_first(d, "#community")
    ngrid = d.js("return document.querySelectorAll("
                 "'#grid optgroup').length;")
    assert ngrid == 1, "grid list not narrowed: %r groups" % ngrid
    select_first(d, "#grid")
    fill_resident(d, "小区南门的路灯坏了一个多星期，晚上出入很不安全。")
    d.screenshot("browser-form-375.png")
    url, shown = submit_for_receipt(d)
    assert re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}", shown), shown
    assert url.endswith("/receipt/" + shown)
    d.screenshot("browser-receipt-375.png")


PHONE_JPEG = os.path.abspath(os.path.join(
    os.path.dirname(__file__), "..", "data", "photos", "phone-exif6.jpg"))


def jpeg_size(b):
    """Width and height from a JPEG's frame header (SOFn)."""
    i = 2
    while i + 9 < len(b) and b[i] == 0xFF:
        m = b[i + 1]
        if 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
            return (b[i + 7] << 8 | b[i + 8], b[i + 5] << 8 | b[i + 6])
        i += 2 + (b[i + 2] << 8 | b[i + 3])
    return None


def first_thumbnail(d):
    """Wait for the page's first photo thumbnail; its natural size."""
    for _ in range(50):
        if d.js("var i=document.querySelector('.photos img');"
                "return i !== null && i.complete && i.naturalWidth > 0;"):
            break
        time.sleep(0.1)
    return tuple(d.js("var i=document.querySelector('.photos img');"
                      "return [i.naturalWidth, i.naturalHeight];"))


def test_form_with_photo_at_375(d):
    """A photo taken by a phone held sideways (EXIF orientation 6, a GPS
    tag: tests/data/photos/phone-exif6.jpg, 400 x 200 as stored) goes with
    the form; the resident's status page shows it upright and the stored
    JPEG has no EXIF."""
    with open(PHONE_JPEG, "rb") as f:
        orig = f.read()
    assert b"Exif" in orig and jpeg_size(orig) == (400, 200)
    d.go(BASE + "/")
    select_first(d, "#category")
    # The place by the resident's 小区, typed (the type-ahead's first pick
    # fills street, community and grid).
    d.type("#q", "星民")
    deadline = time.time() + 5
    while time.time() < deadline and not d.js(
            "return document.querySelectorAll('#place-results .picks "
            "button').length;"):
        time.sleep(0.1)
    d.click("#place-results .picks button")
    compound = d.js("return document.getElementById('compound').value;")
    assert compound, "no compound picked"
    fill_resident(d, "楼道里的灯坏了，附上照片，请尽快维修。")
    # What a user picking a file does: its path sent to the file input.
    d.type("#photo", PHONE_JPEG)
    assert d.js("return document.documentElement.scrollWidth;") <= 375
    d.screenshot("browser-form-photo-375.png")
    url, tracking = submit_for_receipt(d)
    PHOTO_REQUEST.append(tracking)
    # Stored with the compound's grid and community.
    assert pagecheck.sql("SELECT COUNT(*) FROM service_requests r JOIN "
                         "compounds c ON c.grid_id = r.grid_id JOIN regions "
                         "g ON g.id = c.grid_id AND g.community_id = "
                         "r.community_id WHERE r.tracking_no = '%s' AND "
                         "c.id = %d" % (tracking, int(compound))) == "1"
    d.screenshot("browser-receipt-photo-375.png")
    # The status page, after proving the phone digits.
    d.go(BASE + "/track")
    d.type("#tracking", tracking)
    d.type("#last4", "8000")
    d.click("button[type=submit]")
    w, h = first_thumbnail(d)
    # Upright: the thumbnail is taller than wide (320 px high).
    assert (w, h) == (160, 320), "thumbnail is %r x %r" % (w, h)
    assert d.js("return document.documentElement.scrollWidth;") <= 375
    d.screenshot("browser-status-photo-375.png")
    # The full photo through the page's signed link: upright, no EXIF.
    href = d.js("return document.querySelector('.photos a').href;")
    with urllib.request.urlopen(href) as resp:
        assert resp.headers["Content-Type"] == "image/jpeg"
        assert "private" in resp.headers["Cache-Control"]
        stored = resp.read()
    assert jpeg_size(stored) == (200, 400), jpeg_size(stored)
    assert b"Exif" not in stored and b"\xff\xe1" not in stored[:64]
    # The link alone, without its signature, opens nothing.
    bare = href.split("?")[0] + "?t=" + tracking
    try:
        urllib.request.urlopen(bare)
        assert False, "unsigned photo link opened"
    except urllib.error.HTTPError as e:
        assert e.code in (403, 404), e.code


PHOTO_REQUEST = []


def test_staff_request_photos_at_375(d):
    """The staff request page with the resident's photo and the note and
    resolution forms' file inputs, on a phone."""
    assert PHOTO_REQUEST, "no request with a photo was posted"
    d.go(BASE + "/login")
    d.type("#username", "community1")
    d.type("#password", "lianxin-demo-2026")
    d.click("button[type=submit]")
    time.sleep(0.5)
    d.go(BASE + "/staff/requests/" + PHOTO_REQUEST[0])
    w, h = first_thumbnail(d)
    assert (w, h) == (160, 320), "thumbnail is %r x %r" % (w, h)
    assert d.js("return document.documentElement.scrollWidth;") <= 375
    short = d.js("return Array.prototype.filter.call(document."
                 "querySelectorAll('input[type=file], .photos a'), "
                 "function(e){return e.getBoundingClientRect().height < 44;})"
                 ".length;")
    assert short == 0, "%d photo controls under 44 px" % short
    d.screenshot_full("browser-staff-request-photos-375.png")


def test_form_errors_in_chinese(d):
    d.go(BASE + "/")
    d.click("#request-form button[type=submit]")
    time.sleep(0.5)
    errs = d.js("return Array.prototype.map.call(document.querySelectorAll"
                "('.err'), function(e){return e.textContent;});")
    assert len(errs) >= 5, errs
    assert "此项必填" in errs, errs
    d.screenshot("browser-form-errors-375.png")


def test_compound_at_375(d):
    """Issue 18: the resident finds their 小区 by typing (JavaScript) and
    the pick fills street, community and grid; without JavaScript the
    search lists links (GET /?q=) that do the same."""
    d.go(BASE + "/")
    d.type("#q", "星民")
    deadline = time.time() + 5
    n = 0
    while not n and time.time() < deadline:
        time.sleep(0.1)
        n = d.js("return document.querySelectorAll("
                 "'#place-results .picks button').length;")
    assert n > 0, "no type-ahead results"
    d.screenshot("browser-compound-typeahead-375.png")
    assert d.js("return document.documentElement.scrollWidth;") <= 375
    h = d.js("return document.querySelector('#place-results .picks button')"
             ".getBoundingClientRect().height;")
    assert h >= 44, "pick is %r px high" % h
    d.click("#place-results .picks button")
    got = d.js("return [document.getElementById('compound').value,"
               "document.getElementById('street').value,"
               "document.getElementById('community').value,"
               "document.getElementById('grid').value,"
               "document.getElementById('picked').hidden];")
    assert all(got[:4]) and got[4] is False, got
    d.screenshot("browser-compound-picked-375.png")
    # Without JavaScript: the list of links, each 44 px high.
    d.go(BASE + "/?q=%E6%98%9F%E6%B0%91")
    assert d.js("return document.documentElement.scrollWidth;") <= 375
    links = d.js("return Array.prototype.map.call(document.querySelectorAll"
                 "('.picks a'), function(a){return "
                 "a.getBoundingClientRect().height;});")
    assert links and min(links) >= 44, links
    d.screenshot("browser-compound-search-375.png")


# Departments (issue 19): the summons form of a request escalated to the
# street, the department's queue and a summons, at 375 px, with the
# standard checks (pagecheck.check_page).
def test_department_pages_375(d):
    login_as(d, "street1")
    # A request escalated to the street: first in its queue, marked.
    link = d.js("var m = Array.prototype.find.call(document.querySelectorAll("
                "'ol.queue li.qcard'), function (tr) {"
                "return tr.textContent.indexOf('上报本级') >= 0; });"
                "return m ? m.querySelector('a').getAttribute('href') : null;")
    assert link, "no request escalated to the street in its queue"
    d.go(BASE + link + "/summons")
    assert d.js("return document.querySelectorAll("
                "'form.summon input[name=unit]').length;") >= 1
    check_page(d, 375, "street-summons")
    login_as(d, "dept1")
    assert d.s("GET", "/url").endswith("/dept"), d.s("GET", "/url")
    check_page(d, 375, "dept1-queue")
    link = d.js("var a = document.querySelector('ul.summons a');"
                "return a ? a.getAttribute('href') : null;")
    assert link, "the department's queue is empty"
    d.go(BASE + link)
    check_page(d, 375, "dept1-summons")


def run(tests, *args):
    """Run the tests, printing cmocka-style lines; 0 when all passed."""
    passed = failed = 0
    print("[==========] Running %d test(s)." % len(tests))
    for t in tests:
        try:
            t(*args)
            print("[       OK ] %s" % t.__name__)
            passed += 1
        except Exception as e:  # a failed check or a driver error
            print("[  ERROR   ] --- %s: %s" % (t.__name__, e))
            print("[  FAILED  ] %s" % t.__name__)
            failed += 1
    print("[==========] %d test(s) run." % len(tests))
    print("[  PASSED  ] %d test(s)." % passed)
    if failed:
        print("[  FAILED  ] %d test(s), listed below:" % failed)
    return 1 if failed else 0


def main():
    d = Driver()
    try:
        return run([test_form_at_375, test_form_errors_in_chinese,
                    test_form_with_photo_at_375,
                    test_staff_request_photos_at_375,
                    test_compound_at_375,
                    test_department_pages_375], d)
    finally:
        d.quit()


if __name__ == "__main__":
    sys.exit(main())
