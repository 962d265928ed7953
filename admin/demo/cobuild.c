/*
 * The demo's co-building units (共建单位, issue 20): three resident units
 * of every community, of every kind in turn (机关, 事业单位, 国有企业,
 * 非公企业, 社会组织), each with its Party organisation, secretary and
 * contact; the secretary sits on the community's 大党委 as a part-time
 * member (兼职委员); accounts unit1..unit3 act for three of them.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "bulk.h"
#include "db.h"
#include "demoint.h"

#define PER_COMM	3

static const struct {
	const char	*name, *party;	/* %s is the community's name */
	const char	*post;		/* the secretary's post */
	int		 members;
} kinds[UNIT_ORG__MAX][2] = {
	[ORG_AGENCY] = {
		{ "区税务局%s税务所", "区税务局%s税务所党支部", "党支部书记", 18 },
		{ "区市场监督管理局%s科室", "%s市场监管党支部", "党支部书记", 12 } },
	[ORG_INSTITUTION] = {
		{ "%s小学", "%s小学党总支", "党总支书记", 35 },
		{ "%s社区卫生服务站", "%s卫生服务站党支部", "党支部书记", 9 } },
	[ORG_STATE_FIRM] = {
		{ "国网供电公司%s供电所", "%s供电所党支部", "党支部书记", 22 },
		{ "城投物业%s项目部", "城投物业%s项目部党支部", "党支部书记", 7 } },
	[ORG_PRIVATE_FIRM] = {
		{ "%s数码科技有限公司", "%s数码科技有限公司党支部", "党支部书记", 11 },
		{ "%s连锁超市", "%s连锁超市联合党支部", "党支部书记", 5 } },
	[ORG_SOCIAL_ORG] = {
		{ "%s律师事务所", "%s律师事务所党支部", "党支部书记", 6 },
		{ "%s社工服务中心", "%s社工服务中心党支部", "党支部书记", 4 } },
};

/* The accounts: community index and the unit's among its community's. */
const struct demo_unit demo_units[NUNIT] = {
	{ "unit1", "钱晓东", 0, 0 },
	{ "unit2", "冯雪", 0, 1 },
	{ "unit3", "蒋涛", 1, 0 },
};

/* The unit id of community c's unit k (after the departments'). */
static int
unit_id(int c, int k)
{
	return DEMO_DEPT_UNITS + c * PER_COMM + k + 1;
}

/* Kind of community c's unit k: every kind in turn. */
static int
org_of(int c, int k)
{
	return (c * PER_COMM + k) % UNIT_ORG__MAX;
}

static void
fmt_name(char *buf, size_t sz, const char *fmt, const struct community *c)
{
	char	 shortname[64];
	size_t	 n;

	/* "西兴社区" -> "西兴": the unit is named after the place. */
	snprintf(shortname, sizeof(shortname), "%s", c->name);
	n = strlen(shortname);
	if (n > strlen("社区") &&
	    strcmp(shortname + n - strlen("社区"), "社区") == 0)
		shortname[n - strlen("社区")] = '\0';
	snprintf(buf, sz, fmt, shortname);
}

int
demo_load_cobuild_units(struct world *w)
{
	struct db_bulk	*b, *cm;
	struct rng	 r;
	char		 name[160], party[160], person[32], phone[12];
	char		 hash[DB_PWHASH_MAX];
	int		 c, k, o, v;

	rnd_init(&r, w->seed, PH_COBUILD, 0);
	if ((b = db_bulk_open(w->cfg, SQL_BULK_COBUILD_UNIT, "units",
	    256)) == NULL)
		return -1;
	if ((cm = db_bulk_open(w->cfg, SQL_BULK_COMMITTEE,
	    "committee_members", 256)) == NULL) {
		(void)db_bulk_close(b);
		return -1;
	}
	for (c = 0; c < w->ncomm; c++)
		for (k = 0; k < PER_COMM; k++) {
			o = org_of(c, k);
			v = (c / UNIT_ORG__MAX + k) % 2;
			fmt_name(name, sizeof(name), kinds[o][v].name,
			    &w->comm[c]);
			fmt_name(party, sizeof(party), kinds[o][v].party,
			    &w->comm[c]);
			demo_person(&r, person, sizeof(person));
			snprintf(phone, sizeof(phone), "139%08d",
			    below(&r, 100000000));
			db_bulk_row(b);
			db_bulk_int(b, unit_id(c, k));
			db_bulk_str(b, word_unit_org[o].code);
			db_bulk_int(b, w->comm[c].id);
			db_bulk_str(b, name);
			db_bulk_str(b, party);
			db_bulk_str(b, person);
			db_bulk_str(b, person);
			db_bulk_str(b, phone);
			db_bulk_int(b, kinds[o][v].members + below(&r, 5));
			put_date(b, w->start);
			db_bulk_int(b, k);
			db_bulk_row_end(b);
			/* The secretary on the 大党委 (兼职委员). */
			db_bulk_row(cm);
			db_bulk_int(cm, w->comm[c].id);
			db_bulk_int(cm, unit_id(c, k));
			db_bulk_str(cm, person);
			db_bulk_str(cm, kinds[o][v].post);
			put_date(cm, w->start);
			db_bulk_row_end(cm);
		}
	if (db_bulk_close(b) == -1 || db_bulk_close(cm) == -1)
		return -1;
	if ((b = db_bulk_open(w->cfg, SQL_BULK_UNIT_USER, "users", 8)) == NULL)
		return -1;
	for (k = 0; k < NUNIT; k++) {
		if (db_password_hash(DEMO_PASSWORD, hash) != DB_OK)
			break;
		c = demo_units[k].comm;
		db_bulk_row(b);
		db_bulk_int(b, U__END + NDEPT + k);
		db_bulk_str(b, demo_units[k].username);
		db_bulk_str(b, demo_units[k].display);
		db_bulk_int(b, w->comm[c].id);
		db_bulk_int(b, unit_id(c, demo_units[k].sort));
		db_bulk_str(b, hash);
		db_bulk_time(b, w->start);
		db_bulk_row_end(b);
	}
	if (db_bulk_close(b) == -1 || k < NUNIT)
		return -1;
	w->cobuild_units = (long long)w->ncomm * PER_COMM;
	return 0;
}

/* The unit of account k, for the summary. */
const char *
demo_unit_name(const struct world *w, int k, char *buf, size_t sz)
{
	const struct community *c = &w->comm[demo_units[k].comm];
	int	 o = org_of(demo_units[k].comm, demo_units[k].sort);
	int	 v = (demo_units[k].comm / UNIT_ORG__MAX + demo_units[k].sort) % 2;
	char	 name[160];

	fmt_name(name, sizeof(name), kinds[o][v].name, c);
	snprintf(buf, sz, "%s %s", c->name, name);
	return buf;
}
