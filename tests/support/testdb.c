#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "config.h"
#include "testdb.h"

static MYSQL *
conn(void)
{
	static MYSQL	*my;
	struct config	 c;
	char		 err[256];

	if (my != NULL)
		return my;
	config_defaults(&c);
	if (config_load(&c, getenv("LIANXIN_CONF") ? getenv("LIANXIN_CONF") :
	    "conf/lianxin.conf", err, sizeof(err)) == -1 ||
	    config_db_password(&c, err, sizeof(err)) == -1) {
		fprintf(stderr, "testdb: %s\n", err);
		return NULL;
	}
	my = mysql_init(NULL);
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(my, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	if (mysql_real_connect(my, "localhost", c.db_user, c.db_password,
	    c.db_name, 0, c.db_socket, 0) == NULL) {
		fprintf(stderr, "testdb: %s\n", mysql_error(my));
		mysql_close(my);
		my = NULL;
	}
	return my;
}

long long
testdb_exec(const char *sql)
{
	MYSQL	*my = conn();

	if (my == NULL || mysql_query(my, sql) != 0) {
		if (my != NULL)
			fprintf(stderr, "testdb: %s: %s\n", sql,
			    mysql_error(my));
		/* Forget a broken connection (the server may have restarted). */
		return -1;
	}
	return (long long)mysql_affected_rows(my);
}

const char *
testdb_str(const char *sql)
{
	static char	 out[4096];
	MYSQL		*my = conn();
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	const char	*rv = NULL;

	if (my == NULL || mysql_query(my, sql) != 0 ||
	    (res = mysql_store_result(my)) == NULL)
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
