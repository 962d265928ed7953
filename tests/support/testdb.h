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
/* First column of the first row as a string (static buffer) or NULL. */
const char	*testdb_str(const char *sql);
/* The same three with the statement printf-formatted (up to 4 KB). */
long long	 testdb_execf(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
long long	 testdb_intf(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
const char	*testdb_strf(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
/* printf into one of 8 buffers used in turn (file contents, commands,
 * form bodies): valid until 8 more calls. */
const char	*testdb_fmt(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));

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

/* A fresh tracking number of a test's own: first, then 7 random symbols
 * of the tracking alphabet. */
void		 testdb_tracking(char t[9], char first);
/*
 * Working days by SQL, independent of lib/workday.c: the temporary
 * table wdays (d, k, work) of this connection holds every day from 2020
 * on, work its kind (Monday-Friday unless the holidays table says
 * otherwise) and k the working days up to it.  TESTDB_WORKDAY_DUE(t, n)
 * is then the limit of n working days started at the UTC time t (an SQL
 * expression): 23:59:59 in UTC+8 of the nth working day after t's day.
 * testdb_workdays() (re)makes the table from the holidays as they are;
 * 0 or -1.
 */
int		 testdb_workdays(void);
#define TESTDB_WORKDAY_DUE(t, n) \
	"(SELECT TIMESTAMP(w.d, '23:59:59') - INTERVAL 8 HOUR FROM wdays w " \
	"WHERE w.work AND w.k = (SELECT v.k FROM wdays v WHERE v.d = " \
	"DATE(" t " + INTERVAL 8 HOUR)) + (" n "))"

#endif
