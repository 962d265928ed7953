/*
 * Operations: health check, metrics, the stylesheet.
 */
#include <inttypes.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "figures.h"
#include "html.h"
#include "http.h"
#include "route.h"
#include "stats.h"

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

/* GET /metrics: Prometheus text exposition format 0.0.4. */
void
page_metrics(struct req *r)
{
	struct http_stats s;
	struct buf	*b = &r->body;
	unsigned long long hits, misses;
	uint64_t	 batches, rows;
	size_t		 bytes;
	int		 i;

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
}

/*
 * GET /bench/empty: a tiny 200 without the database or any other work,
 * so `make bench` can measure what nginx, FastCGI and the request path
 * cost by themselves.
 */
void
page_empty(struct req *r)
{
	r->ctype = "text/plain; charset=utf-8";
	http_header(r, "Cache-Control", "no-store");
	buf_add(&r->body, "ok\n");
}

/* GET /static/lianxin.css */
void
page_css(struct req *r)
{
	r->ctype = "text/css; charset=utf-8";
	http_header(r, "Cache-Control", "public, max-age=86400");
	buf_add(&r->body, html_css);
}

/*
 * The only script: with JavaScript, the community list narrows to the
 * chosen street and the grid list to the chosen community.  Without it,
 * the grouped lists work as they are.
 */
static const char js[] =
"(function(){'use strict';\n"
"var st=document.getElementById('street'),"
"cm=document.getElementById('community'),"
"gr=document.getElementById('grid');\n"
"if(!st||!cm||!gr)return;\n"
"var cmAll=cm.cloneNode(true),grAll=gr.cloneNode(true);\n"
"function narrow(sel,all,attr,key){var keep=sel.value;"
"while(sel.options.length>1)sel.remove(1);"
"while(sel.lastElementChild&&sel.lastElementChild.tagName==='OPTGROUP')"
"sel.removeChild(sel.lastElementChild);"
"Array.prototype.forEach.call(all.querySelectorAll('optgroup'),function(g){"
"if(!key||g.getAttribute(attr)===key)sel.appendChild(g.cloneNode(true));});"
"sel.value=keep;if(sel.value!==keep)sel.value='';}\n"
"function onStreet(){narrow(cm,cmAll,'data-street',st.value);onCommunity();}\n"
"function onCommunity(){narrow(gr,grAll,'data-community',cm.value);}\n"
"st.addEventListener('change',onStreet);"
"cm.addEventListener('change',onCommunity);\n"
"if(st.value)onStreet();else if(cm.value)onCommunity();\n"
"})();\n";

/* GET /static/lianxin.js */
void
page_js(struct req *r)
{
	r->ctype = "text/javascript; charset=utf-8";
	http_header(r, "Cache-Control", "public, max-age=86400");
	buf_add(&r->body, js);
}

/*
 * GET /errors/{413,429}: the pages nginx shows (error_page) when it
 * refuses a request itself, so residents read Chinese there too.
 */
void
page_error(struct req *r)
{
	if (strcmp(r->args[0], "413") == 0)
		html_error_page(r, 413, "提交内容过大",
		    "提交的内容超过了允许的大小，请精简文字后重新提交。");
	else if (strcmp(r->args[0], "429") == 0) {
		http_header(r, "Retry-After", "60");
		html_error_page(r, 429, "操作过于频繁",
		    "您的查询次数过多，请一分钟后再试。");
	} else
		html_error_page(r, 404, "页面不存在",
		    "您访问的页面不存在或已被移除。请检查网址，或返回首页。");
}

/* The routes' tables: nothing validated yet (to be filled). */
VFORM_NONE(form_healthz);
VFORM_NONE(form_metrics);
VFORM_NONE(form_empty);
VFORM_NONE(form_css);
VFORM_NONE(form_js);
VFORM_NONE(form_error);
