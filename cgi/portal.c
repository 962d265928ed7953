/*
 * The residents' portal.
 */
#include <string.h>

#include "db.h"
#include "html.h"
#include "http.h"
#include "route.h"

#define MAX_CATEGORIES 64

/*
 * GET /: what residents can bring, with each category's time limits.
 * 200, or 503/500 when the database fails.
 */
void
page_home(struct req *r)
{
	struct db_category cats[MAX_CATEGORIES];
	struct buf	*b = &r->body;
	size_t		 n, i;
	int		 rc;

	if ((rc = db_categories(r->db, cats, MAX_CATEGORIES, &n)) != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	html_begin(r, "首页");
	buf_add(b, "<h1>有诉求，找社区</h1>\n<section>\n"
	    "<p>小区环境、停车、物业、养老、邻里纠纷……遇到身边的难事，"
	    "可以在这里向社区反映。网格员和社区工作人员会在规定时限内"
	    "受理、办理并答复，办结后请您评价。</p>\n</section>\n"
	    "<section>\n<h2>服务类别与办理时限</h2>\n<table>\n"
	    "<thead><tr><th>类别</th><th class=\"num\">响应时限</th>"
	    "<th class=\"num\">办结时限</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		buf_add(b, "<tr><td>");
		html_txt(b, cats[i].name);
		buf_printf(b, "</td><td class=\"num\">%d 小时</td>"
		    "<td class=\"num\">%d 天</td></tr>\n",
		    cats[i].response_hours, cats[i].resolve_days);
	}
	if (n == 0)
		buf_add(b, "<tr><td colspan=\"3\">暂无服务类别</td></tr>\n");
	buf_add(b, "</tbody>\n</table>\n</section>\n");
	html_end(r);
}
