/*
 * The outbox (outbox.h): messages written in the transaction of their
 * cause, claimed and marked by the sender.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "config.h"
#include "dbint.h"
#include "outbox.h"

const char *const outbox_kind_code[OB__MAX] = {
	"accepted", "resolved", "rejected", "reopened", "due_warning",
	"member_code", "withdrawn",
};

/*
 * The links' key: from [sms] link_secret, else [portal] form_secret, else
 * the database password (the same for every process of a site); with none
 * of them, a random key of this process (its links work nowhere else).
 */
void
db_link_key(const struct config *c, unsigned char key[LINKTOK_KEYBYTES])
{
	static unsigned char	 rnd[LINKTOK_KEYBYTES];
	static int		 made;
	const char		*s = c->sms_link_secret;

	if (s[0] == '\0')
		s = c->form_secret;
	if (s[0] == '\0')
		s = c->db_password;
	if (s[0] != '\0') {
		linktok_key(s, key);
		return;
	}
	if (!made) {
		randombytes_buf(rnd, sizeof(rnd));
		made = 1;
	}
	memcpy(key, rnd, sizeof(rnd));
}

/* At most max characters of UTF-8 s into out (size bytes), "…" when cut. */
static void
cut_chars(const char *s, size_t max, char *out, size_t size)
{
	size_t	 i = 0, n = 0;

	while (s[i] != '\0' && n < max) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		n++;
	}
	if (i + 4 > size)
		i = 0;
	memcpy(out, s, i);
	strcpy(out + i, s[i] != '\0' ? "…" : "");
}

void
outbox_text(const struct config *c, enum outbox_kind k,
    const char *tracking, const char *extra, const char *link, char *out,
    size_t size)
{
	char	 ans[64 * 4 + 4];

	switch (k) {
	case OB_ACCEPTED:
		snprintf(out, size, "您的诉求%s已受理，我们将尽快办理。"
		    "查看进度：%s", tracking, link);
		break;
	case OB_RESOLVED:
		cut_chars(extra, 60, ans, sizeof(ans));
		snprintf(out, size, "您的诉求%s已办结：%s 请评价："
		    "%s", tracking, ans, link);
		break;
	case OB_REJECTED:
		snprintf(out, size, "您的诉求%s未予受理，原因：%s。详情：%s",
		    tracking, extra, link);
		break;
	case OB_REOPENED:
		snprintf(out, size, "您的诉求%s已退回重办，我们将重新办理。"
		    "查看进度：%s", tracking, link);
		break;
	case OB_WITHDRAWN:
		snprintf(out, size, "您的诉求%s已按您的要求撤回，不再办理。"
		    "详情：%s", tracking, link);
		break;
	case OB_DUE_WARNING:
		snprintf(out, size, "您的诉求%s临近办结时限，可能延期，"
		    "我们正在加紧办理。查看进度：%s", tracking, link);
		break;
	default:
		snprintf(out, size, "您的党员登录验证码：%s，%d分钟内有效，"
		    "请勿告诉他人。", extra, c->sms_code_minutes);
		break;
	}
}

/* The link of request id and its token. */
static void
link_of(const struct config *c, long long id, time_t now,
    char tok[LINKTOK_LEN + 1], char *link, size_t size)
{
	unsigned char	 key[LINKTOK_KEYBYTES];

	db_link_key(c, key);
	linktok_make(key, id, now + (time_t)c->sms_link_days * 86400, tok);
	sodium_memzero(key, sizeof(key));
	snprintf(link, size, "%s/t/%s", c->sms_link_base, tok);
}

/* Queue k about request id with idempotency key ikey (statement sql). */
static int
queue_request(struct db *db, enum sql sql, const char *ikey,
    enum outbox_kind k, long long id, const char *tracking,
    const char *extra, time_t now)
{
	char	 tok[LINKTOK_LEN + 1], link[CONFIG_STR + 64], text[2400];
	char	 detail[100];

	link_of(db->cfg, id, now, tok, link, sizeof(link));
	outbox_text(db->cfg, k, tracking, extra, link, text, sizeof(text));
	/* Tencent's template variables are short: 20 characters. */
	cut_chars(extra, 20, detail, sizeof(detail));

	struct dbp	 p[] = { P_STR(ikey), P_STR(outbox_kind_code[k]),
	    P_STR(text), P_STR(detail), P_STR(tok), P_TIME(now), P_TIME(now),
	    P_INT(id) };

	return db_run(db, sql, p, NELEM(p), NULL, NULL);
}

int
db_outbox_request(struct db *db, enum outbox_kind k, long long id,
    long long version, const char *tracking, const char *extra, time_t now)
{
	char	 ikey[64];

	snprintf(ikey, sizeof(ikey), "%s:%lld:%lld", outbox_kind_code[k], id,
	    version);
	return queue_request(db, SQL_OUTBOX_REQUEST, ikey, k, id, tracking,
	    extra ? extra : "", now);
}

struct due {
	long long	 id;
	char		 tracking[16];
	time_t		 due;
};

int
db_outbox_due_scan(struct db *db, time_t now, int *n)
{
	struct due	 d = { 0 }, rows[200];
	struct dbr	 r[] = { R_INT(&d.id), R_STR(d.tracking),
	    R_TIME(&d.due) };
	struct dbp	 p[] = { P_TIME(now), P_TIME(now +
	    (time_t)db->cfg->sms_due_warning_hours * 3600) };
	size_t		 nr = 0, i;
	long long	 aff;
	int		 rc;

	*n = 0;
	if ((rc = db_rows(db, SQL_OUTBOX_DUE_SCAN, p, NELEM(p), r, NELEM(r),
	    &d, sizeof(d), rows, NELEM(rows), &nr)) != DB_OK)
		return rc;
	for (i = 0; i < nr; i++) {
		char		 ikey[64], tok[LINKTOK_LEN + 1];
		char		 link[CONFIG_STR + 64], text[2400], at[16];
		struct tm	 tm;

		gmtime_r(&rows[i].due, &tm);
		strftime(at, sizeof(at), "%Y%m%d%H%M%S", &tm);
		snprintf(ikey, sizeof(ikey), "due:%lld:%s", rows[i].id, at);
		link_of(db->cfg, rows[i].id, now, tok, link, sizeof(link));
		outbox_text(db->cfg, OB_DUE_WARNING, rows[i].tracking, "",
		    link, text, sizeof(text));

		struct dbp	 q[] = { P_STR(ikey),
		    P_STR(outbox_kind_code[OB_DUE_WARNING]), P_STR(text),
		    P_STR(""), P_STR(tok), P_TIME(now), P_TIME(now),
		    P_INT(rows[i].id) };

		aff = 0;
		if ((rc = db_run(db, SQL_OUTBOX_REQUEST_ONCE, q, NELEM(q), &aff,
		    NULL)) != DB_OK)
			return rc;
		*n += aff > 0;
	}
	return DB_OK;
}

int
db_outbox_claim(struct db *db, time_t now, int lease, struct outbox_msg *out,
    size_t max, size_t *n, char claim[33])
{
	unsigned char	 raw[16];
	struct outbox_msg m = { 0 };
	struct dbr	 r[] = { R_INT(&m.id), R_STR(m.key), R_STR(m.kind),
	    R_STR(m.phone), R_STR(m.text), R_STR(m.param), R_STR(m.detail),
	    R_STR(m.link_token), R_I32(&m.attempts) };
	long long	 aff = 0;
	int		 rc;

	*n = 0;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(claim, 33, raw, sizeof(raw));

	struct dbp	 p[] = { P_STR(claim), P_TIME(now + lease), P_TIME(now),
	    P_INT((long long)max) };
	struct dbp	 q[] = { P_STR(claim) };

	if ((rc = db_run(db, SQL_OUTBOX_CLAIM, p, NELEM(p), &aff, NULL)) !=
	    DB_OK || aff == 0)
		return rc;
	return db_rows(db, SQL_OUTBOX_CLAIMED, q, NELEM(q), r, NELEM(r), &m,
	    sizeof(m), out, max, n);
}

int
db_outbox_sent(struct db *db, long long id, const char *claim, time_t now)
{
	struct dbp	 p[] = { P_TIME(now), P_INT(id), P_STR(claim) };

	return db_run(db, SQL_OUTBOX_SENT, p, NELEM(p), NULL, NULL);
}

int
db_outbox_retry(struct db *db, long long id, const char *claim,
    int max_attempts, time_t next, const char *err)
{
	char		 e[200];
	struct dbp	 p[5];

	snprintf(e, sizeof(e), "%s", err);
	p[0] = P_INT(max_attempts);
	p[1] = P_TIME(next);
	p[2] = P_STR(e);
	p[3] = P_INT(id);
	p[4] = P_STR(claim);
	return db_run(db, SQL_OUTBOX_RETRY, p, NELEM(p), NULL, NULL);
}

/* The stored hash of member's code. */
static void
code_hash(int member, const char *code, unsigned char h[DB_HASH_LEN])
{
	char	 s[64];

	snprintf(s, sizeof(s), "member-sms:%d:%s", member, code);
	db_hash(s, h);
}

int
db_member_sms_code(struct db *db, const char *phone, time_t now,
    bool *queued)
{
	unsigned char	 h[DB_HASH_LEN], raw[16];
	char		 code[8], ikey[64], text[512], hex[33];
	char		 name[DB_NAME_MAX];
	int		 member = 0, community = 0, rc;
	struct dbr	 r[] = { R_I32(&member), R_I32(&community),
	    R_STR(name) };
	struct dbp	 p[] = { P_STR(phone) };

	*queued = false;
	snprintf(code, sizeof(code), "%06u",
	    (unsigned)randombytes_uniform(1000000));
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
	snprintf(ikey, sizeof(ikey), "code:%s", hex);
	outbox_text(db->cfg, OB_MEMBER_CODE, "", code, "", text, sizeof(text));
	rc = db_one(db, SQL_MEMBER_BY_PHONE, p, NELEM(p), r, NELEM(r));
	code_hash(member, code, h);
	if (rc == DB_NOTFOUND)
		return DB_OK;
	if (rc != DB_OK)
		return rc;

	struct dbp	 c[] = { P_INT(member), P_STRN((const char *)h,
	    DB_HASH_LEN), P_TIME(now + (time_t)db->cfg->sms_code_minutes * 60) };
	struct dbp	 o[] = { P_STR(ikey), P_STR(phone), P_STR(text),
	    P_STR(code), P_TIME(now), P_TIME(now) };

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_run(db, SQL_MSMS_INSERT, c, NELEM(c), NULL, NULL)) ==
	    DB_OK)
		rc = db_run(db, SQL_OUTBOX_CODE, o, NELEM(o), NULL, NULL);
	sodium_memzero(code, sizeof(code));
	if ((rc = db_tx_end(db, rc)) == DB_OK)
		*queued = true;
	return rc;
}

int
db_member_sms_login(struct db *db, const char *phone, const char *code,
    time_t now, time_t expires, char token[65], int *member)
{
	unsigned char	 h[DB_HASH_LEN], raw[DB_HASH_LEN], th[DB_HASH_LEN];
	char		 stored[DB_HASH_LEN + 1];
	long long	 cid = 0, aff = 0;
	int		 tries = 0, rc;
	struct dbr	 r[] = { R_I32(member), R_INT(&cid), R_STR(stored),
	    R_I32(&tries) };
	struct dbp	 p[] = { P_STR(phone), P_TIME(now),
	    P_INT(db->cfg->sms_code_tries) };

	*member = 0;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_one(db, SQL_MSMS_GET, p, NELEM(p), r, NELEM(r))) != DB_OK)
		return db_tx_end(db, rc);
	code_hash(*member, code, h);
	if (r[2].len != DB_HASH_LEN ||
	    sodium_memcmp(h, stored, DB_HASH_LEN) != 0) {
		struct dbp	 t[] = { P_INT(cid) };

		if ((rc = db_run(db, SQL_MSMS_TRY, t, 1, NULL, NULL)) == DB_OK)
			rc = db_tx_commit(db);
		else
			db_tx_rollback(db);
		*member = 0;
		return rc == DB_OK ? DB_NOTFOUND : rc;
	}

	struct dbp	 u[] = { P_TIME(now), P_INT(cid),
	    P_INT(db->cfg->sms_code_tries) };

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(token, 65, raw, sizeof(raw));
	db_hash(token, th);

	struct dbp	 ps[] = { P_STRN((const char *)th, DB_HASH_LEN),
	    P_INT(*member), P_TIME(expires) };

	if ((rc = db_run(db, SQL_MSMS_USE, u, NELEM(u), &aff, NULL)) == DB_OK &&
	    aff != 1)
		rc = DB_NOTFOUND;
	if (rc == DB_OK)
		rc = db_run(db, SQL_MSESSION_INSERT, ps, NELEM(ps), NULL, NULL);
	if ((rc = db_tx_end(db, rc)) != DB_OK)
		*member = 0;
	return rc;
}

int
db_request_get_id(struct db *db, long long id, struct db_request *q)
{
	struct dbr	 r[] = { REQUEST_R(q) };
	struct dbp	 p[] = { P_INT(id) };

	return db_one(db, SQL_REQUEST_GET_ID, p, NELEM(p), r, NELEM(r));
}
