#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <errmsg.h>
#include <mysql.h>
#include <sodium.h>

#include "config.h"
#include "testdb.h"

static MYSQL	*cur;	/* the connection, NULL before or after a loss */

/* Forget a connection the server dropped (it may have restarted). */
static void
check_lost(void)
{
	unsigned int	 e = mysql_errno(cur);

	if (e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_CONNECTION_ERROR) {
		mysql_close(cur);
		cur = NULL;
	}
}

int
testdb_config(struct config *c)
{
	char		 err[256];

	config_defaults(c);
	if (config_load(c, config_path(), err, sizeof(err)) == -1 ||
	    config_db_password(c, err, sizeof(err)) == -1) {
		fprintf(stderr, "testdb: %s\n", err);
		return -1;
	}
	return 0;
}

void
testdb_settle(void)
{
	struct config	 c;

	int		 s;

	if (testdb_config(&c) == 0) {
		s = c.session_cache_s > c.figures_cache_s ?
		    c.session_cache_s : c.figures_cache_s;
		if (c.form_cache_s > s)
			s = c.form_cache_s;	/* the blank form (issue 18) */
		sleep((unsigned)s + 1);
	}
}

static MYSQL *
conn(void)
{
	struct config	 c;

	if (cur != NULL)
		return cur;
	if (testdb_config(&c) == -1)
		return NULL;
	cur = mysql_init(NULL);
	mysql_options(cur, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(cur, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	if (mysql_real_connect(cur, "localhost", c.db_user, c.db_password,
	    c.db_name, 0, c.db_socket, 0) == NULL) {
		fprintf(stderr, "testdb: %s\n", mysql_error(cur));
		mysql_close(cur);
		cur = NULL;
	}
	return cur;
}

/*
 * Send sql; the connection on success, NULL on failure.  A connection the
 * server dropped since the last call (it was restarted) is made again and
 * the statement sent once more.
 */
static MYSQL *
query(const char *sql)
{
	MYSQL	*my;
	char	 err[512] = "";
	int	 tries;

	for (tries = 0; tries < 2; tries++) {
		if ((my = conn()) == NULL)
			return NULL;
		if (mysql_query(my, sql) == 0)
			return my;
		snprintf(err, sizeof(err), "%s", mysql_error(my));
		check_lost();
		if (cur != NULL)
			break;
	}
	fprintf(stderr, "testdb: %.200s: %s\n", sql, err);
	return NULL;
}

long long
testdb_exec(const char *sql)
{
	MYSQL	*my = query(sql);

	return my != NULL ? (long long)mysql_affected_rows(my) : -1;
}

const char *
testdb_str(const char *sql)
{
	static char	 out[4096];
	MYSQL		*my = query(sql);
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	const char	*rv = NULL;

	if (my == NULL || (res = mysql_store_result(my)) == NULL)
		return NULL;
	if ((row = mysql_fetch_row(res)) != NULL && row[0] != NULL) {
		snprintf(out, sizeof(out), "%s", row[0]);
		rv = out;
	}
	mysql_free_result(res);
	return rv;
}

long long
testdb_int(const char *sql)
{
	const char	*s = testdb_str(sql);

	return s != NULL ? strtoll(s, NULL, 10) : -1;
}

int
testdb_places(char community[16], char grid[16], char other_grid[16])
{
	static const char *const q[3] = {
		"SELECT community_id FROM regions WHERE level = 4 "
		"ORDER BY id LIMIT 1",
		"SELECT id FROM regions WHERE level = 4 ORDER BY id LIMIT 1",
		"SELECT id FROM regions WHERE level = 4 AND community_id <> "
		"(SELECT community_id FROM regions WHERE level = 4 ORDER BY id "
		"LIMIT 1) ORDER BY id LIMIT 1",
	};
	char		*out[3] = { community, grid, other_grid };
	const char	*s;
	int		 i;

	for (i = 0; i < 3; i++) {
		if ((s = testdb_str(q[i])) == NULL)
			return -1;
		snprintf(out[i], 16, "%s", s);
	}
	return 0;
}

void
testdb_tracking(char t[9], char first)
{
	static const char a[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
	size_t	 i;

	t[0] = first;
	for (i = 1; i < 8; i++)
		t[i] = a[randombytes_uniform(sizeof(a) - 1)];
	t[8] = '\0';
}
int
testdb_workdays(void)
{
	if (testdb_exec("DROP TEMPORARY TABLE IF EXISTS wdays") == -1 ||
	    testdb_exec("CREATE TEMPORARY TABLE wdays (d DATE NOT NULL "
	    "PRIMARY KEY, k INT NOT NULL, work TINYINT NOT NULL, "
	    "KEY (k, work))") == -1)
		return -1;
	return testdb_exec("INSERT INTO wdays SELECT d, SUM(work) OVER "
	    "(ORDER BY d), work FROM (SELECT s.d, IF(h.kind IS NULL, "
	    "WEEKDAY(s.d) < 5, h.kind = 'work') AS work FROM (SELECT "
	    "DATE'2020-01-01' + INTERVAL seq DAY AS d FROM seq_0_to_5000) s "
	    "LEFT JOIN holidays h ON h.day = s.d) x") > 0 ? 0 : -1;
}

/* NAME(fmt, ...): BASE of the printf-formatted statement (a statement
 * too long for 4 KB is sent empty, and the server refuses it). */
#define FORMATTED(type, name, base)					\
type									\
name(const char *fmt, ...)						\
{									\
	char	 sql[4096];						\
	va_list	 ap;							\
	int	 n;							\
									\
	va_start(ap, fmt);						\
	n = vsnprintf(sql, sizeof(sql), fmt, ap);			\
	va_end(ap);							\
	return base(n >= 0 && (size_t)n < sizeof(sql) ? sql : "");	\
}

FORMATTED(long long, testdb_execf, testdb_exec)
FORMATTED(long long, testdb_intf, testdb_int)
FORMATTED(const char *, testdb_strf, testdb_str)

const char *
testdb_fmt(const char *fmt, ...)
{
	static char	*ring[8];
	static unsigned	 next;
	char		**slot = &ring[next++ % 8];
	va_list		 ap;

	free(*slot);
	va_start(ap, fmt);
	if (vasprintf(slot, fmt, ap) == -1)
		*slot = NULL;
	va_end(ap);
	return *slot != NULL ? *slot : "";
}
