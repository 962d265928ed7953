/*
 * The demo's service requests (see demoint.h): when, where and what each
 * one is, its life up to --until as events, and their rows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demoint.h"
#include "flow.h"

#define MAXEV	16		/* events of one request, at most */

/* Estates are named after their community: 星民社区, 星民花园. */
static const char *const estate_kinds[] = { "花园", "新村", "家园", "公寓" };
static const char *const roads[] = { "幸福路", "建设路", "人民路", "江南大道",
    "滨盛路", "长河路", "浦沿路", "东信大道", "江虹路", "春波路", "月明路",
    "闻涛路", "西兴路", "白马湖路", "信诚路", "火炬大道" };
static const char *const spots[] = { "东门", "北门", "地下车库", "单元楼道",
    "健身广场", "垃圾投放点", "沿街商铺", "幼儿园门口", "公交站",
    "菜市场", "小区花园", "3幢楼下" };
static const char *const mobile[] = { "138", "139", "137", "136", "135",
    "150", "151", "152", "158", "159", "182", "183", "187", "188", "130",
    "131", "132", "155", "156", "185", "186", "133", "153", "180", "181",
    "189", "177", "199", "166", "175" };

/* The words are domain/words.h's; the state before the first event: */
#define ST_NONE	ST__MAX
static const int src_weights[SRC__MAX] = { 70, 7, 15, 8 };	/* percent */
/* Who submits through each channel: the 12345 hotline posts through
 * Open311. */
static const enum actor_kind submitters[SRC__MAX] = {
	[SRC_WEB] = ACTOR_RESIDENT, [SRC_OPEN311] = ACTOR_OPEN311,
	[SRC_HOTLINE] = ACTOR_OPEN311, [SRC_VISIT] = ACTOR_RESIDENT,
};
/* Not rated: */
#define RT_NONE	RATE__MAX
static const char *const rt_comments[RATE__MAX][2] = {
	{ "处理很及时，谢谢社区！", "网格员态度很好，点赞。" },
	{ "问题基本解决，希望后续保持。", "处理得还行，就是慢了点。" },
	{ "问题没有根本解决。", "处理太慢了，一直没人联系我。" },
};
/* 群众撤回 is no reason staff choose: withdrawals come by ACT_WITHDRAW. */
static const int reason_weights[REJECT__MAX] = { 50, 25, 25, 0 };
static const char *const reason_texts[] = {
	"与已受理的诉求重复，将合并处理。",
	"内容无法核实或与社区服务无关。",
	"不属于社区受理范围，已告知居民向相关部门反映。",
};

/* Weight of new requests by local hour: few at night. */
static const double hour_weights[24] = { 0.15, 0.1, 0.07, 0.06, 0.06, 0.1,
    0.3, 0.7, 1.2, 1.6, 1.7, 1.5, 1.0, 1.1, 1.5, 1.6, 1.5, 1.2, 0.9, 1.0,
    1.0, 0.8, 0.5, 0.3 };

struct event {
	time_t		 at;
	int		 kind, actor;	/* enum actor_kind; user id or 0 */
	int		 action, from, to, level;
	bool		 pub;		/* shown to the resident */
	const char	*body;
};

struct request {
	long long	 id;
	int		 cat, comm, grid, source;
	time_t		 recv, acc, asg, res, clo, rej, rated;
	time_t		 due;		/* the resolve limit */
	const struct wd_cal *cal;	/* the calendar it counts on */
	int		 state, level, reason, rating, reopen, version;
	const char	*resolution, *comment;
	struct event	 ev[MAXEV];
	int		 nev;
};

/* Record an event that takes the request to state `to`. */
static void
event(struct request *q, time_t at, int kind, int actor, int action, int to,
    bool pub, const char *body)
{
	struct event	*e;

	if (q->nev == MAXEV)
		abort();
	e = &q->ev[q->nev++];
	e->at = at;
	e->kind = kind;
	e->actor = kind == ACTOR_STAFF ? actor : 0;
	e->action = action;
	e->from = action == EV_SUBMIT ? ST_NONE : q->state;
	e->to = q->state = to;
	e->level = q->level;
	e->pub = pub;
	e->body = body;
}

/*
 * Action a at `at` by a demo user, or by the resident when user is 0,
 * applied the way the live handling applies it (sql/staff.c,
 * sql/request.c): the new state from the transition table with the
 * actor's role, the resolve limit by its rule (domain/flow.h), one level
 * up on escalation, once more reworked on reopen, one update of the row.
 * A step the table forbids is a bug of the demo: abort.
 */
static void
act(struct request *q, time_t at, int user, enum rq_action a, bool pub,
    const char *body)
{
	struct flow_req	 fq = { .state = (enum rq_state)q->state,
	    .level = (enum rq_level)q->level,
	    .rated_unsatisfied = q->rating == RATE_UNSATISFIED,
	    .reopen_count = q->reopen };
	int		 to;

	if ((to = flow_next(&fq, a, user ? demo_users[user - 1].role :
	    ROLE_RESIDENT)) < 0)
		abort();
	q->due = flow_due_cal(a, at, q->cal, DEMO_UNIT,
	    demo_cats[q->cat].days, q->due, NULL);
	if (a == ACT_ESCALATE)
		q->level++;
	if (a == ACT_REOPEN)
		q->reopen++;
	q->version++;
	event(q, at, user ? ACTOR_STAFF : ACTOR_RESIDENT, user, a, to, pub,
	    body);
}

/*
 * The resident's rating at t, as db_request_rate() writes it: it closes
 * the request; or, with back, 不满意 and never reworked, it is recorded
 * and sends the request back to rework instead, the rating not kept.
 */
static void
rate(struct request *q, time_t t, int rt, bool back, const char *comment)
{
	if (back && rt == RATE_UNSATISFIED && q->reopen == 0) {
		event(q, t, ACTOR_RESIDENT, 0, ACT_RATE, ST_RESOLVED, true,
		    comment ? comment : "");
		act(q, t, 0, ACT_REOPEN, true, "群众不满意，退回重办");
		return;
	}
	act(q, t, 0, ACT_RATE, true, comment ? comment : "");
	q->clo = q->rated = t;
	q->rating = rt;
	q->comment = comment;
}

/* A rating: better in a good community, worse when late. */
static int
rating(struct rng *r, double quality, bool late)
{
	double	 sat = 0.35 + 0.55 * quality - (late ? 0.15 : 0);
	double	 unsat = 0.02 + 0.2 * (1 - quality) + (late ? 0.1 : 0);
	double	 u = unit(r);

	return u < sat ? RATE_SATISFIED : u < 1 - unsat ?
	    RATE_BASICALLY : RATE_UNSATISFIED;
}

/* The demo user acting on q at its level: grid worker or staff below. */
static int
staff(const struct request *q, bool grid)
{
	if (q->level > LV_COMMUNITY)
		return q->level == LV_DISTRICT ? U_DISTRICT : U_STREET1;
	if (grid)
		return q->grid % 2 ? U_GRID2 : U_GRID1;
	return q->comm % 2 ? U_COMMUNITY2 : U_COMMUNITY1;
}

/*
 * When staff resolve q, working since t on a limit that started at from:
 * a share of the limit (over it more often in a poor community; longer
 * above the community), never sooner than half an hour after t.
 */
static time_t
resolve_time(const struct world *w, struct rng *r, const struct request *q,
    time_t from, time_t t)
{
	double		 qual = w->comm[q->comm].quality, f;
	time_t		 at;

	f = chance(r, 0.03 + 0.45 * (1 - qual)) ? range(r, 1.02, 2.2) :
	    0.08 + 0.87 * pow(unit(r), 1.5);
	f *= q->level > LV_COMMUNITY ? 1.25 : 1.0;
	t += (time_t)range(r, 1800, 3 * HOUR);
	at = from + (time_t)(f * demo_cats[q->cat].days * DAY);
	return at > t ? at : t;
}

/*
 * After a resolution at t: the resident's rating (most; unrated requests
 * stay resolved, as live), which closes the request or, after 不满意
 * (once, sometimes), sends it back to rework with a fresh limit: assigned
 * again, resolved again, rated again.  Stops at the first step that would
 * lie after until.
 */
static void
after_resolve(const struct world *w, struct rng *r, struct request *q,
    time_t t, double quality)
{
	const char	*comment;
	time_t		 back;
	int		 rt;

	if (!chance(r, 0.85))
		return;
	if ((t += (time_t)range(r, HOUR, 72 * HOUR)) > w->until)
		return;
	rt = rating(r, quality, q->res > q->due);
	comment = chance(r, 0.4) ? PICK(r, rt_comments[rt]) : NULL;
	if (!(rt == RATE_UNSATISFIED && q->reopen == 0 && chance(r, 0.4))) {
		rate(q, t, rt, false, comment);
		return;
	}
	rate(q, back = t, rt, true, comment);
	if ((t += (time_t)range(r, 600, 6 * HOUR)) > w->until)
		return;
	act(q, q->asg = t, staff(q, false), ACT_ASSIGN, true,
	    "已重新派单，将再次上门处理。");
	if ((t = resolve_time(w, r, q, back, t)) > w->until)
		return;
	q->resolution = demo_cats[q->cat].fixes[1];
	act(q, q->res = t, staff(q, true), ACT_RESOLVE, true, q->resolution);
	after_resolve(w, r, q, t, quality + 0.3);
}

/*
 * The history of a received request up to until: rejected, or accepted
 * (late more often in a poor community), assigned, maybe escalated to
 * the street and the district, resolved (late more often in a poor
 * community; a few never), then after_resolve().  Every step goes
 * through act(), so through the transition table and the limit's rule.
 * Fills q's times, state and events.
 */
static void
lifecycle(const struct world *w, struct rng *r, struct request *q)
{
	const struct category *c = &demo_cats[q->cat];
	double		 qual = w->comm[q->comm].quality, f;
	time_t		 t;

	event(q, q->recv, submitters[q->source], 0, EV_SUBMIT, ST_SUBMITTED,
	    true, "");
	/* Until accepted, the limit counts from submission (POST_INTO:
	 * the same rule in SQL), in working days as the demo's categories
	 * count them. */
	q->cal = w->cal;
	q->due = wd_limit_end(q->cal, DEMO_UNIT, q->recv, c->days, NULL);
	if (chance(r, 0.035)) {
		t = q->recv + (time_t)(range(r, 0.05, 0.8) * c->hours * HOUR);
		if (t > w->until)
			return;
		q->reason = WEIGHTED(r, reason_weights);
		act(q, q->rej = t, staff(q, false), ACT_REJECT, true,
		    reason_texts[q->reason]);
		return;
	}
	f = chance(r, 0.03 + 0.35 * (1 - qual)) ? range(r, 1.05, 3.0) :
	    range(r, 0.03, 0.95);
	if ((t = q->recv + (time_t)(f * c->hours * HOUR)) > w->until)
		return;
	act(q, q->acc = t, staff(q, false), ACT_ACCEPT, true,
	    "已受理，正在安排处理。");
	if ((t += (time_t)range(r, 600, 6 * HOUR)) > w->until)
		return;
	act(q, q->asg = t, staff(q, false), ACT_ASSIGN, true,
	    "已派单至网格员，请保持电话畅通。");
	if (chance(r, 0.1)) {
		if ((t += (time_t)range(r, 600, 12 * HOUR)) > w->until)
			return;
		act(q, t, staff(q, true), ACT_NOTE, false,
		    "已电话联系居民，约定上门查看时间。");
	}
	if (chance(r, c->escalate * (1.5 - qual))) {
		if ((t += (time_t)range(r, 2 * HOUR, 48 * HOUR)) > w->until)
			return;
		act(q, t, staff(q, false), ACT_ESCALATE, true,
		    "社区协调难度较大，已提请街道协调处理（吹哨报到）。");
		if (chance(r, 0.25)) {
			if ((t += (time_t)range(r, DAY, 3 * DAY)) > w->until)
				return;
			act(q, t, staff(q, false), ACT_ESCALATE, true,
			    "街道已提请区级职能部门协同处置。");
		}
	}
	if (chance(r, 0.005 + 0.05 * (1 - qual))) {
		/* Stalled: never resolved.  Half of them (by the minute of
		 * submission, drawing nothing, so the rest of the world stays
		 * as it was) the resident withdraws on a follow-up call
		 * (代群众撤回) two days on. */
		t += 2 * DAY;
		if ((q->recv / 60) % 2 == 0 && t <= w->until) {
			q->reason = REJECT_WITHDRAWN;
			act(q, q->rej = t, staff(q, false), ACT_WITHDRAW, false,
			    "回访电话：居民表示问题已自行解决，要求撤回。");
		}
		return;
	}
	if ((t = resolve_time(w, r, q, q->acc, t)) > w->until)
		return;
	q->resolution = demo_cats[q->cat].fixes[below(r, 2)];
	act(q, q->res = t, staff(q, true), ACT_RESOLVE, true, q->resolution);
	after_resolve(w, r, q, t, qual);
}

/*
 * Tracking number of request n: an affine bijection of n onto
 * 0..31^8-1 (the multiplier is prime to 31), in base 31 over an alphabet
 * without look-alikes, so numbers are unique without checking.
 */
static void
tracking_no(uint64_t n, uint64_t seed, char out[9])
{
	static const char alpha[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
	const uint64_t	 mod = 852891037441ULL;	/* 31^8 */
	uint64_t	 v;
	int		 i;

	v = (uint64_t)(((unsigned __int128)n * 527110583221ULL +
	    seed * 7919ULL) % mod);
	for (i = 7; i >= 0; i--, v /= 31)
		out[i] = alpha[v % 31];
	out[8] = '\0';
}

/* Cumulative weights of the hours of the year: local hour, weekday, season. */
static void
hour_bins(struct world *w)
{
	struct tm tm;
	time_t	 t;
	int	 h;

	for (h = 0; h < NHOUR; h++) {
		t = w->start + h * HOUR + LOCAL;
		gmtime_r(&t, &tm);
		w->hcum[h + 1] = w->hcum[h] + hour_weights[tm.tm_hour] *
		    (tm.tm_wday == 0 || tm.tm_wday == 6 ? 0.75 : 1.0) *
		    (1 + 0.15 * sin(2 * M_PI * (tm.tm_yday - 100) / 365.0));
	}
}

/*
 * Where, when and what of request i (0-based): the received time is the
 * (i + u)/N quantile of the hourly weights, so ids follow time; *h is
 * the hour cursor, advanced across calls.  Then community (by size),
 * grid, category (by weight) and source.
 */
static void
request_draw(const struct world *w, struct rng *r, long long i, int *h,
    struct request *q)
{
	double		 x;
	int		 k, y;

	memset(q, 0, sizeof(*q));
	q->id = i + 1;
	q->reason = -1;
	q->rating = RT_NONE;
	x = ((double)i + unit(r)) / (double)w->o->requests * w->hcum[NHOUR];
	while (*h < NHOUR - 1 && w->hcum[*h + 1] <= x)
		(*h)++;
	q->recv = w->start + *h * HOUR + (time_t)((x - w->hcum[*h]) /
	    (w->hcum[*h + 1] - w->hcum[*h]) * HOUR);
	if (q->recv >= w->until)
		q->recv = w->until - 1;
	x = unit(r) * w->cweight;
	for (k = 0; k < w->ncomm - 1 && x >= w->comm[k].weight; k++)
		x -= w->comm[k].weight;
	q->comm = k;
	q->grid = below(r, w->comm[k].ngrid);
	for (y = below(r, 100), k = 0; k < CAT__MAX - 1 &&
	    y >= demo_cats[k].weight; k++)
		y -= demo_cats[k].weight;
	q->cat = k;
	q->source = WEIGHTED(r, src_weights);
}

/* Write request q (with address, text, resident) and its events. */
static void
request_put(struct world *w, struct rng *r, const struct request *q,
    struct db_bulk *b, struct db_bulk *eb)
{
	const struct community *c = &w->comm[q->comm];
	const struct event *e;
	char		 s[512], place[96], estate[64], tn[9];
	int		 k;

	snprintf(estate, sizeof(estate), "%.*s%s",
	    (int)(strlen(c->name) - strlen("社区")), c->name,
	    PICK(r, estate_kinds));
	tracking_no((uint64_t)q->id, w->seed, tn);
	db_bulk_row(b);
	db_bulk_int(b, q->id);
	db_bulk_str(b, tn);
	db_bulk_int(b, q->cat + 1);
	db_bulk_int(b, 1);		/* the district */
	db_bulk_int(b, c->street_id);
	db_bulk_int(b, c->id);
	db_bulk_int(b, c->grid0 + q->grid);
	if (chance(r, 0.3))
		snprintf(s, sizeof(s), "%s%d号", PICK(r, roads),
		    1 + below(r, 400));
	else
		snprintf(s, sizeof(s), "%s%d幢%d单元%d0%d室", estate,
		    1 + below(r, 30), 1 + below(r, 4), 1 + below(r, 18),
		    1 + below(r, 4));
	db_bulk_str(b, s);
	snprintf(place, sizeof(place), "%s%s", estate, PICK(r, spots));
	snprintf(s, sizeof(s), PICK(r, demo_cats[q->cat].texts), place);
	db_bulk_str(b, s);
	if (q->source <= SRC_OPEN311 && chance(r, 0.6)) {
		snprintf(s, sizeof(s), "%.6f", c->lat + range(r, -.004, .004));
		db_bulk_str(b, s);
		snprintf(s, sizeof(s), "%.6f", c->lng + range(r, -.004, .004));
		db_bulk_str(b, s);
	} else {
		db_bulk_null(b);
		db_bulk_null(b);
	}
	demo_person(r, s, sizeof(s));
	db_bulk_str(b, s);
	snprintf(s, sizeof(s), "%s%08d", PICK(r, mobile), below(r, 100000000));
	db_bulk_str(b, s);
	db_bulk_str(b, word_source[q->source].code);
	db_bulk_str(b, word_state[q->state].code);
	db_bulk_str(b, word_level[q->level].code);
	/* The level never goes down: it is the max_level too. */
	db_bulk_str(b, word_level[q->level].code);
	db_bulk_time(b, q->recv); db_bulk_time(b, q->acc);
	db_bulk_time(b, q->asg); db_bulk_time(b, q->res);
	db_bulk_time(b, q->clo); db_bulk_time(b, q->rej);
	db_bulk_str(b, q->reason >= 0 ? word_reject[q->reason].code : NULL);
	db_bulk_time(b, q->recv + demo_cats[q->cat].hours * HOUR);
	db_bulk_time(b, q->due);
	db_bulk_str(b, q->resolution);
	db_bulk_str(b, q->rating == RT_NONE ? NULL :
	    word_rating[q->rating].code);
	db_bulk_time(b, q->rated);
	db_bulk_str(b, q->comment);
	db_bulk_int(b, q->reopen);
	db_bulk_int(b, q->version);
	db_bulk_row_end(b);
	for (k = 0; k < q->nev; k++) {
		e = &q->ev[k];
		db_bulk_row(eb);
		db_bulk_int(eb, ++w->events);
		db_bulk_int(eb, q->id);
		db_bulk_time(eb, e->at);
		db_bulk_str(eb, word_actor[e->kind].code);
		db_bulk_ref(eb, e->actor);
		db_bulk_str(eb, word_action[e->action].code);
		db_bulk_str(eb, e->from == ST_NONE ? NULL :
		    word_state[e->from].code);
		db_bulk_str(eb, word_state[e->to].code);
		db_bulk_str(eb, word_level[e->level].code);
		db_bulk_int(eb, e->pub);
		db_bulk_str(eb, e->body);
		db_bulk_row_end(eb);
	}
}

/* "\r[#####.....]  42%  840000/2000000 requests  31200/s" on stderr. */
static void
progress(long long done, long long total, double secs)
{
	char	 bar[31];
	int	 k, fill = total ? (int)(30 * done / total) : 30;

	for (k = 0; k < 30; k++)
		bar[k] = k < fill ? '#' : '.';
	bar[30] = '\0';
	fprintf(stderr, "\r[%s] %3d%%  %lld/%lld requests  %.0f/s", bar,
	    total ? (int)(100 * done / total) : 100, done, total,
	    secs > 0 ? (double)done / secs : 0.0);
	fflush(stderr);
}

/*
 * Generate the requests and their events and write them in bulk, with
 * a progress bar when asked.  Returns 0 or -1 (message printed).
 */
int
demo_load_requests(struct world *w)
{
	struct db_bulk	*b = NULL, *eb = NULL;
	struct request	*q;
	struct rng	 r;
	long long	 i, n = w->o->requests;
	double		 t0 = now_s(), last = 0, t;
	int		 h = 0, rc;

	if ((q = malloc(sizeof(*q))) == NULL ||
	    (b = db_bulk_open(w->cfg, SQL_BULK_REQUEST, "service_requests",
	    2000)) == NULL ||
	    (eb = db_bulk_open(w->cfg, SQL_BULK_EVENT, "request_events",
	    5000)) == NULL)
		goto out;
	hour_bins(w);
	for (i = 0; i < n; i++) {
		rnd_init(&r, w->seed, PH_REQUESTS, (uint64_t)i);
		request_draw(w, &r, i, &h, q);
		lifecycle(w, &r, q);
		request_put(w, &r, q, b, eb);
		if ((i & 1023) != 1023)
			continue;
		if (db_bulk_failed(b) || db_bulk_failed(eb))
			break;
		if (w->o->progress && (t = now_s()) - last >= 0.25) {
			progress(i + 1, n, t - t0);
			last = t;
		}
	}
out:
	free(q);
	rc = db_bulk_close(b);
	rc = db_bulk_close(eb) == -1 ? -1 : rc;
	if (w->o->progress) {
		if (rc == 0)
			progress(n, n, now_s() - t0);
		fputc('\n', stderr);
	}
	return rc;
}
