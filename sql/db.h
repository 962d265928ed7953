/*
 * The data layer: the only code that talks to MariaDB.  Callers get plain
 * structs and these return codes; they never see SQL or <mysql.h>.
 *
 * One struct db per thread.  It connects lazily, prepares each statement
 * once per connection, and after a lost connection reconnects by itself on
 * the next call (statements are prepared again).
 */
#ifndef LIANXIN_DB_H
#define LIANXIN_DB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct config;
struct db;

enum db_rc {
	DB_OK = 0,		/* done */
	DB_NOTFOUND = 1,	/* no such row */
	DB_CONFLICT = 2,	/* unique key or concurrent change */
	DB_UNAVAILABLE = -1,	/* no connection to the database: 503 */
	DB_ERROR = -2,		/* anything else, logged: 500 */
};

struct db	*db_open(const struct config *);
void		 db_close(struct db *);
int		 db_ping(struct db *);
int		 db_schema_version(struct db *, int *version);

/* Process-wide setup and counters (thread-safe reads). */
int		 db_library_init(void);
void		 db_library_end(void);
void		 db_thread_init(void);
void		 db_thread_end(void);
uint64_t	 db_reconnects(void);
uint64_t	 db_failures(void);

#define DB_CODE_MAX	 33
#define DB_NAME_MAX	 (64 * 4 + 1)	/* 64 characters of utf8mb4 */

struct db_category {
	int	 id;
	char	 code[DB_CODE_MAX];
	char	 name[DB_NAME_MAX];
	char	 description[501 * 4];
	int	 response_hours;
	int	 resolve_days;
};

struct db_region {
	int	 id;
	int	 parent_id;	/* 0 for a district */
	int	 level;		/* 1 district .. 4 grid */
	char	 code[DB_CODE_MAX];
	char	 name[DB_NAME_MAX];
};

struct db_counts {
	long long requests;
	long long regions;
	long long categories;
	long long members;
	long long users;
};

/* Active categories in display order; *n set to how many were stored. */
int	 db_categories(struct db *, struct db_category *, size_t max, size_t *n);
/* The whole region tree, ordered by level then display order. */
int	 db_regions(struct db *, struct db_region *, size_t max, size_t *n);
/* Row counts for the home page and the admin command. */
int	 db_counts(struct db *, struct db_counts *);


/* Service requests, as residents see them (sql/request.c). */

#define DB_TRACKING_LEN	 8
/* Symbols of tracking numbers: no look-alikes (0/O, 1/I/L). */
#define DB_TRACKING_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#define DB_TOKEN_LEN	 16

struct db_request_new {
	const unsigned char *form_token;	/* DB_TOKEN_LEN bytes or NULL */
	int		 category_id;
	int		 community_id;
	int		 grid_id;		/* 0: not known */
	const char	*address;
	const char	*description;
	const char	*name;
	const char	*phone;
	int		 has_coords;
	long long	 lat;			/* millionths of a degree */
	long long	 lng;
	const char	*source;		/* web, open311, hotline, visit */
	time_t		 now;
};

enum db_create_rc {
	DB_CREATE_NEW,		/* stored */
	DB_CREATE_REPEAT,	/* the same form was posted before */
	DB_CREATE_BAD_CATEGORY,	/* no such active category */
	DB_CREATE_BAD_PLACE,	/* no such community, or grid not in it */
};

struct db_request {
	long long	 id;
	char		 tracking[DB_TRACKING_LEN + 1];
	int		 category_id;
	char		 category[DB_NAME_MAX];
	char		 state[16];
	char		 level[16];
	time_t		 received_at, accepted_at, resolved_at, closed_at;
	time_t		 response_due, resolve_due;
	char		 rating[16];		/* "" when not rated */
	int		 reopen_count;
	char		 phone_last4[5];
	long long	 version;
	char		 resolution[2001 * 4];
	char		 community[DB_NAME_MAX];
	char		 grid[DB_NAME_MAX];	/* "" when not known */
};

struct db_event {
	time_t		 at;
	char		 action[16];
	char		 to_state[16];
	char		 level[16];
	char		 body[2001 * 4];
};

int	 db_category_get(struct db *, int id, struct db_category *);
int	 db_region_get(struct db *, int id, struct db_region *,
	    int ancestors[4]);
/*
 * Store a new request and its submit event in one transaction.  A form
 * token already stored answers DB_CREATE_REPEAT with that request's
 * tracking number.  *crc says which; returns a db_rc.
 */
int	 db_request_create(struct db *, const struct db_request_new *,
	    enum db_create_rc *crc, char tracking[DB_TRACKING_LEN + 1]);
int	 db_request_get(struct db *, const char *tracking, struct db_request *);
int	 db_request_events(struct db *, long long id, struct db_event *,
	    size_t max, size_t *n);

enum db_rating { DB_RATE_SATISFIED, DB_RATE_BASICALLY, DB_RATE_UNSATISFIED,
	DB_RATE__MAX };
extern const char *const db_rating_names[DB_RATE__MAX];
/*
 * Rate a resolved request.  An unsatisfied rating with reopen set sends
 * it back for rework, once.  DB_CONFLICT when it is not (or no longer)
 * waiting for a rating.  Returns a db_rc.
 */
int	 db_request_rate(struct db *, const struct db_request *,
	    enum db_rating, const char *comment, int reopen, time_t now);


/* Staff passwords (sql/passwd.c): argon2id through libsodium. */

#define DB_PASSWORD_MIN	 12		/* characters */
#define DB_PASSWORD_MAX	 128		/* bytes */
#define DB_PWHASH_MAX	 128		/* crypto_pwhash_STRBYTES */

/* NULL when pw is acceptable, else why not (Chinese, for the user). */
const char *db_password_problem(const char *pw);
int	 db_password_hash(const char *pw, char out[DB_PWHASH_MAX]);
/* 1 when pw matches hash (constant time), else 0. */
int	 db_password_check(const char *hash, const char *pw);

#define DB_PASSWORD_GEN	 16		/* characters of a generated one */
/* A random password of DB_PASSWORD_GEN letters and digits, no look-alikes. */
void	 db_password_generate(char out[DB_PASSWORD_GEN + 1]);

#endif
