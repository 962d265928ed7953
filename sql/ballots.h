/*
 * Democratic ballots (民主测评): the data of /assess/rounds/{id}/ballots
 * and /vote (sql/ballots.c).  Codes are stored only as BLAKE2b-256 hashes
 * (db_hash); a vote spends its code and adds to ballot_tallies, which
 * holds no code, voter or time, in one transaction.
 */
#ifndef LIANXIN_BALLOTS_H
#define LIANXIN_BALLOTS_H

#include "ballot.h"
#include "db.h"

/* A round, with its scheme and assessing region. */
struct db_ballot_round {
	int		 id;
	int		 scheme_id;
	int		 region_id;
	int		 level;		/* the assessing region's, 1 or 2 */
	int		 ids[4];	/* its ancestors (and itself) */
	char		 name[101 * 4];
	char		 scheme[101 * 4];
	int		 target;	/* enum assess_target */
	int		 state;		/* enum round_state */
	int		 min_turnout_bp; /* min_turnout x 10000 */
	char		 period_from[16];
	char		 period_to[16];
	char		 region[DB_NAME_MAX];
};

/* An item of the ballot: an indicator of source ballot. */
struct db_ballot_item {
	int		 id;
	char		 name[101 * 4];
	char		 description[501 * 4];
};

/* One assessed, with the codes issued for them and spent. */
struct db_ballot_target {
	int		 id;
	char		 name[DB_NAME_MAX];
	int		 ids[4];	/* where it lies (scope checks) */
	long long	 issued;
	long long	 spent;
};

/* A row of ballot_tallies. */
struct db_ballot_tally {
	int		 target_id;
	int		 item_id;
	int		 choice;	/* enum rating */
	long long	 votes;
};

/* A code of a batch: its hash in hex and who it votes on. */
struct db_ballot_hash {
	char		 hex[DB_HASH_LEN * 2 + 1];
	int		 target_id;
};

int	 db_ballot_round(struct db *, int id, struct db_ballot_round *);
/* Rounds with ballot items the user may see (SQL_BALLOT_ROUNDS). */
int	 db_ballot_rounds(struct db *, const struct db_user *,
	    struct db_ballot_round *, size_t max, size_t *n);
int	 db_ballot_items(struct db *, int scheme_id, struct db_ballot_item *,
	    size_t max, size_t *n);
int	 db_ballot_targets(struct db *, int round_id,
	    struct db_ballot_target *, size_t max, size_t *n);
int	 db_ballot_tallies(struct db *, int round_id,
	    struct db_ballot_tally *, size_t max, size_t *n);
int	 db_ballot_batch(struct db *, int round_id, int batch,
	    struct db_ballot_hash *, size_t max, size_t *n);

/* A batch to issue: per_target codes for each of targets[]. */
struct db_ballot_issue {
	int		 round_id;
	long long	 expect;	/* the round's codes as the form saw
					   them (a stale form: DB_CONFLICT) */
	const int	*targets;
	size_t		 ntargets;
	int		 per_target;
	/* the codes, ntargets x per_target, target by target */
	const char	(*codes)[BALLOT_CODE_LEN + 1];
};

/*
 * Store the hashes of a batch's codes and the audit line (round, batch,
 * counts; never a code) in one transaction; the batch's number into
 * *batch.  DB_CONFLICT when the round is no longer open or its codes are
 * not those the form saw (issued meanwhile, or the form sent twice).
 */
int	 db_ballot_issue(struct db *, const struct db_ballot_issue *,
	    const struct db_user *actor, const char *addr, time_t now,
	    int *batch);

/* The round and target of an unspent code of an open round: DB_OK, or
 * DB_NOTFOUND for any other code. */
int	 db_ballot_by_code(struct db *, const char *code, int *round_id,
	    int *target_id);

/*
 * Vote with code on target of round: choices[i] (enum rating) for
 * items[i].  In one transaction the code is spent — only if unspent and
 * the round open — and each choice adds one to its tally; a lost lock
 * race is tried again.  DB_OK; DB_NOTFOUND when the code could not be
 * spent (used, unknown, round closed) or an item is not the round's:
 * nothing counted.
 */
int	 db_ballot_cast(struct db *, const char *code, int round_id,
	    int target_id, const int *items, const int *choices, size_t n);

#endif
