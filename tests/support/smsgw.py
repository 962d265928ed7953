#!/usr/bin/env python3
"""A local SMS gateway for the tests: it plays Tencent Cloud SMS (SendSms,
API 2021-01-11) on POST / and a generic webhook on POST /hook, checks each
request's signature (TC3-HMAC-SHA256, and HMAC-SHA256 over "timestamp.body"
for the webhook, both recomputed here with Python's hmac and hashlib),
drops doubles by idempotency key (answering them as sent), and records
what arrived as JSON lines in --log.

Control (tests): GET /_ctl/messages (the JSON lines as a list), POST
/_ctl/fail?seconds=N (answer 503 for N seconds), GET /_ctl/stats.

  smsgw.py --port P --log FILE  (secrets from $SMSGW_TC3_KEY, $SMSGW_HOOK_KEY)
"""
import argparse
import datetime
import hashlib
import hmac
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

TC3_KEY = os.environ.get("SMSGW_TC3_KEY", "")
TC3_ID = os.environ.get("SMSGW_TC3_ID", "")
HOOK_KEY = os.environ.get("SMSGW_HOOK_KEY", "")
LOCK = threading.Lock()
STATE = {"fail_until": 0.0, "keys": set(), "dups": 0, "refused": 0,
         "bad_sig": 0}
ARGS = None


def tc3_expected(host, action, ts, payload):
    """The Authorization value for payload, per Tencent's Signature v3."""
    ct = "application/json; charset=utf-8"
    canon = "POST\n/\n\ncontent-type:%s\nhost:%s\nx-tc-action:%s\n\n" \
        "content-type;host;x-tc-action\n%s" % (
            ct, host, action.lower(), hashlib.sha256(payload).hexdigest())
    date = datetime.datetime.fromtimestamp(
        int(ts), datetime.timezone.utc).strftime("%Y-%m-%d")
    sts = "TC3-HMAC-SHA256\n%s\n%s/sms/tc3_request\n%s" % (
        ts, date, hashlib.sha256(canon.encode()).hexdigest())

    def h(k, m):
        return hmac.new(k, m.encode(), hashlib.sha256).digest()
    k = h(h(h(("TC3" + TC3_KEY).encode(), date), "sms"), "tc3_request")
    sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
    return "TC3-HMAC-SHA256 Credential=%s/%s/sms/tc3_request, " \
        "SignedHeaders=content-type;host;x-tc-action, Signature=%s" % (
            TC3_ID, date, sig)


class H(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def answer(self, code, obj):
        b = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)

    def do_GET(self):
        u = urlparse(self.path)
        if u.path == "/_ctl/messages":
            out = []
            if os.path.exists(ARGS.log):
                with open(ARGS.log) as f:
                    out = [json.loads(x) for x in f if x.strip()]
            return self.answer(200, out)
        if u.path == "/_ctl/stats":
            with LOCK:
                return self.answer(200, {
                    "dups": STATE["dups"], "refused": STATE["refused"],
                    "bad_sig": STATE["bad_sig"],
                    "keys": len(STATE["keys"])})
        self.answer(404, {})

    def record(self, key, provider, msg):
        """Store msg under key once; True when it was new."""
        with LOCK:
            if key in STATE["keys"]:
                STATE["dups"] += 1
                return False
            STATE["keys"].add(key)
            msg["key"] = key
            msg["provider"] = provider
            with open(ARGS.log, "a") as f:
                f.write(json.dumps(msg, ensure_ascii=False) + "\n")
            return True

    def do_POST(self):
        u = urlparse(self.path)
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        if u.path == "/_ctl/fail":
            secs = float(parse_qs(u.query).get("seconds", ["0"])[0])
            with LOCK:
                STATE["fail_until"] = time.time() + secs
            return self.answer(200, {})
        with LOCK:
            down = time.time() < STATE["fail_until"]
            if down:
                STATE["refused"] += 1
        if down:
            return self.answer(503, {"error": "down"})
        if u.path == "/":
            return self.tencent(body)
        if u.path == "/hook":
            return self.hook(body)
        self.answer(404, {})

    def tencent(self, body):
        hd = self.headers
        ts = hd.get("X-TC-Timestamp", "")
        want = tc3_expected(hd.get("Host", ""), hd.get("X-TC-Action", ""),
                            ts or "0", body)
        ok = (hd.get("X-TC-Action") == "SendSms"
              and hd.get("X-TC-Version") == "2021-01-11"
              and hd.get("Content-Type") == "application/json; charset=utf-8"
              and hmac.compare_digest(hd.get("Authorization", ""), want)
              and abs(time.time() - int(ts or 0)) < 300)
        if not ok:
            with LOCK:
                STATE["bad_sig"] += 1
            return self.answer(200, {"Response": {"Error": {
                "Code": "AuthFailure.SignatureFailure",
                "Message": "signature"}, "RequestId": "x"}})
        j = json.loads(body)
        key = j.get("SessionContext", "")
        self.record(key, "tencent", {
            "phone": j["PhoneNumberSet"][0], "template": j["TemplateId"],
            "params": j["TemplateParamSet"], "sign": j["SignName"],
            "app": j["SmsSdkAppId"],
            "header_key": hd.get("Idempotency-Key", "")})
        self.answer(200, {"Response": {"SendStatusSet": [{
            "SerialNo": "1", "PhoneNumber": j["PhoneNumberSet"][0],
            "Fee": 1, "SessionContext": key, "Code": "Ok",
            "Message": "send success", "IsoCode": "CN"}],
            "RequestId": "r"}})

    def hook(self, body):
        hd = self.headers
        ts = hd.get("X-Lianxin-Timestamp", "")
        sig = "sha256=" + hmac.new(HOOK_KEY.encode(), ts.encode() + b"." +
                                   body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(hd.get("X-Lianxin-Signature", ""), sig) \
                or abs(time.time() - int(ts or 0)) > 300:
            with LOCK:
                STATE["bad_sig"] += 1
            return self.answer(401, {"error": "signature"})
        j = json.loads(body)
        key = hd.get("Idempotency-Key", "")
        if key != j.get("idempotency_key"):
            return self.answer(400, {"error": "key"})
        self.record(key, "webhook", {"phone": j["phone"], "text": j["text"],
                                     "link": j["link"], "kind": j["kind"]})
        self.answer(200, {"ok": True})


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--log", required=True)
    ARGS = p.parse_args()
    ThreadingHTTPServer(("127.0.0.1", ARGS.port), H).serve_forever()


if __name__ == "__main__":
    main()
