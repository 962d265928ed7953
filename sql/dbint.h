/*
 * Internals of the data layer, shared by the files of sql/ only.
 */
#ifndef LIANXIN_DBINT_H
#define LIANXIN_DBINT_H

#include <stdbool.h>
#include <stdint.h>

#include <mysql.h>

#include "db.h"
#include "sqls.h"

/* One connection and its statements. */
struct dbconn {
	MYSQL		*my;			/* NULL while disconnected */
	MYSQL_STMT	*stmts[SQL__MAX];	/* prepared on first use */
	struct timespec	 next_try;		/* no reconnect before ... */
	uint64_t	 fail_epoch;		/* ... unless another thread
						 * connected since (db_connect) */
};

struct db {
	struct dbconn	 pri;		/* the primary: writes, transactions */
	struct dbconn	 rep;		/* the replica ([db] read_*): reads
					 * flagged SQLF_REPLICA */
	const struct config *cfg;
	bool		 in_tx;		/* inside db_tx_begin */
	unsigned int	 rwtimeout;	/* read/write timeout, s (0: 60) */
};

enum dbp_type { DBP_NULL, DBP_INT, DBP_DOUBLE, DBP_STR, DBP_TIME };

/* A statement parameter. */
struct dbp {
	enum dbp_type	 type;
	long long	 i;
	double		 d;
	const char	*s;
	size_t		 len;
	time_t		 t;	/* DBP_TIME: UTC seconds */
};

#define P_NULL		((struct dbp){ .type = DBP_NULL })
#define P_INT(v)	((struct dbp){ .type = DBP_INT, .i = (v) })
#define P_DBL(v)	((struct dbp){ .type = DBP_DOUBLE, .d = (v) })
#define P_STR(v)	((struct dbp){ .type = DBP_STR, .s = (v), \
			    .len = strlen(v) })
#define P_STRN(v, n)	((struct dbp){ .type = DBP_STR, .s = (v), .len = (n) })
#define P_TIME(v)	((struct dbp){ .type = DBP_TIME, .t = (v) })

enum dbr_type { DBR_INT, DBR_I32, DBR_DOUBLE, DBR_STR, DBR_TIME, DBR_ENUM };

/* A result column: where to put it. */
struct dbr {
	enum dbr_type	 type;
	void		*p;	/* long long *, int *, double *, char *,
				 * time_t *, int * (DBR_ENUM) */
	size_t		 size;	/* DBR_STR: buffer size (NUL included) */
	const struct word *words; /* DBR_ENUM: the words, by index */
	size_t		 nwords;
	bool		 null;	/* set by the fetch */
	unsigned long	 len;	/* set by the fetch (DBR_STR) */
};

#define R_INT(v)	((struct dbr){ .type = DBR_INT, .p = (v) })
#define R_I32(v)	((struct dbr){ .type = DBR_I32, .p = (v) })
/* A code stored as its index in the words t[n] (-1 when not there). */
#define R_ENUM(v, t, n)	((struct dbr){ .type = DBR_ENUM, .p = (v), \
			    .words = (t), .nwords = (n) })
#define R_DBL(v)	((struct dbr){ .type = DBR_DOUBLE, .p = (v) })
#define R_STR(v)	((struct dbr){ .type = DBR_STR, .p = (v), \
			    .size = sizeof(v) })
#define R_TIME(v)	((struct dbr){ .type = DBR_TIME, .p = (v) })

/* id, code, name, description, response_hours, resolve_days,
 * resolve_unit = 'workdays'. */
#define CATEGORY_R(c) \
	R_I32(&(c)->id), R_STR((c)->code), R_STR((c)->name), \
	R_STR((c)->description), R_I32(&(c)->response_hours), \
	R_I32(&(c)->resolve_days), R_I32(&(c)->resolve_workdays)

/* The columns of REQUEST_FIELDS (sqls.c), into a struct db_request. */
#define REQUEST_R(q) \
	R_INT(&(q)->id), R_STR((q)->tracking), R_I32(&(q)->category_id), \
	R_STR((q)->category), R_STR((q)->state), R_STR((q)->level), \
	R_TIME(&(q)->received_at), R_TIME(&(q)->accepted_at), \
	R_TIME(&(q)->resolved_at), R_TIME(&(q)->closed_at), \
	R_TIME(&(q)->response_due), R_TIME(&(q)->resolve_due), \
	R_STR((q)->rating), R_I32(&(q)->reopen_count), \
	R_STR((q)->phone_last4), R_INT(&(q)->version), \
	R_STR((q)->resolution), R_STR((q)->community), R_STR((q)->grid), \
	R_STR((q)->reject_reason)

/* Parameters restricting a column family to a scope (IN_SCOPE_REGION,
 * IN_SCOPE_REQUEST in sqls.c); an all-zero scope is everything.  SCOPE3_P
 * without the grid (IN_SCOPE3). */
#define SCOPE3_P(s) \
	P_INT((s)->id[0]), P_INT((s)->id[0]), P_INT((s)->id[1]), \
	P_INT((s)->id[1]), P_INT((s)->id[2]), P_INT((s)->id[2])
#define SCOPE_P(s) \
	SCOPE3_P(s), P_INT((s)->id[3]), P_INT((s)->id[3])

/* The columns of MEMBER_COLUMNS (sqls.c), into a struct db_member. */
#define MEMBER_R(m) \
	R_I32(&(m).id), R_I32(&(m).community_id), R_STR((m).name), \
	R_STR((m).phone), R_ENUM(&(m).type, word_mtype, MTYPE__MAX), \
	R_STR((m).employer), R_STR((m).skills), R_STR((m).preferred), \
	R_STR((m).preferred_names), \
	R_TIME(&(m).reported_at), R_TIME(&(m).report_expires_at), \
	R_INT(&(m).hours_tenths), R_INT(&(m).completed), \
	R_INT(&(m).open_claims), R_INT(&(m).wishes)

int	 db_connect(struct db *);
void	 db_disconnect(struct db *);
int	 db_exec(struct db *, enum sql, const struct dbp *, size_t,
	    MYSQL_STMT **);
int	 db_fetch(struct db *, MYSQL_STMT *, struct dbr *, size_t);
void	 db_done(MYSQL_STMT *);
int	 db_tx_begin(struct db *);
int	 db_tx_commit(struct db *);
void	 db_tx_rollback(struct db *);
int	 db_tx_end(struct db *, int rc);
int	 db_fail(struct db *, unsigned int err, const char *what,
	    const char *msg);
int	 db_one(struct db *, enum sql, const struct dbp *, size_t,
	    struct dbr *, size_t);
/*
 * Run a statement and copy every row into out[] (at most max, *n set):
 * the columns r fill the struct at row (rowsz bytes), which is copied
 * after each fetch.
 */
int	 db_rows(struct db *, enum sql, const struct dbp *, size_t,
	    struct dbr *, size_t, const void *row, size_t rowsz, void *out,
	    size_t max, size_t *n);
/* Run a statement without rows; *affected and *newid when not NULL. */
int	 db_run(struct db *, enum sql, const struct dbp *, size_t,
	    long long *affected, long long *newid);
/* Run an INSERT; the new row's id into *newid (on DB_OK, when not NULL). */
int	 db_insert(struct db *, enum sql, const struct dbp *, size_t,
	    int *newid);
/*
 * Execute a statement and hand its rows to fn one by one as they come
 * from the server (unbuffered, like mysql_use_result: memory stays flat
 * whatever the number of rows).  The columns r are bound once and filled
 * before each call; fn returns 0 to go on, anything else to stop.  While
 * rows come, the connection can run nothing else.  When fn stops early
 * or a fetch fails, the unread rows are not read: the connection is
 * closed (the next call reconnects), which is quicker than reading and
 * discarding millions of rows.  *n counts the rows handed to fn.
 * Returns a db_rc (DB_OK also when fn stopped).
 */
int	 db_stream(struct db *, enum sql, const struct dbp *, size_t,
	    struct dbr *, size_t, int (*fn)(void *arg), void *arg,
	    long long *n);
/*
 * BLAKE2b-256 of a secret string (a session token, a member's code, an
 * API key): what the database keeps instead (sql/passwd.c).
 */
void	 db_hash(const char *, unsigned char[DB_HASH_LEN]);
long long db_insert_id(MYSQL_STMT *);
long long db_affected(MYSQL_STMT *);

/* One request stored alone, inside or outside a transaction
 * (sql/request.c); with photos, in one transaction with them
 * (sql/photos.c). */
int	 db_request_insert(struct db *, const struct db_request_new *,
	    enum db_create_rc *, char tracking[DB_TRACKING_LEN + 1]);
/* The same inside the caller's transaction: one try; DB_CONFLICT when it
 * lost a write race (the transaction is gone: write all of it again). */
int	 db_request_insert_tx(struct db *, const struct db_request_new *,
	    enum db_create_rc *, char tracking[DB_TRACKING_LEN + 1]);
int	 db_request_create_photos(struct db *, const struct db_request_new *,
	    enum db_create_rc *, char tracking[DB_TRACKING_LEN + 1]);

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#endif
