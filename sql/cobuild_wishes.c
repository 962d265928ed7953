/*
 * Micro-wishes (微心愿) in the database: see sql/wishes.h.  Every change
 * locks its wish (SQL_WISH_LOCK) and decides under the lock: of two
 * claims at once, the second sees the wish claimed and loses.  A claim
 * past its due time lapses: the sweep (db_wish_lapse) returns every such
 * wish to the wall in a transaction of its own when there is one, and a
 * change finding its own wish lapsed under the lock returns it first.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dbint.h"
#include "wishes.h"

#define DAY	86400

/* The columns of WISH_COLS (sqls.c), into a struct db_wish. */
#define WISH_R(w) \
	R_INT(&(w).id), R_I32(&(w).ids[0]), R_I32(&(w).ids[1]), \
	R_I32(&(w).ids[2]), R_STR((w).community), R_STR((w).title), \
	R_STR((w).detail), R_INT(&(w).value_fen), R_STR((w).resident_name), \
	R_STR((w).resident_phone), R_STR((w).resident_note), \
	R_STR((w).posted_by), R_TIME(&(w).posted_at), \
	R_ENUM(&(w).state, word_wish, WISH__MAX), R_I32(&(w).member_id), \
	R_I32(&(w).unit_id), R_STR((w).claimer), R_TIME(&(w).claimed_at), \
	R_TIME(&(w).claim_due), R_TIME(&(w).fulfilled_at), \
	R_STR((w).fulfil_note), R_TIME(&(w).confirmed_at), \
	R_TIME(&(w).withdrawn_at), R_INT(&(w).version)

/* The columns of WISH_PUB_COLS, into a struct db_wish_pub. */
#define WISH_PUB_R(w) \
	R_INT(&(w).id), R_I32(&(w).community_id), R_STR((w).community), \
	R_STR((w).title), R_STR((w).detail), R_INT(&(w).value_fen), \
	R_TIME(&(w).posted_at), R_ENUM(&(w).state, word_wish, WISH__MAX), \
	R_TIME(&(w).claim_due), R_TIME(&(w).fulfilled_at), \
	R_TIME(&(w).confirmed_at), R_STR((w).fulfil_note), \
	R_INT(&(w).version)

/* Return lapsed claims (of wish id, or 0: of all) inside a transaction. */
static int
lapse(struct db *db, long long id, time_t now)
{
	struct dbp	 p[] = { P_TIME(now), P_INT(id), P_INT(id) };
	int		 rc;

	if ((rc = db_run(db, SQL_WISH_LAPSE_CLAIMS, p, NELEM(p), NULL,
	    NULL)) != DB_OK)
		return rc;
	return db_run(db, SQL_WISH_LAPSE, p, NELEM(p), NULL, NULL);
}

int
db_wish_lapse(struct db *db, time_t now)
{
	struct dbp	 p[] = { P_TIME(now) };
	long long	 n = 0;
	struct dbr	 r[] = { R_INT(&n) };
	int		 rc;

	/* A plain read first: most of the time there is nothing to do,
	 * and nothing is locked. */
	if ((rc = db_one(db, SQL_WISH_LAPSE_COUNT, p, 1, r, 1)) != DB_OK ||
	    n == 0)
		return rc;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = db_tx_end(db, lapse(db, 0, now));
	/* Another sweep at the same moment did it (or will). */
	return rc == DB_CONFLICT ? DB_OK : rc;
}

int
db_wish_create(struct db *db, const struct db_wish_new *w,
    const struct db_wish_actor *a, time_t now, long long *id)
{
	struct dbp	 p[] = { P_INT(w->community_id), P_STR(w->title),
	    P_STR(w->detail), P_INT(w->value_fen), P_STR(w->resident_name),
	    P_STR(w->resident_phone), P_STR(w->resident_note),
	    P_INT(a->user->id), P_TIME(now) };
	char		 obj[32];
	int		 nid = 0, rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = db_insert(db, SQL_WISH_INSERT, p, NELEM(p), &nid);
	snprintf(obj, sizeof(obj), "wish/%d", nid);
	/* The audit says what the wall shows, never the resident. */
	if (rc == DB_OK)
		rc = db_audit(db, a->user->id, a->user->username,
		    word_audit[AUD_CB_WISH].code, obj, w->title, a->addr, now);
	if ((rc = db_tx_end(db, rc)) == DB_OK)
		*id = nid;
	return rc;
}

int
db_wishes_staff(struct db *db, const struct db_scope *sc, int state,
    int region, long long offset, struct db_wish *out, size_t max, size_t *n)
{
	struct db_wish	 w;
	struct dbr	 r[] = { WISH_R(w) };
	const char	*code = state >= 0 && state < WISH__MAX ?
	    word_wish[state].code : "";
	struct dbp	 p[] = { SCOPE3_P(sc), P_STR(code), P_STR(code),
	    P_INT(region), P_INT(region), P_INT(region), P_INT((long long)max),
	    P_INT(offset) };

	memset(&w, 0, sizeof(w));
	return db_rows(db, SQL_WISHES_STAFF, p, NELEM(p), r, NELEM(r), &w,
	    sizeof(w), out, max, n);
}

int
db_wish_communities(struct db *db, const struct db_scope *sc,
    struct db_wish_community *out, size_t max, size_t *n)
{
	struct db_wish_community c;
	struct dbr	 r[] = { R_I32(&c.id), R_STR(c.name), R_STR(c.street),
	    R_INT(&c.by_state[WISH_OPEN]), R_INT(&c.by_state[WISH_CLAIMED]),
	    R_INT(&c.by_state[WISH_FULFILLED]),
	    R_INT(&c.by_state[WISH_CONFIRMED]),
	    R_INT(&c.by_state[WISH_WITHDRAWN]) };
	struct dbp	 p[] = { SCOPE3_P(sc) };

	memset(&c, 0, sizeof(c));
	return db_rows(db, SQL_WISH_COMMUNITIES, p, NELEM(p), r, NELEM(r), &c,
	    sizeof(c), out, max, n);
}

int
db_wish_get(struct db *db, long long id, struct db_wish *w)
{
	struct dbr	 r[] = { WISH_R(*w) };
	struct dbp	 p[] = { P_INT(id) };
	int		 rc;

	memset(w, 0, sizeof(*w));
	if ((rc = db_one(db, SQL_WISH_GET, p, 1, r, NELEM(r))) != DB_OK)
		return rc;
	return (int)w->state < 0 ? DB_ERROR : DB_OK;
}

int
db_wish_claims(struct db *db, long long id, struct db_wish_claim *out,
    size_t max, size_t *n)
{
	struct db_wish_claim c;
	struct dbr	 r[] = { R_STR(c.claimer), R_I32(&c.is_unit),
	    R_TIME(&c.claimed_at), R_TIME(&c.due_at), R_TIME(&c.ended_at),
	    R_ENUM(&c.outcome, word_wish_claim, WCL__MAX) };
	struct dbp	 p[] = { P_INT(id) };

	memset(&c, 0, sizeof(c));
	return db_rows(db, SQL_WISH_CLAIMS, p, 1, r, NELEM(r), &c, sizeof(c),
	    out, max, n);
}

int
db_wishes_wall(struct db *db, int community, int fulfilled, time_t since,
    size_t offset, struct db_wish_pub *out, size_t max, size_t *n)
{
	struct db_wish_pub w;
	struct dbr	 r[] = { WISH_PUB_R(w) };
	struct dbp	 po[] = { P_INT(community), P_INT(community),
	    P_INT((long long)max), P_INT((long long)offset) };
	struct dbp	 pd[] = { P_TIME(since), P_INT(community),
	    P_INT(community), P_INT((long long)max) };

	memset(&w, 0, sizeof(w));
	if (fulfilled)
		return db_rows(db, SQL_WISHES_WALL_DONE, pd, NELEM(pd), r,
		    NELEM(r), &w, sizeof(w), out, max, n);
	return db_rows(db, SQL_WISHES_WALL_OPEN, po, NELEM(po), r, NELEM(r),
	    &w, sizeof(w), out, max, n);
}

int
db_wishes_wall_count(struct db *db, int community, long long *n)
{
	struct dbp	 p[] = { P_INT(community), P_INT(community) };
	struct dbr	 r[] = { R_INT(n) };

	*n = 0;
	return db_one(db, SQL_WISHES_WALL_COUNT, p, NELEM(p), r, NELEM(r));
}

int
db_wishes_for(struct db *db, const struct db_wish_actor *a, int mine,
    struct db_wish_pub *out, size_t max, size_t *n)
{
	struct db_wish_pub w;
	struct dbr	 r[] = { WISH_PUB_R(w) };
	struct dbp	 p[] = { P_INT(a->member_id), P_INT(a->unit_id),
	    P_INT((long long)max) };

	memset(&w, 0, sizeof(w));
	return db_rows(db, mine ? SQL_WISHES_FOR_MINE : SQL_WISHES_FOR_OPEN, p,
	    NELEM(p), r, NELEM(r), &w, sizeof(w), out, max, n);
}

/* A wish under its lock (SQL_WISH_LOCK). */
struct locked {
	int		 ids[3];	/* district, street, community */
	enum wish_state	 state;
	long long	 version;
	int		 member_id, unit_id;
	time_t		 due;
};

static int
lock_wish(struct db *db, long long id, struct locked *l)
{
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { R_I32(&l->ids[0]), R_I32(&l->ids[1]),
	    R_I32(&l->ids[2]), R_ENUM(&l->state, word_wish, WISH__MAX),
	    R_INT(&l->version), R_I32(&l->member_id), R_I32(&l->unit_id),
	    R_TIME(&l->due) };
	int		 rc;

	if ((rc = db_one(db, SQL_WISH_LOCK, p, 1, r, NELEM(r))) != DB_OK)
		return rc;
	return (int)l->state < 0 ? DB_ERROR : DB_OK;
}

/* Is the wish at ids (district, street, community) in the staff scope? */
static int
in_scope(const struct db_scope *sc, const int ids[3])
{
	int	 i;

	for (i = 0; i < sc->level && i < 3; i++)
		if (sc->id[i] == 0 || sc->id[i] != ids[i])
			return 0;
	return sc->level >= 1;
}

/* May the claimer a claim in community (locked: it serialises the
 * member's claims)?  DB_OK and *ok. */
static int
may_claim(struct db *db, const struct db_wish_actor *a, int community,
    time_t now, int *ok, int *reported)
{
	long long	 cid = 0, n = 0;
	time_t		 until = 0;
	struct dbp	 pm[] = { P_INT(a->member_id) };
	struct dbr	 rm[] = { R_INT(&cid), R_TIME(&until) };
	struct dbp	 pu[] = { P_INT(community), P_INT(a->unit_id) };
	struct dbr	 ru[] = { R_INT(&n) };
	int		 rc;

	*ok = 0;
	*reported = 1;
	if (a->member_id != 0) {
		if ((rc = db_one(db, SQL_MEMBER_LOCK, pm, 1, rm, NELEM(rm))) !=
		    DB_OK)
			return rc == DB_NOTFOUND ? DB_OK : rc;
		*ok = cid == community;
		*reported = until > now;
		return DB_OK;
	}
	if ((rc = db_one(db, SQL_WISH_UNIT_OK, pu, NELEM(pu), ru, 1)) != DB_OK)
		return rc;
	*ok = n > 0;
	return DB_OK;
}

/* Is the actor the wish's claimer? */
static int
is_claimer(const struct db_wish_actor *a, const struct locked *l)
{
	return (a->member_id != 0 && a->member_id == l->member_id) ||
	    (a->unit_id != 0 && a->unit_id == l->unit_id);
}

/* The audit line of an action: who (a member has no account). */
static int
audit(struct db *db, const struct db_wish_actor *a, enum audit_action act,
    long long id, enum wish_state to, time_t now)
{
	char		 obj[32], who[DB_USERNAME_MAX];

	snprintf(obj, sizeof(obj), "wish/%lld", id);
	if (a->user != NULL)
		return db_audit(db, a->user->id, a->user->username,
		    word_audit[act].code, obj, word_wish[to].code, a->addr, now);
	snprintf(who, sizeof(who), "member/%d", a->member_id);
	return db_audit(db, 0, who, word_audit[act].code, obj,
	    word_wish[to].code, a->addr, now);
}

/* The change of act on the locked wish id; *to its new state. */
static int
change(struct db *db, long long id, enum db_wish_act act,
    const struct db_wish_actor *a, const char *text, const struct locked *l,
    int claim_days, time_t now, enum wish_state *to)
{
	time_t		 due = now + (time_t)claim_days * DAY;
	long long	 n = 0;
	int		 rc;

	switch (act) {
	case DB_WISH_CLAIM: {
		struct dbp	 p[] = { P_INT(a->member_id), P_INT(a->unit_id),
		    P_TIME(now), P_TIME(due), P_INT(id) };
		struct dbp	 pi[] = { P_INT(id), P_INT(a->member_id),
		    P_INT(a->unit_id), P_TIME(now), P_TIME(due) };

		*to = WISH_CLAIMED;
		if ((rc = db_run(db, SQL_WISH_TAKE, p, NELEM(p), &n, NULL)) !=
		    DB_OK || n != 1)
			return rc != DB_OK ? rc : DB_CONFLICT;
		return db_run(db, SQL_WISH_CLAIM_INSERT, pi, NELEM(pi), NULL,
		    NULL);
	}
	case DB_WISH_RELEASE:
	case DB_WISH_FULFIL: {
		const char	*out = word_wish_claim[act == DB_WISH_RELEASE ?
		    WCL_RELEASED : WCL_FULFILLED].code;
		struct dbp	 pr[] = { P_INT(id) };
		struct dbp	 pf[] = { P_TIME(now), P_STR(text), P_INT(id) };
		struct dbp	 pe[] = { P_STR(out), P_TIME(now), P_INT(id) };

		if (act == DB_WISH_RELEASE) {
			*to = WISH_OPEN;
			rc = db_run(db, SQL_WISH_RELEASE, pr, 1, &n, NULL);
		} else {
			*to = WISH_FULFILLED;
			rc = db_run(db, SQL_WISH_FULFIL, pf, NELEM(pf), &n,
			    NULL);
		}
		if (rc != DB_OK || n != 1)
			return rc != DB_OK ? rc : DB_CONFLICT;
		return db_run(db, SQL_WISH_CLAIM_END, pe, NELEM(pe), NULL, NULL);
	}
	case DB_WISH_CONFIRM: {
		struct dbp	 p[] = { P_TIME(now), P_INT(a->user->id),
		    P_INT(id) };

		*to = WISH_CONFIRMED;
		rc = db_run(db, SQL_WISH_CONFIRM, p, NELEM(p), &n, NULL);
		break;
	}
	case DB_WISH_RETURN: {
		/* The claimer gets at least a claim's time again. */
		time_t		 nd = l->due > due ? l->due : due;
		struct dbp	 p[] = { P_TIME(nd), P_INT(id) };

		*to = WISH_CLAIMED;
		if ((rc = db_run(db, SQL_WISH_RETURN, p, NELEM(p), &n, NULL)) !=
		    DB_OK || n != 1)
			return rc != DB_OK ? rc : DB_CONFLICT;
		return db_run(db, SQL_WISH_CLAIM_REOPEN, p, NELEM(p), NULL,
		    NULL);
	}
	case DB_WISH_WITHDRAW: {
		struct dbp	 p[] = { P_TIME(now), P_INT(id) };

		*to = WISH_WITHDRAWN;
		rc = db_run(db, SQL_WISH_WITHDRAW, p, NELEM(p), &n, NULL);
		break;
	}
	default:
		return DB_ERROR;
	}
	return rc != DB_OK ? rc : n == 1 ? DB_OK : DB_CONFLICT;
}

/* The state each action starts from. */
static const enum wish_state act_from[DB_WISH_ACT__MAX] = {
	WISH_OPEN,		/* DB_WISH_CLAIM */
	WISH_CLAIMED,		/* DB_WISH_RELEASE */
	WISH_CLAIMED,		/* DB_WISH_FULFIL */
	WISH_FULFILLED,		/* DB_WISH_CONFIRM */
	WISH_FULFILLED,		/* DB_WISH_RETURN */
	WISH_OPEN,		/* DB_WISH_WITHDRAW */
};

/* Its audit action. */
static const enum audit_action act_audit[DB_WISH_ACT__MAX] = {
	AUD_CB_WISH_CLAIM, AUD_CB_WISH_CLAIM, AUD_CB_WISH_FULFIL,
	AUD_CB_WISH_CONFIRM, AUD_CB_WISH_CONFIRM, AUD_CB_WISH_WITHDRAW,
};

int
db_wish_act(struct db *db, long long id, long long version,
    enum db_wish_act act, const struct db_wish_actor *a, const char *text,
    int claim_days, time_t now, enum db_wish_rc *out)
{
	struct locked	 l;
	enum wish_state	 to = WISH_OPEN;
	long long	 seen;
	int		 staff, ok = 1, reported = 1, rc;

	*out = DB_WISH_STALE;
	if (act < 0 || act >= DB_WISH_ACT__MAX)
		return DB_ERROR;
	staff = a->user != NULL && a->member_id == 0 && a->unit_id == 0;
	/* Staff confirm, return and withdraw; claimers the rest. */
	if (staff != (act >= DB_WISH_CONFIRM))
		return DB_NOTFOUND;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	memset(&l, 0, sizeof(l));
	if ((rc = lock_wish(db, id, &l)) != DB_OK)
		goto fail;
	seen = l.version;
	if (l.state == WISH_CLAIMED && l.due < now) {
		/* Lapsed: back on the wall before anything else (a form of
		 * the version before counts: nobody changed it). */
		if ((rc = lapse(db, id, now)) != DB_OK ||
		    (rc = lock_wish(db, id, &l)) != DB_OK)
			goto fail;
	}
	if (staff)
		ok = in_scope(&a->user->scope, l.ids);
	else if (is_claimer(a, &l))
		ok = 1;
	else if ((rc = may_claim(db, a, l.ids[2], now, &ok, &reported)) !=
	    DB_OK)
		goto fail;
	if (!ok) {
		rc = DB_NOTFOUND;
		goto fail;
	}
	if ((l.version != version && seen != version) ||
	    l.state != act_from[act] ||
	    (!staff && act != DB_WISH_CLAIM && !is_claimer(a, &l)))
		goto refuse;		/* DB_WISH_STALE */
	if (act == DB_WISH_CLAIM && !reported) {
		*out = DB_WISH_NOT_REPORTED;
		goto refuse;
	}
	if ((rc = change(db, id, act, a, text, &l, claim_days, now, &to)) ==
	    DB_CONFLICT)
		goto refuse;
	if (rc == DB_OK)
		rc = audit(db, a, act_audit[act], id, to, now);
	if (rc != DB_OK)
		goto fail;
	if ((rc = db_tx_commit(db)) == DB_OK)
		*out = DB_WISH_DONE;
	return rc;
refuse:
	db_tx_rollback(db);
	return DB_OK;
fail:
	db_tx_rollback(db);
	return rc;
}
