/*
 * The figures for programs and images: GET /api/stats (JSON) and the
 * chart PNGs /charts/bar.png, /charts/trend.png, /charts/stack.png.
 * Session-authenticated and scope-limited like the staff pages.
 *
 * A chart's ETag is the hash of everything it draws (chart_hash_*): the
 * figures are read (cheap, from the summary tables), the chart described,
 * and a matching If-None-Match answered 304 without rendering.  Rendered
 * PNGs are kept in a bounded in-process cache ([figures] chart_cache_kb),
 * least recently used first out.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcgiapp.h>
#include <jansson.h>

#include "chart.h"
#include "config.h"
#include "cbfig.h"
#include "deptfig.h"
#include "figures.h"
#include "html.h"
#include "isotime.h"
#include "memo.h"
#include "route.h"
#include "stats.h"
#include "valid.h"

/* ---- JSON ---------------------------------------------------------- */

/* A JSON object member that cannot fail silently: oom is remembered. */
static void
put(json_t *o, const char *k, json_t *v, int *oom)
{
	if (v == NULL || json_object_set_new(o, k, v) == -1)
		*oom = 1;
}

static json_t *
rate_json(enum fig_rate k, const struct db_figures *f, int *oom)
{
	json_t		*o;
	long long	 num, den;
	int		 has = fig_rate(k, f, &num, &den);

	if (has < 0)
		return json_null();
	if ((o = json_object()) == NULL) {
		*oom = 1;
		return NULL;
	}
	put(o, "num", json_integer(num), oom);
	put(o, "den", json_integer(den), oom);
	/* An empty rate is null, never 0. */
	put(o, "value", has ? json_real((double)num / (double)den) :
	    json_null(), oom);
	return o;
}

/* The figures of one row or the total. */
static json_t *
figures_json(const struct db_figures *f, int *oom)
{
	json_t	*o, *c, *rates, *m;
	double	 h;
	int	 k;

	if ((o = json_object()) == NULL || (c = json_object()) == NULL ||
	    (rates = json_object()) == NULL) {
		*oom = 1;
		return o;
	}
	put(c, "received", json_integer(f->received), oom);
	put(c, "rejected", json_integer(f->rejected), oom);
	put(c, "valid", json_integer(fig_valid(f)), oom);
	put(c, "responded", json_integer(f->responded), oom);
	put(c, "resolved", json_integer(f->resolved), oom);
	put(c, "resolved_on_time", json_integer(f->ontime), oom);
	put(c, "resolved_late", json_integer(f->resolved - f->ontime), oom);
	put(c, "rated", json_integer(f->rated), oom);
	put(c, "satisfied", json_integer(f->satisfied), oom);
	put(c, "resolved_in_community", json_integer(f->community), oom);
	put(c, "open", json_integer(fig_open(f)), oom);
	/* Live, and only when asked (overdue=1). */
	put(c, "open_overdue", f->overdue_known ? json_integer(f->overdue) :
	    json_null(), oom);
	put(c, "open_within_limit", f->overdue_known ?
	    json_integer(fig_open(f) - f->overdue) : json_null(), oom);
	put(o, "counts", c, oom);
	for (k = 0; k < FR__MAX; k++)
		put(rates, fig_rate_ids[k], rate_json((enum fig_rate)k, f, oom),
		    oom);
	put(o, "rates", rates, oom);
	put(o, "mean_hours_to_resolve", fig_mean_hours(f, &h) ? json_real(h) :
	    json_null(), oom);
	if (!f->members) {
		put(o, "members", json_null(), oom);
		return o;
	}
	if ((m = json_object()) == NULL) {
		*oom = 1;
		return o;
	}
	put(m, "roster", json_integer(f->roster), oom);
	put(m, "in_service", json_integer(f->in_service), oom);
	put(m, "in_service_reported", json_integer(f->in_service_reported),
	    oom);
	put(m, "reported", json_integer(f->reported), oom);
	put(m, "participants", json_integer(f->participants), oom);
	put(m, "volunteer_hours", json_real((double)f->hours_tenths / 10.0),
	    oom);
	put(m, "hours_per_reported_member", fig_hours_per_member(f, &h) ?
	    json_real(h) : json_null(), oom);
	put(o, "members", m, oom);
	return o;
}

/* Whether row i (FIG_TOTAL: the total) is complete, and why not, into o. */
static void
complete_json(json_t *o, const struct fig_query *fq,
    const struct fig_result *res, size_t i, int *oom)
{
	const char	*why;
	int		 done = fig_row_complete(fq, res, i, &why);

	put(o, "complete", json_boolean(done), oom);
	put(o, "incomplete_reason", done ? json_null() : json_string(why),
	    oom);
}

void
stats_api_error(struct req *r, int status, const char *msg)
{
	json_t	*o = json_pack("{s:s}", "error", msg);
	char	*s = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;

	buf_reset(&r->body);
	r->status = status;
	r->ctype = "application/json; charset=utf-8";
	buf_add(&r->body, s != NULL ? s : "{\"error\":\"\"}");
	free(s);
	json_decref(o);
}

/* The error format of /api/ paths (route.c). */
void
stats_errfmt(struct req *r, int status, const char *heading,
    const char *text)
{
	(void)heading;
	stats_api_error(r, status, text);
}

/*
 * Answers of /api/stats lately built, by query: the JSON of figures
 * computed at most [figures] cache_seconds ago (its as_of says when).
 */
static struct memo answers = MEMO_INIT(256);

/* Send JSON text s (NUL-terminated) and free it. */
static void
send_json(struct req *r, char *s)
{
	r->ctype = "application/json; charset=utf-8";
	http_header(r, "Cache-Control", "private, no-cache");
	buf_add(&r->body, s);
	free(s);
}

/* /api/stats takes the figures' fields alone. */
VFORM(form_api_stats, fig_fields);

/*
 * GET /api/stats?region=&from=&to=&group=none|child|category|month
 *     [&overdue=1]
 * 200 JSON; 303 to the login page without a session; 400 a bad
 * parameter; 404 a region outside the user's scope; 500/503.
 */
void
page_api_stats(struct req *r)
{
	struct staff	 s;
	struct fig_query fq;
	struct fig_key	 key;
	struct fig_result *res;
	struct cbfig	*cb;
	json_t		*o = NULL, *sc, *per, *arr, *row;
	char		 t[32], *out;
	size_t		 i;
	int		 rc, oom = 0, ttl = r->cfg->figures_cache_s;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if (fig_parse(r, &s, FG_CHILD, "查询条件有误", &fq) == -1)
		return;
	fig_key(&fq, &key);
	if (ttl > 0 && memo_dup(&answers, &key, sizeof(key), time(NULL) - ttl,
	    (void **)&out, NULL) > 0) {
		send_json(r, out);
		return;
	}
	if ((res = malloc(sizeof(*res))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if ((rc = fig_stats(r, &fq, res)) != DB_OK) {
		free(res);
		http_db_error(r, rc);
		return;
	}
	if ((o = json_object()) == NULL || (sc = json_object()) == NULL ||
	    (per = json_object()) == NULL || (arr = json_array()) == NULL) {
		oom = 1;
		goto out;
	}
	put(sc, "region", json_integer(fq.region_id), &oom);
	put(sc, "level", json_integer(fq.level), &oom);
	put(sc, "name", json_string(fq.region_name), &oom);
	put(o, "scope", sc, &oom);
	put(per, "from", json_string(fq.from), &oom);
	put(per, "to", json_string(fq.to), &oom);
	put(per, "timezone", json_string(r->cfg->timezone), &oom);
	put(o, "period", per, &oom);
	/* ISO 8601 with the offset, as Open311 writes its times too. */
	put(o, "as_of", json_string(isotime_format(fq.as_of, t)), &oom);
	put(o, "group", json_string(fig_group_names[fq.group]), &oom);
	put(o, "min_count", json_integer(r->cfg->min_count), &oom);
	put(o, "settle_days", json_integer(res->settle_days), &oom);
	if ((row = figures_json(&res->total, &oom)) != NULL)
		complete_json(row, &fq, res, FIG_TOTAL, &oom);
	put(o, "total", row, &oom);
	for (i = 0; i < res->n; i++) {
		if ((row = figures_json(&res->rows[i].f, &oom)) == NULL)
			break;
		put(row, "key", json_integer(res->rows[i].key), &oom);
		put(row, "name", json_string(res->rows[i].name), &oom);
		complete_json(row, &fq, res, i, &oom);
		if (json_array_append_new(arr, row) == -1)
			oom = 1;
	}
	put(o, "rows", arr, &oom);
	/* The departments' figures (issue 19). */
	if ((row = deptfig_json(r, &fq, &rc)) == NULL && rc != DB_ERROR) {
		json_decref(o);
		free(res);
		http_db_error(r, rc);
		return;
	}
	put(o, "departments", row, &oom);
	/* The co-building figures (issue 20). */
	if ((cb = malloc(sizeof(*cb))) == NULL ||
	    (rc = cbfig_load(r, &fq, res, cb)) != DB_OK) {
		free(cb);
		json_decref(o);
		free(res);
		http_db_error(r, cb == NULL ? DB_ERROR : rc);
		return;
	}
	put(o, "cobuild", cbfig_json(cb, &oom), &oom);
	free(cb);
out:
	free(res);
	if (oom || (out = json_dumps(o, JSON_COMPACT |
	    JSON_REAL_PRECISION(10))) == NULL) {
		json_decref(o);
		http_db_error(r, DB_ERROR);
		return;
	}
	json_decref(o);
	if (ttl > 0)
		memo_put(&answers, &key, sizeof(key), out, strlen(out) + 1,
		    fq.as_of);
	send_json(r, out);
}

/* ---- The chart cache ------------------------------------------------ */

#define CACHE_SLOTS 512

struct slot {
	uint64_t	 key;		/* ETag hash; 0 = empty */
	unsigned char	*png;
	size_t		 len;
	uint64_t	 used;		/* clock of the last use */
};

static struct {
	pthread_mutex_t	 mu;
	struct slot	 s[CACHE_SLOTS];
	size_t		 bytes;
	uint64_t	 clock;
	unsigned long long hits, misses;
} cache = { .mu = PTHREAD_MUTEX_INITIALIZER };

/* A copy of the cached PNG of key into b; 1 when found. */
static int
cache_get(uint64_t key, struct buf *b)
{
	size_t	 i;
	int	 found = 0;

	pthread_mutex_lock(&cache.mu);
	for (i = 0; i < CACHE_SLOTS; i++)
		if (cache.s[i].key == key && cache.s[i].png != NULL) {
			cache.s[i].used = ++cache.clock;
			buf_addn(b, (const char *)cache.s[i].png,
			    cache.s[i].len);
			found = 1;
			break;
		}
	if (found)
		cache.hits++;
	else
		cache.misses++;
	pthread_mutex_unlock(&cache.mu);
	return found;
}

/* Keep a copy of png under key, dropping the least recently used. */
static void
cache_put(uint64_t key, const unsigned char *png, size_t len, size_t limit)
{
	unsigned char	*copy;
	size_t		 i, old;

	if (len > limit / 4 || (copy = malloc(len)) == NULL)
		return;
	memcpy(copy, png, len);
	pthread_mutex_lock(&cache.mu);
	for (;;) {
		/* A free slot when there is room; else evict the oldest. */
		old = CACHE_SLOTS;
		for (i = 0; i < CACHE_SLOTS; i++) {
			if (cache.s[i].key == key)
				goto done;	/* another thread was first */
			if (cache.s[i].png == NULL) {
				if (cache.bytes + len <= limit)
					break;
				continue;
			}
			if (old == CACHE_SLOTS ||
			    cache.s[i].used < cache.s[old].used)
				old = i;
		}
		if (i < CACHE_SLOTS)
			break;
		if (old == CACHE_SLOTS)
			goto done;
		cache.bytes -= cache.s[old].len;
		free(cache.s[old].png);
		memset(&cache.s[old], 0, sizeof(cache.s[old]));
	}
	cache.s[i] = (struct slot){ key, copy, len, ++cache.clock };
	cache.bytes += len;
	copy = NULL;
done:
	pthread_mutex_unlock(&cache.mu);
	free(copy);
}

void
stats_cache_counts(unsigned long long *hits, unsigned long long *misses,
    size_t *bytes)
{
	pthread_mutex_lock(&cache.mu);
	*hits = cache.hits;
	*misses = cache.misses;
	*bytes = cache.bytes;
	pthread_mutex_unlock(&cache.mu);
}

/* ---- Charts ---------------------------------------------------------- */

#define NO_RATE	"没有这个指标。"

/* What every chart takes after the figures' fields. */
enum {
	CF_W = FF__MAX,	/* w: width in pixels */
	CF_H,		/* h: height in pixels */
	CF_TARGET,	/* target: the target line, percent */
	CF__MAX
};
#define CHART_FIELDS \
	FIG_FIELDS, \
	[CF_W] = { "w", "宽度", V_INT, false, CHART_W_MIN, CHART_W_MAX }, \
	[CF_H] = { "h", "高度", V_INT, false, CHART_H_MIN, CHART_H_MAX }, \
	[CF_TARGET] = { "target", "目标值", V_INT, false, 0, 100 }

/* What every chart handler starts with. */
struct chart_req {
	struct staff	 s;
	struct fig_query fq;
	struct fig_result *res;
	int		 w, h;
	double		 target;
	char		 title[512];
};

/* Answer a chart request's bad parameter: 400 with the message. */
static void
chart_fail(struct req *r, const char *msg)
{
	html_error_page(r, 400, "图表参数有误", msg);
}

/*
 * Authenticate; check the chart's own fields, r->v[CF_W .. nfields),
 * then the figures' (fig_parse); read the figures of a chart grouped by
 * group (with the live overdue count when overdue).  Returns 0, or -1
 * when answered.
 */
static int
chart_begin(struct req *r, struct chart_req *c, enum fig_group group,
    int overdue, size_t nfields)
{
	const struct vvalue *v = r->v;
	const char	*msg;
	int		 rc;

	if (auth_require(r, ROLES_STAFF, &c->s) == -1)
		return -1;
	if ((msg = valid_first_error(&v[CF_W], nfields - CF_W)) != NULL) {
		chart_fail(r, msg);
		return -1;
	}
	if (fig_parse(r, &c->s, group, "图表参数有误", &c->fq) == -1)
		return -1;
	if (c->fq.group != group) {
		chart_fail(r, group == FG_CHILD ?
		    "网格没有下级区域，请选择上一级" : "此图表不能改变分组");
		return -1;
	}
	c->fq.q.overdue = overdue;
	c->w = v[CF_W].present ? (int)v[CF_W].i : 800;
	c->h = v[CF_H].present ? (int)v[CF_H].i : 400;
	c->target = (double)(v[CF_TARGET].present ? v[CF_TARGET].i :
	    r->cfg->target_percent) / 100.0;
	if ((c->res = malloc(sizeof(*c->res))) == NULL) {
		http_db_error(r, DB_ERROR);
		return -1;
	}
	if ((rc = fig_stats(r, &c->fq, c->res)) != DB_OK) {
		free(c->res);
		c->res = NULL;
		http_db_error(r, rc);
		return -1;
	}
	return 0;
}

/*
 * Answer a described chart: 304 when the client holds its ETag, the
 * cached PNG, or a fresh rendering (kept in the cache).
 */
void
stats_chart_send(struct req *r, char kind, uint64_t hash,
    int (*render)(const void *, unsigned char **, size_t *), const void *in)
{
	char		 etag[40];
	const char	*inm;
	unsigned char	*png = NULL;
	size_t		 len = 0;

	/* The kind keeps equal hashes of different charts apart. */
	snprintf(etag, sizeof(etag), "\"%c%016llx\"", kind,
	    (unsigned long long)hash);
	http_header(r, "ETag", etag);
	http_header(r, "Cache-Control", "private, no-cache");
	inm = FCGX_GetParam("HTTP_IF_NONE_MATCH", r->fcgi->envp);
	if (inm != NULL && strstr(inm, etag) != NULL) {
		r->status = 304;
		r->ctype = "image/png";
		return;
	}
	hash ^= (uint64_t)(unsigned char)kind << 56;
	r->ctype = "image/png";
	if (r->cfg->chart_cache_kb > 0 && cache_get(hash, &r->body))
		return;
	if (render(in, &png, &len) == -1) {
		r->ctype = "text/html; charset=utf-8";
		buf_reset(&r->head);
		if (errno == EINVAL)
			chart_fail(r, "图表无法按这些参数绘制。");
		else
			http_db_error(r, DB_ERROR);	/* no font, memory */
		return;
	}
	buf_addn(&r->body, (const char *)png, len);
	if (r->cfg->chart_cache_kb > 0)
		cache_put(hash, png, len, (size_t)r->cfg->chart_cache_kb *
		    1024);
	chart_free(png);
}

static int
render_bar(const void *in, unsigned char **png, size_t *len)
{
	return chart_bar_png(in, png, len);
}

void
stats_send_bar(struct req *r, const struct chart_bar *in)
{
	stats_chart_send(r, 'b', chart_hash_bar(in), render_bar, in);
}

static int
render_trend(const void *in, unsigned char **png, size_t *len)
{
	return chart_trend_png(in, png, len);
}

static int
render_stack(const void *in, unsigned char **png, size_t *len)
{
	return chart_stack_png(in, png, len);
}

/* The bar chart: the chart's fields, then the rate. */
enum {
	BF_RATE = CF__MAX,	/* rate: one of fig_rate_ids */
	BF__MAX
};
static const struct vfield bar_fields[BF__MAX] = {
	CHART_FIELDS,
	[BF_RATE] = { "rate", "指标", V_ENUM, false, 0, FR__MAX, fig_rate_ids,
	    NO_RATE },
};
VFORM(form_chart_bar, bar_fields);

/*
 * The lines under a chart of a period that is not complete
 * (fig_row_complete): its figures will still change.
 */
#define NOTE_BAR	"本期尚未完结，数值仍会变化"
#define NOTE_TREND	"空心点：该月尚未完结，数值仍会变化"

/*
 * GET /charts/bar.png?rate=resolution&region=&from=&to=&w=&h=&target=
 * One rate per child region, ranked, with the target line; regions under
 * [figures] min_count in the denominator greyed.  200 PNG, 304, 303 to
 * the login page, 400, 404, 5xx.
 */
void
page_chart_bar(struct req *r)
{
	struct chart_req c;
	struct chart_bar_item items[FIG_ROWS_MAX];
	struct chart_bar in;
	const char	*why;
	long long	 num, den;
	int		 k;
	size_t		 i;

	memset(&c, 0, sizeof(c));
	if (chart_begin(r, &c, FG_CHILD, 0, BF__MAX) == -1)
		return;
	k = r->v[BF_RATE].present ? (int)r->v[BF_RATE].i : FR_RESOLUTION;
	if (!fig_rate_at((enum fig_rate)k, c.fq.level + 1)) {
		chart_fail(r, "党员指标按社区统计，没有网格数据。");
		goto out;
	}
	for (i = 0; i < c.res->n; i++) {
		items[i].label = c.res->rows[i].name;
		items[i].value = fig_rate((enum fig_rate)k, &c.res->rows[i].f,
		    &num, &den) > 0 ? (double)num / (double)den : NAN;
		items[i].num = num;
		items[i].den = den;
		items[i].low = den > 0 && den < r->cfg->min_count;
	}
	snprintf(c.title, sizeof(c.title), "%s各%s%s · %s 至 %s",
	    c.fq.region_name, c.fq.child_name, fig_rates[k].label, c.fq.from,
	    c.fq.to);
	in = (struct chart_bar){ .title = c.title,
	    .ylabel = fig_rates[k].label, .xlabel = c.fq.child_name,
	    .items = items, .n = c.res->n, .target = c.target, .width = c.w,
	    .height = c.h, .note = fig_row_complete(&c.fq, c.res, FIG_TOTAL,
	    &why) ? NULL : NOTE_BAR };
	stats_chart_send(r, 'b', chart_hash_bar(&in), render_bar, &in);
out:
	free(c.res);
}

/* The trend chart: the chart's fields, then the rates. */
enum {
	TF_RATES = CF__MAX,	/* rates: a comma list of fig_rate_ids */
	TF__MAX
};
static const struct vfield trend_fields[TF__MAX] = {
	CHART_FIELDS,
	[TF_RATES] = { "rates", "指标", V_TEXT, false, 1, 120 },
};
VFORM(form_chart_trend, trend_fields);

/*
 * GET /charts/trend.png?rates=resolution,ontime&region=&from=&to=&w=&h=
 * One line per rate (at most CHART_SERIES_MAX), one point per month.
 */
void
page_chart_trend(struct req *r)
{
	struct chart_req c;
	struct chart_series series[CHART_SERIES_MAX];
	const char	*xlabels[FIG_ROWS_MAX], *why;
	unsigned char	 partial[FIG_ROWS_MAX];
	double		*values = NULL;
	struct chart_trend in;
	char		 list[128], *p, *save = NULL, names[160] = "";
	long long	 num, den;
	int		 k, ks[CHART_SERIES_MAX];
	size_t		 i, ns = 0, npartial = 0;

	memset(&c, 0, sizeof(c));
	if (chart_begin(r, &c, FG_MONTH, 0, TF__MAX) == -1)
		return;
	snprintf(list, sizeof(list), "%s", r->v[TF_RATES].present ?
	    r->v[TF_RATES].s : "resolution,ontime,satisfaction");
	for (p = strtok_r(list, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save)) {
		if ((k = valid_enum(p, fig_rate_ids, FR__MAX)) < 0 ||
		    ns == CHART_SERIES_MAX ||
		    !fig_rate_at((enum fig_rate)k, c.fq.level)) {
			chart_fail(r, k < 0 ? NO_RATE :
			    ns == CHART_SERIES_MAX ? "指标太多。" :
			    "党员指标按社区统计，没有网格数据。");
			goto out;
		}
		ks[ns++] = k;
	}
	if (ns == 0 || (values = calloc(ns * (c.res->n ? c.res->n : 1),
	    sizeof(*values))) == NULL) {
		chart_fail(r, "请至少选择一个指标。");
		goto out;
	}
	for (i = 0; i < c.res->n; i++) {
		xlabels[i] = c.res->rows[i].name;
		partial[i] = !fig_row_complete(&c.fq, c.res, i, &why);
		npartial += partial[i];
	}
	for (size_t s = 0; s < ns; s++) {
		for (i = 0; i < c.res->n; i++)
			values[s * c.res->n + i] = fig_rate(
			    (enum fig_rate)ks[s], &c.res->rows[i].f, &num,
			    &den) > 0 ? (double)num / (double)den : NAN;
		series[s] = (struct chart_series){ fig_rates[ks[s]].label, 0,
		    values + s * c.res->n };
		if (s > 0)
			strncat(names, "、", sizeof(names) - strlen(names) - 1);
		strncat(names, fig_rates[ks[s]].label,
		    sizeof(names) - strlen(names) - 1);
	}
	snprintf(c.title, sizeof(c.title), "%s逐月%s · %s 至 %s",
	    c.fq.region_name, names, c.fq.from, c.fq.to);
	in = (struct chart_trend){ .title = c.title, .ylabel = "比率",
	    .xlabels = xlabels, .npoints = c.res->n, .series = series,
	    .nseries = ns, .target = c.target, .width = c.w, .height = c.h,
	    .partial = npartial > 0 ? partial : NULL,
	    .note = npartial > 0 ? NOTE_TREND : NULL };
	stats_chart_send(r, 't', chart_hash_trend(&in), render_trend, &in);
out:
	free(values);
	free(c.res);
}

/* The outcomes chart: the chart's fields alone. */
static const struct vfield stack_fields[CF__MAX] = {
	CHART_FIELDS,
};
VFORM(form_chart_stack, stack_fields);

/*
 * GET /charts/stack.png?region=&from=&to=&w=&h=
 * Outcomes per child region: resolved on time, resolved late, open
 * within the limit, open and overdue (as of now).
 */
void
page_chart_stack(struct req *r)
{
	struct chart_req c;
	struct chart_stack_item items[FIG_ROWS_MAX];
	struct chart_stack in;
	const struct db_figures *f;
	size_t		 i;

	memset(&c, 0, sizeof(c));
	if (chart_begin(r, &c, FG_CHILD, 1, CF__MAX) == -1)
		return;
	for (i = 0; i < c.res->n; i++) {
		f = &c.res->rows[i].f;
		items[i].label = c.res->rows[i].name;
		items[i].count[CHART_OUT_ONTIME] = f->ontime;
		items[i].count[CHART_OUT_LATE] = f->resolved - f->ontime;
		items[i].count[CHART_OUT_OPEN] = fig_open(f) - f->overdue;
		items[i].count[CHART_OUT_OVERDUE] = f->overdue;
	}
	snprintf(c.title, sizeof(c.title), "%s各%s诉求办理情况 · %s 至 %s",
	    c.fq.region_name, c.fq.child_name, c.fq.from, c.fq.to);
	in = (struct chart_stack){ .title = c.title, .ylabel = "诉求数（件）",
	    .xlabel = c.fq.child_name, .items = items, .n = c.res->n,
	    .width = c.w, .height = c.h };
	stats_chart_send(r, 's', chart_hash_stack(&in), render_stack, &in);
	free(c.res);
}
