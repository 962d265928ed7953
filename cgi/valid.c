#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "http.h"
#include "utf8.h"
#include "valid.h"

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

int
valid_tracking(const char *s)
{
	return s != NULL && strlen(s) == DB_TRACKING_LEN &&
	    strspn(s, DB_TRACKING_ALPHABET) == DB_TRACKING_LEN ? 0 : -1;
}

int
valid_field(const struct vfield *f, const char *s, struct vvalue *v)
{
	size_t	 n;

	memset(v, 0, sizeof(*v));
	v->s = s;
	v->present = s != NULL && *s != '\0';
	if (!v->present) {
		if (f->required)
			v->error = f->kind == V_CHECK ? "请勾选此项" : "此项必填";
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
	case V__MAX:
		v->error = "格式不正确";
		break;
	}
	return v->error ? -1 : 0;
}

size_t
valid_form(const struct req *r, const struct vfield *f, size_t n,
    struct vvalue *out)
{
	size_t	 i, bad = 0;

	for (i = 0; i < n; i++)
		if (valid_field(&f[i], http_param(r, f[i].name), &out[i]) == -1)
			bad++;
	return bad;
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
