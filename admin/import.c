/*
 * CSV imports of the admin command (see import.h): regions, categories
 * and staff users.  Per kind, one column table (checked by lib/csvin.c),
 * one check of a row against the file and the database, and one insert
 * (sql/import.c does the database's part).  Nothing is inserted while
 * any error stands; then all rows go in one transaction.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "config.h"
#include "cobuild.h"
#include "csvin.h"
#include "day.h"
#include "db.h"
#include "import.h"
#include "importint.h"
#include "workday.h"

/* Codes of regions and categories (also Open311 service codes). */
#define CODE_CHARS	"a-zA-Z0-9_-"
#define NAME_CHARS	"a-z0-9._-"

struct kind {
	const char		*name;
	const struct csvin_col	*cols;
	size_t			 ncols;
	int			 key;		/* column unique in the file */
	size_t			 infosz;	/* bytes of info per row */
	/* Check row i against the file and the database: 0 or -1. */
	int			(*check)(struct import *, size_t);
	/* Work before the transaction (may be NULL): 0 or -1. */
	int			(*prepare)(struct import *, size_t);
	/* Insert row i: a db_rc. */
	int			(*insert)(struct import *, size_t);
	/* After the commit (may be NULL). */
	void			(*done)(struct import *, size_t, FILE *);
	/* A file without rows is an error (it would say nothing). */
	bool			 nonempty;
	/* 0, or 1 + a column that with key is unique in the file (key
	 * alone need not be: units are named alike in other regions). */
	int			 key2;
};

/* Region levels by number, label or code (domain/words.h). */
static const struct csvin_word level_words[] = {
	{ "1", REGION_DISTRICT }, { "2", REGION_STREET },
	{ "3", REGION_COMMUNITY }, { "4", REGION_GRID },
	WORDS_REGION_LEVEL(WORD_BY_LABEL) WORDS_REGION_LEVEL(WORD_BY_CODE)
	{ NULL, 0 },
};

static const struct csvin_word yes_no[] = {
	{ "1", 1 }, { "0", 0 }, { "是", 1 }, { "否", 0 },
	{ "yes", 1 }, { "no", 0 }, { "true", 1 }, { "false", 0 },
	{ NULL, 0 },
};

/* Roles by code or label (domain/words.h), the resident's left out;
 * department_staff with its unit (the column unit). */
static const struct csvin_word role_words[] = {
	WORDS_STAFF_ROLE(WORD_BY_CODE) WORDS_STAFF_ROLE(WORD_BY_LABEL)
	WORDS_DEPT_ROLE(WORD_BY_CODE) WORDS_DEPT_ROLE(WORD_BY_LABEL)
	{ NULL, 0 },
};

/* ---- helpers shared by the kinds ------------------------------------ */

/* An error of row i in column col (importint.h). */
void
row_error(struct import *im, size_t i, int col, const char *fmt, ...)
{
	char	 buf[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	csvin_error(&im->e, im->t.rows[i].line, im->t.cols[col].names[0],
	    "%s", buf);
}

static const char *
key_of(const struct import *im, size_t i)
{
	return im->t.rows[i].v[im->key].s;
}

/* The second key column's value of row i ("" without one). */
static const char *
key2_of(const struct import *im, size_t i)
{
	const struct csvin_val *v;

	if (im->key2 == 0)
		return "";
	v = &im->t.rows[i].v[im->key2 - 1];
	return v->ok && v->present && v->s != NULL ? v->s : "";
}

/* Rows x and y by their keys, as the database's collation compares,
 * ignoring ASCII case. */
static int
keys_cmp(const struct import *im, size_t x, size_t y)
{
	int	 c;

	if ((c = strcasecmp(key_of(im, x), key_of(im, y))) != 0)
		return c;
	return strcasecmp(key2_of(im, x), key2_of(im, y));
}

static int
key_cmp(const void *a, const void *b, void *arg)
{
	const struct import *im = arg;
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;
	int	 c;

	if ((c = keys_cmp(im, x, y)) != 0)
		return c;
	return x < y ? -1 : x > y;
}

/*
 * Sort the rows with a good key; every row whose key an earlier row has
 * already is an error.  Returns 0 or -1 (out of memory).
 */
static int
index_keys(struct import *im)
{
	const struct csvin_row *r;
	size_t	 i, n = 0, first = 0;

	if ((im->by_key = calloc(im->t.nrows + 1, sizeof(size_t))) == NULL)
		return -1;
	for (i = 0; i < im->t.nrows; i++) {
		r = &im->t.rows[i];
		if (r->v[im->key].ok && r->v[im->key].present)
			im->by_key[n++] = i;
	}
	im->nkeys = n;
	qsort_r(im->by_key, n, sizeof(size_t), key_cmp, im);
	for (i = 1; i < n; i++) {
		if (keys_cmp(im, im->by_key[i], im->by_key[i - 1]) != 0) {
			first = i;
			continue;
		}
		row_error(im, im->by_key[i], im->key, "在文件中重复（与第 %zu "
		    "行相同）", im->t.rows[im->by_key[first]].line);
	}
	return 0;
}

/* The first row (in file order) whose key is s, or -1. */
static long
find_key(const struct import *im, const char *s)
{
	size_t	 lo = 0, hi = im->nkeys, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcasecmp(key_of(im, im->by_key[mid]), s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < im->nkeys && strcasecmp(key_of(im, im->by_key[lo]), s) == 0)
		return (long)im->by_key[lo];
	return -1;
}

/*
 * 1 when the category code (kind IMPORT_CATEGORIES) or the username
 * (IMPORT_USERS) is taken, 0 when not, or -1.  Without a database
 * (import_check_buffer) nothing is.
 */
static int
taken(struct import *im, enum import_kind kind, const char *s)
{
	int	 rc;

	if (im->db == NULL)
		return 0;
	rc = kind == IMPORT_CATEGORIES ? db_import_category_known(im->db, s) :
	    db_import_user_known(im->db, s);
	return rc == DB_OK ? 1 : rc == DB_NOTFOUND ? 0 : -1;
}

/* ---- regions -------------------------------------------------------- */

enum { RC_CODE, RC_NAME, RC_LEVEL, RC_PARENT, RC_SORT, RC__MAX };
static const struct csvin_col region_cols[RC__MAX] = {
	[RC_CODE] = { { "code", "编码" }, CSVIN_ASCII, CSVIN_REQUIRED, 1, 32,
	    CODE_CHARS, NULL },
	[RC_NAME] = { { "name", "名称" }, CSVIN_TEXT, CSVIN_REQUIRED, 1, 64,
	    NULL, NULL },
	[RC_LEVEL] = { { "level", "层级", "级别" }, CSVIN_ENUM,
	    CSVIN_REQUIRED, 0, 0, NULL, level_words },
	[RC_PARENT] = { { "parent_code", "上级编码" }, CSVIN_ASCII,
	    CSVIN_COLUMN, 1, 32, CODE_CHARS, NULL },
	[RC_SORT] = { { "sort", "排序" }, CSVIN_INT, CSVIN_OPTIONAL,
	    -1000000, 1000000, NULL, NULL },
};

struct rinfo {
	long long	 id;		/* once inserted */
	long long	 anc[3];	/* district, street, community ids */
	long long	 parent_id;	/* parent in the database, or 0 */
	long		 parent_row;	/* parent earlier in the file, or -1 */
};

/*
 * A region by code: its id, level and ancestors.  Returns a db_rc;
 * DB_NOTFOUND without a database (import_check_buffer).
 */
static int
region_by_code(struct db *db, const char *code, long long *id,
    long long *level, long long anc[3])
{
	if (db == NULL)
		return DB_NOTFOUND;
	return db_import_region_by_code(db, code, id, level, anc);
}

/*
 * The region whose code is in column col of row i: 1 when found (*id,
 * *level), 0 when not (reported as missing), -1 when the database
 * failed.
 */
int
row_region(struct import *im, size_t i, int col, const char *missing,
    long long *id, long long *level)
{
	long long	 anc[3];

	switch (region_by_code(im->db, im->t.rows[i].v[col].s, id, level,
	    anc)) {
	case DB_OK:
		return 1;
	case DB_NOTFOUND:
		row_error(im, i, col, "%s", missing);
		return 0;
	default:
		return -1;
	}
}

/* The parent of row i, in the file or the database: 0 or -1. */
static int
region_parent(struct import *im, size_t i, struct rinfo *ri)
{
	const struct csvin_row *r = &im->t.rows[i];
	const char	*pc = r->v[RC_PARENT].s;
	long long	 level = r->v[RC_LEVEL].i, plevel = 0;
	long		 k;
	int		 rc;

	if ((k = find_key(im, pc)) == (long)i) {
		row_error(im, i, RC_PARENT, "不能是本行自己的编码");
		return 0;
	} else if (k > (long)i) {
		row_error(im, i, RC_PARENT, "上级在文件中位于本行之后（第 "
		    "%zu 行）：上级须写在下级前面", im->t.rows[k].line);
		return 0;
	} else if (k >= 0) {
		ri->parent_row = k;
		if (im->t.rows[k].v[RC_LEVEL].ok)
			plevel = im->t.rows[k].v[RC_LEVEL].i;
	} else {
		rc = region_by_code(im->db, pc, &ri->parent_id, &plevel,
		    ri->anc);
		if (rc == DB_NOTFOUND) {
			row_error(im, i, RC_PARENT, "上级编码不存在");
			return 0;
		} else if (rc != DB_OK)
			return -1;
	}
	if (plevel != 0 && plevel != level - 1)
		row_error(im, i, RC_PARENT, "上级是%s，%s的上级应为%s",
		    word_region[plevel].label, word_region[level].label,
		    word_region[level - 1].label);
	return 0;
}

static int
region_check(struct import *im, size_t i)
{
	const struct csvin_row *r = &im->t.rows[i];
	struct rinfo	*ri = (struct rinfo *)im->info + i;
	long long	 id, level, anc[3];
	int		 rc;

	ri->parent_row = -1;
	if (r->v[RC_CODE].ok && r->v[RC_CODE].present) {
		rc = region_by_code(im->db, r->v[RC_CODE].s, &id, &level, anc);
		if (rc == DB_OK)
			row_error(im, i, RC_CODE, "编码已存在");
		else if (rc != DB_NOTFOUND)
			return -1;
	}
	if (!r->v[RC_LEVEL].ok || !r->v[RC_PARENT].ok)
		return 0;
	if (r->v[RC_LEVEL].i == 1) {
		if (r->v[RC_PARENT].present)
			row_error(im, i, RC_PARENT, "区一级没有上级，此项应为空");
		return 0;
	}
	if (!r->v[RC_PARENT].present) {
		row_error(im, i, RC_PARENT, "%s须有上级编码",
		    word_region[r->v[RC_LEVEL].i].label);
		return 0;
	}
	return region_parent(im, i, ri);
}

/* Insert row i with the parent and ancestors in ri.  Returns a db_rc. */
static int
region_insert_row(struct import *im, size_t i, struct rinfo *ri)
{
	const struct csvin_row *r = &im->t.rows[i];
	struct db_import_region g = { ri->parent_id, r->v[RC_LEVEL].i,
	    r->v[RC_CODE].s, r->v[RC_NAME].s, r->v[RC_SORT].i };

	return db_import_region(im->db, &g, ri->anc, &ri->id);
}

/* A parent earlier in the file is inserted by now: inherit from it. */
static int
region_insert(struct import *im, size_t i)
{
	struct rinfo	*ri = (struct rinfo *)im->info + i, *pr;

	if (ri->parent_row >= 0) {
		pr = (struct rinfo *)im->info + ri->parent_row;
		ri->parent_id = pr->id;
		memcpy(ri->anc, pr->anc, sizeof(ri->anc));
	}
	return region_insert_row(im, i, ri);
}

/* ---- categories ----------------------------------------------------- */

enum { CC_CODE, CC_NAME, CC_DESC, CC_RESPONSE, CC_RESOLVE, CC_ACTIVE,
	CC_SORT, CC_UNIT, CC__MAX };

/* The unit of resolve_days (lib/workday.h). */
static const struct csvin_word unit_words[] = {
	{ "days", WD_DAYS }, { "天", WD_DAYS }, { "自然日", WD_DAYS },
	{ "workdays", WD_WORKDAYS }, { "工作日", WD_WORKDAYS },
	{ NULL, 0 },
};
/* The time limits' columns, of categories and of units alike. */
#define COL_RESPONSE_HOURS { { "response_hours", "响应时限" }, CSVIN_INT, \
	    CSVIN_REQUIRED, 1, 720, NULL, NULL }
#define COL_RESOLVE_DAYS { { "resolve_days", "办结时限" }, CSVIN_INT, \
	    CSVIN_REQUIRED, 1, 365, NULL, NULL }
#define COL_RESOLVE_UNIT { { "resolve_unit", "办结时限单位" }, CSVIN_ENUM, \
	    CSVIN_OPTIONAL, 0, 0, NULL, unit_words }
static const struct csvin_col category_cols[CC__MAX] = {
	[CC_CODE] = { { "code", "编码" }, CSVIN_ASCII, CSVIN_REQUIRED, 1, 32,
	    CODE_CHARS, NULL },
	[CC_NAME] = { { "name", "名称" }, CSVIN_TEXT, CSVIN_REQUIRED, 1, 64,
	    NULL, NULL },
	[CC_DESC] = { { "description", "说明" }, CSVIN_LONGTEXT,
	    CSVIN_OPTIONAL, 0, 500, NULL, NULL },
	[CC_RESPONSE] = COL_RESPONSE_HOURS,
	[CC_RESOLVE] = COL_RESOLVE_DAYS,
	[CC_ACTIVE] = { { "active", "启用" }, CSVIN_ENUM, CSVIN_OPTIONAL, 0, 0,
	    NULL, yes_no },
	[CC_SORT] = { { "sort", "排序" }, CSVIN_INT, CSVIN_OPTIONAL,
	    -1000000, 1000000, NULL, NULL },
	[CC_UNIT] = COL_RESOLVE_UNIT,
};

static int
category_check(struct import *im, size_t i)
{
	const struct csvin_val *code = &im->t.rows[i].v[CC_CODE];
	int		 rc;

	if (!code->ok || !code->present)
		return 0;
	if ((rc = taken(im, IMPORT_CATEGORIES, code->s)) == 1)
		row_error(im, i, CC_CODE, "编码已存在");
	return rc == -1 ? -1 : 0;
}

static int
category_insert(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	struct db_import_category c = { v[CC_CODE].s, v[CC_NAME].s,
	    v[CC_DESC].s, v[CC_RESPONSE].i, v[CC_RESOLVE].i,
	    v[CC_ACTIVE].present ? (int)v[CC_ACTIVE].i : 1, v[CC_SORT].i,
	    v[CC_UNIT].present && v[CC_UNIT].i == WD_WORKDAYS };

	return db_import_category(im->db, &c);
}

/* ---- users ---------------------------------------------------------- */

enum { UC_USERNAME, UC_DISPLAY, UC_ROLE, UC_REGION, UC_PASSWORD, UC_UNIT,
	UC__MAX };
static const struct csvin_col user_cols[UC__MAX] = {
	[UC_USERNAME] = { { "username", "用户名" }, CSVIN_ASCII,
	    CSVIN_REQUIRED, 3, 32, NAME_CHARS, NULL },
	[UC_DISPLAY] = { { "display_name", "姓名" }, CSVIN_TEXT,
	    CSVIN_REQUIRED, 1, 64, NULL, NULL },
	[UC_ROLE] = { { "role", "角色" }, CSVIN_ENUM, CSVIN_REQUIRED, 0, 0,
	    NULL, role_words },
	[UC_REGION] = { { "region_code", "所属区域编码", "区域编码" },
	    CSVIN_ASCII, CSVIN_REQUIRED, 1, 32, CODE_CHARS, NULL },
	[UC_PASSWORD] = { { "password", "密码" }, CSVIN_TEXT, CSVIN_OPTIONAL,
	    0, DB_PASSWORD_MAX, NULL, NULL },
	[UC_UNIT] = { { "unit", "所属单位" }, CSVIN_TEXT, CSVIN_OPTIONAL,
	    0, DB_UNIT_NAME_MAX, NULL, NULL },
};

struct uinfo {
	long long	 region_id;
	int		 unit_id;	/* department_staff: its unit */
	char		 generated[DB_PASSWORD_GEN + 1]; /* "" when given */
	char		 hash[DB_PWHASH_MAX];
};

/* The unit of a department_staff row: active, of the row's region. */
static int
user_unit(struct import *im, size_t i, struct uinfo *ui)
{
	const char	*why;
	int		 rc;

	if ((rc = db_unit_for_account(im->db, im->t.rows[i].v[UC_UNIT].s,
	    (int)ui->region_id, (enum role)im->t.rows[i].v[UC_ROLE].i,
	    &ui->unit_id, &why)) != DB_OK)
		return -1;
	if (why != NULL)
		row_error(im, i, UC_UNIT, "%s", why);
	return 0;
}

/* The home region of row i: exists, at the level its role needs. */
static int
user_region(struct import *im, size_t i, struct uinfo *ui)
{
	const struct csvin_val *v = im->t.rows[i].v;
	long long	 level;
	int		 rc, want;

	if ((rc = row_region(im, i, UC_REGION, "区域编码不存在",
	    &ui->region_id, &level)) != 1)
		return rc;
	if (!v[UC_ROLE].ok)
		return 0;
	want = flow_role_level((enum role)v[UC_ROLE].i);
	if (want != 0 && level != want)
		row_error(im, i, UC_REGION, "%s的所属区域应为%s，此编码是%s",
		    word_role[v[UC_ROLE].i].label, word_region[want].label,
		    word_region[level].label);
	if ((v[UC_ROLE].i == ROLE_DEPT || v[UC_ROLE].i == ROLE_UNIT) &&
	    v[UC_UNIT].ok && v[UC_UNIT].present)
		return user_unit(im, i, ui);
	return 0;
}

static int
user_check(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	struct uinfo	*ui = (struct uinfo *)im->info + i;
	const char	*why;
	int		 rc;

	if (v[UC_USERNAME].ok && v[UC_USERNAME].present) {
		rc = taken(im, IMPORT_USERS, v[UC_USERNAME].s);
		if (rc == -1)
			return -1;
		if (rc == 1)
			row_error(im, i, UC_USERNAME, "用户名已存在");
	}
	if (v[UC_PASSWORD].ok && v[UC_PASSWORD].present &&
	    (why = db_password_problem(v[UC_PASSWORD].s)) != NULL)
		row_error(im, i, UC_PASSWORD, "%s", why);
	if (v[UC_ROLE].ok && v[UC_UNIT].ok) {
		bool	 bound = v[UC_ROLE].i == ROLE_DEPT ||
			    v[UC_ROLE].i == ROLE_UNIT;

		if (bound && !v[UC_UNIT].present)
			row_error(im, i, UC_UNIT, "%s须填写所属单位"
			    "（单位编号或名称）", word_role[v[UC_ROLE].i].label);
		else if (!bound && v[UC_UNIT].present)
			row_error(im, i, UC_UNIT, "只有部门工作人员和共建单位"
			    "联络员填写所属单位，%s此项应为空",
			    word_role[v[UC_ROLE].i].label);
	}
	if (v[UC_REGION].ok && v[UC_REGION].present)
		return user_region(im, i, ui);
	return 0;
}

/* Generate the missing password and hash it, before the transaction. */
static int
user_prepare(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	struct uinfo	*ui = (struct uinfo *)im->info + i;

	if (!v[UC_PASSWORD].present)
		db_password_generate(ui->generated);
	return db_password_hash(v[UC_PASSWORD].present ? v[UC_PASSWORD].s :
	    ui->generated, ui->hash) == DB_OK ? 0 : -1;
}

static int
user_insert(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	struct uinfo	*ui = (struct uinfo *)im->info + i;

	return db_import_user(im->db, v[UC_USERNAME].s, v[UC_DISPLAY].s,
	    (enum role)v[UC_ROLE].i, ui->region_id, ui->unit_id, ui->hash);
}

/* The generated passwords, for the admin to hand out. */
static void
user_done(struct import *im, size_t i, FILE *out)
{
	struct uinfo	*ui = (struct uinfo *)im->info + i;

	if (ui->generated[0] != '\0')
		fprintf(out, "%s\t%s\n", im->t.rows[i].v[UC_USERNAME].s,
		    ui->generated);
	sodium_memzero(ui->generated, sizeof(ui->generated));
}

/* ---- compounds (小区) ----------------------------------------------- */

enum { MC_NAME, MC_ALIASES, MC_GRID, MC_LAT, MC_LNG, MC__MAX };
static const struct csvin_col compound_cols[MC__MAX] = {
	[MC_NAME] = { { "name", "名称", "小区" }, CSVIN_TEXT, CSVIN_REQUIRED,
	    1, 64, NULL, NULL },
	[MC_ALIASES] = { { "aliases", "别名" }, CSVIN_TEXT, CSVIN_OPTIONAL,
	    0, 500, NULL, NULL },
	[MC_GRID] = { { "grid_code", "网格编码" }, CSVIN_ASCII,
	    CSVIN_REQUIRED, 1, 32, CODE_CHARS, NULL },
	[MC_LAT] = { { "lat", "纬度" }, CSVIN_ASCII, CSVIN_OPTIONAL, 1, 12,
	    "0-9.-", NULL },
	[MC_LNG] = { { "lng", "经度" }, CSVIN_ASCII, CSVIN_OPTIONAL, 1, 12,
	    "0-9.-", NULL },
};

#define ALIASES_MAX	(501 * 4)	/* bytes of the stored list */

struct minfo {
	long long	 grid_id;
};

/*
 * A decimal degree such as "30.2105" or "-120.5": digits, at most one
 * point and six decimals, within [-lim, lim].  Returns 0 or -1.
 */
static int
degrees(const char *s, int lim)
{
	const char	*p = s + (*s == '-');
	const char	*dot = strchr(p, '.');
	size_t		 whole = dot ? (size_t)(dot - p) : strlen(p);
	double		 v;

	if (whole == 0 || whole > 3 || strchr(p, '-') != NULL ||
	    (dot && (strchr(dot + 1, '.') != NULL || strlen(dot + 1) == 0 ||
	    strlen(dot + 1) > 6)))
		return -1;
	v = strtod(s, NULL);
	return v >= -lim && v <= lim ? 0 : -1;
}

/* The aliases as stored: separated by '|', '、', '，' or ',', each
 * trimmed of spaces, empty ones dropped.  Returns 0 or -1 (too long). */
static int
alias_list(const char *s, char *out, size_t sz)
{
	static const char *const seps[] = { "|", "、", "，", ",", "；",
	    ";" };
	size_t	 n = 0, k, len, i;
	const char *end;

	out[0] = '\0';
	while (*s != '\0') {
		/* The next separator, or the end. */
		for (end = s; *end != '\0'; end++) {
			for (k = 0; k < sizeof(seps) / sizeof(seps[0]); k++)
				if (strncmp(end, seps[k], strlen(seps[k])) ==
				    0)
					break;
			if (k < sizeof(seps) / sizeof(seps[0]))
				break;
		}
		len = (size_t)(end - s);
		while (len > 0 && *s == ' ')
			s++, len--;
		while (len > 0 && s[len - 1] == ' ')
			len--;
		if (len > 0) {
			if (n + len + 2 > sz)
				return -1;
			if (n > 0)
				out[n++] = '|';
			memcpy(out + n, s, len);
			out[n += len] = '\0';
		}
		if (*end == '\0')
			break;
		for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++)
			if (strncmp(end, seps[i], strlen(seps[i])) == 0)
				break;
		s = end + strlen(seps[i]);
	}
	return 0;
}

static int
compound_check(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	struct minfo	*mi = (struct minfo *)im->info + i;
	long long	 level;
	char		 aliases[ALIASES_MAX];
	int		 rc;

	if (v[MC_ALIASES].ok && v[MC_ALIASES].present &&
	    alias_list(v[MC_ALIASES].s, aliases, sizeof(aliases)) == -1)
		row_error(im, i, MC_ALIASES, "别名太长");
	if (v[MC_LAT].ok && v[MC_LAT].present &&
	    degrees(v[MC_LAT].s, 90) == -1)
		row_error(im, i, MC_LAT, "纬度应为 -90 到 90 之间的小数，"
		    "最多6位小数，如 30.2105");
	if (v[MC_LNG].ok && v[MC_LNG].present &&
	    degrees(v[MC_LNG].s, 180) == -1)
		row_error(im, i, MC_LNG, "经度应为 -180 到 180 之间的小数，"
		    "最多6位小数，如 120.2105");
	if (v[MC_LAT].ok && v[MC_LNG].ok &&
	    v[MC_LAT].present != v[MC_LNG].present)
		row_error(im, i, v[MC_LAT].present ? MC_LNG : MC_LAT,
		    "纬度和经度须同时填写，或都不填");
	if (!v[MC_GRID].ok || !v[MC_GRID].present)
		return 0;
	if ((rc = row_region(im, i, MC_GRID, "网格编码不存在", &mi->grid_id,
	    &level)) != 1)
		return rc;
	if (level != REGION_GRID) {
		row_error(im, i, MC_GRID, "此编码是%s，小区须属于网格",
		    word_region[level].label);
		return 0;
	}
	if (!v[MC_NAME].ok || !v[MC_NAME].present)
		return 0;
	rc = db_import_compound_known(im->db, mi->grid_id, v[MC_NAME].s);
	if (rc == DB_OK)
		row_error(im, i, MC_NAME, "该网格中已有同名小区");
	return rc == DB_OK || rc == DB_NOTFOUND ? 0 : -1;
}

static int
compound_insert(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	struct minfo	*mi = (struct minfo *)im->info + i;
	char		 aliases[ALIASES_MAX];
	struct db_import_compound c = { v[MC_NAME].s, aliases,
	    mi->grid_id, v[MC_LAT].present ? v[MC_LAT].s : NULL,
	    v[MC_LNG].present ? v[MC_LNG].s : NULL };

	if (alias_list(v[MC_ALIASES].s, aliases, sizeof(aliases)) == -1)
		return DB_ERROR;	/* refused by compound_check */
	return db_import_compound(im->db, &c);
}

/* ---- holidays ------------------------------------------------------- */

/*
 * One year's notice (国务院办公厅关于某年部分节假日安排的通知): the days
 * that differ from Monday-Friday, each a day off (weekend days inside a
 * holiday block included) or a weekend day worked.  Every row in one
 * year; a worked day must be a Saturday or Sunday.  Importing a year
 * again replaces it.
 */
enum { HC_DATE, HC_KIND, HC_NAME, HC__MAX };

static const struct csvin_word holiday_kinds[] = {
	{ "holiday", WD_OFF }, { "off", WD_OFF }, { "放假", WD_OFF },
	{ "法定节假日", WD_OFF }, { "休息", WD_OFF },
	{ "workday", WD_WORK }, { "work", WD_WORK }, { "上班", WD_WORK },
	{ "调休上班", WD_WORK },
	{ NULL, 0 },
};

static const struct csvin_col holiday_cols[HC__MAX] = {
	[HC_DATE] = { { "date", "日期" }, CSVIN_ASCII, CSVIN_REQUIRED,
	    DAY_LEN, DAY_LEN, "0-9-", NULL },
	[HC_KIND] = { { "kind", "类型" }, CSVIN_ENUM, CSVIN_REQUIRED, 0, 0,
	    NULL, holiday_kinds },
	[HC_NAME] = { { "name", "名称" }, CSVIN_TEXT, CSVIN_OPTIONAL, 0, 64,
	    NULL, NULL },
};

struct hinfo {
	int	 day;		/* day number, or -1 */
	int	 year;		/* of the file: the first good date's */
};

/* The year of the file: that of its first good date (0: none yet). */
static int
holiday_year(struct import *im, size_t upto)
{
	const struct hinfo *hi = im->info;
	size_t	 i;

	for (i = 0; i < upto; i++)
		if (hi[i].day >= 0) {
			int	 y, m, d;

			day_ymd(hi[i].day, &y, &m, &d);
			return y;
		}
	return 0;
}

static int
holiday_check(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	struct hinfo	*hi = (struct hinfo *)im->info + i;
	int		 y, m, d, first, dow;

	hi->day = -1;
	if (!v[HC_DATE].ok || !v[HC_DATE].present)
		return 0;
	if ((hi->day = day_parse(v[HC_DATE].s)) < 0) {
		row_error(im, i, HC_DATE, "日期应为 YYYY-MM-DD（如 2025-10-01）"
		    "的有效日期");
		return 0;
	}
	day_ymd(hi->day, &y, &m, &d);
	if ((first = holiday_year(im, i)) != 0 && first != y) {
		row_error(im, i, HC_DATE, "一个文件只含一年的安排：前面的日期"
		    "在 %d 年，此日期在 %d 年", first, y);
		hi->day = -1;
		return 0;
	}
	hi->year = y;
	dow = ((hi->day % 7) + 7 + 3) % 7;	/* 0 = Monday */
	if (v[HC_KIND].ok && v[HC_KIND].present && v[HC_KIND].i == WD_WORK &&
	    dow < 5)
		row_error(im, i, HC_DATE, "调休上班的日子应是周六或周日，%s 是"
		    "周一至周五，本来就上班", v[HC_DATE].s);
	return 0;
}

static int
holiday_insert(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	const struct hinfo *hi = (const struct hinfo *)im->info + i;
	int		 rc;

	if (i == 0 && (rc = db_holiday_year(im->db, hi->year,
	    im->source)) != DB_OK)
		return rc;
	return db_holiday_insert(im->db, v[HC_DATE].s,
	    (enum wd_kind)v[HC_KIND].i, v[HC_NAME].s);
}

/* ---- units (职能部门, 共建单位) ------------------------------------- */

/*
 * Handling units with their limits (issue 19 point 3): a department at a
 * street or the district, a co-building unit at a street or a community;
 * a name once per region (in the file and in the database).  The resolve
 * limit counts working days unless the row says calendar days.
 */
enum { NC_NAME, NC_KIND, NC_REGION, NC_RESPONSE, NC_RESOLVE, NC_UNIT,
	NC_ORG, NC_PARTY, NC_SECRETARY, NC_CONTACT, NC_PHONE, NC_MEMBERS,
	NC_JOINED, NC__MAX };

/* A co-building unit's kind of organisation (issue 20). */
static const struct csvin_word org_kinds[] = {
	WORDS_UNIT_ORG(WORD_BY_CODE) WORDS_UNIT_ORG(WORD_BY_LABEL)
	{ NULL, 0 },
};

static const struct csvin_word unit_kinds[] = {
	WORDS_UNIT_KIND(WORD_BY_CODE) WORDS_UNIT_KIND(WORD_BY_LABEL)
	{ "部门", UNIT_DEPARTMENT },
	{ NULL, 0 },
};

static const struct csvin_col unit_cols[NC__MAX] = {
	[NC_NAME] = { { "name", "名称", "单位名称" }, CSVIN_TEXT,
	    CSVIN_REQUIRED, 1, DB_UNIT_NAME_MAX, NULL, NULL },
	[NC_KIND] = { { "kind", "类型" }, CSVIN_ENUM, CSVIN_REQUIRED, 0, 0,
	    NULL, unit_kinds },
	[NC_REGION] = { { "region_code", "区域编码", "所属区域编码" },
	    CSVIN_ASCII, CSVIN_REQUIRED, 1, 32, CODE_CHARS, NULL },
	[NC_RESPONSE] = COL_RESPONSE_HOURS,
	[NC_RESOLVE] = COL_RESOLVE_DAYS,
	[NC_UNIT] = COL_RESOLVE_UNIT,
	/* A co-building unit's own fields (共建单位 only, all optional). */
	[NC_ORG] = { { "org_kind", "单位性质" }, CSVIN_ENUM, CSVIN_OPTIONAL,
	    0, 0, NULL, org_kinds },
	[NC_PARTY] = { { "party_org", "党组织名称" }, CSVIN_TEXT,
	    CSVIN_OPTIONAL, 0, 100, NULL, NULL },
	[NC_SECRETARY] = { { "secretary", "党组织书记" }, CSVIN_TEXT,
	    CSVIN_OPTIONAL, 0, 64, NULL, NULL },
	[NC_CONTACT] = { { "contact", "联系人" }, CSVIN_TEXT, CSVIN_OPTIONAL,
	    0, 64, NULL, NULL },
	[NC_PHONE] = { { "contact_phone", "联系电话" }, CSVIN_PHONE,
	    CSVIN_OPTIONAL, 0, 0, NULL, NULL },
	[NC_MEMBERS] = { { "member_count", "党员人数" }, CSVIN_INT,
	    CSVIN_OPTIONAL, 0, 65535, NULL, NULL },
	[NC_JOINED] = { { "joined_on", "加入共建日期" }, CSVIN_ASCII,
	    CSVIN_OPTIONAL, 10, 10, "0-9-", NULL },
};

struct ninfo {
	long long	 region_id;
};

static int
unit_check(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	struct ninfo	*ni = (struct ninfo *)im->info + i;
	struct db_unit_row u;
	long long	 level;
	const char	*why;
	int		 rc, c;

	for (c = NC_ORG; c < NC__MAX; c++)
		if (v[NC_KIND].ok && v[NC_KIND].i != UNIT_COBUILD &&
		    v[c].present)
			row_error(im, i, c, "只有共建单位填写此项");
	if (v[NC_JOINED].ok && v[NC_JOINED].present &&
	    day_parse(v[NC_JOINED].s) < 0)
		row_error(im, i, NC_JOINED, "日期应为 YYYY-MM-DD，例如 "
		    "2026-03-01");
	if (!v[NC_REGION].ok || !v[NC_REGION].present)
		return 0;
	if ((rc = row_region(im, i, NC_REGION, "区域编码不存在",
	    &ni->region_id, &level)) != 1)
		return rc;
	if (v[NC_KIND].ok && v[NC_KIND].present && (why =
	    db_unit_level_problem((enum unit_kind)v[NC_KIND].i,
	    (int)level)) != NULL)
		row_error(im, i, NC_REGION, "%s，此编码是%s", why,
		    word_region[level].label);
	if (!v[NC_NAME].ok || !v[NC_NAME].present)
		return 0;
	rc = db_unit_by_name(im->db, (int)ni->region_id, v[NC_NAME].s, &u);
	if (rc == DB_OK)
		row_error(im, i, NC_NAME, "该区域已有同名单位（编号 %d%s）",
		    u.id, u.active ? "" : "，已停用");
	return rc == DB_OK || rc == DB_NOTFOUND ? 0 : -1;
}

static int
unit_insert(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	const struct ninfo *ni = (const struct ninfo *)im->info + i;
	struct db_unit_new u = { (enum unit_kind)v[NC_KIND].i, v[NC_NAME].s,
	    (int)ni->region_id, (int)v[NC_RESPONSE].i, (int)v[NC_RESOLVE].i,
	    !v[NC_UNIT].present || v[NC_UNIT].i == WD_WORKDAYS };
	struct cb_unit_edit e = { 0, v[NC_ORG].present ? (int)v[NC_ORG].i :
	    -1, v[NC_PARTY].s, v[NC_SECRETARY].s, v[NC_CONTACT].s,
	    v[NC_PHONE].s, (int)v[NC_MEMBERS].i, v[NC_JOINED].s };
	int		 id = 0, rc;

	if ((rc = db_unit_create(im->db, &u, &id)) != DB_OK ||
	    u.kind != UNIT_COBUILD)
		return rc;
	return cb_unit_import_set(im->db, id, &e);
}

/* ---- the import ----------------------------------------------------- */

static const struct kind kinds[IMPORT__MAX] = {
	[IMPORT_REGIONS] = { "regions", region_cols, RC__MAX, RC_CODE,
	    sizeof(struct rinfo), region_check, NULL, region_insert, NULL },
	[IMPORT_CATEGORIES] = { "categories", category_cols, CC__MAX, CC_CODE,
	    0, category_check, NULL, category_insert, NULL },
	[IMPORT_USERS] = { "users", user_cols, UC__MAX, UC_USERNAME,
	    sizeof(struct uinfo), user_check, user_prepare, user_insert,
	    user_done },
	[IMPORT_COMPOUNDS] = { "compounds", compound_cols, MC__MAX, MC_NAME,
	    sizeof(struct minfo), compound_check, NULL, compound_insert,
	    NULL },
	[IMPORT_HOLIDAYS] = { "holidays", holiday_cols, HC__MAX, HC_DATE,
	    sizeof(struct hinfo), holiday_check, NULL, holiday_insert,
	    NULL, true },
	[IMPORT_UNITS] = { "units", unit_cols, NC__MAX, NC_NAME,
	    sizeof(struct ninfo), unit_check, NULL, unit_insert, NULL,
	    false, 1 + NC_REGION },
	/* admin/import_orgs.c */
	[IMPORT_ORGS] = { "orgs", org_cols, OC__MAX, OC_NAME,
	    sizeof(struct oinfo), org_check, NULL, org_insert, NULL,
	    false, 1 + OC_REGION },
};

int
import_kind_by_name(const char *s)
{
	int	 k;

	for (k = 0; k < IMPORT__MAX; k++)
		if (strcmp(s, kinds[k].name) == 0)
			return k;
	return -1;
}

/* Every error as "FILE:LINE: FIELD: reason", in line order. */
static void
print_errors(struct import *im, const char *file, FILE *err)
{
	const struct csvin_error *e;
	size_t	 i;

	csvin_errors_sort(&im->e);
	for (i = 0; i < im->e.n; i++) {
		e = &im->e.e[i];
		if (e->line == 0)
			fprintf(err, "%s: %s\n", file, e->reason);
		else if (e->field[0] == '\0')
			fprintf(err, "%s:%zu: %s\n", file, e->line, e->reason);
		else
			fprintf(err, "%s:%zu: %s: %s\n", file, e->line,
			    e->field, e->reason);
	}
	if (im->e.nomem)
		fprintf(err, "%s: 内存不足，错误没有列全\n", file);
	fprintf(err, "%s: %zu 处错误，未导入任何数据\n", file, im->e.n);
}

/* Check every row of the file: 0, or -1 when the database failed. */
static int
check_rows(struct import *im, const struct kind *k)
{
	size_t	 i;

	im->key = k->key;
	im->key2 = k->key2;
	if (index_keys(im) == -1) {
		im->e.nomem = true;
		return 0;
	}
	for (i = 0; i < im->t.nrows; i++)
		if (k->check(im, i) == -1)
			return -1;
	if (k->nonempty && im->t.nrows == 0 && im->e.n == 0)
		csvin_error(&im->e, 0, "", "文件中没有数据行");
	return 0;
}

struct store {
	struct import		*im;
	const struct kind	*k;
};

/* Insert row i (db_import_rows). */
static int
store_row(void *arg, size_t i)
{
	struct store	*s = arg;

	return s->k->insert(s->im, i);
}

/* Insert every row in one transaction.  Returns a db_rc. */
static int
store_rows(struct import *im, const struct kind *k)
{
	struct store	 s = { im, k };
	size_t		 i;

	for (i = 0; i < im->t.nrows; i++)
		if (k->prepare != NULL && k->prepare(im, i) == -1)
			return DB_ERROR;
	return db_import_rows(im->db, store_row, &s, im->t.nrows);
}

/* Free what parsing and checking allocated in im (the rows' data wiped:
 * users' hold generated passwords and hashes); the errors stay. */
static void
import_free(struct import *im, const struct kind *k)
{
	if (im->info != NULL && k->infosz > 0)
		sodium_memzero(im->info, (im->t.nrows + 1) * k->infosz);
	free(im->info);
	free(im->by_key);
	csvin_table_free(&im->t);
}

/* Parse and check the CSV text buf into im: 0, or -1 (out of memory). */
static int
check_buffer(struct import *im, const struct kind *k, const char *buf,
    size_t len)
{
	if (csvin_parse(buf, len, k->cols, k->ncols, &im->t, &im->e) == -1)
		return -1;
	if (k->infosz > 0 &&
	    (im->info = calloc(im->t.nrows + 1, k->infosz)) == NULL)
		return -1;
	return 0;
}

/* Read, parse and check the file into im: 0, or -1 (reported). */
static int
load(struct import *im, const struct kind *k, const char *path,
    const char *file, FILE *err)
{
	char	*buf;
	size_t	 len;
	int	 rc;

	if (csvin_slurp(path, &buf, &len, &im->e) == -1)
		return 0;
	rc = check_buffer(im, k, buf, len);
	free(buf);
	if (rc == -1) {
		fprintf(err, "%s: 内存不足\n", file);
		return -1;
	}
	if (check_rows(im, k) == -1) {
		fprintf(err, "%s: 数据库出错，未导入任何数据（原因见上面的"
		    "日志）\n", file);
		return -1;
	}
	return 0;
}

int
import_check_buffer(enum import_kind kind, const char *buf, size_t len,
    struct csvin_errors *e, size_t *nrows)
{
	const struct kind *k = &kinds[kind];
	struct import	 im;
	int		 rc = 0;

	memset(&im, 0, sizeof(im));
	if (check_buffer(&im, k, buf, len) == -1 || check_rows(&im, k) == -1)
		rc = -1;
	*nrows = im.t.nrows;
	*e = im.e;
	import_free(&im, k);
	return rc;
}

int
import_file(const struct config *cfg, enum import_kind kind,
    const char *path, FILE *out, FILE *err)
{
	const struct kind *k = &kinds[kind];
	const char	*file = strcmp(path, "-") == 0 ? "stdin" : path;
	struct import	 im;
	size_t		 i;
	int		 rc = 1;

	memset(&im, 0, sizeof(im));
	im.source = file;
	if (sodium_init() < 0 || (im.db = db_open(cfg)) == NULL) {
		fprintf(err, "%s: 无法初始化\n", file);
		return 1;
	}
	if (load(&im, k, path, file, err) == -1)
		goto out;
	if (im.e.n > 0 || im.e.nomem) {
		print_errors(&im, file, err);
		goto out;
	}
	switch (store_rows(&im, k)) {
	case DB_OK:
		break;
	case DB_CONFLICT:
		fprintf(err, "%s: 导入期间数据库中出现了相同的编码或用户名，"
		    "已撤销，未导入任何数据\n", file);
		goto out;
	default:
		fprintf(err, "%s: 数据库出错，已撤销，未导入任何数据（原因见"
		    "上面的日志）\n", file);
		goto out;
	}
	for (i = 0; k->done != NULL && i < im.t.nrows; i++)
		k->done(&im, i, out);
	fprintf(out, "imported %zu %s\n", im.t.nrows, k->name);
	rc = 0;
out:
	import_free(&im, k);
	csvin_errors_free(&im.e);
	db_close(im.db);
	return rc;
}
