/*
 * lianxin: the admin command.  Subcommands from one table.
 *
 *   lianxin migrate                   apply the schema and new migrations
 *   lianxin demo [--requests N] [--seed S] [--until YYYY-MM-DD] [--if-empty]
 *                [--holidays DIR]
 *   lianxin status                    schema version and row counts
 *   lianxin user ...                  staff accounts (admin/usercmd.c)
 *   lianxin apikey create NAME        new Open311 API key (printed once)
 *   lianxin apikey create --test NAME new test key (only the test endpoint)
 *   lianxin apikey list               keys with their state
 *   lianxin apikey revoke ID          revoke a key
 *   lianxin stats rebuild             recompute the figures' summary
 *                                     tables from the requests
 *   lianxin import regions|categories|users|compounds|holidays|units|orgs FILE
 *                                     import a CSV file ("-": stdin),
 *                                     all rows or none (admin/import.c)
 *
 * Configuration as for lianxind ($LIANXIN_CONF or conf/lianxin.conf).
 * Exit status: 0 success, 1 failure, 2 usage error.  migrate and stats
 * are admin/migrate.c's, demo admin/demo/'s.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "config.h"
#include "db.h"
#include "import.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct cmd {
	const char	*name;
	int		(*fn)(struct config *, int, char *[]);
	const char	*usage;
};

static int	 cmd_status(struct config *, int, char *[]);
static int	 cmd_apikey(struct config *, int, char *[]);
static int	 cmd_import(struct config *, int, char *[]);

static const struct cmd cmds[] = {
	{ "migrate", admin_migrate, "migrate" },
	{ "demo", admin_demo, "demo [--requests N] [--seed S] "
	    "[--until YYYY-MM-DD] [--if-empty] [--holidays DIR]" },
	{ "status", cmd_status, "status" },
	{ "user", admin_user, "user add|passwd|disable|enable|list ..." },
	{ "apikey", cmd_apikey, "apikey create [--test] NAME | apikey list | "
	    "apikey revoke ID" },
	{ "import", cmd_import, "import regions|categories|users|compounds|holidays|units|orgs FILE|-" },
	{ "stats", admin_stats, "stats rebuild" },
	{ "send", admin_send, "send [--once]" },
};

static void
usage(void)
{
	size_t	 i;

	fprintf(stderr, "usage:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(stderr, "  lianxin %s\n", cmds[i].usage);
}

static int
cmd_status(struct config *c, int argc, char *argv[])
{
	struct db	*db;
	struct db_counts n;
	int		 version, rc = 1;

	(void)argv;
	if (argc != 1)
		return ADMIN_USAGE;
	if ((db = db_open(c)) == NULL)
		return 1;
	if (db_schema_version(db, &version) != DB_OK ||
	    db_counts(db, &n) != DB_OK) {
		fprintf(stderr, "lianxin: status: the database does not "
		    "answer (see the log lines above)\n");
		goto out;
	}
	printf("schema version %d\nregions %lld\ncategories %lld\n"
	    "requests %lld\nmembers %lld\nusers %lld\n", version, n.regions,
	    n.categories, n.requests, n.members, n.users);
	rc = 0;
out:
	db_close(db);
	return rc;
}

/* UTC time as "2026-11-21 15:30:00Z", or "-" for 0. */
static const char *
utc(time_t t, char *s, size_t sz)
{
	struct tm	 tm;

	if (t == 0 || gmtime_r(&t, &tm) == NULL ||
	    strftime(s, sz, "%Y-%m-%d %H:%M:%SZ", &tm) == 0)
		snprintf(s, sz, "-");
	return s;
}

/* A key holder's name: 1..100 bytes, no control characters. */
static int
valid_key_name(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n == 0 || n > 100)
		return -1;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return -1;
	return 0;
}

/* argv: NAME, or --test NAME (a test key: only the test endpoint). */
static int
apikey_create(struct db *db, char *argv[])
{
	bool		 test = strcmp(argv[0], "--test") == 0;
	const char	*name = test ? argv[1] : argv[0];
	char		 key[DB_APIKEY_HEX];
	int		 id;

	if (valid_key_name(name) == -1) {
		fprintf(stderr, "lianxin: apikey create: NAME: 1 to 100 "
		    "bytes, no control characters\n");
		return 2;
	}
	if (db_apikey_create(db, name, test, time(NULL), key, &id) != DB_OK) {
		fprintf(stderr, "lianxin: apikey create: the database "
		    "failed (see the log lines above)\n");
		return 1;
	}
	printf("id %d\nkey %s\n", id, key);
	if (test)
		printf("kind test\n");
	fprintf(stderr, "lianxin: the key is shown only this once; give it "
	    "to %s over a safe channel\n", name);
	return 0;
}

#define MAX_KEYS	10000

static int
apikey_list(struct db *db, char *argv[])
{
	struct db_apikey *k;
	char		 c[32], r[32];
	size_t		 n, i;

	(void)argv;
	if ((k = calloc(MAX_KEYS, sizeof(*k))) == NULL)
		return 1;
	if (db_apikey_list(db, k, MAX_KEYS, &n) != DB_OK) {
		fprintf(stderr, "lianxin: apikey list: the database failed "
		    "(see the log lines above)\n");
		free(k);
		return 1;
	}
	printf("%-6s %-8s %-10s %-21s %-21s %s\n", "id", "state", "kind",
	    "created", "revoked", "name");
	for (i = 0; i < n; i++)
		printf("%-6d %-8s %-10s %-21s %-21s %s\n", k[i].id,
		    k[i].revoked_at ? "revoked" : "valid",
		    k[i].test ? "test" : "production",
		    utc(k[i].created_at, c, sizeof(c)),
		    utc(k[i].revoked_at, r, sizeof(r)), k[i].name);
	free(k);
	return 0;
}

static int
apikey_revoke(struct db *db, char *argv[])
{
	const char	*arg = argv[0];
	long		 id;
	int		 rc;

	if (admin_parse_long(arg, 1, 2147483647L, &id) == -1) {
		fprintf(stderr, "lianxin: apikey revoke: ID: a key id from "
		    "lianxin apikey list\n");
		return 2;
	}
	if ((rc = db_apikey_revoke(db, (int)id, time(NULL))) == DB_NOTFOUND) {
		fprintf(stderr, "lianxin: apikey revoke: no valid key with "
		    "id %ld\n", id);
		return 1;
	}
	if (rc != DB_OK) {
		fprintf(stderr, "lianxin: apikey revoke: the database failed "
		    "(see the log lines above)\n");
		return 1;
	}
	printf("revoked %ld\n", id);
	return 0;
}

static const struct {
	const char	*name;
	int		 argc;		/* with the name */
	int		(*fn)(struct db *, char *[]);
} apikey_cmds[] = {
	{ "create", 2, apikey_create },
	{ "create", 3, apikey_create },
	{ "list", 1, apikey_list },
	{ "revoke", 2, apikey_revoke },
};

static int
cmd_apikey(struct config *c, int argc, char *argv[])
{
	struct db	*db;
	size_t		 i;
	int		 rc;

	for (i = 0; i < NELEM(apikey_cmds); i++)
		if (argc >= 2 && strcmp(argv[1], apikey_cmds[i].name) == 0 &&
		    argc - 1 == apikey_cmds[i].argc)
			break;
	/* create takes NAME or --test NAME, nothing else */
	if (i < NELEM(apikey_cmds) && strcmp(argv[1], "create") == 0 &&
	    (strcmp(argv[2], "--test") == 0) != (argc == 4))
		return ADMIN_USAGE;
	if (i == NELEM(apikey_cmds))
		return ADMIN_USAGE;
	if ((db = db_open(c)) == NULL)
		return 1;
	rc = apikey_cmds[i].fn(db, argv + 2);
	db_close(db);
	return rc;
}

static int
cmd_import(struct config *c, int argc, char *argv[])
{
	int	 kind;

	if (argc != 3 || (kind = import_kind_by_name(argv[1])) == -1)
		return ADMIN_USAGE;
	return import_file(c, (enum import_kind)kind, argv[2], stdout,
	    stderr);
}

int
main(int argc, char *argv[])
{
	struct config	 c;
	char		 err[512];
	size_t		 i;
	int		 rc;

	if (argc < 2) {
		usage();
		return 2;
	}
	config_defaults(&c);
	if (config_load(&c, config_path(), err, sizeof(err)) == -1 ||
	    config_db_password(&c, err, sizeof(err)) == -1) {
		fprintf(stderr, "lianxin: %s\n", err);
		return 1;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			break;
	if (i == sizeof(cmds) / sizeof(cmds[0])) {
		fprintf(stderr, "lianxin: unknown command: %s\n", argv[1]);
		usage();
		return 2;
	}
	if (db_library_init() == -1) {
		fprintf(stderr, "lianxin: cannot initialise MariaDB client\n");
		return 1;
	}
	if ((rc = cmds[i].fn(&c, argc - 1, argv + 1)) == ADMIN_USAGE) {
		usage();
		rc = 2;
	}
	db_library_end();
	return rc;
}
