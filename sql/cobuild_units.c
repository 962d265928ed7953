/*
 * Co-building units, their 大党委 members, agreements, commitments, the
 * timeline and the mutual evaluation (see cobuild.h).
 */
#include <string.h>

#include "cobuild.h"
#include "dbint.h"

#define UNIT_R(u) \
	R_I32(&(u)->id), R_I32(&(u)->region_id), R_I32(&(u)->ids[0]), \
	R_I32(&(u)->ids[1]), R_I32(&(u)->ids[2]), R_STR((u)->region), \
	R_STR((u)->name), R_ENUM(&(u)->org_kind, word_unit_org, \
	UNIT_ORG__MAX), R_STR((u)->party_org), R_STR((u)->secretary), \
	R_STR((u)->contact), R_STR((u)->phone), R_I32(&(u)->member_count), \
	R_STR((u)->joined_on), R_I32(&(u)->active), R_INT(&(u)->version), \
	R_STR((u)->committee), R_I32(&(u)->agr_id), \
	R_ENUM(&(u)->agr_state, word_agreement, AGR__MAX)

#define AGREEMENT_R(a) \
	R_I32(&(a)->id), R_I32(&(a)->unit_id), R_I32(&(a)->region_id), \
	R_I32(&(a)->ids[0]), R_I32(&(a)->ids[1]), R_I32(&(a)->ids[2]), \
	R_I32(&(a)->year), R_STR((a)->title), \
	R_ENUM(&(a)->state, word_agreement, AGR__MAX), \
	R_STR((a)->signed_on), R_STR((a)->valid_from), R_STR((a)->valid_to), \
	R_STR((a)->unit), R_STR((a)->region), R_INT(&(a)->version), \
	R_INT(&(a)->ncommit), R_INT(&(a)->nconfirmed)

#define COMMITMENT_R(c) \
	R_I32(&(c)->id), R_I32(&(c)->agreement_id), \
	R_ENUM(&(c)->kind, word_cb_kind, CBK__MAX), R_STR((c)->content), \
	R_STR((c)->quantity), R_STR((c)->qty_unit), R_STR((c)->due_on), \
	R_ENUM(&(c)->state, word_commitment, CMT__MAX), \
	R_STR((c)->fulfilled_on), R_STR((c)->note), \
	R_TIME(&(c)->fulfilled_at), R_TIME(&(c)->confirmed_at), \
	R_INT(&(c)->version)

/* "" as NULL: an unset date or phone. */
static struct dbp
p_opt(const char *s)
{
	return s == NULL || *s == '\0' ? P_NULL : P_STR(s);
}

int
cb_counts(struct db *db, const struct db_scope *sc, int year,
    const char *jan1, struct cb_counts *c)
{
	struct dbp	 p[] = { SCOPE3_P(sc), P_INT(year), SCOPE3_P(sc),
	    SCOPE3_P(sc), SCOPE3_P(sc), SCOPE3_P(sc), P_STR(jan1),
	    SCOPE3_P(sc), SCOPE3_P(sc) };
	struct dbr	 r[] = { R_INT(&c->units), R_INT(&c->agreements),
	    R_INT(&c->needs), R_INT(&c->resources), R_INT(&c->projects),
	    R_INT(&c->meetings), R_INT(&c->wishes) };

	memset(c, 0, sizeof(*c));
	return db_one(db, SQL_CB_COUNTS, p, NELEM(p), r, NELEM(r));
}

int
cb_units_list(struct db *db, const struct db_scope *sc,
    const struct cb_unit_filter *f, struct cb_unit *out, size_t max,
    size_t *n, long long *total)
{
	const char	*kind = f->org_kind >= 0 && f->org_kind < UNIT_ORG__MAX ?
			    word_unit_org[f->org_kind].code : "";
	struct dbp	 p[] = { P_INT(f->year), SCOPE3_P(sc),
	    P_INT(f->region_id), P_INT(f->region_id), P_INT(f->region_id),
	    P_STR(kind), P_STR(kind), P_INT((long long)max),
	    P_INT(f->offset) };
	struct cb_unit	 one;
	struct dbr	 r[] = { UNIT_R(&one) };
	struct dbr	 t[] = { R_INT(total) };
	int		 rc;

	memset(&one, 0, sizeof(one));
	if ((rc = db_one(db, SQL_CB_UNITS_COUNT, p + 1, NELEM(p) - 3, t,
	    NELEM(t))) != DB_OK)
		return rc;
	return db_rows(db, SQL_CB_UNITS, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
cb_unit_get(struct db *db, int id, int year, struct cb_unit *u)
{
	struct dbp	 p[] = { P_INT(year), P_INT(id) };
	struct dbr	 r[] = { UNIT_R(u) };

	memset(u, 0, sizeof(*u));
	return db_one(db, SQL_CB_UNIT_GET, p, NELEM(p), r, NELEM(r));
}

/* The parameters of the co-building fields of e, then more. */
#define EDIT_P(e) \
	(e)->org_kind >= 0 ? P_STR(word_unit_org[(e)->org_kind].code) : \
	P_NULL, P_STR((e)->party_org), P_STR((e)->secretary), \
	P_STR((e)->contact), p_opt((e)->phone), P_INT((e)->member_count), \
	p_opt((e)->joined_on)

int
cb_unit_update(struct db *db, int id, const struct cb_unit_edit *e)
{
	struct dbp	 p[] = { EDIT_P(e), P_INT(id), P_INT(e->version) };
	long long	 n = 0;
	int		 rc;

	rc = db_run(db, SQL_CB_UNIT_UPDATE, p, NELEM(p), &n, NULL);
	return rc == DB_OK && n == 0 ? DB_CONFLICT : rc;
}

int
cb_unit_import_set(struct db *db, int id, const struct cb_unit_edit *e)
{
	struct dbp	 p[] = { EDIT_P(e), P_INT(id) };

	return db_run(db, SQL_CB_UNIT_IMPORT_SET, p, NELEM(p), NULL, NULL);
}

int
cb_members(struct db *db, int unit_id, struct cb_member *out, size_t max,
    size_t *n)
{
	struct cb_member one = { 0 };
	struct dbr	 r[] = { R_I32(&one.id), R_STR(one.name),
	    R_STR(one.post), R_STR(one.since), R_STR(one.until) };
	struct dbp	 p[] = { P_INT(unit_id), P_INT((long long)max) };

	return db_rows(db, SQL_CB_MEMBERS, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
cb_member_add(struct db *db, int region_id, int unit_id, const char *name,
    const char *post, const char *since)
{
	struct dbp	 p[] = { P_INT(region_id), P_INT(unit_id), P_STR(name),
	    P_STR(post), P_STR(since) };

	return db_run(db, SQL_CB_MEMBER_ADD, p, NELEM(p), NULL, NULL);
}

int
cb_member_end(struct db *db, int id, int unit_id, const char *until)
{
	struct dbp	 p[] = { P_STR(until), P_INT(id), P_INT(unit_id),
	    P_STR(until) };
	long long	 n = 0;
	int		 rc;

	rc = db_run(db, SQL_CB_MEMBER_END, p, NELEM(p), &n, NULL);
	return rc == DB_OK && n == 0 ? DB_CONFLICT : rc;
}

int
cb_agreements_of_unit(struct db *db, int unit_id, struct cb_agreement *out,
    size_t max, size_t *n)
{
	struct cb_agreement one;
	struct dbr	 r[] = { AGREEMENT_R(&one) };
	struct dbp	 p[] = { P_INT(unit_id), P_INT((long long)max) };

	memset(&one, 0, sizeof(one));
	return db_rows(db, SQL_CB_AGREEMENTS_OF_UNIT, p, NELEM(p), r,
	    NELEM(r), &one, sizeof(one), out, max, n);
}

int
cb_agreement_get(struct db *db, int id, struct cb_agreement *a)
{
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { AGREEMENT_R(a) };

	memset(a, 0, sizeof(*a));
	return db_one(db, SQL_CB_AGREEMENT_GET, p, NELEM(p), r, NELEM(r));
}

/* A line of agreement id's timeline, inside the caller's transaction. */
static int
event(struct db *db, int agreement_id, int commitment_id, enum cb_event e,
    int user_id, time_t now, const char *note)
{
	struct dbp	 p[] = { P_INT(agreement_id), commitment_id > 0 ?
	    P_INT(commitment_id) : P_NULL, P_STR(word_cb_event[e].code),
	    P_INT(user_id), P_TIME(now), P_STR(note != NULL ? note : "") };

	return db_run(db, SQL_CB_EVENT_INSERT, p, NELEM(p), NULL, NULL);
}

int
cb_agreement_create(struct db *db, const struct cb_agreement *a, int user_id,
    time_t now, int *id)
{
	struct dbp	 p[] = { P_INT(a->unit_id), P_INT(a->region_id),
	    P_INT(a->year), P_STR(a->title), P_STR(a->valid_from),
	    P_STR(a->valid_to), P_INT(user_id), P_TIME(now) };
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_insert(db, SQL_CB_AGREEMENT_INSERT, p, NELEM(p), id)) ==
	    DB_OK)
		rc = event(db, *id, 0, CBE_CREATED, user_id, now, NULL);
	return db_tx_end(db, rc);
}

int
cb_agreement_move(struct db *db, int id, long long version, int from, int to,
    const char *signed_on, int user_id, time_t now)
{
	struct dbp	 p[] = { P_STR(word_agreement[to].code),
	    p_opt(signed_on), P_INT(id), P_STR(word_agreement[from].code),
	    P_INT(version) };
	long long	 n = 0;
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = db_run(db, SQL_CB_AGREEMENT_STATE, p, NELEM(p), &n, NULL);
	if (rc == DB_OK && n == 0)
		rc = DB_CONFLICT;
	if (rc == DB_OK)
		rc = event(db, id, 0, to == AGR_SIGNED ? CBE_SIGNED : CBE_ENDED,
		    user_id, now, NULL);
	return db_tx_end(db, rc);
}

int
cb_commitments(struct db *db, int agreement_id, struct cb_commitment *out,
    size_t max, size_t *n)
{
	struct cb_commitment one;
	struct dbr	 r[] = { COMMITMENT_R(&one) };
	struct dbp	 p[] = { P_INT(agreement_id), P_INT((long long)max) };

	memset(&one, 0, sizeof(one));
	return db_rows(db, SQL_CB_COMMITMENTS, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
cb_commitment_get(struct db *db, int id, struct cb_commitment *c)
{
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { COMMITMENT_R(c) };

	memset(c, 0, sizeof(*c));
	return db_one(db, SQL_CB_COMMITMENT_GET, p, NELEM(p), r, NELEM(r));
}

/* Lock agreement id; DB_CONFLICT unless its state is one of the mask's
 * (bits of enum agreement_state). */
static int
lock_agreement(struct db *db, int id, unsigned mask)
{
	char		 state[16] = "";
	long long	 version = 0;
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { R_STR(state), R_INT(&version) };
	int		 rc, k;

	if ((rc = db_one(db, SQL_CB_AGREEMENT_LOCK, p, NELEM(p), r,
	    NELEM(r))) != DB_OK)
		return rc;
	k = word_find(word_agreement, AGR__MAX, state);
	return k >= 0 && (mask & (1u << k)) ? DB_OK : DB_CONFLICT;
}

int
cb_commitment_add(struct db *db, int agreement_id, int kind,
    const char *content, const char *quantity, const char *qty_unit,
    const char *due_on, int user_id, time_t now)
{
	struct dbp	 p[] = { P_INT(agreement_id),
	    P_STR(word_cb_kind[kind].code), P_STR(content), P_STR(quantity),
	    P_STR(qty_unit), P_STR(due_on) };
	int		 rc, id = 0;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = lock_agreement(db, agreement_id, (1u << AGR_DRAFT) |
	    (1u << AGR_SIGNED))) == DB_OK &&
	    (rc = db_insert(db, SQL_CB_COMMITMENT_INSERT, p, NELEM(p), &id)) ==
	    DB_OK)
		rc = event(db, agreement_id, id, CBE_COMMITMENT, user_id, now,
		    content);
	return db_tx_end(db, rc);
}

/* Run a state change of commitment c inside a transaction: DB_CONFLICT
 * when nothing changed. */
static int
change(struct db *db, enum sql id, const struct dbp *p, size_t np)
{
	long long	 n = 0;
	int		 rc;

	rc = db_run(db, id, p, np, &n, NULL);
	return rc == DB_OK && n == 0 ? DB_CONFLICT : rc;
}

int
cb_fulfil(struct db *db, const struct cb_commitment *c, long long version,
    const char *on, const char *note, const struct db_photo *ph,
    size_t nph, int user_id, time_t now)
{
	struct dbp	 p[] = { P_STR(on), P_STR(note), P_INT(user_id),
	    P_TIME(now), P_INT(c->id), P_INT(version) };
	size_t		 i;
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	/* Only while the agreement is in force (signed). */
	if ((rc = lock_agreement(db, c->agreement_id, 1u << AGR_SIGNED)) ==
	    DB_OK)
		rc = change(db, SQL_CB_FULFIL, p, NELEM(p));
	for (i = 0; i < nph && rc == DB_OK; i++) {
		struct dbp q[] = {
			P_STRN((const char *)ph[i].hash, DB_HASH_LEN),
			P_STRN((const char *)ph[i].jpeg, ph[i].len),
			P_STRN((const char *)ph[i].thumb, ph[i].tlen),
			P_INT(ph[i].width), P_INT(ph[i].height),
			P_INT((long long)ph[i].len), P_TIME(now) };
		struct dbp l[] = { P_INT(c->id),
			P_STRN((const char *)ph[i].hash, DB_HASH_LEN),
			P_INT(c->id) };

		if ((rc = db_run(db, SQL_PHOTO_INSERT, q, NELEM(q), NULL,
		    NULL)) == DB_OK)
			rc = db_run(db, SQL_CB_CPHOTO_LINK, l, NELEM(l), NULL,
			    NULL);
	}
	if (rc == DB_OK)
		rc = event(db, c->agreement_id, c->id, CBE_FULFILLED, user_id,
		    now, note);
	return db_tx_end(db, rc);
}

int
cb_confirm(struct db *db, const struct cb_commitment *c, long long version,
    int user_id, time_t now)
{
	struct dbp	 p[] = { P_INT(user_id), P_TIME(now), P_INT(c->id),
	    P_INT(version) };
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = change(db, SQL_CB_CONFIRM, p, NELEM(p))) == DB_OK)
		rc = event(db, c->agreement_id, c->id, CBE_CONFIRMED, user_id,
		    now, NULL);
	return db_tx_end(db, rc);
}

int
cb_return(struct db *db, const struct cb_commitment *c, long long version,
    const char *reason, int user_id, time_t now)
{
	struct dbp	 p[] = { P_INT(c->id), P_INT(version) };
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = change(db, SQL_CB_RETURN, p, NELEM(p))) == DB_OK)
		rc = event(db, c->agreement_id, c->id, CBE_RETURNED, user_id,
		    now, reason);
	return db_tx_end(db, rc);
}

int
cb_commitment_photos(struct db *db, int id, char hex[][DB_PHOTO_HEX + 1],
    size_t max, size_t *n)
{
	char		 one[DB_PHOTO_HEX + 1] = "";
	struct dbr	 r[] = { R_STR(one) };
	struct dbp	 p[] = { P_INT(id), P_INT((long long)max) };
	size_t		 i, j;
	int		 rc;

	rc = db_rows(db, SQL_CB_CPHOTOS, p, NELEM(p), r, NELEM(r), one,
	    sizeof(one), hex, max, n);
	for (i = 0; rc == DB_OK && i < *n; i++)
		for (j = 0; hex[i][j] != '\0'; j++)
			if (hex[i][j] >= 'A' && hex[i][j] <= 'F')
				hex[i][j] += 'a' - 'A';
	return rc;
}

int
cb_commitment_photo(struct db *db, int id, const unsigned char *hash,
    int *unit_id, int ids[4])
{
	struct dbp	 p[] = { P_INT(id),
	    P_STRN((const char *)hash, DB_HASH_LEN) };
	struct dbr	 r[] = { R_I32(unit_id), R_I32(&ids[0]),
	    R_I32(&ids[1]), R_I32(&ids[2]) };

	ids[3] = 0;
	return db_one(db, SQL_CB_CPHOTO_OF, p, NELEM(p), r, NELEM(r));
}

/* A rating as it comes, with its direction. */
struct eval_row {
	struct cb_eval	 v;
	int		 dir;
};

int
cb_evals(struct db *db, int agreement_id, struct cb_eval e[EVD__MAX])
{
	struct eval_row	 row, got[EVD__MAX];
	struct dbr	 r[] = { R_ENUM(&row.dir, word_eval_dir, EVD__MAX),
	    R_ENUM(&row.v.rating, word_rating, RATE__MAX),
	    R_STR(row.v.comment), R_TIME(&row.v.at), R_STR(row.v.by) };
	struct dbp	 p[] = { P_INT(agreement_id) };
	size_t		 n = 0, i;
	int		 rc;

	memset(e, 0, sizeof(*e) * EVD__MAX);
	memset(&row, 0, sizeof(row));
	rc = db_rows(db, SQL_CB_EVALS, p, NELEM(p), r, NELEM(r), &row,
	    sizeof(row), got, EVD__MAX, &n);
	for (i = 0; rc == DB_OK && i < n; i++)
		if (got[i].dir >= 0 && got[i].dir < EVD__MAX) {
			e[got[i].dir] = got[i].v;
			e[got[i].dir].given = 1;
		}
	return rc;
}

int
cb_evaluate(struct db *db, int agreement_id, int dir, int rating,
    const char *comment, int user_id, time_t now)
{
	struct dbp	 p[] = { P_INT(agreement_id),
	    P_STR(word_eval_dir[dir].code), P_STR(word_rating[rating].code),
	    P_STR(comment), P_INT(user_id), P_TIME(now) };
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_run(db, SQL_CB_EVAL_INSERT, p, NELEM(p), NULL, NULL)) ==
	    DB_OK)
		rc = event(db, agreement_id, 0, CBE_RATED, user_id, now,
		    word_eval_dir[dir].label);
	return db_tx_end(db, rc);
}

int
cb_events(struct db *db, int agreement_id, struct cb_step *out, size_t max,
    size_t *n)
{
	struct cb_step	 one;
	struct dbr	 r[] = { R_ENUM(&one.action, word_cb_event, CBE__MAX),
	    R_I32(&one.commitment_id), R_TIME(&one.at), R_STR(one.note),
	    R_STR(one.who), R_ENUM(&one.role, word_role, ROLE__MAX),
	    R_STR(one.unit) };
	struct dbp	 p[] = { P_INT(agreement_id), P_INT((long long)max) };

	memset(&one, 0, sizeof(one));
	return db_rows(db, SQL_CB_EVENTS, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}
