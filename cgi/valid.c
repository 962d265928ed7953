#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

#include "config.h"
#include "day.h"
#include "db.h"
#include "http.h"
#include "isotime.h"
#include "photo.h"
#include "utf8.h"
#include "valid.h"
#include "words.h"

/*
 * Is s well-formed UTF-8 without control characters (lib/utf8.h, which
 * the CSV imports use too)?  Sets *nchars to the number of characters.
 * Returns 0 or -1.
 */
int
valid_utf8(const char *str, bool multiline, size_t *nchars)
{
	return utf8_check(str, strlen(str), multiline, nchars) == 0 ? 0 : -1;
}

/* A whole decimal number in [min, max], no sign tricks, no spaces. */
int
valid_int(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
valid_phone(const char *s)
{
	size_t	 i;

	if (strlen(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9')
		return -1;
	for (i = 2; i < 11; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	return 0;
}

/*
 * A decimal like "-12.345678" (at most 6 decimals) in [min, max], both in
 * millionths.  Returns 0 and sets *out in millionths, or -1.
 */
int
valid_decimal(const char *s, long long min, long long max, long long *out)
{
	long long	 whole = 0, frac = 0;
	int		 neg = 0, digits = 0, fd = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (digits >= 9)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	if (digits == 0)
		return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, fd++) {
			if (fd >= 6)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (fd == 0)
			return -1;
	}
	if (*s != '\0')
		return -1;
	for (; fd < 6; fd++)
		frac *= 10;
	whole = whole * 1000000 + frac;
	if (neg)
		whole = -whole;
	if (whole < min || whole > max)
		return -1;
	*out = whole;
	return 0;
}

int
valid_token(const char *s, size_t min, size_t max)
{
	size_t	 n;

	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= '0' && s[n] <= '9') ||
		    (s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= 'A' && s[n] <= 'Z') || s[n] == '-' || s[n] == '_'))
			return -1;
	return n >= min && n <= max ? 0 : -1;
}

/*
 * Forgiving input: what residents type from their phones' keyboards and
 * address books, brought to the one form the validators take.  Each
 * writes at most strlen(in) bytes and a NUL into out (outsz > strlen(in)
 * is enough) and returns the length written, or -1 when out is too small.
 */

/* The ASCII of a full-width digit or sign at s (U+FF01..U+FF5E), with its
 * length in *len; or 0. */
static int
fullwidth(const unsigned char *s, size_t *len)
{
	if (s[0] == 0xef && s[1] == 0xbc && s[2] >= 0x81 && s[2] <= 0xbf) {
		*len = 3;
		return s[2] - 0x81 + '!';
	}
	if (s[0] == 0xef && s[1] == 0xbd && s[2] >= 0x80 && s[2] <= 0x9e) {
		*len = 3;
		return s[2] - 0x80 + '`';
	}
	if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) {	/* U+3000 */
		*len = 3;
		return ' ';
	}
	return 0;
}

/* Full-width to ASCII, then separators (space, tab, '-', '(', ')', '.')
 * dropped. */
int
valid_norm_digits(const char *in, char *out, size_t outsz)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t	 n = 0, len;
	int	 c;

	while (*s != '\0') {
		if ((c = fullwidth(s, &len)) == 0) {
			c = *s;
			len = 1;
		}
		s += len;
		if (c == ' ' || c == '\t' || c == '-' || c == '(' ||
		    c == ')' || c == '.')
			continue;
		if (n + 1 >= outsz)
			return -1;
		out[n++] = (char)c;
	}
	if (outsz == 0)
		return -1;
	out[n] = '\0';
	return (int)n;
}

/* A mainland mobile number as written: +86, 0086 or 86 before 11 digits
 * dropped, besides valid_norm_digits. */
int
valid_norm_phone(const char *in, char *out, size_t outsz)
{
	int	 n, skip = 0;

	if ((n = valid_norm_digits(in, out, outsz)) < 0)
		return -1;
	if (n == 14 && strncmp(out, "+86", 3) == 0)
		skip = 3;
	else if (n == 15 && strncmp(out, "0086", 4) == 0)
		skip = 4;
	else if (n == 13 && strncmp(out, "86", 2) == 0)
		skip = 2;
	memmove(out, out + skip, (size_t)(n - skip) + 1);
	return n - skip;
}

/* A tracking number as written: separators dropped, letters upper case. */
int
valid_norm_tracking(const char *in, char *out, size_t outsz)
{
	int	 n, i;

	if ((n = valid_norm_digits(in, out, outsz)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (out[i] >= 'a' && out[i] <= 'z')
			out[i] = (char)(out[i] - 'a' + 'A');
	return n;
}

int
valid_tracking(const char *s)
{
	return s != NULL && strlen(s) == DB_TRACKING_LEN &&
	    strspn(s, DB_TRACKING_ALPHABET) == DB_TRACKING_LEN ? 0 : -1;
}

int
valid_phone_norm(const char *s, char out[12])
{
	char	 d[16];
	size_t	 n = 0;

	out[0] = '\0';
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			if (n == sizeof(d) - 1)
				return -1;
			d[n++] = *s;
		} else if (strchr(" -+()\t", *s) == NULL)
			return -1;
	}
	d[n] = '\0';
	if (n == 13 && d[0] == '8' && d[1] == '6')
		memmove(d, d + 2, 12);
	if (valid_phone(d) == -1)
		return -1;
	memcpy(out, d, 12);
	return 0;
}

int
valid_phone_line(const char *s, size_t *pos, size_t *line, char phone[12])
{
	char	 buf[48];
	size_t	 n, b, e;

	phone[0] = '\0';
	for (;;) {
		if (s[*pos] == '\0')
			return 1;
		n = strcspn(s + *pos, "\n");
		(*line)++;
		b = *pos;
		e = b + n;
		*pos = s[e] == '\n' ? e + 1 : e;
		/* Trim blanks and a CR (and a trailing comma of a CSV). */
		while (b < e && strchr(" \t\r", s[b]) != NULL)
			b++;
		while (e > b && strchr(" \t\r,;", s[e - 1]) != NULL)
			e--;
		if (b == e)
			continue;
		if (e - b >= sizeof(buf))
			return -1;
		memcpy(buf, s + b, e - b);
		buf[e - b] = '\0';
		return valid_phone_norm(buf, phone);
	}
}

int
valid_search(const char *s, char *tracking,
    char phone[12])
{
	size_t	 n = 0;

	tracking[0] = phone[0] = '\0';
	if (valid_phone_norm(s, phone) == 0)
		return 0;
	for (; *s != '\0'; s++) {
		if (*s == ' ')
			continue;
		if (n == DB_TRACKING_LEN)
			break;
		tracking[n++] = *s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s;
	}
	tracking[n] = '\0';
	if (*s == '\0' && valid_tracking(tracking) == 0)
		return 0;
	tracking[0] = '\0';
	return -1;
}

/* Is the year written at the start of s in the years valid.h allows? */
static int
year_ok(const char *s)
{
	int	 y = 0, i;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	return y >= VALID_YEAR_MIN && y <= VALID_YEAR_MAX;
}

int
valid_date(const char *s, int *day)
{
	int	 d = day_parse(s);

	if (d < 0 || !year_ok(s))
		return -1;
	*day = d;
	return 0;
}

int
valid_enum(const char *s, const char *const *codes, size_t n)
{
	size_t	 i;

	for (i = 0; s != NULL && codes != NULL && i < n; i++)
		if (strcmp(s, codes[i]) == 0)
			return (int)i;
	return -1;
}

int
valid_field(const struct vfield *f, const char *s, struct vvalue *v)
{
	int	 k;
	size_t	 n;
	time_t	 t;

	memset(v, 0, sizeof(*v));
	v->s = s;
	v->present = s != NULL && *s != '\0';
	if (!v->present) {
		if (f->required)
			v->error = f->missing != NULL ? f->missing :
			    f->kind == V_CHECK ? "请勾选此项" : "此项必填";
		return v->error ? -1 : 0;
	}
	switch (f->kind) {
	case V_TEXT:
	case V_LONGTEXT:
		if (valid_utf8(s, f->kind == V_LONGTEXT, &n) == -1)
			v->error = "含有无法识别的字符或控制字符，请重新输入";
		else if ((long long)n < f->min)
			v->error = "内容太短";
		else if ((long long)n > f->max)
			v->error = "内容太长";
		break;
	case V_INT:
		if (valid_int(s, f->min, f->max, &v->i) == -1)
			v->error = "请从列表中选择或输入有效数字";
		break;
	case V_PHONE:
		if (valid_phone(s) == -1)
			v->error = "请输入11位手机号码";
		break;
	case V_CHECK:
		if (strcmp(s, "1") != 0)
			v->error = "请勾选此项";
		break;
	case V_DECIMAL:
		if (valid_decimal(s, f->min, f->max, &v->i) == -1)
			v->error = "坐标格式不正确";
		break;
	case V_TOKEN:
		if (valid_token(s, (size_t)f->min, (size_t)f->max) == -1)
			v->error = "格式不正确";
		break;
	case V_ID:
		if (valid_int(s, f->min > 0 ? f->min : 1, f->max > 0 ? f->max :
		    INT_MAX, &v->i) == -1)
			v->error = "请从列表中选择";
		break;
	case V_DATE:
		if (valid_date(s, &k) == -1)
			v->error = "请按 年-月-日 填写日期，如 2026-01-31";
		else if ((f->min != 0 || f->max != 0) &&
		    (k < f->min || k > f->max))
			v->error = "日期超出范围";
		else
			v->i = k;
		break;
	case V_ENUM:
		if ((k = f->words != NULL ? word_find(f->words, (size_t)f->max,
		    s) : valid_enum(s, f->codes, (size_t)f->max)) < 0)
			v->error = "请从列表中选择";
		else
			v->i = k;
		break;
	case V_TRACKING:
		if (valid_tracking(s) == -1)
			v->error = "诉求编号格式不正确";
		break;
	case V_DIGITS:
		n = strlen(s);
		if (strspn(s, "0123456789") != n || (long long)n < f->min ||
		    (long long)n > f->max)
			v->error = "请输入数字";
		break;
	case V_FILE:
		n = strlen(s);
		if ((long long)n < f->min)
			v->error = "内容太短";
		else if ((long long)n > f->max)
			v->error = "内容太长";
		break;
	case V_DATETIME:
		if (isotime_parse(s, &t) == -1)
			v->error = "请按 ISO 8601 填写时间，如 "
			    "2026-11-21T08:00:00+08:00";
		else if (!year_ok(s))
			v->error = "日期超出范围";
		else
			v->i = t;
		break;
	case V_PHOTO:	/* checked by photo_check: never a text value */
	case V__MAX:
		v->error = "格式不正确";
		break;
	}
	if (v->error != NULL && f->msg != NULL)
		v->error = f->msg;
	return v->error ? -1 : 0;
}

const char *
valid_first_error(const struct vvalue *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (v[i].error != NULL)
			return v[i].error;
	return NULL;
}

/*
 * The raw parameters are read here alone, by the tables: the value of
 * name in kv[n], or NULL.
 */
static const char *
find(const struct kv *kv, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!kv[i].file && strcmp(kv[i].key, name) == 0)
			return kv[i].val;
	return NULL;
}

/*
 * Is the uploaded file kv a photo (a V_PHOTO field's value)?  Its first
 * bytes must be a JPEG's, PNG's or WebP's, its length at most [photos]
 * max_bytes.  Sets v; returns 0 or -1.
 */
static int
photo_check(const struct req *r, const struct kv *kv, struct vvalue *v)
{
	memset(v, 0, sizeof(*v));
	v->s = kv->val;
	v->i = (long long)kv->len;
	v->present = kv->len > 0;
	if (photo_type(kv->val, kv->len) == PHOTO_NONE)
		v->error = photo_message(PHOTO_NOT_IMAGE);
	else if (r->cfg != NULL && (long long)kv->len > r->cfg->photo_max_bytes)
		v->error = photo_message(PHOTO_TOO_LARGE);
	return v->error ? -1 : 0;
}

/* Does kv[i] hold a value of field f (a file for V_PHOTO, else text)? */
static bool
of_field(const struct kv *kv, const struct vfield *f)
{
	return kv->file == (f->kind == V_PHOTO) && strcmp(kv->key, f->name) ==
	    0;
}

/* Check value kv of field f into v: 0 or -1. */
static int
check_value(const struct req *r, const struct vfield *f, const struct kv *kv,
    struct vvalue *v)
{
	return f->kind == V_PHOTO ? photo_check(r, kv, v) :
	    valid_field(f, kv->val, v);
}

/*
 * A POST's fields come from its body alone, a GET's from its query: a
 * password or key put in a POST's query string (where access logs keep
 * it) counts as missing.  The parameters of r, in kv[n].
 */
static void
source(const struct req *r, const struct kv **kv, size_t *n)
{
	if (r->method == METHOD_POST) {
		*kv = r->form;
		*n = r->nform;
	} else {
		*kv = r->query;
		*n = r->nquery;
	}
}

/* The value of name among r's parameters (source), or NULL. */
static const char *
param(const struct req *r, const char *name)
{
	const struct kv	*kv;
	size_t		 n;

	source(r, &kv, &n);
	return find(kv, n, name);
}

/*
 * Secrets: fields taken from a POST's body or from a header, never from
 * a query string (not even a GET's, where access logs would keep them);
 * with the FastCGI parameter of the header.  Open311's api_key: the
 * GeoReport v2 specification asks for it only when posting a request, so
 * no GET needs it in the URL; X-Api-Key carries it on any method.
 */
static const struct {
	const char	*field;
	const char	*header;
} header_fields[] = {
	{ "api_key", "HTTP_X_API_KEY" },
};

/* The FastCGI parameter of the header standing for name, or NULL. */
static const char *
header_of(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(header_fields) / sizeof(header_fields[0]); i++)
		if (strcmp(header_fields[i].field, name) == 0)
			return header_fields[i].header;
	return NULL;
}

/* The CSRF token every POST may carry (auth.c compares it). */
static const struct vfield csrf_field =
	{ "csrf", "表单", V_TOKEN, false, 1, 128, NULL, NULL };

/*
 * The raw value of a field: "*0", "*1" name the path's segments matched
 * by '*' in the route; a secret (header_fields) a POST's form field, else
 * its header; anything else a form field of a POST or a query argument
 * of a GET (param).
 */
static const char *
raw(const struct req *r, const char *name)
{
	const char	*h, *v = NULL;

	if (name[0] == '*' && name[1] >= '0' && name[1] < '0' + REQ_ARGS &&
	    name[2] == '\0')
		return r->args[name[1] - '0'];
	if ((h = header_of(name)) == NULL)
		return param(r, name);
	if (r->method == METHOD_POST)
		v = find(r->form, r->nform, name);
	if (v == NULL && r->fcgi != NULL)
		v = FCGX_GetParam(h, r->fcgi->envp);
	return v;
}

int
valid_next(const struct req *r, const struct vfield *f, size_t *pos,
    struct vvalue *v)
{
	const struct kv	*kv;
	size_t		 i, n;

	source(r, &kv, &n);
	while (*pos < n) {
		i = (*pos)++;
		if (of_field(&kv[i], f) && check_value(r, f, &kv[i], v) == 0 &&
		    v->present)
			return 0;
	}
	return -1;
}

/*
 * A field given several times: every value checked; v describes the
 * first value given, with the first bad value's message and in n how
 * many passed.  Returns 0 or -1 (a bad value, or none when required).
 */
static int
valid_many(const struct req *r, const struct vfield *f, struct vvalue *v)
{
	const struct kv	*kv;
	struct vvalue	 one;
	size_t		 i, n, k = 0;

	source(r, &kv, &n);
	for (i = 0; i < n; i++) {
		if (!of_field(&kv[i], f))
			continue;
		check_value(r, f, &kv[i], &one);
		if (k++ == 0)
			*v = one;
		else if (v->error == NULL)
			v->error = one.error;
		if (one.error == NULL && one.present)
			v->n++;
	}
	if (k == 0)
		valid_field(f, NULL, v);
	if (f->kind == V_PHOTO && k > HTTP_MAX_FILES && v->error == NULL)
		v->error = "最多上传3张照片";
	v->present = v->present || v->n > 0;
	return v->error ? -1 : 0;
}

/*
 * Check field f of the request into v: 0 or -1.  Phones, tracking
 * numbers and digits are normalised first (valid_norm_*); when the
 * normal form passes, it replaces the raw value in the request's own
 * buffer (it is never longer), else the raw value stays as typed, for
 * the form to show it again with its message.
 */
static int
check(const struct req *r, const struct vfield *f, struct vvalue *v)
{
	const struct kv	*kv;
	size_t		 i, nkv;
	const char	*s;
	char		 norm[128];
	struct vvalue	 nv;
	int		 n = -1;

	if (f->many)
		return valid_many(r, f, v);
	if (f->kind == V_PHOTO) {
		source(r, &kv, &nkv);
		for (i = 0; i < nkv; i++)
			if (of_field(&kv[i], f))
				return photo_check(r, &kv[i], v);
		return valid_field(f, NULL, v);
	}
	s = raw(r, f->name);
	if (s != NULL && strlen(s) < sizeof(norm)) {
		if (f->kind == V_PHONE)
			n = valid_norm_phone(s, norm, sizeof(norm));
		else if (f->kind == V_TRACKING)
			n = valid_norm_tracking(s, norm, sizeof(norm));
		else if (f->kind == V_DIGITS)
			n = valid_norm_digits(s, norm, sizeof(norm));
	}
	if (n >= 0 && strcmp(norm, s) != 0 &&
	    valid_field(f, norm, &nv) == 0 && nv.present) {
		/* The raw values are the request's (struct kv, args):
		 * written over in place, shorter or as long. */
		memcpy((char *)s, norm, (size_t)n + 1);
	}
	return valid_field(f, s, v);
}

void
valid_request(struct req *r, const struct vform *vf)
{
	const struct vaction *a;
	struct vvalue	 v;
	const char	*name;
	size_t		 i;

	r->nbad = r->nabad = 0;
	r->action = -1;
	r->csrf = NULL;
	if (r->method == METHOD_POST &&
	    valid_field(&csrf_field, param(r, "csrf"), &v) == 0)
		r->csrf = v.s;
	if (vf == NULL)
		return;
	for (i = 0; i < vf->nfields && i < VALID_MAX; i++)
		if (check(r, &vf->fields[i], &r->v[i]) == -1)
			r->nbad++;
	if (vf->actions == NULL)
		return;
	if ((name = param(r, "action")) == NULL)
		return;
	for (i = 0; i < vf->nactions; i++)
		if (strcmp(vf->actions[i].code != NULL ? *vf->actions[i].code :
		    vf->actions[i].name, name) == 0)
			break;
	if (i == vf->nactions)
		return;
	r->action = (int)i;
	a = &vf->actions[i];
	for (i = 0; i < a->nfields && i < VALID_MAX; i++)
		if (check(r, &a->fields[i], &r->av[i]) == -1)
			r->nabad++;
}
