/*
 * The demo's co-building agreements (双向协议书, issue 20): for every demo
 * co-building unit one for last year (signed, rated both ways, mostly
 * 满意) and one for this year (signed; a few units' still 草拟), the
 * years those of --until.  Each holds 2-4 commitments due through its
 * year, in every state as seen at the load's "now" (w->until): open and
 * overdue, fulfilled and awaiting confirmation, confirmed on time,
 * confirmed late; each step is also a line of the agreement's timeline.
 * Ids are explicit (agreements 1.., commitments 1..), rows go in by the
 * bulk loader; the figures are rebuilt after the load.
 */
#include <stdio.h>
#include <string.h>

#include "bulk.h"
#include "day.h"
#include "db.h"
#include "demoint.h"

#define PER_COMM	3		/* as cobuild.c */

/* What units promise, by kind: content, unit of quantity, a quantity. */
static const struct {
	const char	*content, *unit;
	int		 qty;
} promises[CBK__MAX][2] = {
	[CBK_VENUE] = { { "开放会议室供社区议事和党员活动", "次", 12 },
	    { "提供活动场地举办邻里节", "次", 2 } },
	[CBK_VOLUNTEERS] = { { "组织党员志愿者参加社区清洁日", "人次", 40 },
	    { "派员参与独居老人结对探访", "人次", 24 } },
	[CBK_FUNDS] = { { "资助困难家庭子女助学", "元", 5000 },
	    { "出资改善小区照明", "元", 8000 } },
	[CBK_EXPERTISE] = { { "开展法律咨询进社区", "次", 6 },
	    { "举办健康讲座和义诊", "次", 4 } },
	[CBK_GOODS] = { { "捐赠防汛物资", "件", 100 },
	    { "捐赠图书充实社区书屋", "册", 300 } },
};

static const char *const notes[] = {
	"已按协议完成，活动照片和签到表已交社区存档。",
	"已组织实施，居民反响良好。",
	"已完成，具体情况见社区工作台账。",
};

static const char *const comments[RATE__MAX][2] = {
	[RATE_SATISFIED] = { "履约积极，服务到位。", "沟通顺畅，支持有力。" },
	[RATE_BASICALLY] = { "基本履约，个别事项有延迟。",
	    "配合较好，希望提前沟通需求。" },
	[RATE_UNSATISFIED] = { "多项承诺未按期兑现。",
	    "需求对接不够及时。" },
};

/* A moment of local day d at hour h (UTC seconds). */
static time_t
at_day(int d, int h)
{
	return (time_t)d * DAY - LOCAL + (time_t)h * HOUR;
}

struct load {
	struct world	*w;
	struct db_bulk	*ag, *cm, *ev, *rt;
	struct rng	 r;
	int		 today;
	int		 ncommit;
};

static void
step(struct load *l, int agreement, int commitment, enum cb_event e,
    int user, time_t t, const char *note)
{
	db_bulk_row(l->ev);
	db_bulk_int(l->ev, agreement);
	if (commitment > 0)
		db_bulk_int(l->ev, commitment);
	else
		db_bulk_null(l->ev);
	db_bulk_str(l->ev, word_cb_event[e].code);
	db_bulk_int(l->ev, user);
	db_bulk_time(l->ev, t);
	db_bulk_str(l->ev, note != NULL ? note : "");
	db_bulk_row_end(l->ev);
}

/*
 * One commitment of agreement id (signed when signed != 0) due on day
 * due: its state as of today, drawn; staff the community's user, unit
 * the unit's account (0: staff record the fulfilment).
 */
static void
commitment(struct load *l, int id, int signed_day, int due, int staff,
    int unit, int open)
{
	static const int w[] = { 55, 20, 12, 13 };	/* on time, late,
							 * awaiting, open */
	int	 kind = below(&l->r, CBK__MAX), v = below(&l->r, 2), cid,
		 fate = signed_day > 0 && !open ? WEIGHTED(&l->r, w) : 3,
		 done = 0, i;
	const char *what = promises[kind][v].content;
	time_t	 fat = 0, cat = 0;

	cid = ++l->ncommit;
	if (fate < 3) {
		/* on time: some days before it is due; late: after */
		done = fate == 1 ? due + 3 + below(&l->r, 20) :
		    due - below(&l->r, 25);
		if (done < signed_day)
			done = signed_day;
		if (done >= l->today)	/* not yet: still to do */
			fate = 3;
	}
	if (fate == 0 && due >= l->today)
		fate = 3;
	if (fate < 2) {
		fat = at_day(done, 10 + below(&l->r, 8));
		cat = fat + (time_t)(1 + below(&l->r, 4)) * DAY;
		if (cat >= l->w->until)
			fate = 2;	/* awaiting confirmation */
	}
	if (fate == 2)
		fat = at_day(done, 10 + below(&l->r, 8));
	db_bulk_row(l->cm);
	db_bulk_int(l->cm, cid);
	db_bulk_int(l->cm, id);
	db_bulk_str(l->cm, word_cb_kind[kind].code);
	db_bulk_str(l->cm, what);
	db_bulk_int(l->cm, promises[kind][v].qty);
	db_bulk_str(l->cm, promises[kind][v].unit);
	db_bulk_date(l->cm, due);
	db_bulk_str(l->cm, word_commitment[fate == 3 ? CMT_OPEN : fate == 2 ?
	    CMT_FULFILLED : CMT_CONFIRMED].code);
	if (fate == 3) {
		for (i = 0; i < 6; i++)
			db_bulk_null(l->cm);
	} else {
		db_bulk_date(l->cm, done);
		db_bulk_str(l->cm, PICK(&l->r, notes));
		db_bulk_int(l->cm, unit > 0 ? unit : staff);
		db_bulk_time(l->cm, fat);
		if (fate == 2) {
			db_bulk_null(l->cm);
			db_bulk_null(l->cm);
		} else {
			db_bulk_int(l->cm, staff);
			db_bulk_time(l->cm, cat);
		}
	}
	db_bulk_row_end(l->cm);
	step(l, id, cid, CBE_COMMITMENT, staff, at_day(signed_day > 0 ?
	    signed_day - 1 : l->today - 1, 9), what);
	if (fate < 3)
		step(l, id, cid, CBE_FULFILLED, unit > 0 ? unit : staff, fat,
		    NULL);
	if (fate < 2)
		step(l, id, cid, CBE_CONFIRMED, staff, cat, NULL);
}

/* Both ratings of agreement id of year y (in its window, before now). */
static void
ratings(struct load *l, int id, int y, int staff, int unit)
{
	static const int w[RATE__MAX] = { 75, 20, 5 };
	int	 dir, k, d;
	time_t	 t;

	for (dir = 0; dir < EVD__MAX; dir++) {
		k = WEIGHTED(&l->r, w);
		d = day_from_ymd(y, 12, 5 + below(&l->r, 20));
		t = at_day(d, 9 + below(&l->r, 9));
		if (t >= l->w->until)
			continue;
		db_bulk_row(l->rt);
		db_bulk_int(l->rt, id);
		db_bulk_str(l->rt, word_eval_dir[dir].code);
		db_bulk_str(l->rt, word_rating[k].code);
		db_bulk_str(l->rt, comments[k][dir]);
		db_bulk_int(l->rt, dir == EVD_U2C && unit > 0 ? unit : staff);
		db_bulk_time(l->rt, t);
		db_bulk_row_end(l->rt);
		step(l, id, 0, CBE_RATED, dir == EVD_U2C && unit > 0 ? unit :
		    staff, t, word_eval_dir[dir].label);
	}
}

/* The agreement of community c's unit k for year y (id), and what
 * belongs to it. */
static void
agreement(struct load *l, int id, int c, int k, int y, int draft)
{
	int	 staff = c == 0 ? U_COMMUNITY1 : c == 1 ? U_COMMUNITY2 :
		    U_DISTRICT, unit = 0, n, i, jan1 = day_from_ymd(y, 1, 1),
		    sd = draft ? 0 : jan1 + 10 + below(&l->r, 60), due;
	char	 title[64];

	for (i = 0; i < NUNIT; i++)
		if (demo_units[i].comm == c && demo_units[i].sort == k)
			unit = U__END + NDEPT + i;
	if (sd >= l->today)
		sd = draft ? 0 : l->today - 1;
	snprintf(title, sizeof(title), "%d年共驻共建协议书", y);
	db_bulk_row(l->ag);
	db_bulk_int(l->ag, id);
	db_bulk_int(l->ag, DEMO_DEPT_UNITS + c * PER_COMM + k + 1);
	db_bulk_int(l->ag, l->w->comm[c].id);
	db_bulk_int(l->ag, y);
	db_bulk_str(l->ag, title);
	db_bulk_str(l->ag, word_agreement[draft ? AGR_DRAFT : AGR_SIGNED].code);
	if (sd > 0)
		db_bulk_date(l->ag, sd);
	else
		db_bulk_null(l->ag);
	db_bulk_date(l->ag, jan1);
	db_bulk_date(l->ag, day_from_ymd(y, 12, 31));
	db_bulk_int(l->ag, staff);
	db_bulk_time(l->ag, at_day(sd > 0 ? sd - 3 : l->today - 2, 9));
	db_bulk_row_end(l->ag);
	step(l, id, 0, CBE_CREATED, staff, at_day(sd > 0 ? sd - 3 :
	    l->today - 2, 9), NULL);
	if (sd > 0)
		step(l, id, 0, CBE_SIGNED, staff, at_day(sd, 15), NULL);
	n = 2 + below(&l->r, 3);
	for (i = 0; i < n; i++) {
		/* spread through the year: each in its own slice */
		due = jan1 + (i * 365 + below(&l->r, 365)) / n;
		commitment(l, id, sd, due, staff, unit, 0);
	}
	/* The demo accounts have something to fulfil: due in ten days. */
	due = l->today + 10;
	if (unit > 0 && !draft && sd > 0 && due <= day_from_ymd(y, 12, 31))
		commitment(l, id, sd, due, staff, unit, 1);
	if (!draft && day_from_ymd(y, 12, 31) < l->today)
		ratings(l, id, y, staff, unit);
}

int
demo_load_cb_agreements(struct world *w)
{
	struct load	 l;
	int		 y, m, d, c, k, id = 0, nunits = w->ncomm * PER_COMM;

	memset(&l, 0, sizeof(l));
	l.w = w;
	l.today = (int)((w->until + LOCAL) / DAY);
	day_ymd(l.today, &y, &m, &d);
	rnd_init(&l.r, w->seed, PH_COBUILD, 1);
	l.ag = db_bulk_open(w->cfg, SQL_BULK_CB_AGREEMENT, "agreements", 512);
	l.cm = db_bulk_open(w->cfg, SQL_BULK_CB_COMMITMENT, "commitments",
	    1024);
	l.ev = db_bulk_open(w->cfg, SQL_BULK_CB_EVENT, "agreement_events",
	    2048);
	l.rt = db_bulk_open(w->cfg, SQL_BULK_CB_EVAL, "evaluations", 512);
	if (l.ag == NULL || l.cm == NULL || l.ev == NULL || l.rt == NULL)
		goto fail;
	for (c = 0; c < w->ncomm; c++)
		for (k = 0; k < PER_COMM; k++) {
			/* last year's, then this year's (a few drafts, never
			 * the demo accounts' communities') */
			agreement(&l, ++id, c, k, y - 1, 0);
			agreement(&l, nunits + id, c, k, y, c >= 2 &&
			    (c * PER_COMM + k) % 7 == 3);
		}
	if (db_bulk_close(l.ag) == -1 || db_bulk_close(l.cm) == -1 ||
	    db_bulk_close(l.ev) == -1 || db_bulk_close(l.rt) == -1)
		return -1;
	w->cb_agreements = 2LL * nunits;
	w->cb_commitments = l.ncommit;
	return 0;
fail:
	(void)db_bulk_close(l.ag);
	(void)db_bulk_close(l.cm);
	(void)db_bulk_close(l.ev);
	(void)db_bulk_close(l.rt);
	return -1;
}
