/*
 * A member's home (/member, after a login by staff code or by SMS): the
 * ways on (the report form, the 报到 form, the communities' menus, this
 * page), the requests assigned to the member (service_requests.
 * assignee_member_id), the activities they took part in, and their place
 * in their community's ranking by points.  /menu: the index of the
 * communities' menus.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "html.h"
#include "member_home.h"
#include "members.h"
#include "route.h"
#include "withdraw.h"

#define HOME_ROWS	20
#define MAX_REGIONS	4096

/* The place of m by points in its community: *rank of *of. */
static int
member_rank(struct req *r, const struct db_member *m, size_t *rank,
    size_t *of)
{
	struct db_points pr = DB_POINTS_OF(r->cfg);
	struct db_member *all;
	long long	 mine, p;
	size_t		 n = 0, i;
	int		 rc;

	if ((all = calloc(MEMBERS_MAX_ROWS, sizeof(*all))) == NULL)
		return DB_ERROR;
	rc = db_members(r->db, m->community_id, 1, &pr, all, MEMBERS_MAX_ROWS,
	    &n);
	mine = db_points_tenths(m, &pr);
	*rank = 1;
	*of = n;
	for (i = 0; rc == DB_OK && i < n; i++) {
		p = db_points_tenths(&all[i], &pr);
		if (p > mine)
			(*rank)++;
	}
	free(all);
	return rc;
}

/* A section of the home with a list of n items (element id), or "暂无". */
static void
list_open(struct buf *b, const char *title, const char *id, size_t n)
{
	buf_printf(b, "<section class=\"card\"><h2>%s</h2>\n", title);
	if (n == 0)
		buf_printf(b, "<p class=\"muted\" id=\"%s\">暂无。</p>\n", id);
	else
		buf_printf(b, "<ul id=\"%s\">\n", id);
}

static void
list_close(struct buf *b, size_t n)
{
	buf_add(b, n > 0 ? "</ul>\n</section>\n" : "</section>\n");
}

/* "<li>" and the parts joined by " · " (the caller ends the item). */
static void
list_item(struct buf *b, const char *const *parts, size_t n)
{
	size_t	 i;

	buf_add(b, "<li>");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_add(b, " · ");
		html_txt(b, parts[i]);
	}
}

int
member_home(struct req *r, const struct db_member *m)
{
	struct db_assigned a[HOME_ROWS];
	struct db_history h[HOME_ROWS];
	struct buf	*b = &r->body;
	size_t		 na = 0, nh = 0, rank = 0, of = 0, i;
	int		 rc;

	if ((rc = db_member_assigned(r->db, m->id, a, HOME_ROWS, &na)) !=
	    DB_OK || (rc = db_member_history(r->db, m->id, h, HOME_ROWS,
	    &nh)) != DB_OK || (rc = member_rank(r, m, &rank, &of)) != DB_OK)
		return rc;
	buf_add(b, "<nav class=\"card links\" id=\"member-links\"><a class=\""
	    "button\" href=\"/\">提交诉求</a> <a class=\"button\" href=\""
	    "/report\">党员报到</a> <a class=\"button\" href=\"/menu\">"
	    "各社区服务菜单</a> <a class=\"button\" href=\"/member/wishes\">"
	    "点亮微心愿</a> <a class=\"button\" href=\"/member\">我的页面"
	    "</a></nav>\n");
	buf_printf(b, "<section class=\"card\"><h2>社区积分排名</h2><p id=\""
	    "rank\">本社区第 %zu 名（共 %zu 人）</p></section>\n", rank, of);
	list_open(b, "派给我的诉求", "assigned", na);
	for (i = 0; i < na; i++) {
		const char	*parts[] = { a[i].tracking, a[i].category,
		    rq_withdrawn(a[i].state, a[i].reject_reason) ?
		    WITHDRAWN_LABEL : WORD_PHRASE(word_state, a[i].state),
		    "办结时限 " };

		list_item(b, parts, NELEMS(parts));
		html_time(b, a[i].resolve_due);
		buf_add(b, "</li>\n");
	}
	list_close(b, na);
	list_open(b, "我的活动记录", "history", nh);
	for (i = 0; i < nh; i++) {
		const char	*parts[] = { h[i].held_on, h[i].title, "" };

		list_item(b, parts, NELEMS(parts));
		members_tenths(b, h[i].hours_tenths);
		buf_add(b, " 小时</li>\n");
	}
	list_close(b, nh);
	return DB_OK;
}

/* GET /menu: the communities, each linking its menu (/menu/ID). */
void
page_menus(struct req *r)
{
	struct db_region *g;
	struct buf	*b = &r->body;
	size_t		 n = 0, i;
	int		 rc;

	if ((g = calloc(MAX_REGIONS, sizeof(*g))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if ((rc = db_regions(r->db, g, MAX_REGIONS, &n)) != DB_OK) {
		free(g);
		http_db_error(r, rc);
		return;
	}
	html_begin(r, "各社区服务菜单");
	buf_add(b, "<h1>各社区服务菜单</h1>\n<ul class=\"card\" id=\"menus\">\n");
	for (i = 0; i < n; i++) {
		if (g[i].level != 3)
			continue;
		buf_printf(b, "<li><a href=\"/menu/%d\">", g[i].id);
		html_txt(b, g[i].name);
		buf_add(b, "</a></li>\n");
	}
	buf_add(b, "</ul>\n<p><a href=\"/member\">党员服务</a> · <a href=\""
	    "/wishes\">微心愿墙</a></p>\n");
	free(g);
	html_end(r);
}

VFORM_NONE(form_menus);
