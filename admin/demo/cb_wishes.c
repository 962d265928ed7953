/*
 * The demo's micro-wishes (微心愿, issue 20 point 5): 5 to 8 wishes of
 * residents in every community over the demo year, in every state — open
 * (some after a claim that lapsed), claimed by a reported member of the
 * community or by one of its co-building units, fulfilled and waiting for
 * the community's confirmation, confirmed, withdrawn — each claim also in
 * wish_claims.  After the co-building units (cobuild.c), whose ids it
 * takes in the same way.
 */
#include <stdio.h>
#include <string.h>

#include "bulk.h"
#include "config.h"
#include "db.h"
#include "demoint.h"

#define UNITS_PER_COMM	3	/* as cobuild.c */
#define STREAM0		1000	/* this file's streams of PH_COBUILD */

static const struct {
	const char	*title, *detail;
	int		 yuan;		/* the value cap */
} texts[] = {
	{ "一台助听器", "耳背多年，想听清家人说话，也想能接电话。", 800 },
	{ "孩子的课外书", "三年级，喜欢科普和童话，希望有几本新书。", 150 },
	{ "一辆轮椅", "腿脚不便，想在天气好的时候下楼晒晒太阳。", 600 },
	{ "上门理发", "卧床老人，希望每月有人上门理一次发。", 50 },
	{ "新学期的书包和文具", "孩子今年上初中，书包已经用坏了。", 120 },
	{ "一台血压计", "高血压多年，想每天在家量一量。", 200 },
	{ "一副老花镜", "看不清药盒上的字，想配一副合适的老花镜。", 80 },
	{ "冬天的厚棉被", "家里的被子太薄，冬天夜里冷。", 200 },
	{ "学习用的台灯", "孩子晚上写作业，屋里光线不够。", 150 },
	{ "陪同去医院复查", "独自行动不便，希望有人陪同去医院复查。", 60 },
	{ "一辆儿童自行车", "孩子八岁，一直想学骑自行车。", 400 },
	{ "教会使用智能手机", "想学会视频通话和手机挂号。", 30 },
	{ "一套围棋", "退休后喜欢下棋，想和邻居一起下。", 100 },
	{ "一个保温饭盒", "在社区食堂打饭带回家，路上饭菜会凉。", 80 },
	{ "修好旧收音机", "陪伴多年的收音机坏了，想修好继续听戏。", 60 },
	{ "一台电暖器", "屋里没有暖气，冬天想暖和一点。", 300 },
};

static const char *const notes[] = {
	"独居，子女在外地。", "低保户，行动不便。", "孙辈由老人照看。",
	"残疾人家庭。", "空巢老人，身体尚可。", "",
};

static const char *const fulfils[] = {
	"已购买并送到居民家中，当面教会使用。",
	"已送达，居民很满意，合影留念。",
	"党员志愿者上门完成，居民表示感谢。",
	"单位党支部集体认领，已送到并回访。",
};

/* A wish's states in a community, by its index there: every state in
 * the first five. */
enum plan { P_OPEN, P_MEMBER, P_FULFILLED, P_CONFIRMED, P_WITHDRAWN,
	P_LAPSED, P_UNIT, P_UNIT_CONFIRMED };

/* The staff user of community c (posting and confirming there). */
static int
staff_of(const struct world *w, int c)
{
	if (c == 0)
		return U_COMMUNITY1;
	if (c == 1)
		return U_COMMUNITY2;
	return w->comm[c].street_id == w->comm[0].street_id ? U_STREET1 :
	    U_DISTRICT;
}

/* A member of community c whose report is valid at the end, or 0. */
static unsigned
member_of(const struct world *w, int c, struct rng *r)
{
	const struct community *cm = &w->comm[c];
	int	 k, i, start;

	if (cm->nmem == 0)
		return 0;
	start = below(r, cm->nmem);
	for (k = 0; k < cm->nmem; k++) {
		i = cm->mem0 + (start + k) % cm->nmem;
		if (w->mem[i].reported != 0 &&
		    w->mem[i].reported + 182 * DAY > w->until)
			return w->mem[i].id;
	}
	return 0;
}

/* One claim's row. */
static void
claim_row(struct db_bulk *b, long long wish, unsigned member, int unit,
    time_t at, time_t due, const char *outcome, time_t ended)
{
	db_bulk_row(b);
	db_bulk_int(b, wish);
	db_bulk_ref(b, member);
	db_bulk_ref(b, unit);
	db_bulk_time(b, at);
	db_bulk_time(b, due);
	db_bulk_str(b, outcome);
	db_bulk_time(b, ended);
	db_bulk_row_end(b);
}

int
demo_load_cb_wishes(struct world *w)
{
	struct db_bulk	*b, *cl;
	struct rng	 r;
	const time_t	 claim = (time_t)w->cfg->wish_claim_days * DAY;
	char		 person[32], phone[12];
	long long	 id = 0;
	unsigned	 member;
	int		 c, k, n, t, unit, staff;
	enum plan	 p;
	time_t		 posted, claimed, due, done, confirmed, withdrawn;
	enum wish_state	 state;

	if ((b = db_bulk_open(w->cfg, SQL_BULK_WISH, "wishes", 256)) == NULL)
		return -1;
	if ((cl = db_bulk_open(w->cfg, SQL_BULK_WISH_CLAIM, "wish_claims",
	    256)) == NULL) {
		(void)db_bulk_close(b);
		return -1;
	}
	for (c = 0; c < w->ncomm; c++) {
		rnd_init(&r, w->seed, PH_COBUILD, STREAM0 + (uint64_t)c);
		n = 5 + below(&r, 4);
		staff = staff_of(w, c);
		for (k = 0; k < n; k++) {
			p = (enum plan)(k < 5 ? (k + c) % 5 : k);
			t = (c * 5 + k * 7) % NELEM(texts);
			id++;
			/* Claims and their ends fall before the end of the
			 * data; an open wish may be recent. */
			posted = w->until - (time_t)(p == P_OPEN ? 1 +
			    below(&r, 40) : 40 + below(&r, 280)) * DAY -
			    below(&r, 8) * HOUR;
			claimed = due = done = confirmed = withdrawn = 0;
			member = 0;
			unit = 0;
			state = WISH_OPEN;
			if (p == P_MEMBER || p == P_FULFILLED ||
			    p == P_CONFIRMED)
				member = member_of(w, c, &r);
			if (p == P_UNIT || p == P_UNIT_CONFIRMED ||
			    (member == 0 && (p == P_MEMBER || p == P_FULFILLED ||
			    p == P_CONFIRMED)))
				unit = DEMO_DEPT_UNITS + c * UNITS_PER_COMM +
				    k % UNITS_PER_COMM + 1;
			if (p == P_LAPSED) {
				/* A claim that ran out, back on the wall. */
				claimed = posted + (1 + below(&r, 3)) * DAY;
				claim_row(cl, id, 0, DEMO_DEPT_UNITS + c *
				    UNITS_PER_COMM + 2, claimed, claimed + claim,
				    word_wish_claim[WCL_LAPSED].code,
				    claimed + claim);
				claimed = 0;
			}
			if (member != 0 || unit != 0) {
				if (p == P_MEMBER || p == P_UNIT) {
					/* Claimed lately, due after the end. */
					claimed = w->until - (1 + below(&r,
					    (int)(claim / DAY) - 2)) * DAY;
					state = WISH_CLAIMED;
				} else
					claimed = posted + (1 + below(&r, 5)) *
					    DAY;
				due = claimed + claim;
			}
			if (p == P_FULFILLED || p == P_CONFIRMED ||
			    p == P_UNIT_CONFIRMED) {
				done = claimed + (1 + below(&r, 10)) * DAY;
				state = WISH_FULFILLED;
			}
			if (p == P_CONFIRMED || p == P_UNIT_CONFIRMED) {
				confirmed = done + (1 + below(&r, 3)) * DAY;
				state = WISH_CONFIRMED;
			}
			if (p == P_FULFILLED) {
				/* Waiting for the community: lately. */
				done = w->until - (1 + below(&r, 3)) * DAY;
				claimed = done - (1 + below(&r, 5)) * DAY;
				due = claimed + claim;
			}
			if (p == P_WITHDRAWN) {
				withdrawn = posted + (2 + below(&r, 10)) * DAY;
				state = WISH_WITHDRAWN;
			}
			demo_person(&r, person, sizeof(person));
			snprintf(phone, sizeof(phone), "138%08d",
			    below(&r, 100000000));
			db_bulk_row(b);
			db_bulk_int(b, id);
			db_bulk_int(b, w->comm[c].id);
			db_bulk_str(b, texts[t].title);
			db_bulk_str(b, texts[t].detail);
			db_bulk_int(b, (long long)texts[t].yuan * 100);
			db_bulk_str(b, person);
			db_bulk_str(b, chance(&r, 0.7) ? phone : NULL);
			db_bulk_str(b, PICK(&r, notes));
			db_bulk_int(b, staff);
			db_bulk_time(b, posted);
			db_bulk_str(b, word_wish[state].code);
			db_bulk_ref(b, member);
			db_bulk_ref(b, unit);
			db_bulk_time(b, claimed);
			db_bulk_time(b, claimed != 0 ? due : 0);
			db_bulk_time(b, done);
			db_bulk_str(b, done != 0 ? PICK(&r, fulfils) : NULL);
			db_bulk_time(b, confirmed);
			db_bulk_ref(b, confirmed != 0 ? staff : 0);
			db_bulk_time(b, withdrawn);
			db_bulk_row_end(b);
			if (claimed != 0)
				claim_row(cl, id, member, unit, claimed, due,
				    word_wish_claim[done != 0 ? WCL_FULFILLED :
				    WCL_OPEN].code, done);
		}
	}
	if (db_bulk_close(b) == -1 || db_bulk_close(cl) == -1)
		return -1;
	return 0;
}
