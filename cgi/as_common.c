/*
 * What the assessment pages share (cgi/as_page.h), and the staff index
 * /assess.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "as_page.h"
#include "config.h"
#include "day.h"
#include "html.h"
#include "route.h"

int
as_may_define(const struct staff *s)
{
	return (s->u.role == ROLE_DISTRICT || s->u.role == ROLE_ADMIN) &&
	    s->u.scope.level == REGION_DISTRICT;
}

int
as_round_load(struct req *r, const struct staff *s, long long id,
    struct db_as_round *o, enum as_view *view)
{
	struct db_scope	 rs = { 0 };
	int		 rc, anc[4] = { 0 };

	rc = id < 1 || id > 2147483647 ? DB_NOTFOUND :
	    db_as_round_get(r->db, (int)id, o);
	if (rc != DB_OK) {
		if (rc == DB_NOTFOUND)
			staff_not_found(r);
		else
			http_db_error(r, rc);
		return -1;
	}
	if ((ROLE_BIT(s->u.role) & AS_RUNNERS) &&
	    db_in_scope(&s->u.scope, o->anc)) {
		*view = AS_VIEW_ALL;
		return 0;
	}
	/* Below the round's region: its published rows of the user's. */
	rs.level = o->region_level;
	memcpy(rs.id, o->anc, sizeof(rs.id));
	memcpy(anc, s->u.scope.id, sizeof(anc));
	if (o->state == RND_PUBLISHED && s->u.scope.level > o->region_level &&
	    db_in_scope(&rs, anc)) {
		*view = AS_VIEW_OWN;
		return 0;
	}
	staff_not_found(r);
	return -1;
}

struct db_as_table *
as_table_load(struct req *r, const struct db_as_round *o)
{
	struct db_as_table *t;
	int		 rc;

	if ((t = malloc(sizeof(*t))) == NULL) {
		http_db_error(r, DB_ERROR);
		return NULL;
	}
	rc = o->state == RND_PUBLISHED ? db_as_table_frozen(r->db, o->id, t) :
	    db_as_table_live(r->db, o->id, time(NULL),
	    r->cfg->report_valid_days, t);
	if (rc != DB_OK) {
		free(t);
		http_db_error(r, rc);
		return NULL;
	}
	return t;
}

int
as_row_visible(const struct staff *s, enum as_view v,
    const struct db_as_table *t, size_t i)
{
	return v == AS_VIEW_ALL || db_in_scope(&s->u.scope, t->t[i].anc);
}

void
as_rank_order(const struct db_as_table *t, size_t *order)
{
	size_t		 i;

	for (i = 0; i < t->n; i++)
		order[i] = i;
	for (i = 0; i < t->n; i++)
		if (t->tot[i].rank >= 1 && (size_t)t->tot[i].rank <= t->n)
			order[t->tot[i].rank - 1] = i;
}

void
as_points_txt(char *buf, size_t sz, long long c)
{
	snprintf(buf, sz, "%s%lld.%02lld", c < 0 ? "-" : "", llabs(c) / 100,
	    llabs(c) % 100);
}

void
as_value_txt(char *buf, size_t sz, const struct db_as_ind *ind,
    const struct db_as_result *v)
{
	long long	 pm;

	if (ind->source == AS_SCORE) {
		snprintf(buf, sz, "%s", v->flag == RFLAG_EMPTY ? "未打分" :
		    "打分");
		return;
	}
	if (v->flag == RFLAG_EMPTY || v->flag == RFLAG_INSUFFICIENT ||
	    !v->has_value) {
		snprintf(buf, sz, "%s", word_result_flag[v->flag].label[0] ?
		    word_result_flag[v->flag].label : "无数据");
		return;
	}
	pm = (v->value_m + 500) / 1000;	/* tenths of a per cent */
	snprintf(buf, sz, "%lld.%lld%%（%lld/%lld）%s", pm / 10, pm % 10,
	    v->num, v->den,
	    v->flag == RFLAG_FEW ? " 样本不足" : "");
}

void
as_period_txt(char *buf, size_t sz, const struct db_as_round *o)
{
	char		 f[DAY_LEN + 1], t[DAY_LEN + 1];

	day_format(o->from, f);
	day_format(o->to, t);
	snprintf(buf, sz, "%s 至 %s", f, t);
}

void
as_table_note(char *buf, size_t sz, const struct db_as_table *t)
{
	char		 at[32];
	struct tm	 tm;
	time_t		 a = t->as_of;

	localtime_r(&a, &tm);
	strftime(at, sizeof(at), "%Y-%m-%d %H:%M", &tm);
	if (t->frozen)
		snprintf(buf, sz, "结果按 %s 的数据公布，之后的数据变化不影响"
		    "已公布结果。", at);
	else
		snprintf(buf, sz, "暂定，随数据变化（按 %s 的数据计算）。", at);
}

void
as_round_links(struct buf *b, const struct db_as_round *o, enum as_view v)
{
	buf_printf(b, "<p class=\"quick\"><a href=\"/assess/rounds/%d\">轮次"
	    "详情</a>", o->id);
	if (o->state == RND_PUBLISHED)
		buf_printf(b, "<a href=\"/assess/rounds/%d/board\">红黑榜</a>"
		    "<a href=\"/assess/rounds/%d/results.csv\">导出 CSV</a>"
		    "<a href=\"/assess/rounds/%d/results.xlsx\">导出 XLSX</a>",
		    o->id, o->id, o->id);
	if (v == AS_VIEW_ALL)
		buf_printf(b, "<a href=\"/assess/rounds/%d#ballot\">民主测评</a>",
		    o->id);
	buf_add(b, "<a href=\"/assess/rounds\">全部轮次</a></p>\n");
}

/* GET /assess: the staff index of assessment. */
void
page_assess(struct req *r)
{
	struct staff	 s;
	struct buf	*b = &r->body;

	if (auth_require(r, AS_ROLES, &s) == -1)
		return;
	staff_begin(r, &s, "考评");
	buf_add(b, "<h1>考评</h1>\n<ul class=\"picks\">\n");
	if (as_may_define(&s))
		buf_add(b, "<li><a href=\"/assess/schemes\"><strong>考评方案"
		    "</strong><span class=\"muted\">指标、权重、数据来源；使用中"
		    "的方案只能新建版本</span></a></li>\n");
	buf_add(b, "<li><a href=\"/assess/rounds\"><strong>考评轮次</strong>"
	    "<span class=\"muted\">草拟、进行中（打分、民主测评）、已结束、"
	    "已公布的结果与红黑榜</span></a></li>\n");
	if (ROLE_BIT(s.u.role) & AS_RUNNERS)
		buf_add(b, "<li><a href=\"/assess/rounds#ballot\"><strong>民主"
		    "测评</strong><span class=\"muted\">在轮次页面的“民主测评”"
		    "一节发放测评码、查看参评率</span></a></li>\n");
	buf_add(b, "<li><a href=\"/assess/stars\"><strong>两新组织星级评定"
	    "</strong><span class=\"muted\">自评、街道初评、区级认定</span></a>"
	    "</li>\n</ul>\n");
	html_end(r);
}

VFORM_NONE(form_assess);
