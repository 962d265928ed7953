/*
 * Direct SQL for tests: counting rows and arranging states that other
 * issues' pages will reach (e.g. a resolved request to rate).  Connects
 * with the configuration of $LIANXIN_CONF.
 */
#ifndef LIANXIN_TESTDB_H
#define LIANXIN_TESTDB_H

struct config;

/*
 * The configuration of $LIANXIN_CONF (conf/lianxin.conf when unset), with
 * the database password read; 0, or -1 after saying why not.
 */
int		 testdb_config(struct config *);

/* Run a statement; returns affected rows or -1. */
long long	 testdb_exec(const char *sql);
/* First column of the first row as an integer, or -1. */
long long	 testdb_int(const char *sql);
/* The same of a statement made by printf. */
long long	 testdb_intf(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
/* First column of the first row as a string (static buffer) or NULL. */
const char	*testdb_str(const char *sql);

/*
 * After a change made behind the daemon's back (direct SQL), wait until
 * what the daemon keeps in memory for a while ([auth]
 * session_cache_seconds, [figures] cache_seconds) has expired.
 */
void		 testdb_settle(void);

/*
 * Places for posting: the community of the first grid, that grid, and a
 * grid of another community (ids as text).  Returns 0 or -1.
 */
int		 testdb_places(char community[16], char grid[16],
		    char other_grid[16]);

#endif
