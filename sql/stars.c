/*
 * Star ratings of 两新 organisations: the data layer (sql/stars.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbint.h"
#include "stars.h"

/* The columns of STAR_ORG_COLS (sqls.c) into o. */
#define STAR_ORG_R(o) \
	R_ENUM(&(o).kind, word_unit_kind, UNIT__MAX), \
	R_ENUM(&(o).org_kind, word_unit_org, UNIT_ORG__MAX), \
	R_STR((o).name), R_STR((o).sector), R_STR((o).party_org), \
	R_STR((o).secretary), R_STR((o).contact), R_STR((o).contact_phone), \
	R_I32(&(o).region_id), R_STR((o).region), R_I32(&(o).ids[0]), \
	R_I32(&(o).ids[1]), R_I32(&(o).ids[2]), R_STR((o).street), \
	R_I32(&(o).active)

int
db_star_orgs(struct db *db, const struct db_star_filter *f,
    struct db_star_org *out, size_t max, size_t *n)
{
	struct db_star_org o;
	struct dbr	 r[] = { R_I32(&o.id), STAR_ORG_R(o), R_INT(&o.rating_id),
	    R_ENUM(&o.state, word_star_state, STAR__MAX), R_I32(&o.stars),
	    R_INT(&o.self_c), R_INT(&o.street_c), R_INT(&o.final_c),
	    R_INT(&o.version) };
	struct dbp	 p[] = { P_INT(f->year), SCOPE3_P(&f->scope),
	    P_INT(f->street_id), P_INT(f->street_id), P_INT(f->stars),
	    P_INT(f->stars), P_STR(f->state), P_STR(f->state) };

	memset(&o, 0, sizeof(o));
	return db_rows(db, SQL_STAR_ORGS, p, NELEM(p), r, NELEM(r), &o,
	    sizeof(o), out, max, n);
}

int
db_star_org_get(struct db *db, int id, struct db_star_org *o)
{
	struct dbr	 r[] = { R_I32(&o->id), STAR_ORG_R(*o) };
	struct dbp	 p[] = { P_INT(id) };

	memset(o, 0, sizeof(*o));
	o->state = -1;
	return db_one(db, SQL_STAR_ORG_GET, p, NELEM(p), r, NELEM(r));
}

/* Items of a district's year by statement sql (plain or locked). */
static int
items(struct db *db, enum sql sql, int district_id, int year,
    struct db_star_item *out, size_t max, size_t *n)
{
	struct db_star_item it;
	struct dbr	 r[] = { R_I32(&it.id),
	    R_ENUM(&it.grp, word_star_group, SG__MAX), R_I32(&it.position),
	    R_STR(it.name), R_INT(&it.max_c) };
	struct dbp	 p[] = { P_INT(district_id), P_INT(year) };

	memset(&it, 0, sizeof(it));
	return db_rows(db, sql, p, NELEM(p), r, NELEM(r), &it, sizeof(it),
	    out, max, n);
}

int
db_star_items(struct db *db, int district_id, int year,
    struct db_star_item *out, size_t max, size_t *n)
{
	return items(db, SQL_STAR_ITEMS, district_id, year, out, max, n);
}

int
db_star_items_frozen(struct db *db, int district_id, int year, long long *n)
{
	struct dbp	 p[] = { P_INT(district_id), P_INT(year) };
	struct dbr	 r[] = { R_INT(n) };

	*n = 0;
	return db_one(db, SQL_STAR_ITEMS_FROZEN, p, NELEM(p), r, NELEM(r));
}

int
db_star_items_put(struct db *db, int district_id, int year,
    const struct db_star_item *it, size_t n, const struct db_user *actor,
    const char *detail, const char *addr, time_t now)
{
	struct dbp	 pd[] = { P_INT(district_id), P_INT(year) };
	struct dbr	 r[1];
	long long	 frozen = 0;
	int		 pos[SG__MAX] = { 0 }, rc;
	char		 obj[32];
	size_t		 i;

	r[0] = R_INT(&frozen);
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = db_one(db, SQL_STAR_ITEMS_FROZEN, pd, NELEM(pd), r, 1);
	if (rc == DB_OK && frozen > 0)
		rc = DB_CONFLICT;
	if (rc == DB_OK)
		rc = db_run(db, SQL_STAR_ITEMS_CLEAR_SCORES, pd, NELEM(pd),
		    NULL, NULL);
	if (rc == DB_OK)
		rc = db_run(db, SQL_STAR_ITEMS_CLEAR, pd, NELEM(pd), NULL,
		    NULL);
	for (i = 0; i < n && rc == DB_OK; i++) {
		struct dbp	 p[] = { P_INT(district_id), P_INT(year),
		    P_STR(word_star_group[it[i].grp].code),
		    P_INT(pos[it[i].grp]++), P_STR(it[i].name),
		    P_INT(it[i].max_c) };

		rc = db_run(db, SQL_STAR_ITEM_INSERT, p, NELEM(p), NULL, NULL);
	}
	snprintf(obj, sizeof(obj), "district %d year %d", district_id, year);
	if (rc == DB_OK)
		rc = db_audit(db, actor->id, actor->username,
		    word_audit[AUD_AS_STAR_ITEMS].code, obj, detail, addr, now);
	return db_tx_end(db, rc);
}

/* The columns of STAR_RATING_COLS (sqls.c) into g. */
#define STAR_RATING_R(g) \
	R_INT(&(g).id), R_I32(&(g).year), \
	R_ENUM(&(g).state, word_star_state, STAR__MAX), R_INT(&(g).self_c), \
	R_STR((g).self_note), R_TIME(&(g).self_at), R_INT(&(g).street_c), \
	R_STR((g).street_note), R_TIME(&(g).street_at), \
	R_INT(&(g).final_c), R_I32(&(g).stars), R_STR((g).district_note), \
	R_TIME(&(g).district_at), R_INT(&(g).version)

int
db_star_scores(struct db *db, long long rating_id, struct db_star_score *out,
    size_t max, size_t *n)
{
	struct db_star_score s;
	struct dbr	 r[] = { R_I32(&s.item_id), R_INT(&s.self_c),
	    R_INT(&s.street_c), R_INT(&s.final_c) };
	struct dbp	 p[] = { P_INT(rating_id) };

	memset(&s, 0, sizeof(s));
	return db_rows(db, SQL_STAR_SCORES, p, NELEM(p), r, NELEM(r), &s,
	    sizeof(s), out, max, n);
}

int
db_star_rating(struct db *db, int unit_id, int year,
    struct db_star_rating *g, struct db_star_score *sc, size_t max,
    size_t *n)
{
	struct dbr	 r[] = { STAR_RATING_R(*g) };
	struct dbp	 p[] = { P_INT(unit_id), P_INT(year) };
	int		 rc;

	*n = 0;
	memset(g, 0, sizeof(*g));
	if ((rc = db_one(db, SQL_STAR_RATING_GET, p, NELEM(p), r,
	    NELEM(r))) != DB_OK)
		return rc;
	return db_star_scores(db, g->id, sc, max, n);
}

int
db_star_history(struct db *db, int unit_id, struct db_star_rating *out,
    size_t max, size_t *n)
{
	struct db_star_rating g;
	struct dbr	 r[] = { STAR_RATING_R(g) };
	struct dbp	 p[] = { P_INT(unit_id) };

	memset(&g, 0, sizeof(g));
	return db_rows(db, SQL_STAR_HISTORY, p, NELEM(p), r, NELEM(r), &g,
	    sizeof(g), out, max, n);
}

/*
 * The form's items against those of the year, read under a shared lock:
 * every item once, each within its points.  DB_OK, DB_CONFLICT when they
 * differ (the items changed since the form was made), or a failure.
 */
static int
check_items(struct db *db, const struct db_star_act *a)
{
	struct db_star_item *it;
	size_t		 n = 0, i, k;
	int		 rc;

	if ((it = calloc(DB_STAR_ITEMS_MAX, sizeof(*it))) == NULL)
		return DB_ERROR;
	rc = items(db, SQL_STAR_ITEMS_LOCK, a->district_id, a->year, it,
	    DB_STAR_ITEMS_MAX, &n);
	if (rc == DB_OK && (n == 0 || n != a->n))
		rc = DB_CONFLICT;
	for (i = 0; i < n && rc == DB_OK; i++) {
		for (k = 0; k < n && a->items[k] != it[i].id; k++)
			continue;
		if (k == n || a->points[k] < 0 || a->points[k] > it[i].max_c)
			rc = DB_CONFLICT;
	}
	free(it);
	return rc;
}

/* The update of a step: ? total (or none), note, actor, time, id,
 * version, the state left. */
static int
set_state(struct db *db, const struct db_star_act *a, long long id,
    long long total, long long *changed)
{
	const struct star_step *st = &star_steps[a->action];
	const char	*from = word_star_state[st->from].code;
	struct dbp	 save[] = { P_INT(total), P_STR(a->note), P_INT(id),
	    P_INT(a->version), P_STR(from) };
	struct dbp	 step[] = { P_INT(total), P_STR(a->note),
	    P_INT(a->actor->id), P_TIME(a->now), P_INT(id), P_INT(a->version),
	    P_STR(from) };
	struct dbp	 fin[] = { P_INT(total), P_INT(stars_of(total)),
	    P_STR(a->note), P_INT(a->actor->id), P_TIME(a->now), P_INT(id),
	    P_INT(a->version), P_STR(from) };

	switch (a->action) {
	case STA_SAVE:
		return db_run(db, SQL_STAR_SET_SAVE, save, NELEM(save),
		    changed, NULL);
	case STA_SUBMIT:
		return db_run(db, SQL_STAR_SET_SELF, step, NELEM(step),
		    changed, NULL);
	case STA_STREET_RATE:
		return db_run(db, SQL_STAR_SET_STREET, step, NELEM(step),
		    changed, NULL);
	case STA_CONFIRM:
		return db_run(db, SQL_STAR_SET_FINAL, fin, NELEM(fin),
		    changed, NULL);
	case STA_STREET_RETURN:
		return db_run(db, SQL_STAR_RETURN_STREET, step + 1,
		    NELEM(step) - 1, changed, NULL);
	case STA_DISTRICT_RETURN:
		return db_run(db, SQL_STAR_RETURN_DISTRICT, step + 1,
		    NELEM(step) - 1, changed, NULL);
	default:
		return DB_ERROR;
	}
}

/* The rating of the act, locked; made (version 1, draft) on the
 * organisation's first save or submit, when the form's version is 0
 * (then *version is 0, the form's).  *id, *version set. */
static int
lock_rating(struct db *db, const struct db_star_act *a, long long *id,
    long long *version)
{
	struct dbp	 p[] = { P_INT(a->unit_id), P_INT(a->year) };
	int		 state = -1, rc, nid = 0;
	struct dbr	 r[] = { R_INT(id), R_ENUM(&state, word_star_state,
	    STAR__MAX), R_INT(version) };

	rc = db_one(db, SQL_STAR_RATING_LOCK, p, NELEM(p), r, NELEM(r));
	if (rc != DB_NOTFOUND)
		return rc;
	if (star_steps[a->action].actor != SACT_ORG || a->version != 0)
		return DB_CONFLICT;
	if ((rc = db_insert(db, SQL_STAR_RATING_INSERT, p, NELEM(p),
	    &nid)) != DB_OK)
		return rc;
	*id = nid;
	*version = 0;
	return DB_OK;
}

int
db_star_act(struct db *db, const struct db_star_act *a)
{
	const struct star_step *st = &star_steps[a->action];
	static const enum sql score_sql[] = { SQL_STAR_SCORE_SELF,
	    SQL_STAR_SCORE_STREET, SQL_STAR_SCORE_FINAL };
	struct db_star_act b = *a;
	long long	 id = 0, version = 0, total = 0, changed = 0;
	char		 detail[(DB_STAR_NOTE_MAX + 1) * 4 + 64];
	size_t		 i;
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = lock_rating(db, a, &id, &version);
	if (rc == DB_OK && a->version != version)
		rc = DB_CONFLICT;
	/* A rating made just now is at version 1. */
	if (rc == DB_OK && version == 0)
		b.version = 1;
	if (rc == DB_OK && st->scores)
		rc = check_items(db, a);
	for (i = 0; st->scores && i < a->n && rc == DB_OK; i++) {
		struct dbp	 p[] = { P_INT(id), P_INT(a->items[i]),
		    P_INT(a->points[i]) };

		total += a->points[i];
		rc = db_run(db, score_sql[st->actor], p, NELEM(p), NULL, NULL);
	}
	if (rc == DB_OK)
		rc = set_state(db, &b, id, total, &changed);
	if (rc == DB_OK && changed != 1)
		rc = DB_CONFLICT;
	if (st->scores)
		snprintf(detail, sizeof(detail), "year %d %s total %lld.%02lld"
		    "%s%s", a->year, word_star_state[st->to].code, total / 100,
		    total % 100, a->action == STA_CONFIRM ? " stars " : "",
		    a->action == STA_CONFIRM ? stars_label(stars_of(total)) :
		    "");
	else	/* a return: its reason */
		snprintf(detail, sizeof(detail), "year %d %s: %s", a->year,
		    word_star_state[st->to].code, a->note);
	if (rc == DB_OK)
		rc = db_audit(db, a->actor->id, a->actor->username,
		    word_audit[st->audit].code, a->object, detail, a->addr,
		    a->now);
	return db_tx_end(db, rc);
}

int
db_star_counts(struct db *db, const struct db_scope *sc, int year,
    struct db_star_count *out, size_t max, size_t *n)
{
	struct db_star_count c;
	struct dbr	 r[] = { R_I32(&c.street_id), R_STR(c.street),
	    R_ENUM(&c.state, word_star_state, STAR__MAX), R_I32(&c.stars),
	    R_INT(&c.n) };
	struct dbp	 p[] = { P_INT(year), SCOPE3_P(sc) };

	memset(&c, 0, sizeof(c));
	return db_rows(db, SQL_STAR_COUNTS, p, NELEM(p), r, NELEM(r), &c,
	    sizeof(c), out, max, n);
}

int
db_star_org_insert(struct db *db, const struct db_star_org_new *o)
{
	struct dbp	 p[] = { P_STR(word_unit_org[o->org_kind].code),
	    P_INT(o->region_id), P_STR(o->name), P_STR(o->sector),
	    P_STR(o->party_org), P_STR(o->secretary), P_STR(o->contact),
	    o->contact_phone != NULL ? P_STR(o->contact_phone) : P_NULL,
	    P_INT(o->region_id) };

	return db_run(db, SQL_STAR_ORG_INSERT, p, NELEM(p), NULL, NULL);
}
