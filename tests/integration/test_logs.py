#!/usr/bin/env python3
"""The privacy rule in nginx's access log (nginx/lianxin-log.conf): a
photo's signed link and a message's link (/t/TOKEN) fetched through nginx
leave neither the signature nor the token in the stack's access log; the
log holds the photo's path without its query and /t/-.

Environment: that of scripts/test.sh (LIANXIN_TEST_PORT, VAR, SMSGW_*).
"""
import hashlib
import html
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_sms import (act, http, new_request, one, run, sql,  # noqa: E402
                      stack_env, staff_login)

JPEG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                    "data", "photos", "phone-exif6.jpg")


def access_log(start=0):
    """The stack's nginx access log from byte start on."""
    with open(os.path.join(stack_env("VAR"), "log", "nginx-access.log"),
              "rb") as f:
        f.seek(start)
        return f.read().decode("utf-8", "replace")


def log_size():
    return os.path.getsize(os.path.join(stack_env("VAR"), "log",
                                        "nginx-access.log"))


def test_photo_link_and_message_link_not_logged():
    start = log_size()
    # A request with a resident's photo, and a message with its link.
    t, rid, phone = new_request()
    jpeg = open(JPEG, "rb").read()
    h = hashlib.sha256(jpeg).hexdigest()
    sql("INSERT IGNORE INTO photos (hash, jpeg, thumb, width, height, bytes,"
        " created) VALUES (UNHEX('%s'), 0x%s, 0x%s, 400, 200, %d, "
        "UTC_TIMESTAMP())" % (h, jpeg.hex(), jpeg.hex(), len(jpeg)))
    sql("INSERT INTO request_photos (request_id, photo, kind, position) "
        "VALUES (%d, UNHEX('%s'), 'resident', 0)" % (rid, h))
    assert act(staff_login("community1"), t, action="accept") == 303
    token = one("SELECT link_token FROM outbox WHERE request_id = %d AND "
                "link_token <> '' ORDER BY id DESC LIMIT 1" % rid)
    assert token, "the accept queued no message with a link"
    # The status page's photo links, fetched through nginx.
    st, _, b = http("POST", "/track", urllib.parse.urlencode(
        {"tracking": t, "last4": phone[-4:]}))
    assert st == 200, st
    links = [html.unescape(x) for x in
             re.findall(r'(?:href|src)="(/photos/[^"]+)"', b)]
    assert links, "no photo link on the status page"
    sigs = []
    for link in links:
        assert http("GET", link)[0] == 200, link
        q = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)
        assert q.get("s"), "an unsigned link: %s" % link
        sigs += q["s"]
    # The message's link.
    assert http("GET", "/t/" + token)[0] == 200
    log = access_log(start)
    assert "GET /t/- " in log, "the message link's line is missing"
    path = urllib.parse.urlparse(links[0]).path
    assert "GET %s " % path in log, "the photo's line is missing"
    assert token not in log, "a message token in the access log"
    for s in sigs:
        assert s not in log, "a photo signature in the access log"
    assert "/photos/" + path.split("/")[-1] + "?" not in log


if __name__ == "__main__":
    sys.exit(run([test_photo_link_and_message_link_not_logged]))
