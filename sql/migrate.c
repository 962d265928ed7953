/*
 * Schema migrations: sql/schema.sql is version 1, sql/migrations/NNNN_*.sql
 * the versions after it; all embedded in the binary (tools/embed.c).
 *
 * They run on a connection of their own, not the statement engine's:
 * one that takes a script of many statements at once, in the server's
 * default sql_mode (triggers and routines keep the mode they were
 * created in).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "config.h"
#include "dbint.h"
#include "migrations.h"

/*
 * Prepare and run statement id with the parameters in (NULL: none); the
 * first column of its first row into *out when out is not NULL (0 for
 * no row or NULL).  Returns 0, or -1 after printing the cause.
 */
static int
stmt_run(MYSQL *my, enum sql id, MYSQL_BIND *in, long long *out)
{
	MYSQL_STMT	*st;
	MYSQL_BIND	 r;
	int		 rc = -1, f;

	if ((st = mysql_stmt_init(my)) == NULL) {
		fprintf(stderr, "lianxin: migrate: out of memory\n");
		return -1;
	}
	if (mysql_stmt_prepare(st, sqls[id].text, strlen(sqls[id].text)) != 0 ||
	    (in != NULL && mysql_stmt_bind_param(st, in) != 0) ||
	    mysql_stmt_execute(st) != 0)
		goto out;
	if (out != NULL) {
		*out = 0;
		memset(&r, 0, sizeof(r));
		r.buffer_type = MYSQL_TYPE_LONGLONG;
		r.buffer = out;
		if (mysql_stmt_bind_result(st, &r) != 0 ||
		    ((f = mysql_stmt_fetch(st)) != 0 && f != MYSQL_NO_DATA))
			goto out;
	}
	rc = 0;
out:
	if (rc == -1)
		fprintf(stderr, "lianxin: migrate: %s\n", mysql_stmt_error(st));
	mysql_stmt_close(st);
	return rc;
}

/* Has version been applied?  0 or -1 (printed). */
static int
applied(MYSQL *my, int version, long long *done)
{
	MYSQL_BIND	 b;
	long long	 v = version;

	memset(&b, 0, sizeof(b));
	b.buffer_type = MYSQL_TYPE_LONGLONG;
	b.buffer = &v;
	return stmt_run(my, SQL_MIGRATE_APPLIED, &b, done);
}

/* Record that a migration was applied; returns 0 or -1 (printed). */
static int
record(MYSQL *my, const struct migration *m)
{
	MYSQL_BIND	 b[2];
	long long	 v = m->version;

	memset(b, 0, sizeof(b));
	b[0].buffer_type = MYSQL_TYPE_LONGLONG;
	b[0].buffer = &v;
	b[1].buffer_type = MYSQL_TYPE_STRING;
	b[1].buffer = (void *)m->name;
	b[1].buffer_length = strlen(m->name);
	return stmt_run(my, SQL_MIGRATE_RECORD, b, NULL);
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
db_migrate(const struct config *c, FILE *out)
{
	MYSQL		*my;
	long long	 have = 0, locked = 0, version = 0, done;
	size_t		 i;
	int		 rc = -1, n = 0;

	if ((my = mysql_init(NULL)) == NULL)
		return -1;
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(my, MYSQL_INIT_COMMAND, sqls[SQL_MIGRATE_SESSION].text);
	if (mysql_real_connect(my, c->db_socket[0] ? "localhost" : c->db_host,
	    c->db_user, c->db_password, c->db_name, (unsigned)c->db_port,
	    c->db_socket[0] ? c->db_socket : NULL,
	    CLIENT_MULTI_STATEMENTS) == NULL) {
		fprintf(stderr, "lianxin: migrate: cannot connect: %s\n",
		    mysql_error(my));
		goto out;
	}
	if (stmt_run(my, SQL_MIGRATE_LOCK, NULL, &locked) == -1 ||
	    locked != 1) {
		fprintf(stderr, "lianxin: migrate: another migration is "
		    "running\n");
		goto out;
	}
	if (stmt_run(my, SQL_MIGRATE_HAS_TABLE, NULL, &have) == -1 ||
	    (have && stmt_run(my, SQL_SCHEMA_VERSION, NULL, &version) == -1))
		goto out;
	/* Every migration not yet recorded, in order: one merged after a
	 * higher-numbered one still applies. */
	for (i = 0; i < migrations_count; i++) {
		done = 0;
		if (have && applied(my, migrations[i].version, &done) == -1)
			goto out;
		if (done)
			continue;
		if (run_script(my, migrations[i].text) == -1) {
			fprintf(stderr, "lianxin: migrate: %s\n",
			    mysql_error(my));
			goto out;
		}
		if (record(my, &migrations[i]) == -1)
			goto out;
		fprintf(out, "migrate: applied %04d %s\n",
		    migrations[i].version, migrations[i].name);
		n++;
		have = 1;
	}
	if (n == 0)
		fprintf(out, "migrate: schema is up to date (version %lld)\n",
		    version);
	rc = 0;
out:
	if (locked == 1)
		(void)stmt_run(my, SQL_MIGRATE_UNLOCK, NULL, NULL);
	mysql_close(my);
	return rc;
}
