/*
 * lianxin send: the sender of the outbox (sql/outbox.h).  A loop: queue
 * the deadline warnings that are due, claim due messages (an atomic claim:
 * several senders at once never take the same message), send each through
 * the configured provider with its idempotency key, mark it sent, or put
 * it back with an exponential backoff and jitter (failed after [sms]
 * max_attempts).  A sender that dies between a send and its mark leaves
 * the message claimed until the lease ends: it is sent again with the same
 * key, which the provider (SessionContext) or webhook (Idempotency-Key)
 * uses to drop the double.
 *
 * Providers: tencent (Tencent Cloud SMS API 2021-01-11 SendSms, signed
 * with TC3-HMAC-SHA256, lib/tc3.c) and webhook (a JSON POST signed with
 * HMAC-SHA256 over "timestamp.body" in X-Lianxin-Signature).
 *
 * Logs name a message by its id, kind and attempts only: never its phone
 * or text.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>

#include "admin.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "outbox.h"
#include "tc3.h"

#define BATCH		20
#define SCAN_EVERY	30	/* seconds between deadline scans */
#define RESP_MAX	8192

static volatile sig_atomic_t	 stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* A response body, cut at RESP_MAX. */
struct resp {
	char	 b[RESP_MAX + 1];
	size_t	 n;
};

static size_t
resp_write(char *p, size_t sz, size_t nm, void *arg)
{
	struct resp	*r = arg;
	size_t		 n = sz * nm, k = n;

	if (k > RESP_MAX - r->n)
		k = RESP_MAX - r->n;
	memcpy(r->b + r->n, p, k);
	r->n += k;
	r->b[r->n] = '\0';
	return n;
}

/*
 * POST body to url with the headers; the HTTP status in *status (0 when
 * none came) and the response in r.  err gets a reason without the body.
 */
static void
post(const struct config *c, const char *url, struct curl_slist *h,
    const char *body, long *status, struct resp *r, char *err, size_t esz)
{
	CURL		*cu;
	CURLcode	 cc;

	*status = 0;
	r->n = 0;
	r->b[0] = '\0';
	if ((cu = curl_easy_init()) == NULL) {
		snprintf(err, esz, "curl init failed");
		return;
	}
	curl_easy_setopt(cu, CURLOPT_URL, url);
	curl_easy_setopt(cu, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(cu, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(cu, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(cu, CURLOPT_WRITEFUNCTION, resp_write);
	curl_easy_setopt(cu, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(cu, CURLOPT_TIMEOUT, (long)c->sms_timeout_s);
	curl_easy_setopt(cu, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(cu, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(cu, CURLOPT_PROTOCOLS_STR, "http,https");
	if ((cc = curl_easy_perform(cu)) != CURLE_OK)
		snprintf(err, esz, "http: %s", curl_easy_strerror(cc));
	else
		curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, status);
	curl_easy_cleanup(cu);
}

/* The header lines v (NULL-terminated) as curl's list. */
static struct curl_slist *
header_list(const char *const *v)
{
	struct curl_slist *h = NULL;

	for (; *v != NULL; v++)
		h = curl_slist_append(h, *v);
	return h;
}

static int
kind_index(const char *kind)
{
	int	 k;

	for (k = 0; k < OB__MAX; k++)
		if (strcmp(outbox_kind_code[k], kind) == 0)
			return k;
	return -1;
}

/* The host of an http(s) URL, into host. */
static void
url_host(const char *url, char *host, size_t size)
{
	const char	*p = strstr(url, "://");
	size_t		 n;

	p = p ? p + 3 : url;
	n = strcspn(p, "/?#");
	if (n >= size)
		n = size - 1;
	memcpy(host, p, n);
	host[n] = '\0';
}

/* Tencent Cloud SMS SendSms.  0 sent, -1 with err. */
static int
send_tencent(const struct config *c, const struct outbox_msg *m, char *err,
    size_t esz)
{
	char		 host[256], auth[512], hv[4][600], phone[16], link[600];
	char		*body;
	int		 k = kind_index(m->kind), rc = -1;
	long		 status;
	long long	 ts = (long long)time(NULL);
	struct curl_slist *h;
	struct resp	 r;
	json_t		*j, *rj, *e, *set, *p2;
	json_error_t	 je;

	snprintf(phone, sizeof(phone), "+86%s", m->phone);
	if (k == OB_MEMBER_CODE)
		snprintf(link, sizeof(link), "%d", c->sms_code_minutes);
	else
		snprintf(link, sizeof(link), "%s/t/%s", c->sms_link_base,
		    m->link_token);
	/* {1} tracking number, {2} link, and for 办结 and 未予受理 {3} the
	 * answer (cut) or the reason; {1} code, {2} minutes of a code. */
	if (k == OB_RESOLVED || k == OB_REJECTED)
		p2 = json_pack("[sss]", m->param, link, m->detail);
	else
		p2 = json_pack("[ss]", m->param, link);
	j = json_pack("{s:[s],s:s,s:s,s:s,s:o,s:s}", "PhoneNumberSet", phone,
	    "SmsSdkAppId", c->sms_app_id, "SignName", c->sms_sign_name,
	    "TemplateId", k >= 0 ? c->sms_tpl[k] : "", "TemplateParamSet", p2,
	    "SessionContext", m->key);
	body = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (body == NULL) {
		snprintf(err, esz, "json");
		return -1;
	}
	url_host(c->sms_endpoint, host, sizeof(host));
	if (tc3_authorization(c->sms_secret_id, c->sms_secret_key, "sms", host,
	    "SendSms", ts, body, auth, sizeof(auth)) != 0) {
		snprintf(err, esz, "signature too long");
		goto out;
	}
	snprintf(hv[0], sizeof(hv[0]), "Authorization: %s", auth);
	snprintf(hv[1], sizeof(hv[1]), "X-TC-Timestamp: %lld", ts);
	snprintf(hv[2], sizeof(hv[2]), "X-TC-Region: %s", c->sms_region);
	snprintf(hv[3], sizeof(hv[3]), "Idempotency-Key: %s", m->key);
	h = header_list((const char *[]){ "Content-Type: " TC3_CONTENT_TYPE,
	    "X-TC-Action: SendSms", "X-TC-Version: 2021-01-11", hv[0], hv[1],
	    hv[2], hv[3], NULL });
	err[0] = '\0';
	post(c, c->sms_endpoint, h, body, &status, &r, err, esz);
	curl_slist_free_all(h);
	if (err[0] != '\0')
		goto out;
	if (status != 200) {
		snprintf(err, esz, "http status %ld", status);
		goto out;
	}
	if ((j = json_loads(r.b, 0, &je)) == NULL) {
		snprintf(err, esz, "answer not JSON");
		goto out;
	}
	rj = json_object_get(j, "Response");
	if ((e = json_object_get(rj, "Error")) != NULL)
		snprintf(err, esz, "provider error %.60s",
		    json_string_value(json_object_get(e, "Code")) ?
		    json_string_value(json_object_get(e, "Code")) : "?");
	else if ((set = json_object_get(rj, "SendStatusSet")) == NULL ||
	    json_string_value(json_object_get(json_array_get(set, 0),
	    "Code")) == NULL)
		snprintf(err, esz, "no send status");
	else if (strcmp(json_string_value(json_object_get(json_array_get(set,
	    0), "Code")), "Ok") != 0)
		snprintf(err, esz, "send status %.60s",
		    json_string_value(json_object_get(json_array_get(set, 0),
		    "Code")));
	else
		rc = 0;
	json_decref(j);
out:
	free(body);
	return rc;
}

/* The webhook's signature: hex HMAC-SHA256 of "ts.body". */
static void
hook_sign(const char *secret, const char *ts, const char *body, char hex[65])
{
	crypto_auth_hmacsha256_state st;
	unsigned char	 mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)ts,
	    strlen(ts));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)".", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body,
	    strlen(body));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(hex, 65, mac, sizeof(mac));
}

/* The generic webhook.  0 sent, -1 with err. */
static int
send_webhook(const struct config *c, const struct outbox_msg *m, char *err,
    size_t esz)
{
	char		 ts[32], sig[65], hv[3][200], link[600];
	char		*body;
	long		 status;
	struct curl_slist *h;
	struct resp	 r;
	json_t		*j;

	link[0] = '\0';
	if (m->link_token[0] != '\0')
		snprintf(link, sizeof(link), "%s/t/%s", c->sms_link_base,
		    m->link_token);
	j = json_pack("{s:s,s:s,s:s,s:s,s:s}", "idempotency_key", m->key,
	    "kind", m->kind, "phone", m->phone, "text", m->text, "link", link);
	body = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (body == NULL) {
		snprintf(err, esz, "json");
		return -1;
	}
	snprintf(ts, sizeof(ts), "%lld", (long long)time(NULL));
	hook_sign(c->sms_webhook_secret, ts, body, sig);
	snprintf(hv[0], sizeof(hv[0]), "X-Lianxin-Timestamp: %s", ts);
	snprintf(hv[1], sizeof(hv[1]), "X-Lianxin-Signature: sha256=%s", sig);
	snprintf(hv[2], sizeof(hv[2]), "Idempotency-Key: %s", m->key);
	h = header_list((const char *[]){ "Content-Type: application/json",
	    hv[0], hv[1], hv[2], NULL });
	err[0] = '\0';
	post(c, c->sms_webhook_url, h, body, &status, &r, err, esz);
	curl_slist_free_all(h);
	free(body);
	if (err[0] != '\0')
		return -1;
	if (status < 200 || status > 299) {
		snprintf(err, esz, "http status %ld", status);
		return -1;
	}
	return 0;
}

/* The delay before attempt n + 1: base * 2^(n-1), at most max, with
 * jitter (between half and all of it). */
static long
backoff(const struct config *c, int n)
{
	long	 d = c->sms_backoff_s;

	while (--n > 0 && d < c->sms_backoff_max_s)
		d *= 2;
	if (d > c->sms_backoff_max_s)
		d = c->sms_backoff_max_s;
	return d / 2 + (long)randombytes_uniform((uint32_t)(d - d / 2) + 1);
}

/* One pass: claim and send what is due.  Returns the messages handled,
 * or -1 when the database failed. */
static int
pass(const struct config *c, struct db *db, int webhook)
{
	static struct outbox_msg m[BATCH];
	char		 claim[33], err[200];
	size_t		 n = 0, i;
	time_t		 now = time(NULL);
	int		 rc;

	if (db_outbox_claim(db, now, c->sms_lease_s, m, BATCH, &n, claim) !=
	    DB_OK)
		return -1;
	for (i = 0; i < n && !stopping; i++) {
		err[0] = '\0';
		rc = webhook ? send_webhook(c, &m[i], err, sizeof(err)) :
		    send_tencent(c, &m[i], err, sizeof(err));
		/* Tests: die between the send and its mark. */
		if (rc == 0 && getenv("LIANXIN_SEND_DIE_AFTER_SEND") != NULL)
			_exit(3);
		if (rc == 0) {
			if (db_outbox_sent(db, m[i].id, claim, time(NULL)) !=
			    DB_OK)
				return -1;
			log_info("send: message %lld (%s) sent, attempt %d",
			    m[i].id, m[i].kind, m[i].attempts);
			continue;
		}
		log_warn("send: message %lld (%s) attempt %d failed: %s",
		    m[i].id, m[i].kind, m[i].attempts, err);
		if (db_outbox_retry(db, m[i].id, claim, c->sms_max_attempts,
		    time(NULL) + backoff(c, m[i].attempts), err) != DB_OK)
			return -1;
	}
	sodium_memzero(m, sizeof(m));
	return (int)n;
}

int
admin_send(struct config *c, int argc, char *argv[])
{
	struct db	*db;
	struct sigaction sa;
	time_t		 scanned = 0;
	int		 once = 0, webhook, n, q;

	(void)argv;
	if (argc == 2 && strcmp(argv[1], "--once") == 0)
		once = 1;
	else if (argc != 1)
		return ADMIN_USAGE;
	if (strcmp(c->sms_provider, "tencent") != 0 &&
	    strcmp(c->sms_provider, "webhook") != 0 &&
	    strcmp(c->sms_provider, "none") != 0) {
		fprintf(stderr, "lianxin: send: [sms] provider must be none, "
		    "tencent or webhook\n");
		return 1;
	}
	webhook = strcmp(c->sms_provider, "webhook") == 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 ||
	    (db = db_open(c)) == NULL)
		return 1;
	log_info("send: started (provider %s)", c->sms_provider);
	while (!stopping) {
		n = 0;
		if (once || time(NULL) - scanned >= SCAN_EVERY) {
			if (db_outbox_due_scan(db, time(NULL), &q) == DB_OK) {
				scanned = time(NULL);
				if (q > 0)
					log_info("send: %d deadline warnings "
					    "queued", q);
			}
		}
		if (strcmp(c->sms_provider, "none") != 0 &&
		    (n = pass(c, db, webhook)) < 0)
			n = 0;
		if (once)
			break;
		if (n == 0)
			usleep((useconds_t)c->sms_poll_ms * 1000);
	}
	log_info("send: stopped");
	db_close(db);
	curl_global_cleanup();
	return 0;
}
