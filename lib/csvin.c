/*
 * Reading UTF-8 CSV files for imports (see csvin.h).  libcsv splits the
 * fields; this file feeds it one physical line at a time, so that every
 * row knows the line it starts on, and checks the header and each value
 * against the column table.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "csvin.h"
#include "utf8.h"

/* The parse in progress: libcsv's callbacks share it. */
struct pstate {
	const struct csvin_col *cols;
	size_t		 ncols;
	struct csvin_table *t;
	struct csvin_errors *errs;
	char		*buf;		/* fields of the current row, */
	size_t		 blen, bcap;	/* each NUL-terminated */
	size_t		*off;		/* where each field starts */
	size_t		 nf, fcap;
	size_t		 line;		/* the line being fed */
	size_t		 row_line;	/* the line the current row began on */
	int		 map[CSVIN_MAX_COLS]; /* header column -> cols index */
	size_t		 nheader;
	bool		 header_done;
	bool		 row_ended;	/* a row ended in the line being fed */
	bool		 stop;		/* ignore the rest of the file */
	bool		 nomem;
};

static const char csvin_empty[] = "";

void
csvin_error(struct csvin_errors *errs, size_t line, const char *field,
    const char *fmt, ...)
{
	struct csvin_error *e;
	va_list		 ap;
	size_t		 cap;
	char		*reason;
	int		 rc;

	if (errs->n == errs->cap) {
		cap = errs->cap ? errs->cap * 2 : 16;
		if ((e = reallocarray(errs->e, cap, sizeof(*e))) == NULL) {
			errs->nomem = true;
			return;
		}
		errs->e = e;
		errs->cap = cap;
	}
	va_start(ap, fmt);
	rc = vasprintf(&reason, fmt, ap);
	va_end(ap);
	e = &errs->e[errs->n];
	if (rc == -1 || (e->field = strdup(field)) == NULL) {
		if (rc != -1)
			free(reason);
		errs->nomem = true;
		return;
	}
	e->line = line;
	e->reason = reason;
	e->seq = errs->n;
	errs->n++;
}

static int
error_cmp(const void *a, const void *b)
{
	const struct csvin_error *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* qsort is not stable: sort by (line, order of finding). */
void
csvin_errors_sort(struct csvin_errors *errs)
{
	if (errs->n > 1)
		qsort(errs->e, errs->n, sizeof(errs->e[0]), error_cmp);
}

void
csvin_errors_free(struct csvin_errors *errs)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++) {
		free(errs->e[i].field);
		free(errs->e[i].reason);
	}
	free(errs->e);
	memset(errs, 0, sizeof(*errs));
}

/* Is c in set, where "a-z" stands for a range and a '-' at an end is
 * itself? */
static bool
in_charset(unsigned char c, const char *set)
{
	const unsigned char *p = (const unsigned char *)set;

	for (; *p != '\0'; p++) {
		if (p[1] == '-' && p[2] != '\0') {
			if (c >= p[0] && c <= p[2])
				return true;
			p += 2;
		} else if (c == *p)
			return true;
	}
	return false;
}

/* A whole decimal number in [min, max]: an optional '-', digits. */
static int
check_int(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 v;

	if (!(*s == '-' || (*s >= '0' && *s <= '9')))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int
check_enum(const char *s, const struct csvin_word *w, long long *out)
{
	for (; w->word != NULL; w++)
		if (strcasecmp(s, w->word) == 0) {
			*out = w->value;
			return 0;
		}
	return -1;
}

/* "应为以下之一：a、b、c" in why (cut when long). */
static void
enum_reason(const struct csvin_word *w, char *why, size_t sz)
{
	size_t	 n;

	n = (size_t)snprintf(why, sz, "应为以下之一：");
	for (; w->word != NULL && n < sz; w++)
		n += (size_t)snprintf(why + n, sz - n, "%s%s", w->word,
		    w[1].word != NULL ? "、" : "");
}

static int
check_phone(const char *s, size_t len)
{
	size_t	 i;

	if (len != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9')
		return -1;
	for (i = 2; i < 11; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	return 0;
}

/* The reason a value of column c is refused, or NULL; sets v->i. */
static const char *
check_kind(const struct csvin_col *c, const char *s, size_t len,
    size_t nchars, struct csvin_val *v, char *why, size_t sz)
{
	size_t	 i;

	switch (c->kind) {
	case CSVIN_TEXT:
	case CSVIN_LONGTEXT:
		if ((long long)nchars < c->min)
			snprintf(why, sz, "太短（至少 %lld 个字符）", c->min);
		else if ((long long)nchars > c->max)
			snprintf(why, sz, "太长（最多 %lld 个字符）", c->max);
		else
			return NULL;
		return why;
	case CSVIN_INT:
		if (check_int(s, c->min, c->max, &v->i) == 0)
			return NULL;
		snprintf(why, sz, "应为 %lld 到 %lld 之间的整数", c->min,
		    c->max);
		return why;
	case CSVIN_ASCII:
		for (i = 0; i < len; i++)
			if (!in_charset((unsigned char)s[i], c->charset)) {
				snprintf(why, sz, "含有不允许的字符（只允许 "
				    "%s）", c->charset);
				return why;
			}
		if ((long long)len < c->min || (long long)len > c->max) {
			snprintf(why, sz, "长度应为 %lld 到 %lld 个字符",
			    c->min, c->max);
			return why;
		}
		return NULL;
	case CSVIN_ENUM:
		if (check_enum(s, c->words, &v->i) == 0)
			return NULL;
		enum_reason(c->words, why, sz);
		return why;
	case CSVIN_PHONE:
		return check_phone(s, len) == 0 ? NULL : "应为 11 位手机号码";
	case CSVIN__MAX:
		break;
	}
	return "格式不正确";
}

int
csvin_check(const struct csvin_col *c, const char *s, size_t len,
    struct csvin_val *v, char *why, size_t sz)
{
	const char	*r;
	size_t		 n;
	int		 u;

	memset(v, 0, sizeof(*v));
	v->s = s;
	v->present = len > 0;
	if (!v->present) {
		if (c->need == CSVIN_REQUIRED) {
			snprintf(why, sz, "此项必填");
			return -1;
		}
		v->ok = true;
		return 0;
	}
	u = utf8_check(s, len, c->kind == CSVIN_LONGTEXT, &n);
	if (u == -1)
		r = "不是有效的 UTF-8 编码";
	else if (u == -2)
		r = c->kind == CSVIN_TEXT ? "含有换行或其他控制字符" :
		    "含有控制字符";
	else
		r = check_kind(c, s, len, n, v, why, sz);
	if (r != NULL) {
		if (r != why)
			snprintf(why, sz, "%s", r);
		return -1;
	}
	v->ok = true;
	return 0;
}

/* libcsv's field callback: keep the field for the row's end. */
static void
on_field(void *s, size_t len, void *arg)
{
	struct pstate	*p = arg;
	size_t		*off, cap;
	char		*buf;

	if (p->stop || p->nomem)
		return;
	if (p->nf == p->fcap) {
		cap = p->fcap ? p->fcap * 2 : 16;
		if ((off = reallocarray(p->off, cap, sizeof(*off))) == NULL)
			goto nomem;
		p->off = off;
		p->fcap = cap;
	}
	if (p->bcap - p->blen < len + 1) {
		cap = p->bcap ? p->bcap : 256;
		while (cap - p->blen < len + 1)
			cap *= 2;
		if ((buf = realloc(p->buf, cap)) == NULL)
			goto nomem;
		p->buf = buf;
		p->bcap = cap;
	}
	if (len > 0)
		memcpy(p->buf + p->blen, s, len);
	p->buf[p->blen + len] = '\0';
	p->off[p->nf++] = p->blen;
	p->blen += len + 1;
	return;
nomem:
	p->nomem = true;
}

static size_t
field_len(const struct pstate *p, size_t i)
{
	size_t	 end = i + 1 < p->nf ? p->off[i + 1] : p->blen;

	return end - p->off[i] - 1;
}

/* Which column of the table the header name s is, or -1. */
static int
col_by_name(const struct pstate *p, const char *s)
{
	size_t	 i, k;

	for (i = 0; i < p->ncols; i++)
		for (k = 0; k < CSVIN_MAX_NAMES && p->cols[i].names[k]; k++)
			if (strcasecmp(s, p->cols[i].names[k]) == 0)
				return (int)i;
	return -1;
}

/* The header row: map its columns; any error ends the reading. */
static void
header_row(struct pstate *p)
{
	struct csvin_errors *e = p->errs;
	const char	*s;
	size_t		 i, n0 = e->n;
	int		 c;

	p->header_done = true;
	if (p->nf > CSVIN_MAX_COLS) {
		csvin_error(e, p->row_line, "表头", "列太多（最多 %d 列）",
		    CSVIN_MAX_COLS);
		p->stop = true;
		return;
	}
	p->nheader = p->nf;
	for (i = 0; i < p->nf; i++) {
		s = p->buf + p->off[i];
		if (utf8_check(s, field_len(p, i), false, NULL) != 0) {
			csvin_error(e, p->row_line, "表头", "第 %zu 列的列名"
			    "不是有效的 UTF-8 文本", i + 1);
			p->map[i] = -1;
			continue;
		}
		if ((p->map[i] = c = col_by_name(p, s)) != -1 &&
		    !p->t->has[c])
			p->t->has[c] = true;
		else if (c != -1)
			csvin_error(e, p->row_line, "表头", "列“%s”重复", s);
		else if (*s == '\0')
			csvin_error(e, p->row_line, "表头", "第 %zu 列没有列名",
			    i + 1);
		else if (field_len(p, i) > 64)
			csvin_error(e, p->row_line, "表头", "第 %zu 列：未知"
			    "的列", i + 1);
		else
			csvin_error(e, p->row_line, "表头", "未知的列“%s”",
			    s);
	}
	for (i = 0; i < p->ncols; i++)
		if (!p->t->has[i] && p->cols[i].need != CSVIN_OPTIONAL)
			csvin_error(e, p->row_line, "表头", "缺少必需的列"
			    " %s（%s）", p->cols[i].names[0],
			    p->cols[i].names[1] ? p->cols[i].names[1] : "");
	if (e->n > n0)
		p->stop = true;
}

static struct csvin_row *
new_row(struct pstate *p)
{
	struct csvin_table *t = p->t;
	struct csvin_row *r;
	size_t		 cap;

	if (t->nrows == t->cap) {
		cap = t->cap ? t->cap * 2 : 64;
		if ((r = reallocarray(t->rows, cap, sizeof(*r))) == NULL)
			return NULL;
		t->rows = r;
		t->cap = cap;
	}
	r = &t->rows[t->nrows];
	memset(r, 0, sizeof(*r));
	if ((r->v = calloc(p->ncols, sizeof(*r->v))) == NULL)
		return NULL;
	t->nrows++;
	r->line = p->row_line;
	r->ok = true;
	return r;
}

/*
 * A data row: check each value of a known column.  The values are kept
 * in one block owned by the row (the first value's text).
 */
static void
data_row(struct pstate *p)
{
	struct csvin_row *r;
	struct csvin_val *v;
	char		 why[512], *copy;
	size_t		 i, len;
	int		 c;

	if (p->nf != p->nheader) {
		csvin_error(p->errs, p->row_line, "", "这一行有 %zu 列，"
		    "表头有 %zu 列", p->nf, p->nheader);
		return;
	}
	if (p->t->nrows == CSVIN_MAX_ROWS) {
		csvin_error(p->errs, 0, "", "文件超过 %d 行数据，请分批导入",
		    CSVIN_MAX_ROWS);
		p->stop = true;
		return;
	}
	if ((r = new_row(p)) == NULL ||
	    (copy = malloc(p->blen + 1)) == NULL) {
		p->nomem = true;
		return;
	}
	memcpy(copy, p->buf, p->blen);
	r->mem = copy;
	for (i = 0; i < p->ncols; i++)
		r->v[i].s = csvin_empty;
	for (i = 0; i < p->nf; i++) {
		if ((c = p->map[i]) == -1)
			continue;
		v = &r->v[c];
		len = field_len(p, i);
		if (csvin_check(&p->cols[c], copy + p->off[i], len, v, why,
		    sizeof(why)) == -1) {
			csvin_error(p->errs, r->line, p->cols[c].names[0],
			    "%s", why);
			r->ok = false;
		}
	}
	for (i = 0; i < p->ncols; i++)
		if (!p->t->has[i])
			r->v[i].ok = true;
}

/* libcsv's row callback. */
static void
on_row(int c, void *arg)
{
	struct pstate	*p = arg;

	(void)c;
	p->row_ended = true;
	if (!p->stop && !p->nomem) {
		if (!p->header_done)
			header_row(p);
		else
			data_row(p);
	}
	p->nf = 0;
	p->blen = 0;
}

/* Only spaces, tabs and line ends: a line libcsv skips between rows. */
static bool
blank(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\n')
			return false;
	return true;
}

/* The line of the first CR not followed by LF, or 0 when there is none. */
static size_t
bare_cr(const char *s, size_t len)
{
	size_t	 i, line = 1;

	for (i = 0; i < len; i++)
		if (s[i] == '\n')
			line++;
		else if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
			return line;
	return 0;
}

static int
parser_init(struct csv_parser *cp)
{
	return csv_init(cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
}

/*
 * Feed the lines of s to libcsv one by one.  A row in progress at the
 * start of a line began there unless one was already under way.  After a
 * quoting error the row in progress is dropped and parsing starts over
 * on the next line.  Returns 0 or -1 (out of memory).
 */
static int
feed_lines(struct pstate *p, struct csv_parser *cp, const char *s,
    size_t len)
{
	const char	*nl;
	size_t		 n;
	bool		 in_row = false;

	for (p->line = 1; len > 0 && !p->stop; p->line++, s += n, len -= n) {
		nl = memchr(s, '\n', len);
		n = nl != NULL ? (size_t)(nl - s) + 1 : len;
		if (!in_row)
			p->row_line = p->line;
		p->row_ended = false;
		if (csv_parse(cp, s, n, on_field, on_row, p) != n) {
			if (csv_error(cp) != CSV_EPARSE)
				return -1;
			csvin_error(p->errs, p->line, "", "引号使用不正确"
			    "（含引号的字段须整个用双引号括起，字段内的"
			    "引号写成两个）");
			/* Without a header there is nothing to go on. */
			p->stop = !p->header_done;
			csv_free(cp);
			if (parser_init(cp) != 0)
				return -1;
			p->nf = p->blen = 0;
			in_row = false;
			continue;
		}
		if (p->nomem)
			return -1;
		if (p->row_ended)
			in_row = false;
		else if (!blank(s, n))
			in_row = true;
	}
	return 0;
}

int
csvin_parse(const char *buf, size_t len, const struct csvin_col *cols,
    size_t ncols, struct csvin_table *t, struct csvin_errors *errs)
{
	struct csv_parser cp;
	struct pstate	 p;
	size_t		 line;
	int		 rc = -1;

	memset(t, 0, sizeof(*t));
	memset(&p, 0, sizeof(p));
	t->cols = cols;
	t->ncols = ncols;
	p.cols = cols;
	p.ncols = ncols;
	p.t = t;
	p.errs = errs;
	if (ncols == 0 || ncols > CSVIN_MAX_COLS)
		return -1;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if ((line = bare_cr(buf, len)) != 0) {
		csvin_error(errs, line, "", "含有单独的回车符（CR）："
		    "换行请用 LF 或 CRLF");
		return 0;
	}
	if (parser_init(&cp) != 0)
		return -1;
	if (feed_lines(&p, &cp, buf, len) == -1)
		goto out;
	p.row_ended = false;
	if (!p.stop && csv_fini(&cp, on_field, on_row, &p) != 0) {
		if (csv_error(&cp) != CSV_EPARSE)
			goto out;
		csvin_error(errs, p.row_line, "", "引号没有闭合：从这一行"
		    "开始的字段缺少结束的双引号");
	}
	if (p.nomem)
		goto out;
	if (!p.header_done && !p.stop)
		csvin_error(errs, 0, "", "文件是空的：第一行应为表头");
	rc = errs->nomem ? -1 : 0;
out:
	csv_free(&cp);
	free(p.buf);
	free(p.off);
	return rc;
}

void
csvin_table_free(struct csvin_table *t)
{
	size_t	 i;

	for (i = 0; i < t->nrows; i++) {
		free(t->rows[i].mem);
		free(t->rows[i].v);
	}
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

int
csvin_slurp(const char *path, char **bufp, size_t *lenp,
    struct csvin_errors *errs)
{
	FILE	*f;
	char	*buf;
	size_t	 len = 0, n;
	bool	 std = strcmp(path, "-") == 0;

	*bufp = NULL;
	*lenp = 0;
	if ((f = std ? stdin : fopen(path, "rb")) == NULL) {
		csvin_error(errs, 0, "", "无法打开文件：%s", strerror(errno));
		return -1;
	}
	if ((buf = malloc(CSVIN_MAX_BYTES + 2)) == NULL) {
		csvin_error(errs, 0, "", "内存不足");
		goto err;
	}
	while ((n = fread(buf + len, 1, CSVIN_MAX_BYTES + 1 - len, f)) > 0)
		if ((len += n) > CSVIN_MAX_BYTES)
			break;
	if (ferror(f)) {
		csvin_error(errs, 0, "", "读取文件出错：%s", strerror(errno));
		goto err;
	}
	if (len > CSVIN_MAX_BYTES) {
		csvin_error(errs, 0, "", "文件超过 %d MB，请分批导入",
		    CSVIN_MAX_BYTES / (1024 * 1024));
		goto err;
	}
	buf[len] = '\0';
	if (!std)
		fclose(f);
	*bufp = buf;
	*lenp = len;
	return 0;
err:
	free(buf);
	if (!std)
		fclose(f);
	return -1;
}
