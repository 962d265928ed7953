/*
 * The demo's departments (职能部门) and their accounts, and summons
 * (街乡吹哨、部门报到) in its history: four departments stationed at each
 * street, three of the district; accounts dept1..dept4; summons made from
 * the escalations to the streets (db_demo_summons).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "bulk.h"
#include "db.h"
#include "demoint.h"

static const struct {
	const char	*name;
	int		 hours, days;
} street_units[] = {	/* sort 0..3: a request's id mod 4 picks one */
	{ "城管执法中队", 24, 5 },
	{ "市场监管所", 24, 7 },
	{ "司法所", 48, 10 },
	{ "派出所", 4, 3 },
}, district_units[] = {
	{ "住建局", 48, 15 },
	{ "生态环境分局", 24, 7 },
	{ "卫健局", 24, 7 },
};
#define NSU	(int)(sizeof(street_units) / sizeof(street_units[0]))
#define NDU	(int)(sizeof(district_units) / sizeof(district_units[0]))

/* The accounts: street index (-1 the district) and the unit's sort. */
const struct demo_dept demo_depts[NDEPT] = {
	{ "dept1", "周磊", 0, 0 },	/* 西兴街道 城管执法中队 */
	{ "dept2", "吴芳", 0, 1 },	/* 西兴街道 市场监管所 */
	{ "dept3", "郑涛", 1, 0 },	/* 长河街道 城管执法中队 */
	{ "dept4", "孙丽", -1, 0 },	/* 滨江区 住建局 */
};

/* The unit id of street s's (or the district's, -1) unit of sort k. */
static int
unit_id(int s, int k)
{
	return s < 0 ? NSTREET * NSU + k + 1 : s * NSU + k + 1;
}

static unsigned
street_region(const struct world *w, int s)
{
	int	 i;

	for (i = 0; i < w->ncomm; i++)
		if (w->comm[i].street == s)
			return w->comm[i].street_id;
	return 0;
}

int
demo_load_depts(struct world *w)
{
	struct db_bulk	*b;
	struct db	*db;
	char		 hash[DB_PWHASH_MAX];
	long long	 ns, ne;
	int		 s, k, rc;

	if ((b = db_bulk_open(w->cfg, SQL_BULK_UNIT, "units", 64)) == NULL)
		return -1;
	for (s = 0; s < NSTREET; s++)
		for (k = 0; k < NSU; k++) {
			db_bulk_row(b);
			db_bulk_int(b, unit_id(s, k));
			db_bulk_int(b, street_region(w, s));
			db_bulk_str(b, street_units[k].name);
			db_bulk_int(b, street_units[k].hours);
			db_bulk_int(b, street_units[k].days);
			db_bulk_int(b, k);
			db_bulk_row_end(b);
		}
	for (k = 0; k < NDU; k++) {
		db_bulk_row(b);
		db_bulk_int(b, unit_id(-1, k));
		db_bulk_int(b, 1);		/* the district */
		db_bulk_str(b, district_units[k].name);
		db_bulk_int(b, district_units[k].hours);
		db_bulk_int(b, district_units[k].days);
		db_bulk_int(b, k);
		db_bulk_row_end(b);
	}
	if (db_bulk_close(b) == -1)
		return -1;
	if ((b = db_bulk_open(w->cfg, SQL_BULK_DEPT_USER, "users", 8)) == NULL)
		return -1;
	for (k = 0; k < NDEPT; k++) {
		if (db_password_hash(DEMO_PASSWORD, hash) != DB_OK)
			break;
		s = demo_depts[k].street;
		db_bulk_row(b);
		db_bulk_int(b, U__END + k);
		db_bulk_str(b, demo_depts[k].username);
		db_bulk_str(b, demo_depts[k].display);
		db_bulk_int(b, s < 0 ? 1 : street_region(w, s));
		db_bulk_int(b, unit_id(s, demo_depts[k].sort));
		db_bulk_str(b, hash);
		db_bulk_time(b, w->start);
		db_bulk_row_end(b);
	}
	if (db_bulk_close(b) == -1 || k < NDEPT)
		return -1;
	if ((db = db_open(w->cfg)) == NULL)
		return -1;
	rc = db_demo_summons(db, U_STREET1, w->until, &ns, &ne);
	db_close(db);
	if (rc != DB_OK) {
		fprintf(stderr, "lianxin: demo: the summons could not be "
		    "made (see the log lines above)\n");
		return -1;
	}
	w->summons = ns;
	w->events += ne;
	return 0;
}

/* The region of department account k, for the summary. */
const char *
demo_dept_unit(int k, char *buf, size_t sz)
{
	int	 s = demo_depts[k].street;

	snprintf(buf, sz, "%s %s", s < 0 ? "滨江区" : demo_streets[s].name,
	    s < 0 ? district_units[demo_depts[k].sort].name :
	    street_units[demo_depts[k].sort].name);
	return buf;
}

_Static_assert(NSTREET * NSU + NDU == DEMO_DEPT_UNITS,
    "the co-building units' ids follow the departments'");
