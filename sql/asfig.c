/*
 * The figure sources of assessment indicators, and a round's table
 * (sql/assess.h): computed live from the figures, scores and ballots, or
 * read back frozen; the publication that freezes it.
 *
 * THE FIGURE TABLE.  One entry per figure an indicator may take: its
 * code (assess_indicators.figure), label, the targets it applies to, how
 * it is read, and its reader with an argument.  A reader gives num and
 * den for the context's target region and period as of its time; the
 * context keeps what one query gave (db_stats, db_dept_figures) for the
 * other figures of the same target (db_stats, db_dept_figures and the
 * co-building figures' db_cb_figures).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessdb.h"
#include "cbfigdb.h"
#include "dbint.h"

struct as_fig_ctx {
	struct db	*db;
	struct db_scope	 scope;		/* the target region */
	int		 from, to;
	time_t		 now;
	int		 report_days;
	int		 have_stats;
	struct db_figures f;
	int		 have_dept;
	struct db_dept_figures d;
	int		 have_cb;
	struct db_cb_figures cb;
};

#define T_REGIONS	((1u << AT_COMMUNITY) | (1u << AT_STREET))

/* The request and member figures (DESIGN.md "The figures"), as
 * cgi/figures.c's fig_rate reads them from one db_stats total. */
enum { RQ_RESPONSE, RQ_RESOLUTION, RQ_ONTIME, RQ_SATISFACTION,
    RQ_COMMUNITY, MB_REPORTING, MB_PARTICIPATION };

static int
read_stats(struct as_fig_ctx *c, int arg, long long *num, long long *den)
{
	const struct db_figures *f = &c->f;
	long long	 valid;
	size_t		 nn = 0;
	int		 rc;

	if (!c->have_stats) {
		struct db_stats_query q = { .scope = c->scope, .from = c->from,
		    .to = c->to, .group = DB_STATS_TOTAL, .now = c->now,
		    .report_days = c->report_days };
		if ((rc = db_stats(c->db, &q, &c->f, NULL, 0, &nn)) != DB_OK)
			return rc;
		c->have_stats = 1;
	}
	valid = f->received - f->rejected;
	switch (arg) {
	case RQ_RESPONSE:	*num = f->responded; *den = valid; break;
	case RQ_RESOLUTION:	*num = f->resolved; *den = valid; break;
	case RQ_ONTIME:		*num = f->ontime; *den = f->resolved; break;
	case RQ_SATISFACTION:	*num = f->satisfied; *den = f->rated; break;
	case RQ_COMMUNITY:	*num = f->community; *den = f->resolved; break;
	case MB_REPORTING:
		*num = f->in_service_reported;
		*den = f->in_service;
		break;
	default:
		*num = f->participants;
		*den = f->reported;
		break;
	}
	return DB_OK;
}

/* The co-building figures (DESIGN.md "Co-building figures") of the
 * target region, outcomes counted up to the end of the period or the
 * context's day, whichever is earlier, as the dashboard counts them. */
enum { CB_PARTICIPATION, CB_COMMITMENT, CB_NEED_CLAIM, CB_NEED_DONE,
    CB_WISH, CB_DECISION, CB_EVAL_CU };

static int
read_cobuild(struct as_fig_ctx *c, int arg, long long *num, long long *den)
{
	const struct db_cb_figures *f = &c->cb;
	struct tm	 tm;
	size_t		 n = 0;
	int		 today, rc;

	if (!c->have_cb) {
		localtime_r(&c->now, &tm);
		today = (int)((c->now + tm.tm_gmtoff) / 86400);
		if ((rc = db_cb_figures(c->db, &c->scope, c->from, c->to,
		    c->to < today ? c->to : today, 0, &c->cb, NULL, 0,
		    &n)) != DB_OK)
			return rc;
		c->have_cb = 1;
	}
	switch (arg) {
	case CB_PARTICIPATION:	*num = f->active; *den = f->pairs; break;
	case CB_COMMITMENT:	*num = f->commit_kept; *den = f->commit_due;
		break;
	case CB_NEED_CLAIM:	*num = f->needs_claimed; *den = f->needs; break;
	case CB_NEED_DONE:	*num = f->needs_done; *den = f->needs_claimed;
		break;
	case CB_WISH:		*num = f->wishes_done; *den = f->wishes; break;
	case CB_DECISION:	*num = f->decisions_ontime;
		*den = f->decisions;
		break;
	default:		*num = f->cu_sat; *den = f->cu; break;
	}
	return DB_OK;
}

/* 部门报到率: summons issued in the period for requests of the target
 * region, reported within the department's limit. */
static int
read_dept(struct as_fig_ctx *c, int arg, long long *num, long long *den)
{
	struct db_dept_figures *rows;
	size_t		 n = 0;
	int		 rc = DB_OK;

	(void)arg;
	if (!c->have_dept) {
		if ((rows = calloc(256, sizeof(*rows))) == NULL)
			return DB_ERROR;
		rc = db_dept_figures(c->db, &c->scope, c->from, c->to, c->now,
		    &c->d, rows, 256, &n);
		free(rows);
		if (rc != DB_OK)
			return rc;
		c->have_dept = 1;
	}
	*num = c->d.in_time;
	*den = c->d.issued;
	return DB_OK;
}

const struct db_as_figure db_as_figures[] = {
	{ "response_rate", "响应率", T_REGIONS, "有效诉求中在响应期限内受理的"
	    "比例（期间内提交的诉求，截至此时）", read_stats, RQ_RESPONSE },
	{ "resolution_rate", "办结率", T_REGIONS, "有效诉求中已办结或已完结的"
	    "比例", read_stats, RQ_RESOLUTION },
	{ "ontime_rate", "按期办结率", T_REGIONS, "已办结诉求中在办结期限内"
	    "办结的比例", read_stats, RQ_ONTIME },
	{ "satisfaction_rate", "满意率", T_REGIONS, "已评价诉求中满意和基本"
	    "满意的比例", read_stats, RQ_SATISFACTION },
	{ "community_rate", "社区解决率", T_REGIONS, "已办结诉求中未上交到"
	    "街道或区的比例", read_stats, RQ_COMMUNITY },
	{ "reporting_rate", "报到率", T_REGIONS, "在职党员中持有效报到的比例"
	    "（截至期间末或此时，取较早者）", read_stats, MB_REPORTING },
	{ "participation_rate", "参与率", T_REGIONS, "持有效报到的党员中期间"
	    "内参加过活动的比例", read_stats, MB_PARTICIPATION },
	{ "dept_response_rate", "部门报到率", 1u << AT_STREET, "期间内为本"
	    "街道诉求召集的职能部门在报到时限内报到的比例", read_dept, 0 },
	{ "unit_participation_rate", "单位参与率", T_REGIONS, "协议在期内"
	    "有效的共建单位中期内有履约、认领、领办或参会的比例",
	    read_cobuild, CB_PARTICIPATION },
	{ "commitment_rate", "承诺兑现率", T_REGIONS, "期内到期的承诺中"
	    "按期兑现并经确认的比例", read_cobuild, CB_COMMITMENT },
	{ "need_claim_rate", "需求认领率", T_REGIONS, "期内发布的需求中"
	    "已被认领的比例（撤回的除外）", read_cobuild, CB_NEED_CLAIM },
	{ "need_completion_rate", "需求办结率", T_REGIONS, "期内发布并已"
	    "认领的需求中已办结的比例", read_cobuild, CB_NEED_DONE },
	{ "wish_rate", "心愿实现率", T_REGIONS, "期内发布的微心愿中已实现"
	    "并经确认的比例（撤回的除外）", read_cobuild, CB_WISH },
	{ "decision_rate", "议定事项按期办结率", T_REGIONS, "期内到期的"
	    "联席会议议定事项中按期办结的比例", read_cobuild, CB_DECISION },
	{ "cobuild_satisfaction_rate", "共建评议满意率（社区评单位）",
	    T_REGIONS, "期内社区对共建单位的评议中满意和基本满意的比例",
	    read_cobuild, CB_EVAL_CU },
};
const size_t db_as_nfigures = NELEM(db_as_figures);

int
db_as_figure_find(const char *code)
{
	size_t		 i;

	for (i = 0; i < db_as_nfigures; i++)
		if (strcmp(db_as_figures[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* The index of target id in t, or -1. */
static int
target_index(const struct db_as_table *t, int id)
{
	size_t		 i;

	for (i = 0; i < t->n; i++)
		if (t->t[i].id == id)
			return (int)i;
	return -1;
}

/* The index of indicator id in t's scheme, or -1. */
static int
ind_index(const struct db_as_table *t, int id)
{
	size_t		 i;

	for (i = 0; i < t->scheme.nind; i++)
		if (t->scheme.ind[i].id == id)
			return (int)i;
	return -1;
}

/* Round, scheme and targets of round_id into t. */
static int
table_head(struct db *db, int round_id, struct db_as_table *t)
{
	int		 rc;

	memset(t, 0, sizeof(*t));
	if ((rc = db_as_round_get(db, round_id, &t->round)) != DB_OK ||
	    (rc = db_as_scheme_get(db, t->round.scheme_id, &t->scheme)) !=
	    DB_OK)
		return rc;
	return db_as_targets(db, &t->round, t->t, AS_TARGETS_MAX, &t->n);
}

/* Totals and ranks of t from its values. */
static int
table_rank(struct db_as_table *t)
{
	struct assess_rank_row rows[AS_TARGETS_MAX];
	long long	 pts[AS_TARGETS_MAX][AS_IND_MAX];
	size_t		 i, k;

	for (i = 0; i < t->n; i++) {
		t->tot[i].points_c = 0;
		for (k = 0; k < t->scheme.nind; k++) {
			pts[i][k] = t->res[i][k].points_c;
			t->tot[i].points_c += pts[i][k];
			if (t->res[i][k].flag == RFLAG_FEW)
				t->tot[i].few = 1;
		}
		rows[i] = (struct assess_rank_row){ t->tot[i].points_c, pts[i],
		    t->scheme.nind, t->t[i].code, 0 };
	}
	if (assess_rank(rows, t->n) == -1)
		return DB_ERROR;
	for (i = 0; i < t->n; i++)
		t->tot[i].rank = rows[i].rank;
	return DB_OK;
}

/* The figure values of target i. */
static int
live_figures(struct db *db, struct db_as_table *t, size_t i, time_t now,
    int report_days)
{
	struct as_fig_ctx c = { .db = db, .from = t->round.from,
	    .to = t->round.to, .now = now, .report_days = report_days };
	const struct db_as_ind *ind;
	struct db_as_result *v;
	long long	 num, den;
	size_t		 k;
	int		 fi, rc;

	c.scope.level = t->round.target == AT_STREET ? REGION_STREET :
	    REGION_COMMUNITY;
	memcpy(c.scope.id, t->t[i].anc, sizeof(c.scope.id));
	for (k = 0; k < t->scheme.nind; k++) {
		ind = &t->scheme.ind[k];
		v = &t->res[i][k];
		if (ind->source != AS_FIGURE)
			continue;
		if ((fi = db_as_figure_find(ind->figure)) == -1 ||
		    !(db_as_figures[fi].targets & (1u << t->round.target))) {
			v->flag = RFLAG_EMPTY;
			continue;
		}
		if ((rc = db_as_figures[fi].read(&c, db_as_figures[fi].arg,
		    &num, &den)) != DB_OK)
			return rc;
		v->has_num = 1;
		v->num = num;
		v->den = den;
		v->flag = assess_figure_flag(den, ind->min_count);
		if (den > 0) {
			v->has_value = 1;
			v->value_m = assess_millionths(num, den);
			v->points_c = assess_points(ind->weight_c, num, den,
			    ind->floor_tt, ind->target_tt);
		}
	}
	return DB_OK;
}

/* Scores, ballots and turnouts of t's round into its values. */
static int
live_entered(struct db *db, struct db_as_table *t)
{
	struct db_as_score *sc = NULL;
	struct { int target, ind; long long yes, votes; } b = { 0 }, *bs = NULL;
	struct { int target; long long issued, spent; } u = { 0 }, *us = NULL;
	struct dbp	 p[] = { P_INT(t->round.id) };
	struct dbr	 rb[] = { R_I32(&b.target), R_I32(&b.ind), R_INT(&b.yes),
	    R_INT(&b.votes) };
	struct dbr	 ru[] = { R_I32(&u.target), R_INT(&u.issued),
	    R_INT(&u.spent) };
	size_t		 max = AS_TARGETS_MAX * AS_IND_MAX, n = 0, nb = 0, nu = 0;
	size_t		 j, k;
	int		 ti, ki, rc;
	struct db_as_result *v;
	const struct db_as_ind *ind;

	sc = calloc(max, sizeof(*sc));
	bs = calloc(max, sizeof(*bs));
	us = calloc(AS_TARGETS_MAX, sizeof(*us));
	rc = sc == NULL || bs == NULL || us == NULL ? DB_ERROR :
	    db_as_scores(db, t->round.id, sc, max, &n);
	if (rc == DB_OK)
		rc = db_rows(db, SQL_AS_TALLIES, p, NELEM(p), rb, NELEM(rb), &b,
		    sizeof(b), bs, max, &nb);
	if (rc == DB_OK)
		rc = db_rows(db, SQL_AS_TURNOUT, p, NELEM(p), ru, NELEM(ru), &u,
		    sizeof(u), us, AS_TARGETS_MAX, &nu);
	if (rc != DB_OK)
		goto out;
	for (j = 0; j < nu; j++)
		if ((ti = target_index(t, us[j].target)) >= 0) {
			t->tot[ti].issued = us[j].issued;
			t->tot[ti].spent = us[j].spent;
		}
	/* every score and ballot value starts empty */
	for (j = 0; j < t->n; j++)
		for (k = 0; k < t->scheme.nind; k++)
			if (t->scheme.ind[k].source != AS_FIGURE)
				t->res[j][k].flag = t->scheme.ind[k].source ==
				    AS_BALLOT ? assess_ballot_flag(0,
				    t->tot[j].issued, t->tot[j].spent,
				    t->round.min_turnout_tt, 0) : RFLAG_EMPTY;
	for (j = 0; j < n; j++) {
		if ((ti = target_index(t, sc[j].target_id)) < 0 ||
		    (ki = ind_index(t, sc[j].indicator_id)) < 0 ||
		    t->scheme.ind[ki].source != AS_SCORE)
			continue;
		t->res[ti][ki].points_c = sc[j].points_c;
		t->res[ti][ki].flag = RFLAG_OK;
	}
	for (j = 0; j < nb; j++) {
		if ((ti = target_index(t, bs[j].target)) < 0 ||
		    (ki = ind_index(t, bs[j].ind)) < 0 ||
		    t->scheme.ind[ki].source != AS_BALLOT)
			continue;
		ind = &t->scheme.ind[ki];
		v = &t->res[ti][ki];
		v->has_num = 1;
		v->num = bs[j].yes;
		v->den = bs[j].votes;
		v->flag = assess_ballot_flag(v->den, t->tot[ti].issued,
		    t->tot[ti].spent, t->round.min_turnout_tt, ind->min_count);
		if (v->flag == RFLAG_OK || v->flag == RFLAG_FEW) {
			v->has_value = 1;
			v->value_m = assess_millionths(v->num, v->den);
			v->points_c = assess_points(ind->weight_c, v->num,
			    v->den, ind->floor_tt, ind->target_tt);
		}
	}
out:
	free(sc);
	free(bs);
	free(us);
	return rc;
}

int
db_as_table_live(struct db *db, int round_id, time_t now, int report_days,
    struct db_as_table *t)
{
	size_t		 i;
	int		 rc;

	if ((rc = table_head(db, round_id, t)) != DB_OK)
		return rc;
	t->as_of = now;
	if ((rc = live_entered(db, t)) != DB_OK)
		return rc;
	for (i = 0; i < t->n && t->round.target != AT_ORG; i++)
		if ((rc = live_figures(db, t, i, now, report_days)) != DB_OK)
			return rc;
	return table_rank(t);
}

int
db_as_table_frozen(struct db *db, int round_id, struct db_as_table *t)
{
	struct {
		int target, ind;
		struct db_as_result v;
	} r = { 0 }, *rs = NULL;
	struct {
		int target;
		struct db_as_total v;
	} o = { 0 }, *os = NULL;
	struct dbp	 p[] = { P_INT(round_id) };
	struct dbr	 rr[] = { R_I32(&r.target), R_I32(&r.ind),
	    R_I32(&r.v.has_num), R_INT(&r.v.num), R_INT(&r.v.den),
	    R_I32(&r.v.has_value), R_INT(&r.v.value_m), R_INT(&r.v.points_c),
	    R_ENUM(&r.v.flag, word_result_flag, RFLAG__MAX) };
	struct dbr	 ro[] = { R_I32(&o.target), R_INT(&o.v.points_c),
	    R_I32(&o.v.rank), R_I32(&o.v.few) };
	size_t		 max = AS_TARGETS_MAX * AS_IND_MAX, n = 0, no = 0, j;
	int		 ti, ki, rc;

	if ((rc = table_head(db, round_id, t)) != DB_OK)
		return rc;
	t->frozen = 1;
	t->as_of = t->round.published_at;
	rs = calloc(max, sizeof(*rs));
	os = calloc(AS_TARGETS_MAX, sizeof(*os));
	rc = rs == NULL || os == NULL ? DB_ERROR : db_rows(db, SQL_AS_RESULTS,
	    p, NELEM(p), rr, NELEM(rr), &r, sizeof(r), rs, max, &n);
	if (rc == DB_OK)
		rc = db_rows(db, SQL_AS_TOTALS, p, NELEM(p), ro, NELEM(ro), &o,
		    sizeof(o), os, AS_TARGETS_MAX, &no);
	for (j = 0; rc == DB_OK && j < n; j++)
		if ((ti = target_index(t, rs[j].target)) >= 0 &&
		    (ki = ind_index(t, rs[j].ind)) >= 0)
			t->res[ti][ki] = rs[j].v;
	for (j = 0; rc == DB_OK && j < no; j++)
		if ((ti = target_index(t, os[j].target)) >= 0)
			t->tot[ti] = os[j].v;
	free(rs);
	free(os);
	return rc;
}

/* Write t's values and totals (inside the publication's transaction). */
static int
freeze(struct db *db, const struct db_as_table *t)
{
	const struct db_as_result *v;
	char		 value[32];
	size_t		 i, k;
	int		 rc = DB_OK;

	for (i = 0; i < t->n && rc == DB_OK; i++) {
		for (k = 0; k < t->scheme.nind && rc == DB_OK; k++) {
			v = &t->res[i][k];
			snprintf(value, sizeof(value), "%lld.%06lld",
			    v->value_m / 1000000, v->value_m % 1000000);
			struct dbp p[] = { P_INT(t->round.id), P_INT(t->t[i].id),
			    P_INT(t->scheme.ind[k].id),
			    v->has_num ? P_INT(v->num) : P_NULL,
			    v->has_num ? P_INT(v->den) : P_NULL,
			    v->has_value ? P_STR(value) : P_NULL,
			    P_INT(v->points_c),
			    P_STR(word_result_flag[v->flag].code) };
			rc = db_run(db, SQL_AS_RESULT_INSERT, p, NELEM(p), NULL,
			    NULL);
		}
		if (rc != DB_OK)
			break;
		struct dbp pt[] = { P_INT(t->round.id), P_INT(t->t[i].id),
		    P_INT(t->tot[i].points_c), P_INT(t->tot[i].rank),
		    P_INT(t->tot[i].few) };
		rc = db_run(db, SQL_AS_TOTAL_INSERT, pt, NELEM(pt), NULL, NULL);
	}
	return rc;
}

int
db_as_publish(struct db *db, const struct db_as_round *o, time_t now,
    int report_days, const struct db_user *actor, const char *addr,
    struct db_as_table *t)
{
	const char	*pc = word_round[RND_PUBLISHED].code;
	struct dbp	 p[] = { P_STR(pc), P_STR(pc), P_TIME(now), P_STR(pc),
	    P_TIME(now), P_STR(pc), P_TIME(now), P_INT(o->id),
	    P_INT(o->version), P_STR(word_round[RND_CLOSED].code) };
	long long	 n = 0;
	int		 rc;
	char		 detail[96];

	if ((rc = db_as_table_live(db, o->id, now, report_days, t)) != DB_OK)
		return rc;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	/* The conditional move first: a stale or second publication stops
	 * here, before a row is written. */
	rc = db_run(db, SQL_AS_ROUND_MOVE, p, NELEM(p), &n, NULL);
	if (rc == DB_OK && n != 1)
		rc = DB_CONFLICT;
	if (rc == DB_OK)
		rc = freeze(db, t);
	if (rc == DB_OK) {
		snprintf(detail, sizeof(detail), "id %d closed -> published "
		    "targets %zu", o->id, t->n);
		rc = db_audit(db, actor->id, actor->username,
		    word_audit[AUD_AS_PUBLISH].code, o->name, detail,
		    addr != NULL ? addr : "", now);
	}
	if (rc == DB_OK)
		t->as_of = now;
	return db_tx_end(db, rc);
}
