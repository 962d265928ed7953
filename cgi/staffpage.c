/*
 * What every staff page family shares (cgi/staff.h): the page's start
 * with the staff navigation, the 404 that hides what lies outside a
 * user's scope, and the scope checks.  Page families (staff.c, depts.c,
 * users.c, units.c, members_*.c, ...) call these; this file calls none of
 * them.
 */
#include <limits.h>

#include "auth.h"
#include "html.h"
#include "staff.h"

/*
 * A unit account's page (issue 20, 22): the layout with the unit's own
 * navigation (links, HTML), who is logged in and the logout button.
 */
void
unit_page_begin(struct req *r, const struct staff *s, const char *title,
    const char *links)
{
	struct buf	*b = &r->body;

	http_header(r, "Cache-Control", "no-store");
	html_begin(r, title);
	buf_add(b, "<nav class=\"staffnav\">");
	buf_add(b, links);
	buf_add(b, " <span class=\"muted\">");
	html_txt(b, s->u.display_name);
	buf_add(b, " · ");
	html_txt(b, word_role[s->u.role].label);
	buf_add(b, "</span> <form method=\"post\" action=\"/logout\" "
	    "class=\"inline\">");
	auth_csrf_field(b, s);
	buf_add(b, "<button type=\"submit\">退出</button></form></nav>\n");
}

void
staff_begin(struct req *r, const struct staff *s, const char *title)
{
	struct buf	*b = &r->body;

	http_header(r, "Cache-Control", "no-store");
	html_begin(r, title);
	buf_add(b, "<nav class=\"staffnav\"><a href=\"/staff\">待办诉求</a> "
	    "<a href=\"/dashboard\">数据看板</a> "
	    "<a href=\"/cobuild\">共驻共建</a>");
	if (s->u.scope.level == 3)
		buf_printf(b, " <a href=\"/staff/members/%d\">党员管理</a>",
		    s->u.region_id);
	else if (s->u.scope.level < 3)
		buf_add(b, " <a href=\"/staff/members\">党员管理</a>");
	if (s->u.scope.level <= 2 && s->u.role != ROLE_GRID)
		buf_add(b, " <a href=\"/assess\">考评</a>");
	if (s->u.role == ROLE_ADMIN)
		buf_add(b, " <a href=\"/admin/users\">用户管理</a> "
		    "<a href=\"/admin/units\">单位管理</a> "
		    "<a href=\"/admin/audit\">操作日志</a>");
	buf_add(b, " <span class=\"muted\">");
	html_txt(b, s->u.display_name);
	buf_add(b, " · ");
	html_txt(b, word_role[s->u.role].label);
	buf_add(b, " · ");
	html_txt(b, s->u.region_name);
	buf_add(b, "</span> <form method=\"post\" action=\"/logout\" "
	    "class=\"inline\">");
	auth_csrf_field(b, s);
	buf_add(b, "<button type=\"submit\">退出</button></form></nav>\n");
}

void
staff_not_found(struct req *r)
{
	buf_reset(&r->body);
	buf_reset(&r->head);
	/* In the format of the path: a page, or JSON under /api/. */
	http_error(r, 404, "页面不存在", "您访问的页面不存在或已被移除。");
}

int
staff_scoped(struct req *r, const struct staff *s, int rc, const int ids[4])
{
	if (rc == DB_NOTFOUND || (rc == DB_OK &&
	    !db_in_scope(&s->u.scope, ids))) {
		staff_not_found(r);
		return -1;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return -1;
	}
	return 0;
}

int
staff_region(struct req *r, const struct staff *s, long long id, int level,
    struct db_region *reg)
{
	int	 anc[4] = { 0 }, rc;

	rc = id < 1 || id > INT_MAX ? DB_NOTFOUND :
	    db_region_get(r->db, (int)id, reg, anc);
	if (rc == DB_OK && reg->level != level)
		rc = DB_NOTFOUND;
	/* anc holds the region itself at its own level. */
	return staff_scoped(r, s, rc, anc);
}
