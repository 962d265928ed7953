/*
 * The figures' names, definitions and query (see figures.h).
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "day.h"
#include "figures.h"
#include "http.h"
#include "memo.h"
#include "staff.h"
#include "valid.h"

const char *const fig_rate_ids[FR__MAX] = {
	[FR_RESPONSE] = "response",
	[FR_RESOLUTION] = "resolution",
	[FR_ONTIME] = "ontime",
	[FR_SATISFACTION] = "satisfaction",
	[FR_COMMUNITY] = "community",
	[FR_REPORTING] = "reporting",
	[FR_PARTICIPATION] = "participation",
};

/*
 * The definitions: each says what the code computes (sql/sqls.c's
 * STATS_CONTRIB and SQL_STATS_MEMBERS, fig_rate, the means below), in
 * DESIGN.md's words (fig_words).  E: the end of the period or now,
 * whichever is earlier.
 */
const struct fig_def fig_defs[FD__MAX] = {
	[FR_RESPONSE] = { "响应率", "按时受理", "有效量", NULL,
	    "有效诉求中，在类别响应时限内首次受理（工作人员接手）的比例", 0 },
	[FR_RESOLUTION] = { "办结率", "已办结", "有效量", NULL,
	    "有效诉求（收到量减不予受理）中，至今已办结（含已完结）的比例",
	    0 },
	[FR_ONTIME] = { "按期办结率", "按期办结", "已办结", NULL,
	    "已办结诉求中，办结时间不晚于办结期限的比例（办结期限自受理起算，"
	    "退回重办时重新起算）", 0 },
	[FR_SATISFACTION] = { "满意率", "满意与基本满意", "已评价", NULL,
	    "已评价诉求中，评价为“满意”或“基本满意”的比例", 0 },
	[FR_COMMUNITY] = { "社区解决率", "社区层级办结", "已办结", NULL,
	    "已办结诉求中，从未上报到街道或区（办理层级始终为社区）的比例",
	    0 },
	[FR_REPORTING] = { "报到率", "报到有效的在职党员", "在职党员", NULL,
	    "截至时段末或此刻（取较早者），名册上的在职党员中报到有效"
	    "（确认后在有效期内）的比例", 1 },
	[FR_PARTICIPATION] = { "参与率", "有参与记录", "报到有效的党员",
	    NULL, "截至时段末或此刻（取较早者）报到有效的党员中，时段内至少有"
	    "一条参与记录的比例", 1 },
	[FM_RECEIVED] = { "收到量", NULL, NULL, "件",
	    "时段内提交（按提交日期）、地点在范围内的诉求数", 0 },
	[FM_REJECTED] = { "不予受理", NULL, NULL, "件",
	    "其中工作人员不予受理（重复、无效或不属于受理范围）或群众撤回"
	    "的诉求数", 0 },
	[FM_VALID] = { "有效量", NULL, NULL, "件",
	    "收到量减不予受理（含群众撤回）", 0 },
	[FM_OPEN] = { "在办量", NULL, NULL, "件",
	    "有效诉求中尚未办结的", 0 },
	[FM_OVERDUE] = { "其中已超期", NULL, NULL, "件",
	    "在办诉求中此刻已过办结期限的", 0 },
	[FM_MEAN_HOURS] = { "平均办结时长", NULL, "已办结", "小时",
	    "已办结诉求自提交至办结的平均小时数", 0 },
	[FM_ROSTER] = { "名册党员", NULL, NULL, "人",
	    "截至时段末或此刻（取较早者），范围内各社区名册上的党员", 1 },
	[FM_HOURS] = { "服务时长", NULL, NULL, "小时",
	    "时段内范围内党员参与记录的时长合计", 1 },
	[FM_HOURS_PER_MEMBER] = { "人均服务时长", NULL, "报到有效的党员",
	    "小时", "服务时长除以截至时段末或此刻（取较早者）报到有效的党员数",
	    1 },
};

const struct fig_word fig_words[] = {
	{ "提交 / 收到", "群众或外部系统的诉求到达本系统；收到量、按提交日期、"
	    "提交批次均指此", "不是“受理”" },
	{ "受理", "工作人员首次接手诉求（“受理”操作）；响应率、受理时间均指此",
	    "不是诉求到达" },
	{ "诉求编号", "提交时给出的查询编号（回执上的8位编号），凭它和手机号后"
	    "四位查询进度", "不是“受理编号”：提交时诉求尚未受理" },
	{ "不予受理", "工作人员认定诉求重复、无效或不属于受理范围，不再办理",
	    NULL },
	{ "撤回", "群众表示不再需要办理，工作人员代为撤回（代群众撤回）；"
	    "与不予受理一样不计入有效量，也不算办结", "不是“办结”" },
	{ "办结", "工作人员登记了办理结果", "不是“完结”（评价后或期满后的"
	    "最终状态）" },
	{ "办结时长", "办结时间减提交时间", "不是自受理起算" },
	{ "响应期限 / 办结期限", "诉求上记录的受理期限与办结期限（办结期限自"
	    "受理起算，退回重办时重新起算）", NULL },
	{ "报到", "党员（或被吹哨的部门）到社区报到，经确认后在有效期内有效",
	    NULL },
	{ "办理层级", "此刻办理诉求的层级：社区、街道、区", NULL },
	{ "截至时段末或此刻", "党员指标的时点：时段末与此刻中较早者，"
	    "不计尚未发生的事", NULL },
	{ FIG_MARK_INCOMPLETE, "时段尚未结束，或其中部分诉求尚未到办结期限："
	    "数字还会变化，不能与已完结的时段相比", NULL },
	{ FIG_MARK_BELOW, "比率低于目标值（[figures] target_percent）", NULL },
};
const size_t fig_nwords = sizeof(fig_words) / sizeof(fig_words[0]);

const char *const fig_incomplete[FIG_INCOMPLETE__MAX] = {
	[FIG_NOT_OVER] = "本期尚未结束",
	[FIG_NOT_SETTLED] = "部分诉求尚未到办结期限",
};

const char *const fig_group_names[FG__MAX] = {
	"none",		/* FG_NONE */
	"child",	/* FG_CHILD */
	"category",	/* FG_CATEGORY */
	"month",	/* FG_MONTH */
};

int
fig_complete(int to, int today, int settle_days, const char **reason)
{
	*reason = NULL;
	if (to >= today)
		*reason = fig_incomplete[FIG_NOT_OVER];
	else if (to + settle_days >= today)
		*reason = fig_incomplete[FIG_NOT_SETTLED];
	return *reason == NULL;
}

int
fig_row_complete(const struct fig_query *fq, const struct fig_result *res,
    size_t i, const char **reason)
{
	int	 to = fq->q.to, y, m, last;

	if (i != FIG_TOTAL && i < res->n && fq->q.group == DB_STATS_MONTH) {
		y = res->rows[i].key / 100;
		m = res->rows[i].key % 100;
		last = day_month_next(day_from_ymd(y, m, 1)) - 1;
		to = last < to ? last : to;
	}
	return fig_complete(to, fig_today(fq->as_of), res->settle_days,
	    reason);
}

int
fig_below_target(enum fig_rate k, const struct db_figures *f,
    int target_percent)
{
	long long	 num, den;

	return fig_rate(k, f, &num, &den) > 0 &&
	    num * 100 < (long long)target_percent * den;
}

int
fig_rate_at(enum fig_rate k, int level)
{
	return !fig_rates[k].members || level < 4;
}

long long
fig_valid(const struct db_figures *f)
{
	return f->received - f->rejected;
}

long long
fig_open(const struct db_figures *f)
{
	return fig_valid(f) - f->resolved;
}

int
fig_mean_hours(const struct db_figures *f, double *v)
{
	*v = f->resolved > 0 ? (double)f->resolve_s / 3600.0 /
	    (double)f->resolved : 0.0;
	return f->resolved > 0;
}

int
fig_hours_per_member(const struct db_figures *f, double *v)
{
	*v = f->reported > 0 ? (double)f->hours_tenths / 10.0 /
	    (double)f->reported : 0.0;
	return f->reported > 0;
}

int
fig_rate(enum fig_rate k, const struct db_figures *f, long long *num,
    long long *den)
{
	*num = *den = 0;
	switch (k) {
	case FR_RESPONSE:
		*num = f->responded, *den = fig_valid(f);
		break;
	case FR_RESOLUTION:
		*num = f->resolved, *den = fig_valid(f);
		break;
	case FR_ONTIME:
		*num = f->ontime, *den = f->resolved;
		break;
	case FR_SATISFACTION:
		*num = f->satisfied, *den = f->rated;
		break;
	case FR_COMMUNITY:
		*num = f->community, *den = f->resolved;
		break;
	case FR_REPORTING:
		if (!f->members)
			return -1;
		*num = f->in_service_reported, *den = f->in_service;
		break;
	case FR_PARTICIPATION:
		if (!f->members)
			return -1;
		*num = f->participants, *den = f->reported;
		break;
	default:
		return -1;
	}
	return *den > 0;
}

int
fig_today(time_t t)
{
	struct tm	 tm;

	localtime_r(&t, &tm);
	return (int)((t + tm.tm_gmtoff) / 86400);
}

const struct vfield fig_fields[FF__MAX] = { FIG_FIELDS };

#define MAX_DAYS 3660		/* the longest period: ten years */

/*
 * What this process computed or read lately, for [figures] cache_seconds:
 * figures by query, and regions (name, level, ancestors) by id.
 */
static struct memo figures = MEMO_INIT(256);
static struct memo regions = MEMO_INIT(1024);

struct placed {
	struct db_region reg;
	int		 anc[4];
};

int
fig_region(struct req *r, int id, struct db_region *reg, int anc[4])
{
	struct placed	 p;
	time_t		 now = time(NULL);
	int		 ttl = r->cfg->figures_cache_s, rc;

	if (ttl > 0 && memo_get(&regions, &id, sizeof(id), now - ttl, &p,
	    sizeof(p), NULL) == (long)sizeof(p)) {
		*reg = p.reg;
		memcpy(anc, p.anc, sizeof(p.anc));
		return DB_OK;
	}
	if ((rc = db_region_get(r->db, id, reg, anc)) == DB_OK && ttl > 0) {
		p.reg = *reg;
		memcpy(p.anc, anc, sizeof(p.anc));
		memo_put(&regions, &id, sizeof(id), &p, sizeof(p), now);
	}
	return rc;
}

void
fig_key(const struct fig_query *fq, struct fig_key *k)
{
	memset(k, 0, sizeof(*k));
	k->q.scope = fq->q.scope;
	k->q.from = fq->q.from;
	k->q.to = fq->q.to;
	k->q.group = fq->q.group;
	k->q.overdue = fq->q.overdue;
	k->q.report_days = fq->q.report_days;
	k->region_id = fq->region_id;
	k->group = fq->group;
}

int
fig_stats(struct req *r, struct fig_query *fq, struct fig_result *res)
{
	struct fig_key	 key;
	time_t		 now = time(NULL), at;
	int		 ttl = r->cfg->figures_cache_s, rc;
	size_t		 len;

	fig_key(fq, &key);
	if (ttl > 0 && memo_get(&figures, &key, sizeof(key), now - ttl, res,
	    sizeof(*res), &at) >= (long)offsetof(struct fig_result, rows)) {
		fq->as_of = fq->q.now = at;
		return DB_OK;
	}
	fq->as_of = fq->q.now = now;
	if ((rc = db_stats(r->db, &fq->q, &res->total, res->rows,
	    FIG_ROWS_MAX, &res->n)) != DB_OK ||
	    (rc = db_stats_settle_days(r->db, &res->settle_days)) != DB_OK)
		return rc;
	len = offsetof(struct fig_result, rows) + res->n * sizeof(res->rows[0]);
	if (ttl > 0)
		memo_put(&figures, &key, sizeof(key), res, len, now);
	return DB_OK;
}

void
fig_cache_counts(unsigned long long *hits, unsigned long long *misses)
{
	unsigned long long h, m;

	memo_counts(&figures, hits, misses);
	memo_counts(&regions, &h, &m);
	*hits += h;
	*misses += m;
}

enum fig_rc {
	FIG_OK,
	FIG_BAD,		/* a bad parameter: 400 with *msg */
	FIG_NOTFOUND,		/* no such region in the user's scope: 404 */
	FIG_DB,			/* the database failed: *dbrc */
};

/*
 * The query of r->v[FF_...] into fq: FIG_OK, or what failed (a message,
 * or the database's code).
 */
static enum fig_rc
parse(struct req *r, const struct staff *s, enum fig_group dflt,
    struct fig_query *fq, const char **msg, int *dbrc)
{
	const struct vvalue *v = r->v;
	struct db_region reg;
	int		 anc[4] = { 0 }, today, y, m, d, i, rc;
	const struct db_scope *sc = &s->u.scope;

	memset(fq, 0, sizeof(*fq));
	if ((*msg = valid_first_error(v, FF__MAX)) != NULL)
		return FIG_BAD;

	/* The scope: a region of the user's subtree. */
	fq->region_id = v[FF_REGION].present ? (int)v[FF_REGION].i :
	    sc->level > 0 ? sc->id[sc->level - 1] : 0;
	if (fq->region_id == 0) {
		if (sc->level != 0)
			return FIG_NOTFOUND;
		snprintf(fq->region_name, sizeof(fq->region_name), "全部辖区");
	} else {
		rc = fig_region(r, fq->region_id, &reg, anc);
		if (rc == DB_NOTFOUND || (rc == DB_OK &&
		    !db_in_scope(sc, anc)))
			return FIG_NOTFOUND;
		if (rc != DB_OK) {
			*dbrc = rc;
			return FIG_DB;
		}
		fq->level = reg.level;
		memcpy(fq->region_name, reg.name, sizeof(fq->region_name));
	}
	fq->q.scope.level = fq->level;
	for (i = 0; i < fq->level; i++)
		fq->q.scope.id[i] = anc[i];
	fq->child_name = fq->level + 1 < REGION__MAX ?
	    word_region[fq->level + 1].label : "";

	/* The period: days, from <= to, at most ten years. */
	fq->as_of = time(NULL);
	today = fig_today(fq->as_of);
	fq->q.to = v[FF_TO].present ? (int)v[FF_TO].i : today;
	if (v[FF_FROM].present)
		fq->q.from = (int)v[FF_FROM].i;
	else {
		day_ymd(fq->q.to, &y, &m, &d);
		m -= 11;
		if (m < 1)
			m += 12, y--;
		fq->q.from = day_from_ymd(y, m, 1);
	}
	if (fq->q.from < 0) {		/* before 1970 */
		*msg = FIG_DATE_MSG;
		return FIG_BAD;
	}
	if (fq->q.from > fq->q.to) {
		*msg = "开始日期不能晚于结束日期";
		return FIG_BAD;
	}
	if (fq->q.to - fq->q.from >= MAX_DAYS) {
		*msg = "时段最长十年";
		return FIG_BAD;
	}
	day_format(fq->q.from, fq->from);
	day_format(fq->q.to, fq->to);

	/* The grouping. */
	fq->group = v[FF_GROUP].present ? (enum fig_group)v[FF_GROUP].i :
	    dflt;
	if (fq->group == FG_CHILD && fq->level == 4) {
		if (v[FF_GROUP].present) {
			*msg = "网格没有下级区域";
			return FIG_BAD;
		}
		fq->group = FG_NONE;
	}
	switch (fq->group) {
	case FG_CHILD:
		fq->q.group = (enum db_stats_group)(fq->level + 1);
		break;
	case FG_CATEGORY:
		fq->q.group = DB_STATS_CATEGORY;
		break;
	case FG_MONTH:
		fq->q.group = DB_STATS_MONTH;
		break;
	default:
		fq->q.group = DB_STATS_TOTAL;
		break;
	}
	fq->q.now = fq->as_of;
	fq->q.overdue = v[FF_OVERDUE].present && v[FF_OVERDUE].i == 1;
	fq->q.report_days = r->cfg->report_valid_days;
	return FIG_OK;
}

int
fig_parse(struct req *r, const struct staff *s, enum fig_group dflt,
    const char *heading, struct fig_query *fq)
{
	const char	*msg = NULL;
	int		 dbrc = DB_ERROR;

	switch (parse(r, s, dflt, fq, &msg, &dbrc)) {
	case FIG_OK:
		return 0;
	case FIG_BAD:
		http_error(r, 400, heading, msg);
		break;
	case FIG_NOTFOUND:
		staff_not_found(r);
		break;
	default:
		http_db_error(r, dbrc);
		break;
	}
	return -1;
}
