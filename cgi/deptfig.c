/*
 * The departments' figures (see deptfig.h).  Cohort: the summons issued
 * in the period for requests whose location lies in the scope; 部门报到率
 * = reported within the department's response limit / issued; 部门按期办结率
 * = answered within its resolve limit / answered; both as of the end of
 * the period or the figures' time, the earlier (sql/depts.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "deptfig.h"
#include "html.h"

#define DEPT_ROWS	DEPTFIG_ROWS

int
deptfig_load(struct req *r, const struct fig_query *fq,
    struct db_dept_figures *t, struct db_dept_figures **rows, size_t *n)
{
	int	 rc;

	*n = 0;
	if ((*rows = calloc(DEPT_ROWS, sizeof(**rows))) == NULL)
		return DB_ERROR;
	if ((rc = db_dept_figures(r->db, &fq->q.scope, fq->q.from, fq->q.to,
	    fq->as_of, t, *rows, DEPT_ROWS, n)) != DB_OK) {
		free(*rows);
		*rows = NULL;
	}
	return rc;
}

static json_t *
rate(long long num, long long den)
{
	return json_pack("{s:I,s:I,s:o}", "num", (json_int_t)num, "den",
	    (json_int_t)den, "value", den > 0 ?
	    json_real((double)num / (double)den) : json_null());
}

static json_t *
one(const struct db_dept_figures *d, int named)
{
	json_t	*o = json_pack("{s:I,s:I,s:I,s:I,s:o,s:o}",
	    "issued", (json_int_t)d->issued,
	    "reported_in_time", (json_int_t)d->in_time,
	    "answered", (json_int_t)d->answered,
	    "answered_on_time", (json_int_t)d->ontime,
	    "response_rate", rate(d->in_time, d->issued),
	    "on_time_rate", rate(d->ontime, d->answered));

	if (o != NULL && named && (json_object_set_new(o, "unit",
	    json_integer(d->unit_id)) == -1 || json_object_set_new(o, "name",
	    json_string(d->name)) == -1 || json_object_set_new(o, "region",
	    json_string(d->region)) == -1)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *
deptfig_json(struct req *r, const struct fig_query *fq, int *rc)
{
	struct db_dept_figures t, *rows;
	json_t		*o = NULL, *arr, *x;
	size_t		 n, i;

	if ((*rc = deptfig_load(r, fq, &t, &rows, &n)) != DB_OK)
		return NULL;
	*rc = DB_ERROR;
	if ((arr = json_array()) == NULL)
		goto out;
	for (i = 0; i < n; i++)
		if ((x = one(&rows[i], 1)) == NULL ||
		    json_array_append_new(arr, x) == -1) {
			json_decref(arr);
			goto out;
		}
	if ((x = one(&t, 0)) == NULL) {
		json_decref(arr);
		goto out;
	}
	if ((o = json_pack("{s:o,s:o}", "total", x, "rows", arr)) != NULL)
		*rc = DB_OK;
out:
	free(rows);
	return o;
}

/* A rate cell: "93.1%（27/29）", or "—" for an empty denominator. */
static void
cell(struct buf *b, long long num, long long den)
{
	if (den <= 0)
		buf_add(b, "<td>—</td>");
	else
		buf_printf(b, "<td>%.1f%%（%lld/%lld）</td>",
		    100.0 * (double)num / (double)den, num, den);
}

static void
row(struct buf *b, const struct db_dept_figures *d, const char *name,
    const char *region)
{
	buf_add(b, "<tr><th scope=\"row\">");
	html_txt(b, name);
	if (region != NULL) {
		buf_add(b, "<br><span class=\"muted\">");
		html_txt(b, region);
		buf_add(b, "</span>");
	}
	buf_printf(b, "</th><td>%lld</td><td>%lld</td><td>%lld</td>"
	    "<td>%lld</td>", d->issued, d->in_time, d->answered, d->ontime);
	cell(b, d->in_time, d->issued);
	cell(b, d->ontime, d->answered);
	buf_add(b, "</tr>\n");
}

void
deptfig_table(struct req *r, const struct fig_query *fq)
{
	struct db_dept_figures t, *rows;
	struct buf	*b = &r->body;
	size_t		 n, i;

	buf_add(b, "<section><h2>职能部门（吹哨报到）</h2>\n");
	if (deptfig_load(r, fq, &t, &rows, &n) != DB_OK) {
		buf_add(b, "<p class=\"muted\">职能部门的数据暂时无法读取。"
		    "</p></section>\n");
		return;
	}
	buf_add(b, "<p class=\"muted\">"
	    "口径：本时段内召集（吹哨）的部门次数，范围按诉求地点；报到率 = "
	    "在报到时限内报到 ÷ 召集；按期办结率 = 在办结时限内办结 ÷ 已办结；"
	    "均截至时段结束或数据截至时间（取较早者）。</p>\n");
	if (n == 0) {
		buf_add(b, "<p class=\"muted\">本时段没有召集职能部门。</p>"
		    "</section>\n");
		free(rows);
		return;
	}
	buf_add(b, "<div class=\"scroll\"><table class=\"depts\">\n<thead><tr>"
	    "<th scope=\"col\">部门</th><th scope=\"col\">召集</th>"
	    "<th scope=\"col\">按时报到</th><th scope=\"col\">已办结</th>"
	    "<th scope=\"col\">按期办结</th><th scope=\"col\">部门报到率</th>"
	    "<th scope=\"col\">部门按期办结率</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++)
		row(b, &rows[i], rows[i].name, rows[i].region);
	row(b, &t, "合计", NULL);
	buf_add(b, "</tbody></table></div></section>\n");
	free(rows);
}
