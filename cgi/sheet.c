/*
 * Tables as CSV or XLSX files, streamed to the client (see sheet.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "day.h"
#include "db.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "sheet.h"
#include "utf8.h"

#define CSV_CHUNK	(64 * 1024)	/* bytes gathered before a write */
#define MAX_NOTES	64
#define TZ_SLOTS	512		/* days of local offsets cached */
#define DAY_SLOTS	64		/* local days' texts cached (CSV) */
#define TZ_VARIES	LONG_MIN	/* the offset changes that day */
#define XLSX_ROWS	1048576		/* rows of an Excel sheet */

struct tzslot {
	long long	 day;		/* UTC day number, or -1 */
	long		 off;		/* seconds east of UTC, or TZ_VARIES */
};

struct dayslot {
	long long	 day;		/* local day number, or LLONG_MIN */
	char		 ymd[10];	/* its "YYYY-MM-DD" */
};

struct sheet {
	struct req		*r;
	enum sheet_fmt		 fmt;
	const struct sheet_col	*cols;
	size_t			 ncols;
	size_t			 col;		/* next cell of the row */
	long long		 rows;		/* rows ended */
	bool			 failed;	/* cannot go on */
	struct tzslot		 tz[TZ_SLOTS];
	struct dayslot		 days[DAY_SLOTS];
	/* CSV */
	struct buf		 out;
	/* XLSX */
	lxw_workbook		*wb;
	lxw_worksheet		*ws;		/* the table's (last) sheet */
	lxw_format		*f_head, *f_time, *f_rate, *f_tenths,
				*f_cents, *f_text, *f_key, *f_wrap;
	char			 path[PATH_MAX];
	char			 title[32 * 4];
	lxw_row_t		 row;		/* next row of ws */
	int			 nsheets;
	char			*notes[MAX_NOTES][2];
	size_t			 nnotes;
};

const char *const sheet_fmt_names[SHEET__MAX] = {
	[SHEET_CSV] = "csv",
	[SHEET_XLSX] = "xlsx",
};

static const char *const ctypes[SHEET__MAX] = {
	[SHEET_CSV] = "text/csv; charset=utf-8",
	[SHEET_XLSX] = "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet",
};

/* ---- The private directory of the workbooks ---- */

static char		 dir[PATH_MAX];	/* "" when it could not be made */

static void
dir_remove(void)
{
	if (dir[0] != '\0')
		(void)rmdir(dir);
}

/* A directory only this process's user can enter, under $TMPDIR or /tmp
 * (under systemd, PrivateTmp makes that the service's own). */
int
sheet_init(void)
{
	const char	*base = getenv("TMPDIR");

	if (base == NULL || *base == '\0')
		base = "/tmp";
	if ((size_t)snprintf(dir, sizeof(dir), "%s/lianxin-export.XXXXXX",
	    base) >= sizeof(dir) || mkdtemp(dir) == NULL) {
		log_err("export: cannot make a directory under %s: %s", base,
		    strerror(errno));
		dir[0] = '\0';
		return -1;
	}
	atexit(dir_remove);
	return 0;
}

/* ---- Local time ---- */

static long long
floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/*
 * Local time of t as seconds since 1970-01-01 00:00 local.  The offset
 * from UTC is looked up once per day (localtime_r at both ends of the
 * day; when they differ, that day asks for every time).
 */
static long long
local_secs(struct sheet *sh, time_t t)
{
	long long	 day = floor_div((long long)t, 86400);
	struct tzslot	*z = &sh->tz[(unsigned long long)day % TZ_SLOTS];
	struct tm	 tm;
	time_t		 a, b;
	long		 off;

	if (z->day != day) {
		a = (time_t)(day * 86400);
		b = a + 86399;
		localtime_r(&a, &tm);
		off = tm.tm_gmtoff;
		localtime_r(&b, &tm);
		z->off = off == tm.tm_gmtoff ? off : TZ_VARIES;
		z->day = day;
	}
	if ((off = z->off) == TZ_VARIES) {
		localtime_r(&t, &tm);
		off = tm.tm_gmtoff;
	}
	return (long long)t + off;
}

/* The two digits of v (0..99) at p. */
static void
put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

/*
 * "YYYY-MM-DD HH:MM" of local seconds ls into out[16] (no NUL); by hand,
 * and the date from a cache by day: exports format millions of these,
 * most of them on a few days near each other.
 */
static void
format_minute(struct sheet *sh, long long ls, char *out)
{
	long long	 day = floor_div(ls, 86400);
	struct dayslot	*z = &sh->days[(unsigned long long)day % DAY_SLOTS];
	int		 s = (int)(ls - day * 86400), y, m, d;

	if (z->day != day) {
		day_ymd((int)day, &y, &m, &d);
		y %= 10000;
		put2(z->ymd, y / 100);
		put2(z->ymd + 2, y % 100);
		z->ymd[4] = '-';
		put2(z->ymd + 5, m);
		z->ymd[7] = '-';
		put2(z->ymd + 8, d);
		z->day = day;
	}
	memcpy(out, z->ymd, sizeof(z->ymd));
	out[10] = ' ';
	put2(out + 11, s / 3600);
	out[13] = ':';
	put2(out + 14, s / 60 % 60);
}

/* ---- Cells ---- */

/* Could a spreadsheet take this text for a formula (formula injection)?
 * The CSV puts a quote in front, the XLSX writes it in the Text format. */
static bool
dangerous(const char *s)
{
	switch (*s) {
	case '=': case '+': case '-': case '@': case '\t': case '\r':
		return true;
	default:
		return false;
	}
}

static void
csv_sep(struct sheet *sh)
{
	if (sh->col > 0)
		buf_addc(&sh->out, ',');
}

/*
 * A text cell: RFC 4180 quoting when it holds a comma, quote, CR or LF,
 * the quote in front when it is dangerous.  Written in place (buf_room):
 * exports write tens of millions of cells.
 */
void
sheet_csv_text(struct buf *out, bool first, const char *s)
{
	size_t		 n = strcspn(s, ",\"\r\n");
	bool		 bad = dangerous(s);
	char		*p, *d;

	if (s[n] == '\0') {
		/* Nothing to quote (the usual case): n is the length. */
		if ((p = d = buf_room(out, n + 2)) == NULL)
			return;
		if (!first)
			*d++ = ',';
		if (bad)
			*d++ = '\'';
		memcpy(d, s, n);
		buf_wrote(out, (size_t)(d - p) + n);
		return;
	}
	/* Comma, quotes, apostrophe, and every byte at most doubled. */
	n += strlen(s + n);
	if ((p = d = buf_room(out, 2 * n + 4)) == NULL)
		return;
	if (!first)
		*d++ = ',';
	*d++ = '"';
	if (bad)
		*d++ = '\'';
	for (; *s != '\0'; s++) {
		if (*s == '"')
			*d++ = '"';
		*d++ = *s;
	}
	*d++ = '"';
	buf_wrote(out, (size_t)(d - p));
}

static void
csv_text(struct sheet *sh, const char *s)
{
	sheet_csv_text(&sh->out, sh->col == 0, s);
}

/*
 * Text for the XLSX's XML: s itself when XML 1.0 can hold it, else a copy
 * (*copy, free it) with U+FFFD for what it cannot (lib/utf8.h): a control
 * character or U+FFFE stored before the input checks refused them must not
 * make a workbook that does not open.  NULL when out of memory.
 */
static const char *
xlsx_text(const char *s, char **copy)
{
	size_t	 len = strlen(s), skip;

	*copy = NULL;
	if (utf8_xml_span(s, len, &skip) == len)
		return s;
	return *copy = utf8_xml_clean(s);
}

/* An integer cell, without printf's cost. */
static void
csv_int(struct sheet *sh, long long v)
{
	char			 t[24], *e = t + sizeof(t), *p = e;
	unsigned long long	 u = v < 0 ? -(unsigned long long)v :
				    (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	csv_sep(sh);
	buf_addn(&sh->out, p, (size_t)(e - p));
}

/* The worksheet and row for the next cell, a new sheet when one is full. */
static lxw_worksheet *xlsx_ws(struct sheet *, lxw_row_t *);

void
sheet_text(struct sheet *sh, const char *s)
{
	lxw_worksheet	*ws;
	lxw_row_t	 row;
	const char	*t;
	char		*copy;

	if (sh->fmt == SHEET_CSV)
		csv_text(sh, s);
	else if ((ws = xlsx_ws(sh, &row)) != NULL && *s != '\0') {
		if ((t = xlsx_text(s, &copy)) == NULL)
			sh->failed = true;
		else {
			worksheet_write_string(ws, row, (lxw_col_t)sh->col, t,
			    dangerous(t) ? sh->f_text : NULL);
			free(copy);
		}
	}
	sh->col++;
}

void
sheet_empty(struct sheet *sh)
{
	if (sh->fmt == SHEET_CSV)
		csv_sep(sh);
	sh->col++;
}

/* A number cell of the XLSX in format f (NULL: general). */
static void
xlsx_number(struct sheet *sh, double v, lxw_format *f)
{
	lxw_worksheet	*ws;
	lxw_row_t	 row;

	if ((ws = xlsx_ws(sh, &row)) != NULL)
		worksheet_write_number(ws, row, (lxw_col_t)sh->col, v, f);
}

void
sheet_time(struct sheet *sh, time_t t)
{
	long long	 ls;
	char		*p;
	size_t		 k = sh->col > 0;

	if (t == 0) {
		sheet_empty(sh);
		return;
	}
	ls = local_secs(sh, t);
	if (sh->fmt == SHEET_CSV) {
		if ((p = buf_room(&sh->out, k + 16)) != NULL) {
			if (k)
				*p = ',';
			format_minute(sh, ls, p + k);
			buf_wrote(&sh->out, k + 16);
		}
	} else
		/* Excel's serial date: days since 1899-12-30 (local). */
		xlsx_number(sh, (double)ls / 86400.0 + 25569.0, sh->f_time);
	sh->col++;
}

void
sheet_int(struct sheet *sh, long long v)
{
	if (sh->fmt == SHEET_CSV)
		csv_int(sh, v);
	else
		xlsx_number(sh, (double)v, NULL);
	sh->col++;
}

/* v in units of 10^-digits (1: tenths, 2: hundredths): "12.3" or
 * "12.34"; an XLSX number in format f. */
static void
fixed(struct sheet *sh, long long v, int digits, lxw_format *f)
{
	long long	 u = digits == 1 ? 10 : 100;

	if (sh->fmt == SHEET_CSV) {
		csv_sep(sh);
		buf_printf(&sh->out, "%s%lld.%0*lld", v < 0 ? "-" : "",
		    llabs(v) / u, digits, llabs(v) % u);
	} else
		xlsx_number(sh, (double)v / (double)u, f);
	sh->col++;
}

void
sheet_tenths(struct sheet *sh, long long v)
{
	fixed(sh, v, 1, sh->f_tenths);
}

void
sheet_hundredths(struct sheet *sh, long long v)
{
	fixed(sh, v, 2, sh->f_cents);
}

void
sheet_real(struct sheet *sh, double v)
{
	if (sh->fmt == SHEET_CSV) {
		csv_sep(sh);
		buf_printf(&sh->out, "%.1f", v);
	} else
		xlsx_number(sh, v, sh->f_tenths);
	sh->col++;
}

/* A rate num/den; empty when den is 0 (DESIGN.md: never 0). */
void
sheet_rate(struct sheet *sh, long long num, long long den)
{
	if (den <= 0) {
		sheet_empty(sh);
		return;
	}
	if (sh->fmt == SHEET_CSV) {
		csv_sep(sh);
		buf_printf(&sh->out, "%.1f%%", 100.0 * (double)num /
		    (double)den);
	} else
		xlsx_number(sh, (double)num / (double)den, sh->f_rate);
	sh->col++;
}

/* ---- CSV ---- */

static int
csv_flush(struct sheet *sh)
{
	if (sh->out.oom) {
		sh->failed = true;
		return -1;
	}
	if (sh->out.len > 0 && http_stream_write(sh->r, sh->out.p,
	    sh->out.len) == -1)
		sh->failed = true;
	buf_reset(&sh->out);
	return sh->failed ? -1 : 0;
}

int
sheet_row_end(struct sheet *sh)
{
	sh->col = 0;
	sh->rows++;
	if (sh->fmt == SHEET_CSV) {
		buf_add(&sh->out, "\r\n");
		if (sh->out.len >= CSV_CHUNK)
			return csv_flush(sh);
	} else
		sh->row++;
	return sh->failed ? -1 : 0;
}

/* Content-Disposition with the Chinese name (RFC 5987) and the ASCII one. */
static void
disposition(struct req *r, const char *name, const char *ascii,
    const char *ext)
{
	char		 safe[512];
	size_t		 i;
	struct buf	 b = { 0 };

	snprintf(safe, sizeof(safe), "%s.%s", name, ext);
	for (i = 0; safe[i] != '\0'; i++)
		if ((unsigned char)safe[i] < 0x20 || strchr("/\\\"", safe[i]))
			safe[i] = '_';
	buf_printf(&b, "attachment; filename=\"%s.%s\"; filename*=UTF-8''",
	    ascii, ext);
	html_url_arg(&b, safe);
	if (!b.oom)
		http_header(r, "Content-Disposition", b.p);
	buf_free(&b);
	http_header(r, "Cache-Control", "no-store");
}

/* ---- XLSX ---- */

static void
xlsx_header(struct sheet *sh, lxw_worksheet *ws)
{
	size_t	 i;

	for (i = 0; i < sh->ncols; i++) {
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    sh->cols[i].width, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)i, sh->cols[i].title,
		    sh->f_head);
	}
	worksheet_set_row(ws, 0, 20, NULL);
	worksheet_freeze_panes(ws, 1, 0);
}

static lxw_worksheet *
xlsx_ws(struct sheet *sh, lxw_row_t *row)
{
	char	 name[sizeof(sh->title) + 16];

	if (sh->failed)
		return NULL;
	if (sh->row >= XLSX_ROWS) {
		worksheet_autofilter(sh->ws, 0, 0, XLSX_ROWS - 1,
		    (lxw_col_t)(sh->ncols - 1));
		snprintf(name, sizeof(name), "%s%d", sh->title,
		    ++sh->nsheets);
		if ((sh->ws = workbook_add_worksheet(sh->wb, name)) == NULL) {
			sh->failed = true;
			return NULL;
		}
		xlsx_header(sh, sh->ws);
		sh->row = 1;
	}
	*row = sh->row;
	return sh->ws;
}

static int
xlsx_open(struct sheet *sh)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	int		 fd;

	if (dir[0] == '\0')	/* sheet_init failed */
		return -1;
	if ((size_t)snprintf(sh->path, sizeof(sh->path), "%s/wbXXXXXX.xlsx",
	    dir) >= sizeof(sh->path) || (fd = mkstemps(sh->path, 5)) == -1) {
		log_err("export: mkstemps in %s: %s", dir, strerror(errno));
		sh->path[0] = '\0';
		return -1;
	}
	close(fd);
	opt.tmpdir = dir;
	if ((sh->wb = workbook_new_opt(sh->path, &opt)) == NULL)
		return -1;
	/* The table first: the workbook opens on it; 说明 follows it. */
	sh->ws = workbook_add_worksheet(sh->wb, sh->title);
	sh->f_head = workbook_add_format(sh->wb);
	sh->f_time = workbook_add_format(sh->wb);
	sh->f_rate = workbook_add_format(sh->wb);
	sh->f_tenths = workbook_add_format(sh->wb);
	sh->f_cents = workbook_add_format(sh->wb);
	sh->f_text = workbook_add_format(sh->wb);
	sh->f_key = workbook_add_format(sh->wb);
	sh->f_wrap = workbook_add_format(sh->wb);
	if (sh->ws == NULL || sh->f_head == NULL || sh->f_time == NULL ||
	    sh->f_rate == NULL || sh->f_tenths == NULL || sh->f_text == NULL ||
	    sh->f_key == NULL || sh->f_wrap == NULL || sh->f_cents == NULL)
		return -1;
	format_set_bold(sh->f_head);
	format_set_bg_color(sh->f_head, 0xDDE7F3);
	format_set_bottom(sh->f_head, LXW_BORDER_THIN);
	format_set_align(sh->f_head, LXW_ALIGN_CENTER);
	format_set_align(sh->f_head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_num_format(sh->f_time, "yyyy-mm-dd hh:mm");
	format_set_num_format(sh->f_rate, "0.0%");
	format_set_num_format(sh->f_tenths, "0.0");
	format_set_num_format(sh->f_cents, "0.00");
	format_set_num_format(sh->f_text, "@");	/* Text: never a formula */
	format_set_bold(sh->f_key);
	format_set_text_wrap(sh->f_wrap);
	format_set_align(sh->f_wrap, LXW_ALIGN_VERTICAL_TOP);
	xlsx_header(sh, sh->ws);
	sh->row = 1;
	sh->nsheets = 1;
	return 0;
}

/* The 说明 sheet, after the table's: the notes, then every column with
 * its definition.  0, or -1 when it cannot be added. */
static int
xlsx_notes(struct sheet *sh)
{
	lxw_worksheet	*ws;
	lxw_row_t	 row = 0;
	size_t		 i;
	char		 n[32];

	if ((ws = workbook_add_worksheet(sh->wb, "说明")) == NULL)
		return -1;
	worksheet_set_column(ws, 0, 0, 18, NULL);
	worksheet_set_column(ws, 1, 1, 90, sh->f_wrap);
	for (i = 0; i < sh->nnotes; i++, row++) {
		worksheet_write_string(ws, row, 0, sh->notes[i][0], sh->f_key);
		worksheet_write_string(ws, row, 1, sh->notes[i][1], sh->f_wrap);
	}
	snprintf(n, sizeof(n), "%lld", sh->rows);
	worksheet_write_string(ws, row, 0, "行数", sh->f_key);
	worksheet_write_string(ws, row++, 1, n, sh->f_wrap);
	worksheet_write_string(ws, row, 0, "防公式注入", sh->f_key);
	worksheet_write_string(ws, row++, 1, "以 = + - @、制表符或回车开头的"
	    "文字照原样写成文本单元格，单元格格式为“文本”，电子表格不会把它"
	    "当作公式执行（编辑后也不会）；同一内容在 CSV 文件中前加一个"
	    "单引号 '。", sh->f_wrap);
	row++;
	worksheet_write_string(ws, row, 0, "列", sh->f_head);
	worksheet_write_string(ws, row++, 1, "含义（口径）", sh->f_head);
	for (i = 0; i < sh->ncols; i++, row++) {
		worksheet_write_string(ws, row, 0, sh->cols[i].title,
		    sh->f_key);
		worksheet_write_string(ws, row, 1, sh->cols[i].def, sh->f_wrap);
	}
	return 0;
}

/* Send the finished workbook file: its length, then its bytes. */
static int
xlsx_send(struct sheet *sh)
{
	char		 buf[64 * 1024], len[32];
	struct stat	 st;
	ssize_t		 k;
	int		 fd, rc = 0;

	if ((fd = open(sh->path, O_RDONLY | O_CLOEXEC)) == -1) {
		log_err("export: %s: %s", sh->path, strerror(errno));
		return -2;
	}
	unlink(sh->path);
	sh->path[0] = '\0';
	if (fstat(fd, &st) == -1) {
		close(fd);
		return -2;
	}
	snprintf(len, sizeof(len), "%lld", (long long)st.st_size);
	http_header(sh->r, "Content-Length", len);
	http_stream_begin(sh->r);
	while ((k = read(fd, buf, sizeof(buf))) > 0)
		if (http_stream_write(sh->r, buf, (size_t)k) == -1) {
			rc = -1;
			break;
		}
	if (k < 0) {
		http_stream_abort(sh->r);
		rc = -1;
	}
	close(fd);
	return rc == 0 ? http_stream_end(sh->r) : rc;
}

/* ---- Open and close ---- */

static void
sheet_free(struct sheet *sh)
{
	size_t	 i;

	if (sh->wb != NULL)
		lxw_workbook_free(sh->wb);
	if (sh->path[0] != '\0')
		unlink(sh->path);
	for (i = 0; i < sh->nnotes; i++) {
		free(sh->notes[i][0]);
		free(sh->notes[i][1]);
	}
	buf_free(&sh->out);
	free(sh);
}

/*
 * Answer with an ordinary error page instead of the file, nothing of it
 * sent yet: the database failure rc (a negative db_rc), else 500.
 */
static void
fail_page(struct req *r, int rc)
{
	buf_reset(&r->head);	/* not the file's Content-Disposition */
	if (rc < 0)
		http_db_error(r, rc);
	else
		html_error_page(r, 500, "导出失败", "文件生成失败，请稍后重试。");
}

struct sheet *
sheet_open(struct req *r, enum sheet_fmt fmt, const char *name,
    const char *ascii, const char *title, const struct sheet_col *cols,
    size_t ncols)
{
	struct sheet	*sh;
	size_t		 i;

	if ((sh = calloc(1, sizeof(*sh))) == NULL)
		goto err;
	sh->r = r;
	sh->fmt = fmt;
	sh->cols = cols;
	sh->ncols = ncols;
	snprintf(sh->title, sizeof(sh->title), "%s", title);
	for (i = 0; i < TZ_SLOTS; i++)
		sh->tz[i].day = -1;
	for (i = 0; i < DAY_SLOTS; i++)
		sh->days[i].day = LLONG_MIN;
	r->ctype = ctypes[fmt];
	disposition(r, name, ascii, sheet_fmt_names[fmt]);
	if (fmt == SHEET_XLSX) {
		if (xlsx_open(sh) == -1)
			goto err;
		return sh;
	}
	http_stream_begin(r);
	buf_add(&sh->out, "\xEF\xBB\xBF");	/* BOM */
	for (i = 0; i < ncols; i++)
		sheet_text(sh, cols[i].title);
	buf_add(&sh->out, "\r\n");
	sh->col = 0;
	return sh;
err:
	log_err("export: cannot start a %s file", sheet_fmt_names[fmt]);
	if (sh != NULL)
		sheet_free(sh);
	fail_page(r, 0);
	return NULL;
}

void
sheet_note(struct sheet *sh, const char *key, const char *value)
{
	if (sh->fmt != SHEET_XLSX || sh->nnotes >= MAX_NOTES)
		return;
	sh->notes[sh->nnotes][0] = utf8_xml_clean(key);
	sh->notes[sh->nnotes][1] = utf8_xml_clean(value);
	if (sh->notes[sh->nnotes][0] == NULL ||
	    sh->notes[sh->nnotes][1] == NULL)
		sh->failed = true;
	sh->nnotes++;
}

int
sheet_close(struct sheet *sh, int rc)
{
	struct req	*r = sh->r;
	lxw_error	 e;
	int		 ret = -1;

	if (sh->fmt == SHEET_CSV) {
		if (rc < 0 || sh->failed)
			http_stream_abort(r);
		else if (csv_flush(sh) == 0 && http_stream_end(r) == 0)
			ret = 0;
		goto out;
	}
	if (rc >= 0 && !sh->failed) {
		worksheet_autofilter(sh->ws, 0, 0, sh->row > 1 ? sh->row - 1 :
		    1, (lxw_col_t)(sh->ncols - 1));
		if (xlsx_notes(sh) == -1)
			e = LXW_ERROR_MEMORY_MALLOC_FAILED;	/* sheet_free */
		else {
			e = workbook_close(sh->wb);	/* frees it */
			sh->wb = NULL;
		}
		if (e != LXW_NO_ERROR) {
			log_err("export: workbook: %s", lxw_strerror(e));
			rc = DB_ERROR;
		} else if ((ret = xlsx_send(sh)) == -2) {
			ret = -1;
			rc = DB_ERROR;
		}
	}
	if (!r->streamed)
		fail_page(r, rc);
out:
	sheet_free(sh);
	return ret;
}
