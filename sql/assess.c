/*
 * Assessment in the data layer (sql/assess.h): schemes and versions,
 * rounds, those assessed, scores.  Every write is one transaction with
 * its audit entry.
 */
#include <stdio.h>
#include <string.h>

#include "assessdb.h"
#include "dbint.h"

#define SCHEME_R(s) \
	R_I32(&(s)->id), R_I32(&(s)->district_id), R_I32(&(s)->year), \
	R_I32(&(s)->version), \
	R_ENUM(&(s)->target, word_assess_target, AT__MAX), \
	R_I32(&(s)->in_use), R_I32(&(s)->based_on), R_STR((s)->name), \
	R_STR((s)->district), R_TIME(&(s)->created_at), R_INT(&(s)->rounds)

#define ROUND_R(o) \
	R_I32(&(o)->id), R_I32(&(o)->scheme_id), R_I32(&(o)->region_id), \
	R_I32(&(o)->region_level), R_I32(&(o)->anc[0]), \
	R_I32(&(o)->anc[1]), R_I32(&(o)->anc[2]), R_STR((o)->name), \
	R_STR((o)->region), R_I32(&(o)->from), R_I32(&(o)->to), \
	R_I32(&(o)->min_turnout_tt), \
	R_ENUM(&(o)->state, word_round, RND__MAX), R_TIME(&(o)->opened_at), \
	R_TIME(&(o)->closed_at), R_TIME(&(o)->published_at), \
	R_TIME(&(o)->created_at), R_INT(&(o)->version), R_STR((o)->scheme), \
	R_I32(&(o)->scheme_year), R_I32(&(o)->scheme_version), \
	R_ENUM(&(o)->target, word_assess_target, AT__MAX)

/* The audit entry of actor, inside the caller's transaction. */
static int
audit(struct db *db, const struct db_user *a, enum audit_action act,
    const char *obj, const char *detail, const char *addr, time_t now)
{
	return db_audit(db, a->id, a->username, word_audit[act].code, obj,
	    detail, addr != NULL ? addr : "", now);
}

int
db_as_schemes(struct db *db, int district_id, struct db_as_scheme *out,
    size_t max, size_t *n)
{
	struct db_as_scheme one;
	struct dbp	 p[] = { P_INT(district_id), P_INT(district_id) };
	struct dbr	 r[] = { SCHEME_R(&one) };

	memset(&one, 0, sizeof(one));
	return db_rows(db, SQL_AS_SCHEMES, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
db_as_scheme_get(struct db *db, int id, struct db_as_scheme *s)
{
	struct db_as_ind i = { 0 };
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { SCHEME_R(s) };
	struct dbr	 ri[] = { R_I32(&i.id), R_STR(i.name), R_INT(&i.weight_c),
	    R_ENUM(&i.source, word_assess_source, AS__MAX), R_STR(i.figure),
	    R_I32(&i.floor_tt), R_I32(&i.target_tt), R_I32(&i.min_count),
	    R_STR(i.description) };
	int		 rc;

	memset(s, 0, sizeof(*s));
	if ((rc = db_one(db, SQL_AS_SCHEME_GET, p, NELEM(p), r, NELEM(r))) !=
	    DB_OK)
		return rc;
	return db_rows(db, SQL_AS_INDS, p, NELEM(p), ri, NELEM(ri), &i,
	    sizeof(i), s->ind, AS_IND_MAX, &s->nind);
}

/* The indicators of s into scheme id (none there before). */
static int
put_inds(struct db *db, int id, const struct db_as_scheme *s)
{
	const struct db_as_ind *i;
	size_t		 k;
	int		 rc = DB_OK, range;

	for (k = 0; k < s->nind && rc == DB_OK; k++) {
		i = &s->ind[k];
		range = i->source != AS_SCORE;
		struct dbp p[] = { P_INT(id), P_INT((long long)k),
		    P_STR(i->name), P_INT(i->weight_c),
		    P_STR(word_assess_source[i->source].code),
		    i->source == AS_FIGURE ? P_STR(i->figure) : P_NULL,
		    range ? P_INT(i->floor_tt) : P_NULL,
		    range ? P_INT(i->target_tt) : P_NULL,
		    P_INT(i->min_count), P_STR(i->description) };
		rc = db_run(db, SQL_AS_IND_INSERT, p, NELEM(p), NULL, NULL);
	}
	return rc;
}

/* The audit detail of a scheme: its weights by source. */
static void
scheme_detail(const struct db_as_scheme *s, int id, char *buf, size_t sz)
{
	snprintf(buf, sz, "id %d year %d version %d target %s indicators %zu",
	    id, s->year, s->version, word_assess_target[s->target].code,
	    s->nind);
}

int
db_as_scheme_save(struct db *db, const struct db_as_scheme *s,
    const struct db_user *actor, const char *addr, time_t now, int *id)
{
	int		 in_use = 0, rc;
	long long	 newid = 0;
	char		 detail[160];

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if (s->id == 0) {
		struct dbp p[] = { P_INT(s->district_id), P_STR(s->name),
		    P_INT(s->year), P_INT(s->version),
		    P_STR(word_assess_target[s->target].code),
		    s->based_on ? P_INT(s->based_on) : P_NULL,
		    P_INT(actor->id), P_TIME(now) };
		rc = db_run(db, SQL_AS_SCHEME_INSERT, p, NELEM(p), NULL, &newid);
		*id = (int)newid;
	} else {
		struct dbp pl[] = { P_INT(s->id) };
		struct dbr rl[] = { R_I32(&in_use) };
		struct dbp pu[] = { P_STR(s->name), P_INT(s->year),
		    P_STR(word_assess_target[s->target].code), P_INT(s->id) };
		*id = s->id;
		rc = db_one(db, SQL_AS_SCHEME_LOCK, pl, NELEM(pl), rl,
		    NELEM(rl));
		if (rc == DB_OK && in_use)
			rc = DB_CONFLICT;
		if (rc == DB_OK)
			rc = db_run(db, SQL_AS_SCHEME_UPDATE, pu, NELEM(pu),
			    NULL, NULL);
		if (rc == DB_OK)
			rc = db_run(db, SQL_AS_INDS_DELETE, pl, NELEM(pl),
			    NULL, NULL);
	}
	if (rc == DB_OK)
		rc = put_inds(db, *id, s);
	if (rc == DB_OK) {
		scheme_detail(s, *id, detail, sizeof(detail));
		rc = audit(db, actor, AUD_AS_SCHEME, s->name, detail, addr,
		    now);
	}
	return db_tx_end(db, rc);
}

int
db_as_scheme_copy(struct db *db, int id, const struct db_user *actor,
    const char *addr, time_t now, int *newid)
{
	struct db_as_scheme s;
	int		 next = 0, rc;
	long long	 nid = 0;
	char		 detail[160];

	if ((rc = db_as_scheme_get(db, id, &s)) != DB_OK)
		return rc;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	struct dbp pn[] = { P_INT(s.district_id), P_STR(s.name),
	    P_INT(s.year) };
	struct dbr rn[] = { R_I32(&next) };
	rc = db_one(db, SQL_AS_SCHEME_NEXT, pn, NELEM(pn), rn, NELEM(rn));
	if (rc == DB_OK) {
		struct dbp p[] = { P_INT(s.district_id), P_STR(s.name),
		    P_INT(s.year), P_INT(next),
		    P_STR(word_assess_target[s.target].code), P_INT(id),
		    P_INT(actor->id), P_TIME(now) };
		rc = db_run(db, SQL_AS_SCHEME_INSERT, p, NELEM(p), NULL, &nid);
	}
	if (rc == DB_OK) {
		struct dbp pc[] = { P_INT(nid), P_INT(id) };
		rc = db_run(db, SQL_AS_INDS_COPY, pc, NELEM(pc), NULL, NULL);
	}
	if (rc == DB_OK) {
		s.version = next;
		snprintf(detail, sizeof(detail), "id %lld version %d based_on %d",
		    nid, next, id);
		rc = audit(db, actor, AUD_AS_SCHEME_VERSION, s.name, detail,
		    addr, now);
	}
	*newid = (int)nid;
	return db_tx_end(db, rc);
}

int
db_as_rounds(struct db *db, const struct db_scope *sc,
    struct db_as_round *out, size_t max, size_t *n)
{
	struct db_as_round one;
	struct dbp	 p[] = { SCOPE_P(sc), P_INT(sc->id[0]), P_INT(sc->id[1]),
	    P_INT(sc->id[2]) };
	struct dbr	 r[] = { ROUND_R(&one) };

	memset(&one, 0, sizeof(one));
	return db_rows(db, SQL_AS_ROUNDS, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
db_as_round_get(struct db *db, int id, struct db_as_round *o)
{
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { ROUND_R(o) };

	memset(o, 0, sizeof(*o));
	return db_one(db, SQL_AS_ROUND_GET, p, NELEM(p), r, NELEM(r));
}

int
db_as_round_create(struct db *db, const struct db_as_round *o,
    const int *targets, size_t n, const struct db_user *actor,
    const char *addr, time_t now, int *id)
{
	struct dbp	 p[] = { P_INT(o->scheme_id), P_INT(o->region_id),
	    P_STR(o->name), P_INT(o->from), P_INT(o->to),
	    P_INT(o->min_turnout_tt), P_INT(actor->id), P_TIME(now) };
	long long	 nid = 0;
	size_t		 k;
	int		 rc;
	char		 detail[160];

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = db_run(db, SQL_AS_ROUND_INSERT, p, NELEM(p), NULL, &nid);
	for (k = 0; k < n && rc == DB_OK; k++) {
		struct dbp pt[] = { P_INT(nid), P_INT(targets[k]) };
		rc = db_run(db, SQL_AS_TARGET_INSERT, pt, NELEM(pt), NULL,
		    NULL);
	}
	if (rc == DB_OK) {
		snprintf(detail, sizeof(detail), "id %lld scheme %d region %d "
		    "targets %zu", nid, o->scheme_id, o->region_id, n);
		rc = audit(db, actor, AUD_AS_ROUND, o->name, detail, addr, now);
	}
	*id = (int)nid;
	return db_tx_end(db, rc);
}

int
db_as_round_move(struct db *db, const struct db_as_round *o,
    enum round_state from, enum round_state to, const struct db_user *actor,
    const char *addr, time_t now)
{
	const char	*tc = word_round[to].code;
	struct dbp	 p[] = { P_STR(tc), P_STR(tc), P_TIME(now), P_STR(tc),
	    P_TIME(now), P_STR(tc), P_TIME(now), P_INT(o->id),
	    P_INT(o->version), P_STR(word_round[from].code) };
	struct dbp	 ps[] = { P_INT(o->scheme_id) };
	long long	 n = 0;
	int		 rc;
	char		 detail[96];

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = db_run(db, SQL_AS_ROUND_MOVE, p, NELEM(p), &n, NULL);
	if (rc == DB_OK && n != 1)
		rc = DB_CONFLICT;
	if (rc == DB_OK && to == RND_OPEN)
		rc = db_run(db, SQL_AS_SCHEME_USE, ps, NELEM(ps), NULL, NULL);
	if (rc == DB_OK) {
		snprintf(detail, sizeof(detail), "id %d %s -> %s", o->id,
		    word_round[from].code, tc);
		rc = audit(db, actor, AUD_AS_ROUND_STATE, o->name, detail,
		    addr, now);
	}
	return db_tx_end(db, rc);
}

int
db_as_targets(struct db *db, const struct db_as_round *o,
    struct db_as_target *out, size_t max, size_t *n)
{
	struct db_as_target one = { 0 };
	struct dbp	 p[] = { P_INT(o->id) };
	struct dbr	 r[] = { R_I32(&one.id), R_STR(one.name),
	    R_STR(one.code), R_I32(&one.anc[0]), R_I32(&one.anc[1]),
	    R_I32(&one.anc[2]) };

	return db_rows(db, o->target == AT_ORG ? SQL_AS_TARGETS_UNIT :
	    SQL_AS_TARGETS_REGION, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
db_as_candidates(struct db *db, int region_id, int level,
    enum assess_target k, struct db_as_target *out, size_t max, size_t *n)
{
	struct db_as_target one = { 0 };
	struct db_region reg;
	int		 anc[4] = { 0 }, rc;
	struct dbr	 r[] = { R_I32(&one.id), R_STR(one.name),
	    R_STR(one.code), R_I32(&one.anc[0]), R_I32(&one.anc[1]),
	    R_I32(&one.anc[2]) };

	(void)level;
	if ((rc = db_region_get(db, region_id, &reg, anc)) != DB_OK)
		return rc;
	struct dbp pr[] = { P_INT(k == AT_STREET ? REGION_STREET :
	    REGION_COMMUNITY), P_INT(anc[0]), P_INT(anc[0]), P_INT(anc[1]),
	    P_INT(anc[1]), P_INT(anc[2]), P_INT(anc[2]) };
	if (k == AT_ORG)
		return db_rows(db, SQL_AS_CAND_UNIT, pr + 1, NELEM(pr) - 1, r,
		    NELEM(r), &one, sizeof(one), out, max, n);
	return db_rows(db, SQL_AS_CAND_REGION, pr, NELEM(pr), r, NELEM(r),
	    &one, sizeof(one), out, max, n);
}

int
db_as_scores(struct db *db, int round_id, struct db_as_score *out,
    size_t max, size_t *n)
{
	struct db_as_score one = { 0 };
	struct dbp	 p[] = { P_INT(round_id) };
	struct dbr	 r[] = { R_I32(&one.indicator_id), R_I32(&one.target_id),
	    R_INT(&one.points_c), R_STR(one.note), R_STR(one.evidence),
	    R_TIME(&one.entered_at) };

	return db_rows(db, SQL_AS_SCORES, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
db_as_score_set(struct db *db, int round_id, const struct db_as_score *sc,
    const struct db_user *actor, const char *obj, const char *addr,
    time_t now)
{
	int		 state = -1, rc;
	long long	 version = 0, old = -1;
	struct dbp	 pl[] = { P_INT(round_id) };
	struct dbr	 rl[] = { R_ENUM(&state, word_round, RND__MAX),
	    R_INT(&version) };
	struct dbp	 po[] = { P_INT(round_id), P_INT(sc->indicator_id),
	    P_INT(sc->target_id) };
	struct dbr	 ro[] = { R_INT(&old) };
	struct dbp	 p[] = { P_INT(round_id), P_INT(sc->indicator_id),
	    P_INT(sc->target_id), P_INT(sc->points_c), P_STR(sc->note),
	    P_STR(sc->evidence), P_INT(actor->id), P_TIME(now) };
	char		 detail[160];

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = db_one(db, SQL_AS_ROUND_LOCK, pl, NELEM(pl), rl, NELEM(rl));
	if (rc == DB_OK && state != RND_OPEN)
		rc = DB_CONFLICT;
	if (rc == DB_OK && (rc = db_one(db, SQL_AS_SCORE_OLD, po, NELEM(po),
	    ro, NELEM(ro))) == DB_NOTFOUND)
		rc = DB_OK;
	if (rc == DB_OK)
		rc = db_run(db, SQL_AS_SCORE_PUT, p, NELEM(p), NULL, NULL);
	if (rc == DB_OK) {
		if (old < 0)
			snprintf(detail, sizeof(detail), "round %d indicator %d "
			    "target %d points %lld.%02lld", round_id,
			    sc->indicator_id, sc->target_id, sc->points_c / 100,
			    sc->points_c % 100);
		else
			snprintf(detail, sizeof(detail), "round %d indicator %d "
			    "target %d points %lld.%02lld -> %lld.%02lld",
			    round_id, sc->indicator_id, sc->target_id,
			    old / 100, old % 100, sc->points_c / 100,
			    sc->points_c % 100);
		rc = audit(db, actor, AUD_AS_SCORE, obj, detail, addr, now);
	}
	return db_tx_end(db, rc);
}

int
db_as_demo_codes(struct db *db, int round_id, int target_id, int issued,
    int spent, int issuer)
{
	int		 k, rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	for (k = 0; k < issued && rc == DB_OK; k++) {
		struct dbp p[] = { P_INT(round_id), P_INT(target_id),
		    P_INT(round_id), P_INT(target_id), P_INT(k), P_INT(issuer),
		    P_INT(k < spent) };
		rc = db_run(db, SQL_AS_DEMO_CODE, p, NELEM(p), NULL, NULL);
	}
	return db_tx_end(db, rc);
}

int
db_as_demo_tally(struct db *db, int round_id, int target_id,
    int indicator_id, const int votes[RATE__MAX])
{
	int		 k, rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	for (k = 0; k < RATE__MAX && rc == DB_OK; k++) {
		struct dbp p[] = { P_INT(round_id), P_INT(target_id),
		    P_INT(indicator_id), P_STR(word_rating[k].code),
		    P_INT(votes[k]) };
		rc = db_run(db, SQL_AS_DEMO_TALLY, p, NELEM(p), NULL, NULL);
	}
	return db_tx_end(db, rc);
}
