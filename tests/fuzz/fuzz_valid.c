/*
 * libFuzzer driver: the validators of cgi/valid.c, each on any bytes,
 * with what it promises checked; then the declarative field table
 * (valid_request, as the dispatcher runs it) over a request whose query
 * and form come from the bytes.
 * The table has the portal request form's fields (cgi/portal.c) and one
 * of every other kind, a field given several times, and two actions with
 * their own fields; the real tables are static to their handlers.
 *
 * Input: byte 0 picks bounds (bits 0-2) and the method (bit 3: POST),
 * the rest up to the first NUL is the value
 * for the validators; the whole input (after byte 0) is also split at
 * the first '\n' into a query string and a form body.
 */
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "http.h"
#include "valid.h"
#include "words.h"

enum { F_TOKEN, F_CATEGORY, F_COMMUNITY, F_GRID, F_ADDRESS, F_DESC, F_NAME,
    F_PHONE, F_LAT, F_LNG, F_CONSENT, F_DAY, F_STATE, F_TRACKING, F_CODE,
    F_CSV, F_AT, F_ID, F_PREF, F__MAX };

static const struct vfield fields[F__MAX] = {
	{ "token", "表单", V_TOKEN, true, 32, 32 },		/* F_TOKEN */
	{ "category", "服务类别", V_INT, true, 1, 65535 },	/* F_CATEGORY */
	{ "community", "社区", V_INT, true, 1, INT_MAX },	/* F_COMMUNITY */
	{ "grid", "网格", V_INT, false, 1, INT_MAX },		/* F_GRID */
	{ "address", "详细地址", V_TEXT, true, 2, 200 },	/* F_ADDRESS */
	{ "description", "问题描述", V_LONGTEXT, true, 10, 2000 }, /* F_DESC */
	{ "name", "姓名", V_TEXT, true, 1, 32 },		/* F_NAME */
	{ "phone", "手机号码", V_PHONE, true, 0, 0 },		/* F_PHONE */
	{ "lat", "纬度", V_DECIMAL, false, -90000000, 90000000 }, /* F_LAT */
	{ "lng", "经度", V_DECIMAL, false, -180000000, 180000000 }, /* F_LNG */
	{ "consent", "同意", V_CHECK, true, 0, 0 },		/* F_CONSENT */
	{ "day", "日期", V_DATE, false },			/* F_DAY */
	{ "state", "状态", V_ENUM, false, 0, ST__MAX,
	    .words = word_state },				/* F_STATE */
	{ "tracking", "诉求编号", V_TRACKING, false },		/* F_TRACKING */
	{ "code", "验证码", V_DIGITS, false, 8, 8 },		/* F_CODE */
	{ "csv", "文件", V_FILE, false, 1, 65536 },		/* F_CSV */
	{ "at", "时间", V_DATETIME, false },			/* F_AT */
	{ "id", "编号", V_ID, false },				/* F_ID */
	{ "pref", "类别", V_ID, false, 1, 65535, .many = true },	/* F_PREF */
};

/* Two actions, chosen by the field "action", each with its own fields. */
static const struct vfield act_note[] = {
	{ "text", "内容", V_LONGTEXT, true, 1, 2000 },
};
static const struct vfield act_reject[] = {
	{ "text", "说明", V_LONGTEXT, true, 1, 2000 },
	{ "reason", "原因", V_ENUM, true, 0, REJECT__MAX,
	    .words = word_reject },
};
static const struct vaction actions[] = {
	{ "note", act_note, NELEMS(act_note) },
	{ "reject", act_reject, NELEMS(act_reject) },
};

static const struct vform form = { fields, F__MAX, actions, NELEMS(actions) };

/* The value of name in kv[n] as the test reads it, or NULL. */
static const char *
lookup(const struct kv *kv, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(kv[i].key, name) == 0)
			return kv[i].val;
	return NULL;
}

static const long long bounds[8][2] = {
	{ 1, 65535 }, { 0, 0 }, { -1, 1 }, { LLONG_MIN, LLONG_MAX },
	{ -90000000, 90000000 }, { -180000000, 180000000 }, { 32, 32 },
	{ 1, 2000 },
};

/* The validators one by one on s, with their promises. */
static void
validators(const char *s, long long min, long long max)
{
	struct vvalue	 v;
	size_t		 n, len = strlen(s), i;
	long long	 x;
	char		 back[64];
	int		 f;

	for (i = 0; i < 2; i++)
		if (valid_utf8(s, i == 1, &n) == 0) {
			if (n > len)
				abort();
			for (const char *p = s; *p != '\0'; p++)
				if ((unsigned char)*p < 0x20 && *p != '\t' &&
				    !(i == 1 && (*p == '\n' || *p == '\r')))
					abort();
		}
	if (valid_int(s, min, max, &x) == 0 && (x < min || x > max))
		abort();
	if (valid_phone(s) == 0 && (len != 11 || strspn(s, "0123456789") != 11))
		abort();
	if (valid_decimal(s, min, max, &x) == 0) {
		long long y;

		if (x < min || x > max)
			abort();
		/* Written back in full it reads the same. */
		snprintf(back, sizeof(back), "%s%lld.%06lld", x < 0 ? "-" : "",
		    llabs(x) / 1000000, llabs(x) % 1000000);
		if (valid_decimal(back, min, max, &y) != 0 || y != x)
			abort();
	}
	if (valid_token(s, (size_t)(min < 0 ? 0 : min),
	    (size_t)(max < 0 ? 0 : max)) == 0 &&
	    (strspn(s, "0123456789abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_") != len || (long long)len < min ||
	    (long long)len > max))
		abort();
	{
		char	 tr[DB_TRACKING_LEN + 1], ph[12];

		/* A search is one of the two, valid, or neither. */
		if (valid_search(s, tr, ph) == 0) {
			if ((tr[0] != '\0') == (ph[0] != '\0') ||
			    (tr[0] && valid_tracking(tr) != 0) ||
			    (ph[0] && valid_phone(ph) != 0))
				abort();
		} else if (tr[0] != '\0' || ph[0] != '\0')
			abort();
		if (valid_phone_norm(s, ph) == 0 ? valid_phone(ph) != 0 :
		    ph[0] != '\0')
			abort();
	}
	{
		char	 ph[12];
		size_t	 pos = 0, line = 0, last, lines = 1;
		int	 rc;

		/* Each call moves on, within s, one line or more; the
		 * lines counted never exceed the string's. */
		for (i = 0; i < len; i++)
			lines += s[i] == '\n';
		do {
			last = pos;
			rc = valid_phone_line(s, &pos, &line, ph);
			if (pos > len || line > lines || (rc != 1 &&
			    pos == last) || (rc == 0 && valid_phone(ph) != 0) ||
			    (rc == -1 && ph[0] != '\0'))
				abort();
		} while (rc != 1);
	}
	if (valid_tracking(s) == 0 && (len != DB_TRACKING_LEN ||
	    strspn(s, DB_TRACKING_ALPHABET) != len))
		abort();
	/* The normal forms (forgiving input): never longer than the input,
	 * NUL-ended at the length returned, idempotent on UTF-8. */
	{
		char	 o[512], o2[512];
		int	 k, m, m2;

		for (k = 0; k < 3 && len < sizeof(o); k++) {
			m = k == 0 ? valid_norm_digits(s, o, sizeof(o)) :
			    k == 1 ? valid_norm_phone(s, o, sizeof(o)) :
			    valid_norm_tracking(s, o, sizeof(o));
			if (m < 0 || (size_t)m > len || strlen(o) != (size_t)m)
				abort();
			m2 = k == 0 ? valid_norm_digits(o, o2, sizeof(o2)) :
			    k == 2 ? valid_norm_tracking(o, o2, sizeof(o2)) :
			    (int)strlen(strcpy(o2, o));
			/* (Broken UTF-8 may join up once separators go.) */
			if (valid_utf8(s, true, &n) == 0 &&
			    (m2 != m || strcmp(o, o2) != 0))
				abort();
		}
		if (valid_norm_phone(s, o, 4) >= 0 && strlen(o) >= 4)
			abort();
	}
	for (f = 0; f < F__MAX; f++) {
		int rc = valid_field(&fields[f], s, &v);

		if ((rc == 0) != (v.error == NULL) || v.present != (len > 0) ||
		    v.s != s)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct req r;
	const struct vvalue *v = r.v;
	const char	*want;
	const char	*nl;
	char		*s;
	size_t		 nbad, i, qlen;
	int		 b;

	if (size < 1)
		return 0;
	b = data[0] & 7;
	if ((s = malloc(size)) == NULL)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	validators(s, bounds[b][0], bounds[b][1]);

	/* The table over a request: "query\nbody". */
	memset(&r, 0, sizeof(r));
	/* Byte 0's bit 3: a POST (fields from the body) or a GET (query). */
	r.method = (data[0] & 8) ? METHOD_POST : METHOD_GET;
	nl = memchr(data + 1, '\n', size - 1);
	qlen = nl ? (size_t)(nl - (const char *)(data + 1)) : size - 1;
	if (http_parse_form((const char *)data + 1, qlen, &r.query,
	    &r.nquery) == 0 && (nl == NULL || http_parse_form(nl + 1,
	    size - 1 - qlen - 1, &r.form, &r.nform) == 0)) {
		valid_request(&r, &form);
		nbad = r.nbad;
		for (i = 0; i < F__MAX; i++) {
			if (v[i].error != NULL)
				nbad--;
			/* A POST's from its body alone, a GET's from its query. */
			want = r.method == METHOD_POST ? lookup(r.form, r.nform,
			    fields[i].name) : lookup(r.query, r.nquery,
			    fields[i].name);
			if (v[i].s != want)
				abort();
		}
		if (nbad != 0)
			abort();
		/* The action named, or -1; its fields' failures counted. */
		want = r.method == METHOD_POST ? lookup(r.form, r.nform,
		    "action") : lookup(r.query, r.nquery, "action");
		if (r.action >= 0) {
			if (want == NULL ||
			    strcmp(want, actions[r.action].name) != 0)
				abort();
			nbad = r.nabad;
			for (i = 0; i < actions[r.action].nfields; i++)
				if (r.av[i].error != NULL)
					nbad--;
			if (nbad != 0)
				abort();
		} else if (want != NULL && (strcmp(want, "note") == 0 ||
		    strcmp(want, "reject") == 0))
			abort();
	}
	http_free_kv(r.query, r.nquery);
	http_free_kv(r.form, r.nform);
	free(s);
	return 0;
}
