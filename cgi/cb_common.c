/*
 * What the co-building pages share (see cgi/cbpage.h).
 */
#include <stdio.h>
#include <time.h>

#include "cbpage.h"
#include "config.h"
#include "day.h"
#include "html.h"
#include "staff.h"

int
cb_may_manage(const struct staff *s)
{
	return (CB_ROLES_MANAGE & ROLE_BIT(s->u.role)) != 0;
}

struct db_scope
cb_scope(const struct staff *s)
{
	struct db_scope	 sc = s->u.scope;

	sc.id[3] = 0;
	if (sc.level > 3)
		sc.level = 3;
	return sc;
}

/* ids with s's own grid below them: db_in_scope then compares the
 * three levels above it. */
static void
with_grid(const struct staff *s, const int ids[4], int out[4])
{
	out[0] = ids[0];
	out[1] = ids[1];
	out[2] = ids[2];
	out[3] = s->u.scope.id[3];
}

int
cb_in_scope(const struct staff *s, const int ids[4])
{
	int	 a[4];

	with_grid(s, ids, a);
	return db_in_scope(&s->u.scope, a);
}

int
cb_scoped(struct req *r, const struct staff *s, int rc, const int ids[4])
{
	int	 a[4];

	with_grid(s, ids, a);
	return staff_scoped(r, s, rc, a);
}

void
unit_begin(struct req *r, const struct staff *s, const char *title)
{
	unit_page_begin(r, s, title, "<a href=\"/unit\">本单位</a> "
	    "<a href=\"/unit/needs\">需求清单</a> "
	    "<a href=\"/unit/resources\">资源清单</a> "
	    "<a href=\"/unit/projects\">项目清单</a> "
	    "<a href=\"/unit/decisions\">议定事项</a> "
	    "<a href=\"/unit/wishes\">微心愿</a>");
}

int
cb_today(char out[CB_DATE_LEN], int *year)
{
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 d;

	localtime_r(&now, &tm);
	d = day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	day_format(d, out);
	if (year != NULL)
		*year = tm.tm_year + 1900;
	return d;
}

int
cb_eval_window(const struct config *c, int year, int today,
    char from[CB_DATE_LEN], char to[CB_DATE_LEN])
{
	int	 a = day_from_ymd(year, c->eval_open_mmdd / 100,
		    c->eval_open_mmdd % 100);
	int	 z = day_from_ymd(year + 1, c->eval_close_mmdd / 100,
		    c->eval_close_mmdd % 100);

	day_format(a, from);
	day_format(z, to);
	return today < a ? -1 : today > z ? 1 : 0;
}

void
cb_due_note(struct buf *b, const struct cb_commitment *c, int today)
{
	int	 due = day_parse(c->due_on), done = day_parse(c->fulfilled_on);

	if (c->state == CMT_OPEN)
		buf_add(b, due < today ? " <span class=\"mark late\">已逾期"
		    "</span>" : due - today <= 30 ? " <span class=\"mark "
		    "warn\">即将到期</span>" : "");
	else if (done > due)
		buf_add(b, " <span class=\"mark late\">逾期兑现</span>");
	else
		buf_add(b, " <span class=\"mark\">按期兑现</span>");
}
