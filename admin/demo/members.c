/*
 * The demo's Party members (see demoint.h): rosters with their reports,
 * service menus with their claims, and activities with participation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demoint.h"

static const char *const employers[] = { "区税务局", "市第一人民医院",
    "国网供电公司滨江分公司", "区人民法院", "区教育局", "滨江第一中学",
    "区市场监管局", "中国移动滨江分公司", "区卫生健康局", "杭州银行滨江支行",
    "区城市管理局", "区人力社保局", "区财政局", "市第二人民医院",
    "区检察院", "区发展改革局" };
/* Percent of each enum member_type. */
static const int member_weights[MTYPE__MAX] = { 55, 25, 8, 12 };

static const struct menu {
	int		 cat;
	const char	*name, *desc;
} menus[] = {
	{ CAT_ELDERCARE, "独居老人结对探访", "每周上门探望结对老人一次，了解生活需求。" },
	{ CAT_ENV, "垃圾分类督导", "在投放点引导居民正确分类投放。" },
	{ CAT_PARKING, "文明停车劝导", "早晚高峰劝导车辆有序停放。" },
	{ CAT_LEGAL, "法律咨询坐诊", "每月在社区服务中心提供一次法律咨询。" },
	{ CAT_HEALTH, "义诊与健康讲座", "为居民测量血压血糖，讲解慢病防治。" },
	{ CAT_OTHER, "四点半课堂", "为双职工家庭的孩子辅导课后作业。" },
	{ CAT_DISPUTE, "邻里矛盾调解", "协助人民调解员化解邻里纠纷。" },
	{ CAT_SAFETY, "消防安全巡查", "检查楼道堆物和电动车违规充电。" },
	{ CAT_ELDERCARE, "助老送餐", "为行动不便的老人送餐上门。" },
	{ CAT_SAFETY, "防诈骗宣传", "入户和在广场宣传防范电信诈骗知识。" },
	{ CAT_WELFARE, "惠民政策宣讲", "讲解社保、医保等惠民政策。" },
	{ CAT_OTHER, "爱心义剪", "为老人和残疾人免费理发。" },
};
#define NMENU	((int)(sizeof(menus) / sizeof(menus[0])))

/* Activity kinds by enum activity_kind: title (%d month, %s topic), topics,
 * weight. */
static const struct kind {
	const char	*title;
	const char	*topics[6];
	int		 weight;	/* of the second activity of a month */
} kinds[AKIND__MAX] = {
	{ "%d月主题党日：%s", { "垃圾分类宣传", "学习党的二十大精神",
	    "重温入党誓词", "参观红色教育基地", "文明城市创建",
	    "走访慰问困难党员" }, 0 },
	{ "%d月志愿服务：%s", { "社区环境大扫除", "关爱独居老人",
	    "反诈宣传进楼道", "文明停车劝导", "义诊进社区",
	    "防汛安全检查" }, 60 },
	{ "%d月组织生活会：%s", { "学习党章党规", "民主评议党员",
	    "批评与自我批评", "专题学习研讨", "党费收缴与公示",
	    "发展党员工作" }, 25 },
	{ "%d月党员议事会：%s", { "小区加装电梯", "老旧小区改造",
	    "停车难问题", "垃圾分类点位调整", "邻里节筹备",
	    "社区食堂运营" }, 15 },
};

/*
 * The Party member rosters, 40..60 per community.  Reported members
 * mostly reported within the last half year (so are current); some
 * lapsed.  Phones are unique: 1395 and a bijection of the id.
 */
int
demo_load_members(struct world *w)
{
	struct db_bulk	*b, *rb;
	struct rng	 r;
	struct member	*m;
	char		 name[64], phone[16];
	const char	*employer;
	double		 p;
	time_t		 created, t;
	int		 i, k, j;

	if ((w->mem = calloc((size_t)w->ncomm * 60, sizeof(*m))) == NULL) {
		fprintf(stderr, "lianxin: demo: out of memory\n");
		return -1;
	}
	if ((b = db_bulk_open(w->cfg, SQL_BULK_MEMBER, "party_members",
	    2000)) == NULL)
		return -1;
	if ((rb = db_bulk_open(w->cfg, SQL_BULK_MREPORT, "member_reports",
	    2000)) == NULL) {
		(void)db_bulk_close(b);
		return -1;
	}
	rnd_init(&r, w->seed, PH_MEMBERS, 0);
	for (i = 0; i < w->ncomm; i++) {
		w->comm[i].mem0 = w->nmem;
		w->comm[i].nmem = 40 + below(&r, 21);
		for (k = 0; k < w->comm[i].nmem; k++) {
			m = &w->mem[w->nmem++];
			m->id = (unsigned)w->nmem;
			m->type = WEIGHTED(&r, member_weights);
			p = m->type == MTYPE_IN_SERVICE ? w->comm[i].report :
			    0.9;
			if (chance(&r, p)) {
				m->reported = w->until - (time_t)(chance(&r,
				    p > 0.5 ? 0.85 : 0.5) ? range(&r, 1, 182) :
				    range(&r, 183, 364)) * DAY;
				w->nreported++;
			}
			demo_person(&r, name, sizeof(name));
			snprintf(phone, sizeof(phone), "1395%07u",
			    (unsigned)((m->id * 7919ULL + w->seed) % 10000000));
			employer = m->type == MTYPE_IN_SERVICE ?
			    PICK(&r, employers) : "";
			created = w->start - (time_t)range(&r, 30, 1500) * DAY;
			db_bulk_row(b);
			db_bulk_int(b, m->id);
			db_bulk_int(b, w->comm[i].id);
			db_bulk_str(b, name);
			db_bulk_str(b, phone);
			db_bulk_str(b, word_mtype[m->type].code);
			db_bulk_str(b, employer);
			db_bulk_time(b, m->reported);
			db_bulk_time(b, m->reported ? m->reported + 182 * DAY :
			    0);
			db_bulk_time(b, created);
			db_bulk_row_end(b);
			/* The confirmed reports: the last one and, mostly,
			 * the renewals before it (the figures' history). */
			for (j = 0, t = m->reported; m->reported && j < 3 &&
			    t > created; j++) {
				db_bulk_row(rb);
				db_bulk_int(rb, w->comm[i].id);
				db_bulk_str(rb, name);
				db_bulk_str(rb, phone);
				db_bulk_str(rb, word_mtype[m->type].code);
				db_bulk_str(rb, employer);
				db_bulk_time(rb, t);	/* consent */
				db_bulk_time(rb, t);	/* submitted */
				db_bulk_int(rb, m->id);
				db_bulk_time(rb, t);	/* decided */
				db_bulk_row_end(rb);
				if (chance(&r, 0.2))
					break;
				t -= (time_t)range(&r, 150, 200) * DAY;
			}
		}
	}
	k = db_bulk_close(rb);
	return db_bulk_close(b) == -1 || k == -1 ? -1 : 0;
}

/*
 * Claims of one menu item [from, to] by reported members of community c,
 * each member at most once: completed when the item is over, else open;
 * some withdrawn.  Never more open + completed than cap, never more than
 * 2 open per member.  Returns the number claimed (open + completed).
 */
static int
item_claims(struct world *w, struct db_bulk *b, struct rng *r,
    const struct community *c, long long item, int cap, time_t from,
    time_t to)
{
	struct member	*m;
	time_t		 at, end = to < w->until ? to : w->until - HOUR;
	int		 claimed = 0, target, k, first;
	enum claim_state state;

	target = (int)(cap * range(r, 0.3, 1.0) + 0.5);
	first = below(r, c->nmem);
	/* a stride of 61 is prime to 40..60 members: each one once */
	for (k = 0; claimed < target && k < c->nmem && end > from; k++) {
		m = &w->mem[c->mem0 + (first + 61 * k) % c->nmem];
		if (m->reported == 0 || m->open >= 2 || chance(r, 0.5))
			continue;
		at = from + (time_t)(unit(r) * (double)(end - from) * 0.3);
		state = chance(r, 0.15) ? CLAIM_WITHDRAWN : to < w->until ?
		    CLAIM_COMPLETED : CLAIM_OPEN;
		db_bulk_row(b);
		db_bulk_int(b, ++w->claims);
		db_bulk_int(b, item);
		db_bulk_int(b, m->id);
		db_bulk_str(b, word_claim[state].code);
		db_bulk_time(b, at);
		db_bulk_time(b, state == CLAIM_OPEN ? 0 :
		    state == CLAIM_COMPLETED ? to :
		    at + (time_t)(unit(r) * (double)(end - at)));
		db_bulk_row_end(b);
		m->open += state == CLAIM_OPEN;
		claimed += state != CLAIM_WITHDRAWN;
	}
	return claimed;
}

/* Service menus (4..8 items per community) and their claims. */
int
demo_load_items(struct world *w)
{
	struct db_bulk	*b, *cb = NULL;
	struct rng	 r;
	const struct menu *mu;
	time_t		 from, to;
	int		 i, k, n, cap, claimed, rc;

	if ((b = db_bulk_open(w->cfg, SQL_BULK_ITEM, "service_items",
	    500)) == NULL || (cb = db_bulk_open(w->cfg, SQL_BULK_CLAIM,
	    "item_claims", 2000)) == NULL)
		goto out;
	rnd_init(&r, w->seed, PH_ITEMS, 0);
	for (i = 0; i < w->ncomm; i++)
		for (n = 4 + below(&r, 5), k = below(&r, NMENU); n > 0; n--) {
			mu = &menus[k++ % NMENU];
			cap = 2 + below(&r, 9);
			from = w->start + (time_t)below(&r, 150) * DAY;
			to = from + (time_t)(90 + below(&r, 210)) * DAY;
			claimed = item_claims(w, cb, &r, &w->comm[i],
			    w->items + 1, cap, from, to);
			db_bulk_row(b);
			db_bulk_int(b, ++w->items);
			db_bulk_int(b, w->comm[i].id);
			db_bulk_int(b, mu->cat + 1);
			db_bulk_str(b, mu->name);
			db_bulk_str(b, mu->desc);
			db_bulk_int(b, cap);
			db_bulk_int(b, claimed);
			put_date(b, from);
			put_date(b, to);
			db_bulk_row_end(b);
		}
out:
	rc = db_bulk_close(b);
	return db_bulk_close(cb) == -1 ? -1 : rc;
}

/* One activity of community c on local day `day`, and who took part. */
static void
activity(struct world *w, struct db_bulk *ab, struct db_bulk *pb,
    struct rng *r, const struct community *c, int kind, int month,
    time_t day)
{
	const struct member *m;
	char		 title[160], hrs[8];
	double		 hours = 1.0 + 0.5 * below(r, 7), h;
	int		 k;

	snprintf(title, sizeof(title), kinds[kind].title, month,
	    PICK(r, kinds[kind].topics));
	snprintf(hrs, sizeof(hrs), "%.1f", hours);
	db_bulk_row(ab);
	db_bulk_int(ab, ++w->activities);
	db_bulk_int(ab, c->id);
	db_bulk_str(ab, title);
	db_bulk_str(ab, word_akind[kind].code);
	put_date(ab, day);
	db_bulk_str(ab, hrs);
	db_bulk_row_end(ab);
	for (k = 0; k < c->nmem; k++) {
		m = &w->mem[c->mem0 + k];
		if (m->reported == 0 ||
		    !chance(r, c->partic *
		    (m->type == MTYPE_RETIRED ? 1.4 : 1.0)))
			continue;
		h = chance(r, 0.7) ? hours : hours - 0.5 * (1 + below(r, 2));
		snprintf(hrs, sizeof(hrs), "%.1f", h < 0.5 ? 0.5 : h);
		db_bulk_row(pb);
		db_bulk_int(pb, w->activities);
		db_bulk_int(pb, m->id);
		put_date(pb, day);
		db_bulk_str(pb, hrs);
		db_bulk_row_end(pb);
		w->participation++;
	}
}

/*
 * Two activities per community and month of the year (a 主题党日 and one
 * other), with participation; returns 0 or -1.
 */
int
demo_load_activities(struct world *w)
{
	int		 second[NELEM(kinds)];
	struct db_bulk	*ab, *pb = NULL;
	struct rng	 r;
	struct tm	 tm, d;
	time_t		 last = w->until - 1 + LOCAL, day;
	int		 i, k, j, rc;

	for (k = 0; k < NELEM(kinds); k++)
		second[k] = kinds[k].weight;
	if ((ab = db_bulk_open(w->cfg, SQL_BULK_ACTIVITY, "activities",
	    1000)) == NULL || (pb = db_bulk_open(w->cfg,
	    SQL_BULK_PARTICIPATION, "participation", 5000)) == NULL)
		goto out;
	gmtime_r(&last, &tm);
	rnd_init(&r, w->seed, PH_ACTIVITIES, 0);
	for (i = 0; i < w->ncomm; i++)
		for (k = 12; k >= 0; k--)
			for (j = 0; j < 2; j++) {
				memset(&d, 0, sizeof(d));
				d.tm_year = tm.tm_year;
				d.tm_mon = tm.tm_mon - k;
				d.tm_mday = 1 + below(&r, 28);
				day = timegm(&d) - LOCAL;   /* normalises d */
				if (day >= w->start && day < w->until)
					activity(w, ab, pb, &r, &w->comm[i],
					    j == 0 ? AKIND_PARTY_DAY :
					    WEIGHTED(&r, second),
					    d.tm_mon + 1, day);
			}
out:
	rc = db_bulk_close(ab);
	return db_bulk_close(pb) == -1 ? -1 : rc;
}

