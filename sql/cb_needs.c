/*
 * Co-building: places and units, the needs list (需求清单) with its
 * claims, the resources list (资源清单) with its bookings (sql/cblists.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbint.h"

#define NEED_R(x) \
	R_I32(&(x)->id), R_I32(&(x)->region_id), \
	R_ENUM(&(x)->kind, word_cb_kind, CBK__MAX), \
	R_ENUM(&(x)->state, word_need, NEED__MAX), \
	R_I32(&(x)->claim_unit_id), R_I32(&(x)->project_id), \
	R_I32(&(x)->ids[0]), R_I32(&(x)->ids[1]), R_I32(&(x)->ids[2]), \
	R_INT(&(x)->version), R_INT(&(x)->request_id), R_STR((x)->region), \
	R_STR((x)->title), R_STR((x)->detail), R_STR((x)->unit), \
	R_STR((x)->tracking), R_TIME(&(x)->published_at), \
	R_TIME(&(x)->claimed_at), R_TIME(&(x)->completed_at), \
	R_TIME(&(x)->withdrawn_at)

#define RESOURCE_R(x) \
	R_I32(&(x)->id), R_I32(&(x)->unit_id), R_I32(&(x)->region_id), \
	R_ENUM(&(x)->kind, word_cb_kind, CBK__MAX), \
	R_ENUM(&(x)->state, word_resource, RES__MAX), R_I32(&(x)->capacity), \
	R_I32(&(x)->ids[0]), R_I32(&(x)->ids[1]), R_I32(&(x)->ids[2]), \
	R_INT(&(x)->version), R_STR((x)->unit), R_STR((x)->region), \
	R_STR((x)->title), R_STR((x)->detail), R_STR((x)->from), \
	R_STR((x)->to), R_TIME(&(x)->created_at)

#define BOOKING_R(x) \
	R_I32(&(x)->id), R_I32(&(x)->resource_id), R_I32(&(x)->region_id), \
	R_I32(&(x)->unit_id), R_ENUM(&(x)->state, word_booking, BK__MAX), \
	R_I32(&(x)->ids[0]), R_I32(&(x)->ids[1]), R_I32(&(x)->ids[2]), \
	R_INT(&(x)->version), R_STR((x)->use_on), R_STR((x)->purpose), \
	R_STR((x)->reason), R_STR((x)->resource), R_STR((x)->unit), \
	R_STR((x)->region), R_TIME(&(x)->booked_at), R_TIME(&(x)->decided_at)

int
db_cb_in_scope(const struct db_scope *sc, const int ids[4])
{
	int	 k;

	for (k = 0; k < 3; k++)
		if (sc->id[k] != 0 && sc->id[k] != ids[k])
			return 0;
	return 1;
}

int
cb_audit(struct db *db, const struct db_user *u, enum audit_action a,
    const char *what, long long id, const char *detail, const char *addr,
    time_t now)
{
	char	 obj[48];

	snprintf(obj, sizeof(obj), "%s/%lld", what, id);
	return db_audit(db, u->id, u->username, word_audit[a].code, obj,
	    detail, addr, now);
}

int
cb_one_row(struct db *db, enum sql id, const struct dbp *p, size_t np)
{
	long long	 k = 0;
	int		 rc;

	rc = db_run(db, id, p, np, &k, NULL);
	return rc == DB_OK && k != 1 ? DB_CONFLICT : rc;
}

int
cb_change(struct db *db, const struct db_user *u, enum sql id,
    const struct dbp *p, size_t np, enum audit_action a, const char *what,
    long long oid, const char *detail, const char *addr, time_t now)
{
	int	 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = cb_one_row(db, id, p, np)) == DB_OK)
		rc = cb_audit(db, u, a, what, oid, detail, addr, now);
	return db_tx_end(db, rc);
}

int
cb_create(struct db *db, const struct db_user *u, enum sql id,
    const struct dbp *p, size_t np, enum audit_action a, const char *what,
    const char *detail, const char *addr, time_t now, int *newid)
{
	int	 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_insert(db, id, p, np, newid)) == DB_OK)
		rc = cb_audit(db, u, a, what, *newid, detail, addr, now);
	return db_tx_end(db, rc);
}

int
db_cb_places(struct db *db, const struct db_scope *sc,
    struct db_cb_place *out, size_t max, size_t *n)
{
	struct db_cb_place x = { 0 };
	struct dbp	 p[] = { SCOPE3_P(sc) };
	struct dbr	 r[] = { R_I32(&x.id), R_I32(&x.level), R_I32(&x.ids[0]),
	    R_I32(&x.ids[1]), R_I32(&x.ids[2]), R_STR(x.name) };

	return db_rows(db, SQL_CB_PLACES, p, NELEM(p), r, NELEM(r), &x,
	    sizeof(x), out, max, n);
}

int
db_cb_units_of_region(struct db *db, int region_id, struct db_cb_unit *out,
    size_t max, size_t *n)
{
	struct db_cb_unit x = { 0 };
	struct dbp	 p[] = { P_INT(region_id), P_INT(region_id) };
	struct dbr	 r[] = { R_I32(&x.id), R_STR(x.name) };

	return db_rows(db, SQL_CB_UNITS_OF_REGION, p, NELEM(p), r, NELEM(r),
	    &x, sizeof(x), out, max, n);
}

int
db_cb_unit_serves(struct db *db, int unit_id, int region_id, int *yes)
{
	struct dbp	 p[] = { P_INT(region_id), P_INT(unit_id),
	    P_INT(unit_id), P_INT(unit_id) };
	struct dbr	 r[] = { R_I32(yes) };

	*yes = 0;
	return db_one(db, SQL_CB_UNIT_SERVES, p, NELEM(p), r, NELEM(r));
}

int
db_cb_unit_name(struct db *db, int unit_id, struct db_cb_unit *u)
{
	struct dbp	 p[] = { P_INT(unit_id) };
	struct dbr	 r[] = { R_I32(&u->id), R_STR(u->name),
	    R_I32(&u->region_id) };

	return db_one(db, SQL_CB_UNIT_NAME, p, NELEM(p), r, NELEM(r));
}

/* ---- needs ---------------------------------------------------------- */

static const char *
state_code(const struct word *t, int n, int i)
{
	return i >= 0 && i < n ? t[i].code : "";
}

int
db_needs(struct db *db, const struct db_scope *sc,
    const struct db_cb_filter *f, struct db_need *out, size_t max, size_t *n)
{
	const char	*st = state_code(word_need, NEED__MAX, f->state);
	struct dbp	 p[] = { SCOPE3_P(sc), P_STR(st), P_STR(st),
	    P_INT(f->region_id), P_INT(f->region_id), P_INT((long long)max) };
	struct db_need	*row;
	int		 rc;

	if ((row = calloc(1, sizeof(*row))) == NULL)
		return DB_ERROR;
	struct dbr	 r[] = { NEED_R(row) };

	rc = db_rows(db, SQL_CB_NEEDS, p, NELEM(p), r, NELEM(r), row,
	    sizeof(*row), out, max, n);
	free(row);
	return rc;
}

int
db_needs_of_unit(struct db *db, int unit_id, struct db_need *out, size_t max,
    size_t *n)
{
	struct dbp	 p[] = { P_INT(unit_id), P_INT(unit_id), P_INT(unit_id),
	    P_INT((long long)max) };
	struct db_need	*row;
	int		 rc;

	if ((row = calloc(1, sizeof(*row))) == NULL)
		return DB_ERROR;
	struct dbr	 r[] = { NEED_R(row) };

	rc = db_rows(db, SQL_CB_NEEDS_OF_UNIT, p, NELEM(p), r, NELEM(r), row,
	    sizeof(*row), out, max, n);
	free(row);
	return rc;
}

int
db_need_get(struct db *db, int id, struct db_need *x)
{
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { NEED_R(x) };

	return db_one(db, SQL_CB_NEED_GET, p, NELEM(p), r, NELEM(r));
}

int
db_need_of_request(struct db *db, long long request_id, struct db_need *x)
{
	struct dbp	 p[] = { P_INT(request_id) };
	struct dbr	 r[] = { NEED_R(x) };

	return db_one(db, SQL_CB_NEED_OF_REQUEST, p, NELEM(p), r, NELEM(r));
}

int
db_need_publish(struct db *db, const struct db_user *u, int region_id,
    const char *title, int kind, const char *detail, long long request_id,
    const char *addr, time_t now, int *id)
{
	struct dbp	 p[] = { P_INT(region_id), P_STR(title), P_STR(detail),
	    P_STR(word_cb_kind[kind].code), request_id > 0 ?
	    P_INT(request_id) : P_NULL, P_INT(u->id), P_TIME(now) };

	return cb_create(db, u, SQL_CB_NEED_INSERT, p, NELEM(p), AUD_CB_NEED,
	    "need", request_id > 0 ? "from a request" : "", addr, now, id);
}

int
db_need_withdraw(struct db *db, const struct db_user *u,
    const struct db_need *x, long long version, const char *addr, time_t now)
{
	struct dbp	 p[] = { P_TIME(now), P_INT(x->id), P_INT(version) };

	return cb_change(db, u, SQL_CB_NEED_WITHDRAW, p, NELEM(p),
	    AUD_CB_NEED_WITHDRAW, "need", x->id, "", addr, now);
}

int
db_need_claim(struct db *db, const struct db_user *u, const struct db_need *x,
    long long version, int unit_id, const char *addr, time_t now,
    int *project_id)
{
	struct dbp	 p[] = { P_INT(unit_id), P_TIME(now), P_INT(u->id),
	    P_INT(x->id), P_INT(version) };
	struct dbp	 pp[] = { P_INT(x->region_id), P_INT(x->id),
	    P_INT(unit_id), P_STR(x->title), P_STR(x->detail), P_INT(u->id),
	    P_TIME(now) };
	char		 detail[32];
	int		 rc;

	snprintf(detail, sizeof(detail), "unit %d%s", unit_id,
	    u->role == ROLE_UNIT ? "" : " (by staff)");
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = cb_one_row(db, SQL_CB_NEED_CLAIM, p, NELEM(p));
	if (rc == DB_OK)
		rc = db_insert(db, SQL_CB_PROJECT_INSERT, pp, NELEM(pp),
		    project_id);
	if (rc == DB_OK)
		rc = cb_audit(db, u, AUD_CB_NEED_CLAIM, "need", x->id, detail,
		    addr, now);
	return db_tx_end(db, rc);
}

/* ---- resources and bookings ------------------------------------------ */

static int
resource_rows(struct db *db, enum sql id, const struct dbp *p, size_t np,
    struct db_resource *out, size_t max, size_t *n)
{
	struct db_resource *row;
	int		 rc;

	if ((row = calloc(1, sizeof(*row))) == NULL)
		return DB_ERROR;
	struct dbr	 r[] = { RESOURCE_R(row) };

	rc = db_rows(db, id, p, np, r, NELEM(r), row, sizeof(*row), out, max,
	    n);
	free(row);
	return rc;
}

int
db_resources(struct db *db, const struct db_scope *sc, int region_id,
    struct db_resource *out, size_t max, size_t *n)
{
	struct dbp	 p[] = { SCOPE3_P(sc), P_INT(region_id),
	    P_INT(region_id), P_INT((long long)max) };

	return resource_rows(db, SQL_CB_RESOURCES, p, NELEM(p), out, max, n);
}

int
db_resources_of_unit(struct db *db, int unit_id, struct db_resource *out,
    size_t max, size_t *n)
{
	struct dbp	 p[] = { P_INT(unit_id), P_INT((long long)max) };

	return resource_rows(db, SQL_CB_RESOURCES_OF_UNIT, p, NELEM(p), out,
	    max, n);
}

int
db_resource_get(struct db *db, int id, struct db_resource *x)
{
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { RESOURCE_R(x) };

	return db_one(db, SQL_CB_RESOURCE_GET, p, NELEM(p), r, NELEM(r));
}

int
db_resource_publish(struct db *db, const struct db_user *u, int unit_id,
    int region_id, int kind, const char *title, const char *detail,
    int capacity, const char *from, const char *to, const char *addr,
    time_t now, int *id)
{
	struct dbp	 p[] = { P_INT(unit_id), P_INT(region_id),
	    P_STR(word_cb_kind[kind].code), P_STR(title), P_STR(detail),
	    P_INT(capacity), P_STR(from), P_STR(to), P_INT(u->id),
	    P_TIME(now) };

	return cb_create(db, u, SQL_CB_RESOURCE_INSERT, p, NELEM(p),
	    AUD_CB_RESOURCE, "resource", "", addr, now, id);
}

int
db_resource_withdraw(struct db *db, const struct db_user *u,
    const struct db_resource *x, long long version, const char *addr,
    time_t now)
{
	struct dbp	 p[] = { P_INT(x->id), P_INT(x->unit_id),
	    P_INT(version) };

	return cb_change(db, u, SQL_CB_RESOURCE_WITHDRAW, p, NELEM(p),
	    AUD_CB_RESOURCE_WITHDRAW, "resource", x->id, "", addr, now);
}

int
db_book(struct db *db, const struct db_user *u, int resource_id,
    int region_id, const char *use_on, const char *purpose, const char *addr,
    time_t now, int *id)
{
	struct dbp	 pl[] = { P_STR(use_on), P_INT(resource_id) };
	struct dbp	 pc[] = { P_INT(resource_id), P_STR(use_on) };
	struct dbp	 pi[] = { P_INT(resource_id), P_INT(region_id),
	    P_STR(use_on), P_STR(purpose), P_INT(u->id), P_TIME(now) };
	long long	 taken = 0;
	int		 cap = 0, ok = 0, rc;
	struct dbr	 rl[] = { R_I32(&cap), R_I32(&ok) };
	struct dbr	 rcnt[] = { R_INT(&taken) };

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	/* The resource's row locked: bookings of it queue here, so the
	 * count below is the count at commit. */
	rc = db_one(db, SQL_CB_RESOURCE_LOCK, pl, NELEM(pl), rl, NELEM(rl));
	if (rc == DB_OK && !ok)
		rc = DB_NOTFOUND;
	if (rc == DB_OK)
		rc = db_one(db, SQL_CB_BOOKINGS_ON_DAY, pc, NELEM(pc), rcnt,
		    NELEM(rcnt));
	if (rc == DB_OK && taken >= cap)
		rc = DB_CONFLICT;
	if (rc == DB_OK)
		rc = db_insert(db, SQL_CB_BOOKING_INSERT, pi, NELEM(pi), id);
	if (rc == DB_OK)
		rc = cb_audit(db, u, AUD_CB_BOOK, "booking", *id, use_on, addr,
		    now);
	return db_tx_end(db, rc);
}

static int
booking_rows(struct db *db, enum sql id, const struct dbp *p, size_t np,
    struct db_booking *out, size_t max, size_t *n)
{
	struct db_booking *row;
	int		 rc;

	if ((row = calloc(1, sizeof(*row))) == NULL)
		return DB_ERROR;
	struct dbr	 r[] = { BOOKING_R(row) };

	rc = db_rows(db, id, p, np, r, NELEM(r), row, sizeof(*row), out, max,
	    n);
	free(row);
	return rc;
}

int
db_bookings(struct db *db, const struct db_scope *sc, int region_id,
    struct db_booking *out, size_t max, size_t *n)
{
	struct dbp	 p[] = { SCOPE3_P(sc), P_INT(region_id),
	    P_INT(region_id), P_INT((long long)max) };

	return booking_rows(db, SQL_CB_BOOKINGS, p, NELEM(p), out, max, n);
}

int
db_bookings_of_unit(struct db *db, int unit_id, struct db_booking *out,
    size_t max, size_t *n)
{
	struct dbp	 p[] = { P_INT(unit_id), P_INT((long long)max) };

	return booking_rows(db, SQL_CB_BOOKINGS_OF_UNIT, p, NELEM(p), out, max,
	    n);
}

int
db_booking_get(struct db *db, int id, struct db_booking *x)
{
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { BOOKING_R(x) };

	return db_one(db, SQL_CB_BOOKING_GET, p, NELEM(p), r, NELEM(r));
}

int
db_booking_set(struct db *db, const struct db_user *u,
    const struct db_booking *x, long long version, int to, const char *reason,
    const char *addr, time_t now)
{
	const char	*from2 = to == BK_CANCELLED ?
	    word_booking[BK_CONFIRMED].code : word_booking[BK_REQUESTED].code;
	struct dbp	 p[] = { P_STR(word_booking[to].code), P_INT(u->id),
	    P_TIME(now), P_STR(reason != NULL ? reason : ""), P_INT(x->id),
	    P_INT(version), P_STR(word_booking[BK_REQUESTED].code),
	    P_STR(from2) };

	return cb_change(db, u, SQL_CB_BOOKING_SET, p, NELEM(p),
	    AUD_CB_BOOK_DECIDE, "booking", x->id, word_booking[to].code, addr,
	    now);
}

int
db_demo_need_request(struct db *db, int need_id, int nth)
{
	struct db_need	*x;
	int		 rc;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return DB_ERROR;
	if ((rc = db_need_get(db, need_id, x)) == DB_OK) {
		struct dbp p[] = { P_INT(x->region_id), P_INT(nth),
		    P_INT(need_id) };

		rc = db_run(db, SQL_CB_DEMO_NEED_REQUEST, p, NELEM(p), NULL,
		    NULL);
	}
	free(x);
	return rc;
}
