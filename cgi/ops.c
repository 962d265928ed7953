/*
 * Operations: health check, metrics, the pages of nginx's refusals.
 */
#include <inttypes.h>
#include <string.h>

#include <fcgiapp.h>

#include "auth.h"
#include "db.h"
#include "figures.h"
#include "html.h"
#include "http.h"
#include "route.h"
#include "stats.h"
#include "valid.h"

/* GET /healthz: 200 "ok" when the database answers, else 503. */
void
page_healthz(struct req *r)
{
	r->ctype = "text/plain; charset=utf-8";
	http_header(r, "Cache-Control", "no-store");
	if (db_ping(r->db) == DB_OK)
		buf_add(&r->body, "ok\n");
	else {
		r->status = 503;
		buf_add(&r->body, "database unavailable\n");
	}
}

/*
 * Did the request come through nginx's metrics listener (which alone sets
 * LIANXIN_METRICS, nginx/lianxin-metrics.conf)?
 */
static int
metrics_listener(const struct req *r)
{
	const char	*m;

	m = r->fcgi != NULL ? FCGX_GetParam("LIANXIN_METRICS",
	    r->fcgi->envp) : NULL;
	return m != NULL && strcmp(m, "1") == 0;
}

/*
 * GET /metrics: Prometheus text exposition format 0.0.4, on the metrics
 * listener only; anywhere else the page does not exist.
 */
void
page_metrics(struct req *r)
{
	struct http_stats s;
	struct buf	*b = &r->body;
	unsigned long long hits, misses;
	int		 running, peak;
	uint64_t	 batches, rows;
	size_t		 bytes;
	int		 i;

	if (!metrics_listener(r)) {
		http_not_found(r);
		return;
	}
	http_stats_get(&s);
	r->ctype = "text/plain; version=0.0.4; charset=utf-8";
	http_header(r, "Cache-Control", "no-store");
	buf_add(b, "# HELP lianxin_http_responses_total Responses sent, by "
	    "status class.\n# TYPE lianxin_http_responses_total counter\n");
	for (i = 1; i <= 5; i++)
		buf_printf(b, "lianxin_http_responses_total{class=\"%dxx\"} "
		    "%llu\n", i, s.by_class[i]);
	buf_printf(b, "# HELP lianxin_http_inflight Requests being handled.\n"
	    "# TYPE lianxin_http_inflight gauge\nlianxin_http_inflight %llu\n",
	    s.inflight);
	buf_printf(b, "# HELP lianxin_db_connection_failures_total Lost or "
	    "refused database connections.\n"
	    "# TYPE lianxin_db_connection_failures_total counter\n"
	    "lianxin_db_connection_failures_total %" PRIu64 "\n"
	    "# HELP lianxin_db_reconnects_total Database connections made "
	    "after the first.\n# TYPE lianxin_db_reconnects_total counter\n"
	    "lianxin_db_reconnects_total %" PRIu64 "\n",
	    db_failures(), db_reconnects());
	db_post_counts(&batches, &rows);
	buf_printf(b, "# HELP lianxin_post_batches_total Batches of residents' "
	    "posts written in one transaction.\n"
	    "# TYPE lianxin_post_batches_total counter\n"
	    "lianxin_post_batches_total %" PRIu64 "\n"
	    "# HELP lianxin_posts_batched_total Requests stored by those "
	    "batches.\n# TYPE lianxin_posts_batched_total counter\n"
	    "lianxin_posts_batched_total %" PRIu64 "\n", batches, rows);
	stats_cache_counts(&hits, &misses, &bytes);
	buf_printf(b, "# HELP lianxin_chart_cache_hits_total Charts sent from "
	    "the cache.\n# TYPE lianxin_chart_cache_hits_total counter\n"
	    "lianxin_chart_cache_hits_total %llu\n"
	    "# HELP lianxin_chart_cache_misses_total Charts rendered.\n"
	    "# TYPE lianxin_chart_cache_misses_total counter\n"
	    "lianxin_chart_cache_misses_total %llu\n"
	    "# HELP lianxin_chart_cache_bytes PNG bytes held by the cache.\n"
	    "# TYPE lianxin_chart_cache_bytes gauge\n"
	    "lianxin_chart_cache_bytes %zu\n", hits, misses, bytes);
	buf_add(b, "# HELP lianxin_memo_lookups_total Lookups of what the "
	    "daemon read lately: sessions ([auth] session_cache_seconds), "
	    "figures and regions ([figures] cache_seconds).\n"
	    "# TYPE lianxin_memo_lookups_total counter\n");
	auth_cache_counts(&hits, &misses);
	buf_printf(b, "lianxin_memo_lookups_total{memo=\"sessions\","
	    "result=\"hit\"} %llu\nlianxin_memo_lookups_total{memo="
	    "\"sessions\",result=\"miss\"} %llu\n", hits, misses);
	fig_cache_counts(&hits, &misses);
	buf_printf(b, "lianxin_memo_lookups_total{memo=\"figures\","
	    "result=\"hit\"} %llu\nlianxin_memo_lookups_total{memo="
	    "\"figures\",result=\"miss\"} %llu\n", hits, misses);
	auth_hash_counts(&running, &peak, &hits);
	buf_printf(b, "# HELP lianxin_password_hashes_running Password hashes "
	    "(argon2id) running now ([auth] hash_concurrency at most).\n"
	    "# TYPE lianxin_password_hashes_running gauge\n"
	    "lianxin_password_hashes_running %d\n"
	    "# HELP lianxin_password_hashes_running_max The most running at "
	    "once since the start.\n"
	    "# TYPE lianxin_password_hashes_running_max gauge\n"
	    "lianxin_password_hashes_running_max %d\n"
	    "# HELP lianxin_password_hashes_total Password hashes checked.\n"
	    "# TYPE lianxin_password_hashes_total counter\n"
	    "lianxin_password_hashes_total %llu\n", running, peak, hits);
}

/*
 * The pages nginx shows (error_page) when it refuses a request itself,
 * so residents read Chinese there too: /errors/413, /errors/429; any
 * other code is the 404 page.
 */
enum { ERR_413, ERR_429, ERR__MAX };
static const char *const error_codes[ERR__MAX] = {
	[ERR_413] = "413",
	[ERR_429] = "429",
};
static const struct {
	int		 status;
	const char	*heading;
	const char	*text;
	const char	*retry_after;	/* seconds, or NULL */
} error_pages[ERR__MAX] = {
	[ERR_413] = { 413, "提交内容过大",
	    "提交的内容超过了允许的大小，请精简文字后重新提交。", NULL },
	[ERR_429] = { 429, "操作过于频繁",
	    "您的查询次数过多，请一分钟后再试。", "60" },
};

enum { EF_CODE, EF__MAX };
static const struct vfield error_fields[EF__MAX] = {
	/* EF_CODE: the status of the page; not one of error_codes: 404 */
	{ "*0", "错误代码", V_ENUM, true, 0, ERR__MAX, error_codes },
};

/*
 * GET /errors/{code}: the page of code, or the 404 page.  Touches no
 * database (the ceiling row of make bench is GET /errors/404).
 */
void
page_error(struct req *r)
{
	const struct vvalue *v = &r->v[EF_CODE];

	if (v->error != NULL) {
		http_not_found(r);
		return;
	}
	if (error_pages[v->i].retry_after != NULL)
		http_header(r, "Retry-After", error_pages[v->i].retry_after);
	html_error_page(r, error_pages[v->i].status,
	    error_pages[v->i].heading, error_pages[v->i].text);
}

/* The routes' tables. */
VFORM_NONE(form_healthz);
VFORM_NONE(form_metrics);
VFORM(form_error, error_fields);
