/*
 * Schema migrations: sql/schema.sql is version 1, sql/migrations/NNNN_*.sql
 * the versions after it; all embedded in the binary (sql/embed.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "admin.h"
#include "config.h"
#include "migrations.h"

enum msql {
	MSQL_LOCK,
	MSQL_UNLOCK,
	MSQL_HAS_TABLE,
	MSQL_VERSION,
	MSQL_APPLIED,
	MSQL_RECORD,
	MSQL__MAX
};

static const char *const msqls[MSQL__MAX] = {
	/* MSQL_LOCK */
	"SELECT GET_LOCK('lianxin.migrate', 60)",
	/* MSQL_UNLOCK */
	"SELECT RELEASE_LOCK('lianxin.migrate')",
	/* MSQL_HAS_TABLE */
	"SELECT COUNT(*) FROM information_schema.tables "
	"WHERE table_schema = DATABASE() AND table_name = 'schema_version'",
	/* MSQL_VERSION */
	"SELECT COALESCE(MAX(version), 0) FROM schema_version",
	/* MSQL_APPLIED (a printf format: the version) */
	"SELECT COUNT(*) FROM schema_version WHERE version = %d",
	/* MSQL_RECORD */
	"INSERT INTO schema_version (version, name) VALUES (?, ?)",
};

/* Run a query whose first row's first column is an integer. */
static int
query_int(MYSQL *my, const char *q, long *v)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	int		 rc = -1;

	if (mysql_query(my, q) != 0 || (res = mysql_store_result(my)) == NULL)
		return -1;
	if ((row = mysql_fetch_row(res)) != NULL && row[0] != NULL) {
		*v = strtol(row[0], NULL, 10);
		rc = 0;
	}
	mysql_free_result(res);
	return rc;
}

/* Record that a migration was applied; returns 0 or -1. */
static int
record(MYSQL *my, const struct migration *m)
{
	MYSQL_STMT	*st;
	MYSQL_BIND	 b[2];
	long long	 v = m->version;
	int		 rc = -1;

	if ((st = mysql_stmt_init(my)) == NULL)
		return -1;
	memset(b, 0, sizeof(b));
	b[0].buffer_type = MYSQL_TYPE_LONGLONG;
	b[0].buffer = &v;
	b[1].buffer_type = MYSQL_TYPE_STRING;
	b[1].buffer = (void *)m->name;
	b[1].buffer_length = strlen(m->name);
	if (mysql_stmt_prepare(st, msqls[MSQL_RECORD],
	    strlen(msqls[MSQL_RECORD])) == 0 &&
	    mysql_stmt_bind_param(st, b) == 0 && mysql_stmt_execute(st) == 0)
		rc = 0;
	else
		fprintf(stderr, "lianxin: migrate: %s\n", mysql_stmt_error(st));
	mysql_stmt_close(st);
	return rc;
}

/* Run every statement of a script; returns 0 or -1. */
static int
run_script(MYSQL *my, const char *text)
{
	MYSQL_RES	*res;
	int		 st;

	if (mysql_real_query(my, text, strlen(text)) != 0)
		return -1;
	do {
		if ((res = mysql_store_result(my)) != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(my) != 0)
			return -1;
		if ((st = mysql_next_result(my)) > 0)
			return -1;
	} while (st == 0);
	return 0;
}

int
admin_migrate(const struct config *c, FILE *out)
{
	MYSQL	*my;
	long	 have = 0, locked = 0, version = 0;
	size_t	 i;
	int	 rc = -1, applied = 0;

	if ((my = mysql_init(NULL)) == NULL)
		return -1;
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(my, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	if (mysql_real_connect(my, c->db_socket[0] ? "localhost" : c->db_host,
	    c->db_user, c->db_password, c->db_name, (unsigned)c->db_port,
	    c->db_socket[0] ? c->db_socket : NULL,
	    CLIENT_MULTI_STATEMENTS) == NULL) {
		fprintf(stderr, "lianxin: migrate: cannot connect: %s\n",
		    mysql_error(my));
		goto out;
	}
	if (query_int(my, msqls[MSQL_LOCK], &locked) == -1 || locked != 1) {
		fprintf(stderr, "lianxin: migrate: another migration is "
		    "running\n");
		goto out;
	}
	if (query_int(my, msqls[MSQL_HAS_TABLE], &have) == -1 ||
	    (have && query_int(my, msqls[MSQL_VERSION], &version) == -1))
		goto fail;
	/* Every migration not yet recorded, in order: one merged after a
	 * higher-numbered one still applies. */
	for (i = 0; i < migrations_count; i++) {
		char	 q[128];
		long	 done = 0;

		snprintf(q, sizeof(q), msqls[MSQL_APPLIED],
		    migrations[i].version);
		if (have && query_int(my, q, &done) == -1)
			goto fail;
		if (done)
			continue;
		if (run_script(my, migrations[i].text) == -1)
			goto fail;
		if (record(my, &migrations[i]) == -1)
			goto out;
		fprintf(out, "migrate: applied %04d %s\n",
		    migrations[i].version, migrations[i].name);
		applied++;
		have = 1;
	}
	if (applied == 0)
		fprintf(out, "migrate: schema is up to date (version %ld)\n",
		    version);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "lianxin: migrate: %s\n", mysql_error(my));
out:
	if (locked == 1)
		(void)mysql_query(my, msqls[MSQL_UNLOCK]);
	mysql_close(my);
	return rc;
}
