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

#endif
