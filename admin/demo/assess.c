/*
 * The demo's assessment (考评, issue 22): one district scheme for the
 * communities (办结率, 满意率, 按期办结率, 报到率 from the figures, the score
 * 党建阵地建设, the ballot 群众满意度测评), a round over the first half of
 * the data's last full half-year published (scores entered, ballot codes
 * issued and tallies filled directly so that turnout varies, one
 * community under the minimum turnout), and the next half-year's round
 * open with some scores.  Through the data layer (sql/assess.c), after
 * the figures' summary tables are rebuilt, so that the published values
 * are those of the figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessdb.h"
#include "config.h"
#include "day.h"
#include "demoint.h"

#define NIND	6

static const struct {
	const char	*name, *figure;
	enum assess_source source;
	int		 weight, floor, target, min_count;	/* %, % */
	const char	*desc;
} inds[NIND] = {
	{ "诉求办结率", "resolution_rate", AS_FIGURE, 20, 60, 95, 10,
	    "期间内提交的有效诉求中已办结的比例" },
	{ "群众满意率", "satisfaction_rate", AS_FIGURE, 20, 60, 95, 10,
	    "已评价诉求中满意和基本满意的比例" },
	{ "按期办结率", "ontime_rate", AS_FIGURE, 15, 60, 95, 10,
	    "已办结诉求中在期限内办结的比例" },
	{ "在职党员报到率", "reporting_rate", AS_FIGURE, 15, 50, 90, 5,
	    "在职党员到社区报到的比例" },
	{ "党建阵地建设", NULL, AS_SCORE, 15, 0, 0, 0,
	    "党群服务中心开放、阵地活动和台账（实地查看）" },
	{ "群众满意度测评", NULL, AS_BALLOT, 15, 60, 95, 5,
	    "居民代表和党员代表无记名测评：满意、基本满意、不满意" },
};

/* A scheme of the demo for year into *id. */
static int
scheme(struct db *db, const struct db_user *u, int year, time_t now, int *id)
{
	struct db_as_scheme *s = calloc(1, sizeof(*s));
	int		 k, rc;

	if (s == NULL)
		return DB_ERROR;
	s->district_id = u->scope.id[0];
	snprintf(s->name, sizeof(s->name), "社区党建工作考评");
	s->year = year;
	s->version = 1;
	s->target = AT_COMMUNITY;
	for (k = 0; k < NIND; k++) {
		struct db_as_ind *i = &s->ind[s->nind++];
		snprintf(i->name, sizeof(i->name), "%s", inds[k].name);
		i->weight_c = inds[k].weight * 100;
		i->source = inds[k].source;
		if (inds[k].figure != NULL)
			snprintf(i->figure, sizeof(i->figure), "%s",
			    inds[k].figure);
		i->floor_tt = inds[k].floor * 100;
		i->target_tt = inds[k].target * 100;
		i->min_count = inds[k].min_count;
		snprintf(i->description, sizeof(i->description), "%s",
		    inds[k].desc);
	}
	rc = db_as_scheme_save(db, s, u, "demo", now, id);
	free(s);
	return rc;
}

/*
 * A round of scheme_id over every community of the district for the
 * local days [from, to], opened, with scores (all, or every third when
 * !all) and ballots; *r the round.
 */
static int
round_of(struct db *db, const struct db_user *u, int scheme_id,
    const char *name, int from, int to, int all, time_t now,
    struct db_as_round *o)
{
	struct db_as_target *c = calloc(AS_TARGETS_MAX, sizeof(*c));
	struct db_as_scheme *s = calloc(1, sizeof(*s));
	struct db_as_score sc;
	int		 ids[AS_TARGETS_MAX], id = 0, rc, issued, spent;
	int		 votes[RATE__MAX];
	size_t		 n = 0, i;

	rc = c == NULL || s == NULL ? DB_ERROR : db_as_candidates(db,
	    u->region_id, 1, AT_COMMUNITY, c, AS_TARGETS_MAX, &n);
	if (rc == DB_OK)
		rc = db_as_scheme_get(db, scheme_id, s);
	for (i = 0; i < n; i++)
		ids[i] = c[i].id;
	memset(o, 0, sizeof(*o));
	o->scheme_id = scheme_id;
	o->region_id = u->region_id;
	snprintf(o->name, sizeof(o->name), "%s", name);
	o->from = from;
	o->to = to;
	o->min_turnout_tt = 5000;
	if (rc == DB_OK)
		rc = db_as_round_create(db, o, ids, n, u, "demo", now, &id);
	if (rc == DB_OK)
		rc = db_as_round_get(db, id, o);
	if (rc == DB_OK)
		rc = db_as_round_move(db, o, RND_DRAFT, RND_OPEN, u, "demo",
		    now);
	if (rc == DB_OK)
		rc = db_as_round_get(db, id, o);
	for (i = 0; i < n && rc == DB_OK; i++) {
		if (!all && i % 3 != 0)
			continue;
		memset(&sc, 0, sizeof(sc));
		sc.indicator_id = s->ind[4].id;
		sc.target_id = (int)c[i].id;
		sc.points_c = 900 + (long long)((i * 37) % 61) * 10;
		snprintf(sc.note, sizeof(sc.note), "党群服务中心按时开放，"
		    "阵地活动%zu次，台账基本齐全", 6 + i % 9);
		snprintf(sc.evidence, sizeof(sc.evidence), "实地查看记录 "
		    "DJ-%d-%03zu", from, i + 1);
		rc = db_as_score_set(db, id, &sc, u, c[i].name, "demo", now);
		/* ballots: 20..49 codes; the fourth community under half */
		issued = 20 + (int)((i * 13) % 30);
		spent = i == 3 ? issued * 2 / 5 : issued * (55 + (int)(i * 7 %
		    40)) / 100;
		if (rc == DB_OK)
			rc = db_as_demo_codes(db, id, c[i].id, issued, spent,
			    u->id);
		votes[RATE_SATISFIED] = spent * (50 + (int)(i * 11 % 40)) / 100;
		votes[RATE_BASICALLY] = (spent - votes[RATE_SATISFIED]) * 2 / 3;
		votes[RATE_UNSATISFIED] = spent - votes[RATE_SATISFIED] -
		    votes[RATE_BASICALLY];
		if (rc == DB_OK)
			rc = db_as_demo_tally(db, id, c[i].id, s->ind[5].id,
			    votes);
	}
	free(c);
	free(s);
	return rc;
}

int
demo_load_assess(const struct config *cfg, time_t until, FILE *out)
{
	struct db	*db;
	struct db_user	 u;
	struct db_as_round o;
	struct db_as_table *t = NULL;
	int		 y, m, d, today, sid = 0, rc;
	char		 name[64];

	if ((db = db_open(cfg)) == NULL)
		return -1;
	today = (int)((until + LOCAL) / DAY);
	day_ymd(today, &y, &m, &d);
	if (m < 7)
		y--;	/* the last half-year over is the second of y - 1 */
	rc = db_user_by_name(db, "district", &u);
	if (rc == DB_OK)
		rc = scheme(db, &u, y, until, &sid);
	snprintf(name, sizeof(name), "%d年上半年社区党建工作考评", y);
	if (rc == DB_OK)
		rc = round_of(db, &u, sid, name, day_from_ymd(y, 1, 1),
		    day_from_ymd(y, 6, 30), 1, until, &o);
	if (rc == DB_OK)
		rc = db_as_round_move(db, &o, RND_OPEN, RND_CLOSED, &u, "demo",
		    until);
	if (rc == DB_OK)
		rc = db_as_round_get(db, o.id, &o);
	if (rc == DB_OK && (t = malloc(sizeof(*t))) == NULL)
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = db_as_publish(db, &o, until, cfg->report_valid_days, &u,
		    "demo", t);
	snprintf(name, sizeof(name), "%d年下半年社区党建工作考评", y);
	if (rc == DB_OK)
		rc = round_of(db, &u, sid, name, day_from_ymd(y, 7, 1),
		    day_from_ymd(y, 12, 31), 0, until, &o);
	free(t);
	db_close(db);
	if (rc != DB_OK) {
		fprintf(stderr, "lianxin: demo: the assessment could not be "
		    "loaded (see the log lines above)\n");
		return -1;
	}
	fprintf(out, "demo: assessment: 1 scheme, a published round and an "
	    "open one over the district's communities\n");
	return 0;
}
