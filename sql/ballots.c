/*
 * Democratic ballots (sql/ballots.h): rounds, items, those assessed and
 * their turnout, the tallies; issuing codes (hashes only) and voting.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "ballots.h"
#include "dbint.h"

#define ROUND_R(x) \
	R_I32(&(x)->id), R_I32(&(x)->scheme_id), R_I32(&(x)->region_id), \
	R_I32(&(x)->level), R_I32(&(x)->ids[0]), R_I32(&(x)->ids[1]), \
	R_I32(&(x)->ids[2]), R_STR((x)->name), R_STR((x)->scheme), \
	R_ENUM(&(x)->target, word_assess_target, AT__MAX), \
	R_ENUM(&(x)->state, word_round, RND__MAX), \
	R_I32(&(x)->min_turnout_bp), R_STR((x)->period_from), \
	R_STR((x)->period_to), R_STR((x)->region)

/* Tries of a vote that lost a lock race (a deadlock of the tallies'
 * inserts under load): each rolled back whole, so trying again is safe. */
#define CAST_TRIES	10

int
db_ballot_round(struct db *db, int id, struct db_ballot_round *x)
{
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { ROUND_R(x) };

	memset(x, 0, sizeof(*x));
	return db_one(db, SQL_BALLOT_ROUND_GET, p, NELEM(p), r, NELEM(r));
}

int
db_ballot_rounds(struct db *db, const struct db_user *u,
    struct db_ballot_round *out, size_t max, size_t *n)
{
	struct db_ballot_round one = { 0 };
	struct dbp	 p[] = { SCOPE_P(&u->scope), P_INT(u->scope.id[0]),
	    P_INT(u->scope.id[1]), P_INT(u->scope.id[2]) };
	struct dbr	 r[] = { ROUND_R(&one) };

	return db_rows(db, SQL_BALLOT_ROUNDS, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
db_ballot_items(struct db *db, int scheme_id, struct db_ballot_item *out,
    size_t max, size_t *n)
{
	struct db_ballot_item one = { 0 };
	struct dbp	 p[] = { P_INT(scheme_id) };
	struct dbr	 r[] = { R_I32(&one.id), R_STR(one.name),
	    R_STR(one.description) };

	return db_rows(db, SQL_BALLOT_ITEMS, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
db_ballot_targets(struct db *db, int round_id, struct db_ballot_target *out,
    size_t max, size_t *n)
{
	struct db_ballot_target one = { 0 };
	struct dbp	 p[] = { P_INT(round_id) };
	struct dbr	 r[] = { R_I32(&one.id), R_STR(one.name),
	    R_I32(&one.ids[0]), R_I32(&one.ids[1]), R_I32(&one.ids[2]),
	    R_INT(&one.issued), R_INT(&one.spent) };

	return db_rows(db, SQL_BALLOT_TARGETS, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
db_ballot_tallies(struct db *db, int round_id, struct db_ballot_tally *out,
    size_t max, size_t *n)
{
	struct db_ballot_tally one = { 0 };
	struct dbp	 p[] = { P_INT(round_id) };
	struct dbr	 r[] = { R_I32(&one.target_id), R_I32(&one.item_id),
	    R_ENUM(&one.choice, word_rating, RATE__MAX), R_INT(&one.votes) };

	return db_rows(db, SQL_BALLOT_TALLIES, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
db_ballot_batch(struct db *db, int round_id, int batch,
    struct db_ballot_hash *out, size_t max, size_t *n)
{
	struct db_ballot_hash one = { "", 0 };
	struct dbp	 p[] = { P_INT(round_id), P_INT(batch) };
	struct dbr	 r[] = { R_STR(one.hex), R_I32(&one.target_id) };

	return db_rows(db, SQL_BALLOT_BATCH, p, NELEM(p), r, NELEM(r), &one,
	    sizeof(one), out, max, n);
}

int
db_ballot_issue(struct db *db, const struct db_ballot_issue *iss,
    const struct db_user *actor, const char *addr, time_t now, int *batch)
{
	unsigned char	 h[DB_HASH_LEN];
	char		 obj[32], detail[1000];
	long long	 count = 0, last = 0;
	size_t		 i, k, len;
	int		 state = -1, rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	{
		struct dbp p[] = { P_INT(iss->round_id) };
		struct dbr r[] = { R_ENUM(&state, word_round, RND__MAX) };

		rc = db_one(db, SQL_BALLOT_ROUND_SHARE, p, NELEM(p), r,
		    NELEM(r));
	}
	if (rc == DB_OK && state != RND_OPEN)
		rc = DB_CONFLICT;
	if (rc == DB_OK) {
		struct dbp p[] = { P_INT(iss->round_id) };
		struct dbr r[] = { R_INT(&count), R_INT(&last) };

		rc = db_one(db, SQL_BALLOT_CODES_LOCK, p, NELEM(p), r,
		    NELEM(r));
	}
	if (rc == DB_OK && count != iss->expect)
		rc = DB_CONFLICT;
	*batch = (int)last + 1;
	for (i = 0; rc == DB_OK && i < iss->ntargets; i++)
		for (k = 0; rc == DB_OK && k < (size_t)iss->per_target; k++) {
			db_hash(iss->codes[i * (size_t)iss->per_target + k], h);
			struct dbp p[] = { P_INT(iss->round_id),
			    P_INT(iss->targets[i]),
			    P_STRN((const char *)h, sizeof(h)),
			    P_INT(*batch), P_INT(actor->id) };

			rc = db_run(db, SQL_BALLOT_CODE_INSERT, p, NELEM(p),
			    NULL, NULL);
		}
	sodium_memzero(h, sizeof(h));
	if (rc == DB_OK) {
		/* What was issued, never a code. */
		snprintf(obj, sizeof(obj), "round:%d", iss->round_id);
		len = (size_t)snprintf(detail, sizeof(detail),
		    "batch %d: %zu codes, %d per target, targets", *batch,
		    iss->ntargets * (size_t)iss->per_target, iss->per_target);
		for (i = 0; i < iss->ntargets && len < sizeof(detail) - 16;
		    i++)
			len += (size_t)snprintf(detail + len,
			    sizeof(detail) - len, "%s%d", i ? "," : " ",
			    iss->targets[i]);
		rc = db_audit(db, actor->id, actor->username,
		    word_audit[AUD_AS_CODES].code, obj, detail, addr, now);
	}
	return db_tx_end(db, rc);
}

int
db_ballot_by_code(struct db *db, const char *code, int *round_id,
    int *target_id)
{
	unsigned char	 h[DB_HASH_LEN];
	struct dbp	 p[] = { P_STRN((const char *)h, sizeof(h)) };
	struct dbr	 r[] = { R_I32(round_id), R_I32(target_id) };

	db_hash(code, h);
	return db_one(db, SQL_BALLOT_BY_CODE, p, NELEM(p), r, NELEM(r));
}

/* One try of db_ballot_cast. */
static int
cast_once(struct db *db, const unsigned char h[DB_HASH_LEN], int round_id,
    int target_id, const int *items, const int *choices, size_t n)
{
	struct dbp	 p[] = { P_STRN((const char *)h, DB_HASH_LEN),
	    P_INT(round_id), P_INT(target_id) };
	long long	 changed = 0;
	size_t		 i;
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = db_run(db, SQL_BALLOT_SPEND, p, NELEM(p), &changed, NULL);
	if (rc == DB_OK && changed != 1)
		rc = DB_NOTFOUND;
	for (i = 0; rc == DB_OK && i < n; i++) {
		struct dbp q[] = { P_INT(target_id),
		    P_STR(word_rating[choices[i]].code), P_INT(round_id),
		    P_INT(items[i]) };

		changed = 0;
		rc = db_run(db, SQL_BALLOT_TALLY_ADD, q, NELEM(q), &changed,
		    NULL);
		if (rc == DB_OK && changed == 0)
			rc = DB_NOTFOUND;
	}
	return db_tx_end(db, rc);
}

int
db_ballot_cast(struct db *db, const char *code, int round_id, int target_id,
    const int *items, const int *choices, size_t n)
{
	unsigned char	 h[DB_HASH_LEN];
	struct timespec	 ts;
	size_t		 i;
	int		 tries, rc = DB_NOTFOUND;

	if (n == 0)
		return DB_NOTFOUND;
	for (i = 0; i < n; i++)
		if (choices[i] < 0 || choices[i] >= RATE__MAX)
			return DB_NOTFOUND;
	db_hash(code, h);
	for (tries = 0; tries < CAST_TRIES; tries++) {
		rc = cast_once(db, h, round_id, target_id, items, choices, n);
		if (rc != DB_CONFLICT)
			break;
		/* A little while, different for each, before trying again. */
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(1 + randombytes_uniform(20)) * 1000000L;
		nanosleep(&ts, NULL);
	}
	sodium_memzero(h, sizeof(h));
	return rc;
}
