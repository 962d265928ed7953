/*
 * The demo's star ratings (星级评定, issue 22 point 4): three or four 两新
 * organisations (units of kind org: 非公企业 and 社会组织) in every
 * street, the district's sub-indicators of the two years (the default
 * set: 党组织班子 20, 党员队伍 20, 生产经营 15, 企业文化 15, 劳动关系 15,
 * 社会评价 15), the ratings of the year before all confirmed with varied
 * stars and those of this year in every state, and the account org1
 * (unit_staff) of the first organisation of 西兴街道, whose rating of this
 * year is a draft waiting for it.
 */
#include <stdio.h>
#include <string.h>

#include "bulk.h"
#include "db.h"
#include "demoint.h"
#include "starflow.h"

#define PER_STREET	4
#define DISTRICT_ID	1
#define NYEARS		2

/* The organisations: name (%s the street without 街道), sector, kind. */
static const struct {
	const char	*name, *sector;
	int		 kind;
} orgs[] = {
	{ "%s云帆信息技术有限公司", "信息技术", ORG_PRIVATE_FIRM },
	{ "%s恒信电子商务有限公司", "电子商务", ORG_PRIVATE_FIRM },
	{ "%s味道餐饮管理有限公司", "餐饮", ORG_PRIVATE_FIRM },
	{ "%s星火社工服务中心", "社工服务", ORG_SOCIAL_ORG },
	{ "%s智造精密机械有限公司", "制造业", ORG_PRIVATE_FIRM },
	{ "%s阳光养老服务中心", "养老服务", ORG_SOCIAL_ORG },
	{ "%s启明律师事务所", "法律服务", ORG_SOCIAL_ORG },
	{ "%s绿源物流有限公司", "物流", ORG_PRIVATE_FIRM },
};

/* The default sub-indicators (each year the same). */
static const struct {
	int		 grp;
	const char	*name;
	int		 points;
} items[] = {
	{ SG_COMMITTEE, "党组织按期换届，班子成员配备齐全", 8 },
	{ SG_COMMITTEE, "“三会一课”等组织生活制度落实", 7 },
	{ SG_COMMITTEE, "书记履职尽责，参与企业重大决策", 5 },
	{ SG_MEMBERS, "党员教育管理规范，按时足额交纳党费", 8 },
	{ SG_MEMBERS, "发展党员和培养入党积极分子", 6 },
	{ SG_MEMBERS, "党员先锋岗、示范岗作用发挥", 6 },
	{ SG_BUSINESS, "依法经营，年度经营指标完成", 8 },
	{ SG_BUSINESS, "党建工作促进生产经营成效", 7 },
	{ SG_CULTURE, "党建阵地建设和企业文化活动", 8 },
	{ SG_CULTURE, "职工文化、精神文明创建", 7 },
	{ SG_LABOUR, "劳动合同签订和社会保险缴纳", 8 },
	{ SG_LABOUR, "工会、团组织建设和职工权益维护", 7 },
	{ SG_SOCIETY, "参与社区共建和志愿服务", 8 },
	{ SG_SOCIETY, "履行社会责任，群众评价良好", 7 },
};
#define NITEMS	NELEM(items)

/* This year's states, by the organisation's place in its street; the
 * last: none yet (no rating row). */
static const int states_now[PER_STREET] = { STAR_DRAFT, STAR_SELF,
	STAR_STREET, STAR_CONFIRMED };

/* The first organisation's id (after the co-building units). */
static int
org_id(const struct world *w, int st, int k)
{
	return DEMO_DEPT_UNITS + (int)w->cobuild_units + st * PER_STREET + k +
	    1;
}

/* How many organisations street st has: four, three in every other. */
static int
per_street(int st)
{
	return st % 2 == 0 ? PER_STREET : PER_STREET - 1;
}

/* A community of street st (the k-th, in turn). */
static const struct community *
comm_of(const struct world *w, int st, int k)
{
	int	 c, seen = 0, n = 0;

	for (c = 0; c < w->ncomm; c++)
		if (w->comm[c].street == st)
			n++;
	for (c = 0; c < w->ncomm; c++)
		if (w->comm[c].street == st && seen++ == k % n)
			return &w->comm[c];
	return &w->comm[0];
}

static void
short_street(char *buf, size_t sz, int st)
{
	size_t	 n;

	snprintf(buf, sz, "%s", demo_streets[st].name);
	n = strlen(buf);
	if (n > strlen("街道") && strcmp(buf + n - strlen("街道"), "街道") == 0)
		buf[n - strlen("街道")] = '\0';
}

static int
load_orgs(struct world *w, struct rng *r)
{
	struct db_bulk	*b;
	char		 name[160], party[200], place[64], person[32], sec[32];
	char		 phone[12];
	int		 st, k, o;

	if ((b = db_bulk_open(w->cfg, SQL_BULK_STAR_ORG, "units", 64)) == NULL)
		return -1;
	for (st = 0; st < NSTREET; st++) {
		short_street(place, sizeof(place), st);
		for (k = 0; k < per_street(st); k++) {
			o = (st * 3 + k) % NELEM(orgs);
			snprintf(name, sizeof(name), orgs[o].name, place);
			snprintf(party, sizeof(party), "%s党支部", name);
			demo_person(r, person, sizeof(person));
			demo_person(r, sec, sizeof(sec));
			snprintf(phone, sizeof(phone), "137%08d",
			    below(r, 100000000));
			db_bulk_row(b);
			db_bulk_int(b, org_id(w, st, k));
			db_bulk_str(b, word_unit_org[orgs[o].kind].code);
			db_bulk_int(b, comm_of(w, st, k)->id);
			db_bulk_str(b, name);
			db_bulk_str(b, orgs[o].sector);
			db_bulk_str(b, party);
			db_bulk_str(b, sec);
			db_bulk_str(b, person);
			db_bulk_str(b, phone);
			db_bulk_int(b, 3 + below(r, 15));
			db_bulk_int(b, 100 + k);
			db_bulk_row_end(b);
		}
	}
	return db_bulk_close(b);
}

static int
load_items(struct world *w, int year0)
{
	struct db_bulk	*b;
	int		 y, i, pos[SG__MAX];

	if ((b = db_bulk_open(w->cfg, SQL_BULK_STAR_ITEM, "star_items",
	    64)) == NULL)
		return -1;
	for (y = 0; y < NYEARS; y++) {
		memset(pos, 0, sizeof(pos));
		for (i = 0; i < NITEMS; i++) {
			db_bulk_row(b);
			db_bulk_int(b, y * NITEMS + i + 1);
			db_bulk_int(b, DISTRICT_ID);
			db_bulk_int(b, year0 + y);
			db_bulk_str(b, word_star_group[items[i].grp].code);
			db_bulk_int(b, pos[items[i].grp]++);
			db_bulk_str(b, items[i].name);
			db_bulk_int(b, items[i].points * 100);
			db_bulk_row_end(b);
		}
	}
	return db_bulk_close(b);
}

/* A total, or NULL when the step has not come. */
static void
put_total(struct db_bulk *b, long long c, int came)
{
	if (came)
		db_bulk_int(b, c);
	else
		db_bulk_null(b);
}

static void
put_ref(struct db_bulk *b, int id, int came)
{
	if (came && id > 0)
		db_bulk_int(b, id);
	else
		db_bulk_null(b);
}

/* One rating and its points: quality q (0..1) of the organisation. */
static void
rating(struct world *w, struct db_bulk *rb, struct db_bulk *sb,
    struct rng *r, int id, int unit, int st, int y, int year, int state,
    double q, time_t t0)
{
	long long	 self = 0, street = 0, fin = 0, c[3];
	int		 i, s, org_user = U__END + NDEPT + NUNIT;
	int		 came[3] = { 1, state >= STAR_STREET,
			    state == STAR_CONFIRMED };

	for (i = 0; i < NITEMS; i++) {
		long long m = items[i].points * 100;

		c[0] = (long long)(m * (q + range(r, -0.03, 0.08)));
		c[1] = (long long)(m * (q + range(r, -0.06, 0.03)));
		c[2] = (long long)(m * (q + range(r, -0.05, 0.02)));
		for (s = 0; s < 3; s++)
			c[s] = c[s] < 0 ? 0 : c[s] > m ? m : c[s] / 50 * 50;
		self += c[0];
		street += c[1];
		fin += c[2];
		db_bulk_row(sb);
		db_bulk_int(sb, id);
		db_bulk_int(sb, y * NITEMS + i + 1);
		for (s = 0; s < 3; s++)
			put_total(sb, c[s], came[s]);
		db_bulk_row_end(sb);
	}
	db_bulk_row(rb);
	db_bulk_int(rb, id);
	db_bulk_int(rb, unit);
	db_bulk_int(rb, year);
	db_bulk_str(rb, word_star_state[state].code);
	put_total(rb, self, 1);
	db_bulk_str(rb, state == STAR_DRAFT ? "" : "按细则逐项自评，材料已"
	    "报街道。");
	put_ref(rb, unit == org_id(w, 0, 0) ? org_user : 0,
	    state >= STAR_SELF);
	db_bulk_time(rb, state >= STAR_SELF ? t0 : 0);
	put_total(rb, street, came[1]);
	db_bulk_str(rb, came[1] ? "经实地查看，初评如上。" : NULL);
	put_ref(rb, st == 0 ? U_STREET1 : 0, came[1]);
	db_bulk_time(rb, came[1] ? t0 + 10 * DAY : 0);
	put_total(rb, fin, came[2]);
	if (came[2])
		db_bulk_int(rb, stars_of(fin));
	else
		db_bulk_null(rb);
	db_bulk_str(rb, came[2] ? "经区认定。" : NULL);
	put_ref(rb, U_DISTRICT, came[2]);
	db_bulk_time(rb, came[2] ? t0 + 20 * DAY : 0);
	db_bulk_int(rb, 1 + came[0] + came[1] + came[2]);
	db_bulk_row_end(rb);
}

static int
load_ratings(struct world *w, struct rng *r, int year0)
{
	/* Qualities giving every star level across the streets. */
	static const double qual[] = { 0.95, 0.85, 0.74, 0.64, 0.5, 0.91,
	    0.81, 0.69 };
	struct db_bulk	*rb, *sb;
	int		 st, k, y, id = 0, state, n = 0;
	double		 q;
	time_t		 t0;

	if ((rb = db_bulk_open(w->cfg, SQL_BULK_STAR_RATING, "star_ratings",
	    64)) == NULL)
		return -1;
	if ((sb = db_bulk_open(w->cfg, SQL_BULK_STAR_SCORE, "star_scores",
	    512)) == NULL) {
		(void)db_bulk_close(rb);
		return -1;
	}
	for (st = 0; st < NSTREET; st++)
		for (k = 0; k < per_street(st); k++, n++) {
			q = qual[n % NELEM(qual)];
			for (y = 0; y < NYEARS; y++) {
				state = y == 0 ? STAR_CONFIRMED :
				    states_now[(k + st) % PER_STREET];
				/* org1's organisation: a draft to fill in;
				 * one in three of this year not begun */
				if (y == 1 && st == 0 && k == 0)
					state = STAR_DRAFT;
				else if (y == 1 && n % 3 == 2 &&
				    state == STAR_DRAFT)
					continue;
				t0 = w->until - (y == 0 ? 360 : 40) * DAY;
				rating(w, rb, sb, r, ++id, org_id(w, st, k), st,
				    y, year0 + y, state, y == 0 ? q :
				    q + range(r, -0.04, 0.04), t0);
			}
		}
	if (db_bulk_close(rb) == -1 || db_bulk_close(sb) == -1)
		return -1;
	return 0;
}

static int
load_account(struct world *w)
{
	struct db_bulk	*b;
	char		 hash[DB_PWHASH_MAX];

	if (db_password_hash(DEMO_PASSWORD, hash) != DB_OK)
		return -1;
	if ((b = db_bulk_open(w->cfg, SQL_BULK_UNIT_USER, "users", 4)) == NULL)
		return -1;
	db_bulk_row(b);
	db_bulk_int(b, U__END + NDEPT + NUNIT);
	db_bulk_str(b, DEMO_ORG_USER);
	db_bulk_str(b, "陈思远");
	db_bulk_int(b, comm_of(w, 0, 0)->id);
	db_bulk_int(b, org_id(w, 0, 0));
	db_bulk_str(b, hash);
	db_bulk_time(b, w->start);
	db_bulk_row_end(b);
	return db_bulk_close(b);
}

int
demo_load_stars(struct world *w)
{
	struct rng	 r;
	struct tm	 tm;
	time_t		 t = w->until + LOCAL;
	int		 year;

	gmtime_r(&t, &tm);
	year = tm.tm_year + 1900;
	rnd_init(&r, w->seed, PH_STARS, 0);
	if (load_orgs(w, &r) == -1 || load_items(w, year - 1) == -1 ||
	    load_ratings(w, &r, year - 1) == -1 || load_account(w) == -1)
		return -1;
	for (w->star_orgs = 0, year = 0; year < NSTREET; year++)
		w->star_orgs += per_street(year);
	return 0;
}

const char *
demo_org_name(const struct world *w, char *buf, size_t sz)
{
	char	 place[64], name[160];

	short_street(place, sizeof(place), 0);
	snprintf(name, sizeof(name), orgs[0].name, place);
	snprintf(buf, sz, "%s %s", comm_of(w, 0, 0)->name, name);
	return buf;
}
