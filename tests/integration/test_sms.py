#!/usr/bin/env python3
"""Messages to residents (issue 18, point 2), against the test stack, its
sender (lianxin send, started by scripts/stack.sh) and the local gateway
(tests/support/smsgw.py, started by scripts/test.sh): a staff action
queues its message in its own transaction and the gateway receives it,
signed, with a link that opens the rating form; a gateway that is down
delays messages and loses none; a sender killed between a send and its
mark sends again with the same key and the gateway keeps one; the
deadline warning is queued once; the webhook adapter; no phone and no
text in any log.

Environment: that of scripts/test.sh (LIANXIN_TEST_PORT, LIANXIN_CONF,
VAR, SMSGW_*).  Prints cmocka-style summary lines.
"""
import glob
import http.client as httpclient
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "browser"))
from test_pages import run  # noqa: E402  (cmocka-style summary lines)

ROOT = os.environ.get("LIANXIN_ROOT",
                      os.path.join(os.path.dirname(__file__), "..", ".."))
PORT = int(os.environ["LIANXIN_TEST_PORT"])
GW = int(os.environ["SMSGW_PORT"])
BASE = "http://127.0.0.1:%d" % PORT
BUILD = os.environ.get("LIANXIN_BUILD", "build")
LIANXIN = BUILD if BUILD.startswith("/") else os.path.join(ROOT, BUILD)
LIANXIN = os.path.join(LIANXIN, "lianxin")
PW = "lianxin-demo-2026"
ALPHA = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# Phones of this test only (the log check looks for them).
PHONES = []
SRC = [0]


def stack(*args):
    return subprocess.run([os.path.join(ROOT, "scripts", "stack.sh")] +
                          list(args), capture_output=True, text=True,
                          cwd=ROOT)


def stack_env(name):
    return stack("env", name).stdout.strip()


def sql(q):
    """Run q as the stack's database account; rows as lists of str."""
    pw = open(os.path.join(stack_env("VAR"), "db.secret")).read().strip()
    out = subprocess.run(
        ["mariadb", "--no-defaults", "-S", stack_env("DBSOCK"), "-ulianxin",
         "-p" + pw, "-N", "-B", "lianxin"], input=q,
        capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError("sql failed: %s" % out.stderr.strip())
    return [line.split("\t") for line in out.stdout.splitlines()]


def one(q):
    rows = sql(q)
    return rows[0][0] if rows else None


def http(method, path, body=None, cookie=None, port=PORT, src=None,
         headers=None):
    """(status, headers, body text)."""
    c = httpclient.HTTPConnection("127.0.0.1", port, timeout=30,
                                   source_address=(src, 0) if src else None)
    h = dict(headers or {})
    if body is not None:
        h["Content-Type"] = "application/x-www-form-urlencoded"
    if cookie:
        h["Cookie"] = cookie
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    b = r.read().decode("utf-8", "replace")
    c.close()
    return r.status, r.headers, b


def src_addr():
    SRC[0] += 1
    return "127.0.%d.%d" % (150 + SRC[0] // 250, 1 + SRC[0] % 250)


def staff_login(user):
    """The session cookie and CSRF token of user."""
    cookie = login_cookie(user)
    st, h, b = http("GET", "/staff", cookie=cookie)
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', b).group(1)
    return cookie, csrf


def login_cookie(user):
    """The session cookie of user, logged in."""
    src = src_addr()
    st, h, b = http("GET", "/login", src=src)
    pre = re.search(r"lx_pre=([0-9a-f]+)", h.get("Set-Cookie", "")).group(1)
    body = urllib.parse.urlencode({"csrf": pre, "username": user,
                                   "password": PW, "next": "/staff"})
    st, h, b = http("POST", "/login", body, cookie="lx_pre=" + pre, src=src)
    assert st == 303, "login %s: %d" % (user, st)
    sess = re.search(r"lx_session=([^;]+)", h.get("Set-Cookie", "")).group(1)
    return "lx_session=" + sess


def new_request(state="submitted", due_hours=24 * 7):
    """A request of community1's community with a phone of its own."""
    t = "S" + "".join(random.choice(ALPHA) for _ in range(7))
    phone = "139%08d" % random.randrange(10 ** 8)
    PHONES.append(phone)
    sql("INSERT INTO service_requests (tracking_no, category_id, "
        "district_id, street_id, community_id, grid_id, address, "
        "description, resident_name, resident_phone, source, state, "
        "received_at, accepted_at, response_due, resolve_due) SELECT '%s', "
        "(SELECT MIN(id) FROM categories), district_id, street_id, "
        "community_id, IF(level = 4, id, NULL), '测试路2号', "
        "'路灯坏了很久，晚上看不见路', '测试', '%s', 'web', '%s', "
        "UTC_TIMESTAMP(), IF('%s' = 'submitted', NULL, UTC_TIMESTAMP()), "
        "UTC_TIMESTAMP() + INTERVAL 1 DAY, UTC_TIMESTAMP() + INTERVAL %d "
        "HOUR FROM regions WHERE id = (SELECT region_id FROM users WHERE "
        "username = 'grid1')" % (t, phone, state, state, due_hours))
    rid = one("SELECT id FROM service_requests WHERE tracking_no = '%s'" % t)
    return t, int(rid), phone


def act(sess, t, **fields):
    cookie, csrf = sess
    v = one("SELECT version FROM service_requests WHERE tracking_no = '%s'"
            % t)
    body = urllib.parse.urlencode(dict(csrf=csrf, version=v, **fields))
    return http("POST", "/staff/requests/" + t, body, cookie=cookie)[0]


def gw(path, method="GET"):
    st, h, b = http(method, path, body="" if method == "POST" else None,
                    port=GW)
    assert st == 200, "gateway %s: %d" % (path, st)
    return json.loads(b)


def wait_for(fn, secs=20, what="condition"):
    end = time.time() + secs
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def arrived(key):
    return [m for m in gw("/_ctl/messages") if m["key"] == key]


def key_of(rid, kind):
    """The idempotency key of request rid's message of kind."""
    return one("SELECT idem_key FROM outbox WHERE request_id = %d AND kind "
               "= '%s' ORDER BY id DESC LIMIT 1" % (rid, kind))


def test_accept_and_resolve_arrive_with_link():
    sess = staff_login("community1")
    t, rid, phone = new_request()
    assert act(sess, t, action="accept") == 303
    k = key_of(rid, "accepted")
    assert k is not None, "no accepted message queued"
    m = wait_for(lambda: arrived(k), what="the accepted message")[0]
    assert m["phone"] == "+86" + phone
    assert m["template"] == "1001" and m["sign"] == "连心社区"
    assert m["params"][0] == t
    assert m["params"][1].startswith(BASE + "/t/"), m["params"]
    assert m["header_key"] == k
    text = one("SELECT text FROM outbox WHERE idem_key = '%s'" % k)
    assert text.startswith("您的诉求%s已受理" % t) and m["params"][1] in text
    # A second accept (after escalation, say) is no 受理: only the first.
    assert act(sess, t, action="resolve", text="路灯已修复，感谢反映") == 303
    k = key_of(rid, "resolved")
    m = wait_for(lambda: arrived(k), what="the resolved message")[0]
    text = one("SELECT text FROM outbox WHERE idem_key = '%s'" % k)
    assert "已办结：路灯已修复，感谢反映" in text, text
    link = m["params"][1]
    assert link in text
    # The template's third variable: the answer.
    assert m["params"][2] == "路灯已修复，感谢反映" and m["template"] == "1002"
    # The link opens the status page with the rating form, no digits.
    path = link[len(BASE):]
    st, h, b = http("GET", path)
    assert st == 200, st
    assert "评价办理结果" in b and 'action="%s"' % path in b
    assert phone not in b and phone[-4:] not in b
    assert "no-store" in h.get("Cache-Control", "")
    # A changed token opens nothing.
    bad = path[:-1] + ("A" if path[-1] != "A" else "B")
    assert http("GET", bad)[0] == 404
    # Rating through the link closes the request.
    st, h, b = http("POST", path, urllib.parse.urlencode(
        {"rating": "satisfied"}))
    assert st == 200 and "感谢您的评价" in b, st
    assert one("SELECT state FROM service_requests WHERE id = %d" %
               rid) == "closed"
    assert one("SELECT COUNT(*) FROM outbox WHERE request_id = %d" %
               rid) == "2"


def test_rolled_back_change_leaves_no_message():
    sess = staff_login("community1")
    t, rid, phone = new_request()
    # The audit row is written after the message, in the same transaction:
    # make it fail for this request only.
    sql("DELIMITER //\nCREATE TRIGGER sms_test_fail BEFORE INSERT ON "
        "audit_log FOR EACH ROW BEGIN IF NEW.object = '%s' THEN SIGNAL "
        "SQLSTATE '45000' SET MESSAGE_TEXT = 'test'; END IF; END//\n"
        "DELIMITER ;\n" % t)
    try:
        st = act(sess, t, action="accept")
    finally:
        sql("DROP TRIGGER IF EXISTS sms_test_fail")
    assert st >= 500, st
    assert one("SELECT state FROM service_requests WHERE id = %d" %
               rid) == "submitted"
    assert one("SELECT COUNT(*) FROM outbox WHERE request_id = %d" %
               rid) == "0"
    assert act(sess, t, action="accept") == 303
    assert one("SELECT COUNT(*) FROM outbox WHERE request_id = %d" %
               rid) == "1"
    k = key_of(rid, "accepted")
    wait_for(lambda: arrived(k), what="the message")
    time.sleep(1)
    assert len(arrived(k)) == 1


def test_gateway_down_delays_and_loses_nothing():
    sess = staff_login("community1")
    gw("/_ctl/fail?seconds=5", "POST")
    t, rid, phone = new_request(state="accepted")
    assert act(sess, t, action="reject", reason="duplicate",
               text="与已有诉求重复", confirm="1") == 303
    k = key_of(rid, "rejected")
    text = one("SELECT text FROM outbox WHERE idem_key = '%s'" % k)
    assert "未予受理，原因：重复诉求" in text, text
    # Refused: still queued, tried more than once, nothing personal in
    # the error.
    wait_for(lambda: int(one("SELECT attempts FROM outbox WHERE idem_key "
                             "= '%s'" % k)) >= 2, 10, "retries")
    row = sql("SELECT state, last_error FROM outbox WHERE idem_key = '%s'"
              % k)[0]
    assert row[0] == "queued", row
    assert "503" in row[1] and phone not in row[1]
    assert not arrived(k)
    # Back up: delivered, once, with the reason's label.
    m = wait_for(lambda: arrived(k), 20, "delivery after the outage")
    assert m[0]["params"][2] == "重复诉求" and len(m[0]["params"]) == 3
    wait_for(lambda: one("SELECT state FROM outbox WHERE idem_key = '%s'"
                         % k) == "sent", 10, "sent")
    assert len(arrived(k)) == 1


def test_killed_sender_sends_no_double():
    assert stack("sender-stop").returncode == 0
    try:
        sess = staff_login("community1")
        t, rid, phone = new_request()
        assert act(sess, t, action="accept") == 303
        k = key_of(rid, "accepted")
        env = dict(os.environ, LIANXIN_SEND_DIE_AFTER_SEND="1")
        r = subprocess.run([LIANXIN, "send", "--once"], env=env,
                           capture_output=True, text=True)
        assert r.returncode == 3, (r.returncode, r.stderr)
        assert len(arrived(k)) == 1
        # Sent but not marked: the claim holds it until the lease ends.
        assert one("SELECT state FROM outbox WHERE idem_key = '%s'" %
                   k) == "queued"
        dups = gw("/_ctl/stats")["dups"]
    finally:
        assert stack("sender-start").returncode == 0
    wait_for(lambda: one("SELECT state FROM outbox WHERE idem_key = '%s'"
                         % k) == "sent", 20, "the resend")
    assert gw("/_ctl/stats")["dups"] > dups
    assert len(arrived(k)) == 1


def test_two_senders_send_each_once():
    assert stack("sender-stop").returncode == 0
    try:
        t, rid, phone = new_request()
        dups = gw("/_ctl/stats")["dups"]
        sql("INSERT INTO outbox (idem_key, kind, request_id, phone, text, "
            "param, next_attempt_at, created_at) SELECT CONCAT('two:', "
            "seq), 'accepted', id, resident_phone, 'x', tracking_no, "
            "UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM service_requests JOIN "
            "seq_1_to_30 WHERE id = %d" % rid)
        ps = [subprocess.Popen([LIANXIN, "send", "--once"],
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL) for _ in range(2)]
        for p in ps:
            assert p.wait(60) == 0
        # 30 due, 20 a claim: both senders took some, none took one twice.
        left = int(one("SELECT COUNT(*) FROM outbox WHERE idem_key LIKE "
                       "'two:%%' AND state = 'queued'"))
        got = [m for m in gw("/_ctl/messages") if m["key"].startswith(
            "two:")]
        assert len(got) == 30 - left and left <= 10, (len(got), left)
        assert gw("/_ctl/stats")["dups"] == dups
    finally:
        assert stack("sender-start").returncode == 0
    wait_for(lambda: one("SELECT COUNT(*) FROM outbox WHERE idem_key LIKE "
                         "'two:%' AND state = 'sent'") == "30", 20, "all 30")
    assert len([m for m in gw("/_ctl/messages")
                if m["key"].startswith("two:")]) == 30


def other_conf(extra):
    """A copy of the stack's configuration with extra lines."""
    fd, path = tempfile.mkstemp(prefix="lianxin-sms-", suffix=".conf")
    with os.fdopen(fd, "w") as f:
        f.write(open(os.environ["LIANXIN_CONF"]).read() + "\n" + extra)
    return path


def test_due_warning_once_and_webhook():
    assert stack("sender-stop").returncode == 0
    conf = other_conf("[sms]\nprovider = webhook\n")
    try:
        t, rid, phone = new_request(state="accepted", due_hours=2)
        env = dict(os.environ, LIANXIN_CONF=conf)
        for _ in range(2):
            r = subprocess.run([LIANXIN, "send", "--once"], env=env,
                               capture_output=True, text=True)
            assert r.returncode == 0, r.stderr
        assert one("SELECT COUNT(*) FROM outbox WHERE request_id = %d AND "
                   "kind = 'due_warning'" % rid) == "1"
        k = key_of(rid, "due_warning")
        m = arrived(k)
        assert len(m) == 1 and m[0]["provider"] == "webhook", m
        m = m[0]
        assert m["phone"] == phone and m["kind"] == "due_warning"
        assert m["text"].startswith("您的诉求%s临近办结时限" % t)
        assert m["link"].startswith(BASE + "/t/") and m["link"] in m["text"]
        assert http("GET", m["link"][len(BASE):])[0] == 200
        # A wrong webhook secret is refused by the gateway: not sent.
        bad = other_conf("[sms]\nprovider = webhook\nwebhook_secret = x\n")
        t2, rid2, _ = new_request()
        sql("INSERT INTO outbox (idem_key, kind, request_id, phone, text, "
            "next_attempt_at, created_at) SELECT 'test:%d', 'accepted', id, "
            "resident_phone, 'x', UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM "
            "service_requests WHERE id = %d" % (rid2, rid2))
        subprocess.run([LIANXIN, "send", "--once"],
                       env=dict(os.environ, LIANXIN_CONF=bad),
                       capture_output=True)
        os.unlink(bad)
        row = sql("SELECT state, last_error FROM outbox WHERE idem_key = "
                  "'test:%d'" % rid2)[0]
        assert row == ["queued", "http status 401"], row
    finally:
        os.unlink(conf)
        assert stack("sender-start").returncode == 0


def test_no_phone_or_text_in_logs():
    logs = glob.glob(os.path.join(stack_env("VAR"), "log", "*.log"))
    assert any(p.endswith("sender.log") for p in logs), logs
    sent = open(os.path.join(stack_env("VAR"), "log", "sender.log")).read()
    assert "sent" in sent
    for p in logs:
        s = open(p, errors="replace").read()
        for ph in PHONES:
            assert ph not in s, "a phone in %s" % p
        for w in ("路灯已修复", "临近办结时限", "已受理"):
            assert w not in s, "a text in %s" % p


def roster_phone():
    """A phone on the roster (the demo's), not used by the other tests."""
    return one("SELECT phone FROM party_members ORDER BY id DESC LIMIT 1")


def ask_code(phone):
    """POST the phone; (status, body, seconds taken)."""
    t0 = time.time()
    st, h, b = http("POST", "/member/sms", urllib.parse.urlencode(
        {"action": "send", "phone": phone}), src=src_addr())
    return st, b, time.time() - t0


def code_for(phone, after):
    """The newest code the gateway received for phone, after n messages."""
    def got():
        ms = [m for m in gw("/_ctl/messages")[after:]
              if m.get("template") == "1006" and m["phone"] == "+86" + phone]
        return ms[-1]["params"][0] if ms else None
    return wait_for(got, 20, "the code message")


def sms_login(phone, code):
    return http("POST", "/member/sms", urllib.parse.urlencode(
        {"action": "login", "phone": phone, "code": code}), src=src_addr())


def test_member_logs_in_by_sms_code():
    phone = roster_phone()
    n = len(gw("/_ctl/messages"))
    st, b, secs = ask_code(phone)
    assert st == 200 and "验证码短信已发出" in b and 'id="sms-login"' in b
    code = code_for(phone, n)
    assert re.fullmatch(r"[0-9]{6}", code), code
    # The code is stored hashed only.
    assert one("SELECT COUNT(*) FROM member_sms_codes c JOIN party_members "
               "m ON m.id = c.member_id WHERE m.phone = '%s' AND "
               "HEX(c.code_hash) LIKE '%%%s%%'" % (phone, code)) == "0"
    # A wrong code is refused and counted.
    wrong = "%06d" % ((int(code) + 1) % 1000000)
    st, h, b = sms_login(phone, wrong)
    assert st == 403 and "lx_member" not in h.get("Set-Cookie", "")
    assert one("SELECT tries FROM member_sms_codes c JOIN party_members m "
               "ON m.id = c.member_id WHERE m.phone = '%s' ORDER BY c.id "
               "DESC LIMIT 1" % phone) == "1"
    # The right one: a session cookie that lasts member_session_days.
    st, h, b = sms_login(phone, code)
    assert st == 303 and h["Location"] == "/member", st
    sc = h.get("Set-Cookie", "")
    assert "Max-Age=%d" % (30 * 86400) in sc and "HttpOnly" in sc, sc
    cookie = "lx_member=" + re.search(r"lx_member=([0-9a-f]{64})",
                                      sc).group(1)
    # The home: the ways on, the requests assigned to the member, their
    # activities and their place in the ranking.
    mid = int(one("SELECT id FROM party_members WHERE phone = '%s'" % phone))
    t, rid, _ = new_request(state="assigned")
    sql("UPDATE service_requests SET assignee_member_id = %d WHERE id = %d"
        % (mid, rid))
    sql("INSERT INTO activities (community_id, title, kind, held_on, hours) "
        "SELECT community_id, '短信测试活动', 'volunteer', '2026-11-02', 2.5 "
        "FROM party_members WHERE id = %d" % mid)
    sql("INSERT INTO participation (activity_id, member_id, held_on, hours) "
        "SELECT MAX(id), %d, '2026-11-02', 2.5 FROM activities" % mid)
    st, h, b = http("GET", "/member", cookie=cookie)
    assert st == 200 and "我的服务与积分" in b
    for href in ('href="/"', 'href="/report"', 'href="/menu"',
                 'href="/member"'):
        assert href in b, href
    assert t in b.split('id="assigned"')[1].split("</ul>")[0]
    assert "2026-11-02 · 短信测试活动 · 2.5 小时" in b
    rank = re.search(r'id="rank">本社区第 (\d+) 名（共 (\d+) 人）', b)
    assert rank and 1 <= int(rank.group(1)) <= int(rank.group(2)), rank
    # The index of the communities' menus links each menu.
    st, h, m = http("GET", "/menu")
    assert st == 200 and re.search(r'href="/menu/\d+"', m)
    first = re.search(r'href="(/menu/\d+)"', m).group(1)
    assert http("GET", first)[0] == 200
    # Used up: the same code does not log in again.
    assert sms_login(phone, code)[0] == 403
    # Logout ends the session.
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', b).group(1)
    st, h, b = http("POST", "/member", urllib.parse.urlencode(
        {"action": "logout", "csrf": csrf}), cookie=cookie, src=src_addr())
    assert st == 303
    st, h, b = http("GET", "/member", cookie=cookie)
    assert st == 200 and "我的服务与积分" not in b and 'name="code"' in b


def test_member_code_expires_and_tries_end():
    phone = roster_phone()
    n = len(gw("/_ctl/messages"))
    ask_code(phone)
    code = code_for(phone, n)
    sql("UPDATE member_sms_codes c JOIN party_members m ON m.id = "
        "c.member_id SET c.expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE "
        "WHERE m.phone = '%s'" % phone)
    assert sms_login(phone, code)[0] == 403
    n = len(gw("/_ctl/messages"))
    ask_code(phone)
    code = code_for(phone, n)
    wrong = "%06d" % ((int(code) + 7) % 1000000)
    for _ in range(5):
        assert sms_login(phone, wrong)[0] == 403
    # Five wrong ones void it: the right code no longer works.
    assert sms_login(phone, code)[0] == 403


def test_same_answer_off_roster():
    on = roster_phone()
    while True:
        off = "137%08d" % random.randrange(10 ** 8)
        if one("SELECT COUNT(*) FROM party_members WHERE phone = '%s'"
               % off) == "0":
            break
    PHONES.append(off)
    st1, b1, t1 = ask_code(on)
    st2, b2, t2 = ask_code(off)
    assert st1 == st2 == 200
    assert b1.replace(on, "P") == b2.replace(off, "P")
    assert t1 >= 0.3 and t2 >= 0.3, (t1, t2)
    assert one("SELECT COUNT(*) FROM outbox WHERE phone = '%s'" % off) \
        == "0"


if __name__ == "__main__":
    sys.exit(run([test_accept_and_resolve_arrive_with_link,
                  test_rolled_back_change_leaves_no_message,
                  test_gateway_down_delays_and_loses_nothing,
                  test_killed_sender_sends_no_double,
                  test_two_senders_send_each_once,
                  test_due_warning_once_and_webhook,
                  test_member_logs_in_by_sms_code,
                  test_member_code_expires_and_tries_end,
                  test_same_answer_off_roster,
                  test_no_phone_or_text_in_logs]))
