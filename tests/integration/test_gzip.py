#!/usr/bin/env python3
"""gzip through nginx (nginx/lianxin-locations.conf): the public pages
and the stylesheet are compressed; the pages that carry a session's CSRF
token (staff, department, admin, login, members') are not, against
BREACH.

Environment: that of scripts/test.sh (LIANXIN_TEST_PORT, VAR, SMSGW_*).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_sms import (http, login_cookie, new_request, run,  # noqa: E402
                      staff_login)

GZ = {"Accept-Encoding": "gzip"}


def get(path, cookie=None):
    st, h, b = http("GET", path, cookie=cookie, headers=GZ)
    assert st == 200, "%s: %d" % (path, st)
    return h.get("Content-Encoding"), len(b)


def test_private_pages_not_compressed():
    t = new_request()[0]
    pages = [(None, "/login"), (None, "/member/sms"), (None, "/member"),
             ("community1", "/staff"), ("community1", "/staff/requests/" + t),
             ("street1", "/staff/members"), ("admin", "/admin/users"),
             ("admin", "/admin/audit"), ("dept1", "/dept"),
             ("district", "/dashboard")]
    who, cookie = None, None
    for user, path in pages:
        if user != who:
            cookie = login_cookie(user) if user else None
            who = user
        enc, n = get(path, cookie)
        assert enc is None, "%s as %s: %s" % (path, user, enc)
        # Large enough that gzip would apply (gzip_min_length 512).
        assert n >= 512, "%s: %d bytes" % (path, n)
    # A staff page does carry the token it protects.
    cookie, csrf = staff_login("community1")
    b = http("GET", "/staff", cookie=cookie, headers=GZ)[2]
    assert csrf in b


def test_public_pages_compressed():
    for path in ("/", "/menu", "/report", "/track"):
        assert get(path)[0] == "gzip", path
    css = re.search(r'href="(/static/lianxin\.[0-9a-f]+\.css)"',
                    http("GET", "/")[2]).group(1)
    assert get(css)[0] == "gzip", css


if __name__ == "__main__":
    sys.exit(run([test_private_pages_not_compressed,
                  test_public_pages_compressed]))
