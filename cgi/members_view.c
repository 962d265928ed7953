/*
 * What the Party members' pages share (cgi/members.h): numbers in
 * tenths, the menu table of the public and member pages, and the staff
 * sections' form start, roster and action result.  Uses no other
 * members file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "day.h"
#include "figures.h"
#include "html.h"
#include "members.h"

#define MAX_MEMBERS	2000

void
members_tenths(struct buf *b, long long t)
{
	if (t % 10 == 0)
		buf_printf(b, "%lld", t / 10);
	else
		buf_printf(b, "%lld.%lld", t / 10, llabs(t % 10));
}

void
members_today(char d[DB_DATE_LEN + 1])
{
	day_format(fig_today(time(NULL)), d);
}

int
members_menu_table(struct req *r, int community_id, int member_forms,
    const char *csrf)
{
	struct db_item	*it;
	struct buf	*b = &r->body;
	char		 d[DB_DATE_LEN + 1];
	size_t		 n, i;
	int		 rc;

	if ((it = calloc(MEMBERS_MAX_ROWS, sizeof(*it))) == NULL)
		return DB_ERROR;
	members_today(d);
	if ((rc = db_items(r->db, community_id, d, it, MEMBERS_MAX_ROWS,
	    &n)) != DB_OK) {
		free(it);
		return rc;
	}
	buf_add(b, "<table class=\"queue\" id=\"menu\"><thead><tr><th>服务项目"
	    "</th><th>时间</th><th>剩余名额</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		buf_add(b, "<tr><td>");
		html_txt(b, it[i].name);
		buf_add(b, "<br><span class=\"muted\">");
		html_txt(b, it[i].description);
		buf_printf(b, "</span></td><td>%s 至 %s</td><td>%d / %d",
		    it[i].starts_on, it[i].ends_on, it[i].capacity -
		    it[i].claimed, it[i].capacity);
		if (member_forms && it[i].claimed < it[i].capacity &&
		    strcmp(d, it[i].starts_on) >= 0)
			buf_printf(b, " <form method=\"post\" action=\"/member\" "
			    "class=\"inline\"><input type=\"hidden\" name=\""
			    "csrf\" value=\"%s\"><input type=\"hidden\" name=\""
			    "item\" value=\"%d\"><button name=\"action\" value=\""
			    "claim\">认领</button></form>", csrf, it[i].id);
		buf_add(b, "</td></tr>\n");
	}
	if (n == 0)
		buf_add(b, "<tr><td colspan=\"3\" class=\"muted\">暂无正在提供的"
		    "服务项目。</td></tr>\n");
	buf_add(b, "</tbody></table>\n");
	free(it);
	return DB_OK;
}

void
members_form_start(const struct members_view *v, const char *cls,
    const char *action)
{
	struct buf	*b = &v->r->body;

	buf_printf(b, "<form method=\"post\" action=\"/staff/members/%d\" "
	    "class=\"%s\">", v->reg->id, cls);
	auth_csrf_field(b, v->s);
	if (action != NULL)
		buf_printf(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"%s\">", action);
}

/* At most MAX_MEMBERS members; a db_rc. */
int
members_roster_load(const struct members_view *v, int by_points,
    struct db_member **m, size_t *n)
{
	struct db_points pr = DB_POINTS_OF(v->r->cfg);
	int	 rc;

	if ((*m = calloc(MAX_MEMBERS, sizeof(**m))) == NULL)
		return DB_ERROR;
	if ((rc = db_members(v->r->db, v->reg->id, by_points, &pr, *m,
	    MAX_MEMBERS, n)) != DB_OK) {
		free(*m);
		*m = NULL;
	}
	return rc;
}

int
members_act_bad(struct members_act *a, int status, const char *msg)
{
	snprintf(a->msg, sizeof(a->msg), "%s", msg);
	a->status = status;
	return DB_OK;
}

int
members_act_id(const struct members_act *a, size_t slot)
{
	const struct vvalue *v = &a->r->av[slot];

	return v->present && v->error == NULL ? (int)v->i : 0;
}
