/*
 * The demo's co-building lists and meetings (issue 20 points 3 and 4):
 * for every community, needs in every state (some turned from its
 * residents' requests), its units' resources with bookings in every
 * state, projects in every state with their milestones (from the claimed
 * needs, and set up directly), and two to four joint meetings over the
 * year with the units present, agenda items and decisions done on time,
 * done late, and open (some overdue).  Loaded in bulk after the units
 * (cobuild.c), with explicit ids.
 */
#include <stdio.h>
#include <string.h>

#include "bulk.h"
#include "cblists.h"
#include "db.h"
#include "demoint.h"

/* Community c's unit k, as cobuild.c numbers them (3 a community, after
 * the departments'). */
#define PER_COMM	3
#define UNIT(c, k)	(DEMO_DEPT_UNITS + (c) * PER_COMM + (k) + 1)
/* The unit accounts' user ids (cobuild.c): unit1, unit2 of community 0
 * (its units 0 and 1), unit3 of community 1 (its unit 0). */
#define UNIT_USER(k)	(U__END + NDEPT + (k))

#define NEEDS	5	/* a community's needs */
#define MS	3	/* a project's milestones */

static const struct {
	const char	*title, *detail;
	int		 kind;
} need_texts[] = {
	{ "老年食堂需要助餐志愿者",
	    "每周一至周五中午送餐、助餐，每天需要 2 至 3 名志愿者。",
	    CBK_VOLUNTEERS },
	{ "社区儿童暑期托管场地",
	    "暑期工作日白天托管小学生，需要一间可容纳 30 人的活动室。",
	    CBK_VENUE },
	{ "老旧小区加装扶手资金",
	    "小区单元门口台阶加装扶手，资金缺口约两万元。",
	    CBK_FUNDS },
	{ "居民法律咨询进社区",
	    "每月一次，为居民提供婚姻家庭、物业纠纷等法律咨询。",
	    CBK_EXPERTISE },
	{ "困难家庭冬季物资",
	    "为辖区困难家庭筹集棉被、米面油等过冬物资。",
	    CBK_GOODS },
	{ "楼道堆物清理志愿服务",
	    "配合物业开展楼道堆物清理，需要志愿者劝导和搬运。",
	    CBK_VOLUNTEERS },
};

static const struct {
	const char	*title, *detail;
	int		 kind, cap;
} res_texts[] = {
	{ "单位会议室",
	    "可容纳 40 人，工作日 9:00-17:00，需提前预约。",
	    CBK_VENUE, 1 },
	{ "党员志愿服务队",
	    "每次可派 5 名党员志愿者，服务时长半天。",
	    CBK_VOLUNTEERS, 2 },
	{ "健康义诊",
	    "全科医生和护士各 1 名，提供血压血糖测量和健康咨询。",
	    CBK_EXPERTISE, 1 },
	{ "法律咨询服务",
	    "执业律师 1 名，现场解答法律问题。",
	    CBK_EXPERTISE, 2 },
	{ "活动器材借用",
	    "音响、桌椅、帐篷等活动器材。",
	    CBK_GOODS, 3 },
};

static const char *const ms_texts[MS] = { "制订实施方案", "组织实施",
    "总结验收" };

static const char *const item_texts[] = { "辖区环境整治分工",
    "困难群众帮扶", "共建项目推进情况", "节日活动筹备", "停车难问题协调",
    "志愿服务常态化" };
static const char *const decision_texts[] = {
    "共建单位轮流认领一条背街小巷的环境卫生", "建立困难家庭结对帮扶名单",
    "协调单位停车场夜间向居民开放", "联合举办社区邻里节",
    "组建党员志愿服务队参与疫情防控和应急值守", "每季度通报共建项目进展" };

struct loads {
	struct db_bulk	*need, *res, *bk, *prj, *ms, *mtg, *mu, *item, *dec;
};

static int
close_all(struct loads *l)
{
	int	 rc = 0;

	rc |= db_bulk_close(l->need);
	rc |= db_bulk_close(l->res);
	rc |= db_bulk_close(l->bk);
	rc |= db_bulk_close(l->prj);
	rc |= db_bulk_close(l->ms);
	rc |= db_bulk_close(l->mtg);
	rc |= db_bulk_close(l->mu);
	rc |= db_bulk_close(l->item);
	rc |= db_bulk_close(l->dec);
	return rc != 0 ? -1 : 0;
}

static int
day_of(time_t t)
{
	return (int)((t + LOCAL) / DAY);
}

/* The staff account that acts for community c. */
static int
staff_of(int c)
{
	return c == 0 ? U_COMMUNITY1 : c == 1 ? U_COMMUNITY2 : U_DISTRICT;
}

/* Who claims for community c's unit k: its account, else the staff. */
static int
claimer_of(int c, int k)
{
	if (c == 0 && k < 2)
		return UNIT_USER(k);
	if (c == 1 && k == 0)
		return UNIT_USER(2);
	return staff_of(c);
}

/* A project's milestones: done (all, the first, none), due around
 * start .. end. */
static void
milestones(struct loads *l, struct rng *r, int project, time_t start,
    time_t end, int ndone, int who)
{
	time_t	 due, done;
	int	 m;

	for (m = 0; m < MS; m++) {
		due = start + (end - start) * (m + 1) / MS;
		done = due - (time_t)range(r, -3, 5) * DAY;
		if (done <= start)
			done = start + HOUR;
		if (done > end)
			done = end;
		db_bulk_row(l->ms);
		db_bulk_int(l->ms, project);
		db_bulk_int(l->ms, m);
		db_bulk_str(l->ms, ms_texts[m]);
		db_bulk_date(l->ms, day_of(due));
		db_bulk_time(l->ms, m < ndone ? done : 0);
		db_bulk_ref(l->ms, m < ndone ? who : 0);
		db_bulk_str(l->ms, m < ndone ? "已按计划完成，相关材料已归档。" :
		    NULL);
		db_bulk_row_end(l->ms);
	}
}

static void
project(struct loads *l, struct rng *r, int id, int region, int need,
    int lead, const char *title, const char *plan, int state, time_t at,
    time_t closed, int who)
{
	static const char *const codes[] = { "planning", "running", "done",
	    "cancelled" };
	time_t	 end = state == PRJ_DONE ? closed : at + 90 * DAY;

	db_bulk_row(l->prj);
	db_bulk_int(l->prj, id);
	db_bulk_int(l->prj, region);
	db_bulk_ref(l->prj, need);
	db_bulk_int(l->prj, lead);
	db_bulk_str(l->prj, title);
	db_bulk_str(l->prj, plan);
	db_bulk_str(l->prj, codes[state]);
	db_bulk_str(l->prj, state == PRJ_DONE ? "已完成，居民反映良好，形成"
	    "常态化机制。" : state == PRJ_CANCELLED ? "场地条件变化，经联席"
	    "会议商议终止。" : NULL);
	db_bulk_int(l->prj, who);
	db_bulk_time(l->prj, at);
	db_bulk_time(l->prj, closed);
	db_bulk_row_end(l->prj);
	milestones(l, r, id, at, end, state == PRJ_DONE ? MS :
	    state == PRJ_RUNNING ? 1 : 0, who);
}

/* Community c's needs and their projects; ids from *need, *prj. */
static void
needs(struct world *w, struct loads *l, struct rng *r, int c, int *need,
    int *prj)
{
	static const char *const codes[] = { "open", "claimed", "done",
	    "withdrawn" };
	const struct community *cm = &w->comm[c];
	time_t	 pub, claimed, done;
	int	 j, st, k, t, who = staff_of(c);

	for (j = 0; j < NEEDS; j++) {
		/* open, claimed, done, withdrawn, and one more open */
		st = j % 4;
		/* the accounts' units claim some: unit1 and unit2 in
		 * community 0, unit3 in community 1 */
		k = c < 2 ? (j == 1 ? 1 : 0) : (c + j) % PER_COMM;
		t = (c + j) % NELEM(need_texts);
		pub = w->until - (time_t)range(r, st == NEED_OPEN ? 2 : 60,
		    st == NEED_OPEN ? 40 : 300) * DAY;
		claimed = pub + (time_t)range(r, 1, 10) * DAY;
		done = claimed + (time_t)range(r, 20, 50) * DAY;
		if (done >= w->until)
			done = w->until - DAY;
		db_bulk_row(l->need);
		db_bulk_int(l->need, *need);
		db_bulk_int(l->need, (long long)cm->id);
		db_bulk_str(l->need, need_texts[t].title);
		db_bulk_str(l->need, need_texts[t].detail);
		db_bulk_str(l->need, word_cb_kind[need_texts[t].kind].code);
		db_bulk_int(l->need, who);
		db_bulk_time(l->need, pub);
		db_bulk_str(l->need, codes[st]);
		db_bulk_ref(l->need, st == NEED_CLAIMED || st == NEED_DONE ?
		    UNIT(c, k) : 0);
		db_bulk_time(l->need, st == NEED_CLAIMED || st == NEED_DONE ?
		    claimed : 0);
		db_bulk_ref(l->need, st == NEED_CLAIMED || st == NEED_DONE ?
		    claimer_of(c, k) : 0);
		db_bulk_time(l->need, st == NEED_DONE ? done : 0);
		db_bulk_time(l->need, st == NEED_WITHDRAWN ? claimed : 0);
		db_bulk_row_end(l->need);
		if (st == NEED_CLAIMED || st == NEED_DONE)
			project(l, r, (*prj)++, (int)cm->id, *need, UNIT(c, k),
			    need_texts[t].title, need_texts[t].detail,
			    st == NEED_DONE ? PRJ_DONE : PRJ_RUNNING, claimed,
			    st == NEED_DONE ? done : 0, claimer_of(c, k));
		(*need)++;
	}
	/* A project set up directly: planning, or ended in some places. */
	pub = w->until - (time_t)range(r, 10, 120) * DAY;
	st = c % 3 == 2 ? PRJ_CANCELLED : PRJ_PLANNING;
	project(l, r, (*prj)++, (int)cm->id, 0, UNIT(c, c % PER_COMM),
	    "共建“红色楼道”", "每个单元打造一条红色楼道，党员亮身份、"
	    "作表率。", st, pub, st == PRJ_CANCELLED ? pub + 20 * DAY : 0,
	    who);
}

/* Community c's resources and their bookings in every state. */
static void
resources(struct world *w, struct loads *l, struct rng *r, int c, int *res,
    int *bk)
{
	static const char *const codes[] = { "requested", "confirmed",
	    "declined", "cancelled" };
	const struct community *cm = &w->comm[c];
	time_t	 from = w->start + (time_t)below(r, 60) * DAY;
	time_t	 to = w->until + (time_t)range(r, 60, 180) * DAY, use, at;
	int	 k, t, b, withdrawn;

	for (k = 0; k < 2; k++) {
		t = (c + k) % NELEM(res_texts);
		withdrawn = k == 1 && c % 4 == 3;
		db_bulk_row(l->res);
		db_bulk_int(l->res, *res);
		db_bulk_int(l->res, UNIT(c, k));
		db_bulk_int(l->res, (long long)cm->id);
		db_bulk_str(l->res, word_cb_kind[res_texts[t].kind].code);
		db_bulk_str(l->res, res_texts[t].title);
		db_bulk_str(l->res, res_texts[t].detail);
		db_bulk_int(l->res, res_texts[t].cap);
		db_bulk_date(l->res, day_of(from));
		db_bulk_date(l->res, day_of(to));
		db_bulk_str(l->res, withdrawn ? "withdrawn" : "open");
		db_bulk_int(l->res, claimer_of(c, k));
		db_bulk_time(l->res, from - DAY);
		db_bulk_row_end(l->res);
		for (b = 0; b < 4; b++) {
			/* a requested booking ahead; the others behind, each
			 * on a day of its own */
			use = b == 0 ? w->until + (time_t)(3 + below(r, 20)) *
			    DAY : w->until - (time_t)(10 + 30 * b +
			    below(r, 20)) * DAY;
			at = (b == 0 ? w->until : use) - (time_t)range(r, 2,
			    9) * DAY;
			db_bulk_row(l->bk);
			db_bulk_int(l->bk, (*bk)++);
			db_bulk_int(l->bk, *res);
			db_bulk_int(l->bk, (long long)cm->id);
			db_bulk_date(l->bk, day_of(use));
			db_bulk_str(l->bk, b % 2 ? "社区党群活动" :
			    "为老服务活动");
			db_bulk_str(l->bk, codes[b]);
			db_bulk_int(l->bk, staff_of(c));
			db_bulk_time(l->bk, at);
			db_bulk_ref(l->bk, b == 0 ? 0 : b == 3 ? staff_of(c) :
			    claimer_of(c, k));
			db_bulk_time(l->bk, b == 0 ? 0 : at + DAY);
			db_bulk_str(l->bk, b == 2 ? "当日单位有内部活动，请改约"
			    "其他日期。" : b == 3 ? "活动延期。" : NULL);
			db_bulk_row_end(l->bk);
		}
		(*res)++;
	}
}

/* Community c's joint meetings: two to four over the year. */
static void
meetings(struct world *w, struct loads *l, struct rng *r, int c, int *mtg,
    int *item)
{
	const struct community *cm = &w->comm[c];
	int	 n = 2 + below(r, 3), m, k, d, nd, it0;
	time_t	 held, due, done;
	double	 x;

	for (m = 0; m < n; m++) {
		held = w->start + (w->until - w->start) * (m + 1) / (n + 1) +
		    (time_t)below(r, 10) * DAY;
		db_bulk_row(l->mtg);
		db_bulk_int(l->mtg, *mtg);
		db_bulk_int(l->mtg, (long long)cm->id);
		db_bulk_date(l->mtg, day_of(held));
		{
			char	 title[128];

			snprintf(title, sizeof(title), "第%d次共驻共建联席会议",
			    m + 1);
			db_bulk_str(l->mtg, title);
		}
		db_bulk_str(l->mtg, m == n - 1 && c % 5 == 0 ? "urgent" :
		    "regular");
		db_bulk_str(l->mtg, "社区党群服务中心会议室");
		db_bulk_str(l->mtg, "会议通报了上阶段共建工作，研究了本阶段重点"
		    "事项，明确了责任单位和完成时限。");
		db_bulk_int(l->mtg, staff_of(c));
		db_bulk_time(l->mtg, held + 4 * HOUR);
		db_bulk_row_end(l->mtg);
		for (k = 0; k < PER_COMM; k++)
			if (k < 2 || chance(r, 0.6)) {
				db_bulk_row(l->mu);
				db_bulk_int(l->mu, *mtg);
				db_bulk_int(l->mu, UNIT(c, k));
				db_bulk_row_end(l->mu);
			}
		it0 = *item;
		for (k = 0; k < 2; k++) {
			db_bulk_row(l->item);
			db_bulk_int(l->item, (*item)++);
			db_bulk_int(l->item, *mtg);
			db_bulk_int(l->item, k);
			db_bulk_str(l->item, item_texts[(c + m + k) %
			    NELEM(item_texts)]);
			db_bulk_row_end(l->item);
		}
		nd = 2 + below(r, 2);
		for (d = 0; d < nd; d++) {
			due = held + (time_t)range(r, 14, 45) * DAY;
			x = unit(r);
			/* on time, late, or still open (overdue once due) */
			done = x < 0.6 ? due - (time_t)range(r, 1, 10) * DAY :
			    x < 0.8 ? due + (time_t)range(r, 2, 15) * DAY : 0;
			if (done >= w->until)
				done = 0;
			k = (c + m + d) % (PER_COMM + 1);	/* 3: community */
			db_bulk_row(l->dec);
			db_bulk_int(l->dec, *mtg);
			db_bulk_ref(l->dec, d < 2 ? it0 + d : 0);
			db_bulk_str(l->dec, decision_texts[(c + m + d) %
			    NELEM(decision_texts)]);
			db_bulk_ref(l->dec, k < PER_COMM ? UNIT(c, k) : 0);
			db_bulk_date(l->dec, day_of(due));
			db_bulk_str(l->dec, done ? "done" : "open");
			db_bulk_time(l->dec, done);
			db_bulk_ref(l->dec, done ? (k < PER_COMM ?
			    claimer_of(c, k) : staff_of(c)) : 0);
			db_bulk_str(l->dec, done ? "已按会议要求落实。" : NULL);
			db_bulk_row_end(l->dec);
		}
		(*mtg)++;
	}
}

int
demo_load_cb_lists(struct world *w)
{
	struct loads	 l;
	struct rng	 r;
	struct db	*db;
	int		 c, need = 1, prj = 1, res = 1, bk = 1, mtg = 1, item = 1;
	int		 j, rc = DB_OK;

	memset(&l, 0, sizeof(l));
	l.need = db_bulk_open(w->cfg, SQL_BULK_CB_NEED, "needs", 256);
	l.res = db_bulk_open(w->cfg, SQL_BULK_CB_RESOURCE, "resources", 256);
	l.bk = db_bulk_open(w->cfg, SQL_BULK_CB_BOOKING, "resource_bookings",
	    512);
	l.prj = db_bulk_open(w->cfg, SQL_BULK_CB_PROJECT, "projects", 256);
	l.ms = db_bulk_open(w->cfg, SQL_BULK_CB_MILESTONE, "milestones", 512);
	l.mtg = db_bulk_open(w->cfg, SQL_BULK_CB_MEETING, "meetings", 256);
	l.mu = db_bulk_open(w->cfg, SQL_BULK_CB_MEETING_UNIT, "meeting_units",
	    512);
	l.item = db_bulk_open(w->cfg, SQL_BULK_CB_ITEM, "meeting_items", 512);
	l.dec = db_bulk_open(w->cfg, SQL_BULK_CB_DECISION, "decisions", 512);
	if (l.need == NULL || l.res == NULL || l.bk == NULL || l.prj == NULL ||
	    l.ms == NULL || l.mtg == NULL || l.mu == NULL || l.item == NULL ||
	    l.dec == NULL) {
		(void)close_all(&l);
		return -1;
	}
	for (c = 0; c < w->ncomm; c++) {
		rnd_init(&r, w->seed, PH_COBUILD, 1000 + (uint64_t)c);
		needs(w, &l, &r, c, &need, &prj);
		resources(w, &l, &r, c, &res, &bk);
		meetings(w, &l, &r, c, &mtg, &item);
	}
	if (close_all(&l) == -1)
		return -1;
	/* Some needs were turned from residents' requests: the first (open)
	 * and third (done) need of every community. */
	if ((db = db_open(w->cfg)) == NULL)
		return -1;
	for (c = 0; c < w->ncomm && rc == DB_OK; c++)
		for (j = 0; j < 3 && rc == DB_OK; j += 2)
			rc = db_demo_need_request(db, c * NEEDS + j + 1, j);
	db_close(db);
	if (rc != DB_OK) {
		fprintf(stderr, "lianxin: demo: the needs could not be tied to "
		    "requests (see the log lines above)\n");
		return -1;
	}
	w->cb_needs = need - 1;
	w->cb_meetings = mtg - 1;
	return 0;
}
