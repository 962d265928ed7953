/*
 * lianxin user: staff accounts from the command line.
 *
 *   lianxin user add USERNAME ROLE REGION_CODE DISPLAY_NAME [UNIT]
 *   lianxin user passwd USERNAME
 *   lianxin user disable USERNAME | enable USERNAME
 *   lianxin user list [REGION_CODE]
 *
 * Passwords are read from standard input (one line; not echoed on a
 * terminal), never from the command line.  A department_staff account
 * names its UNIT (a unit's id, or its name in REGION_CODE); the unit must
 * be active and of that region.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "config.h"
#include "db.h"

#define MAX_LIST	10000

/* Read a password line from stdin; 0 or -1. */
static int
read_password(char *pw, size_t sz)
{
	struct termios	 t, quiet;
	int		 tty = isatty(STDIN_FILENO);
	size_t		 n;

	if (tty) {
		fprintf(stderr, "password: ");
		tcgetattr(STDIN_FILENO, &t);
		quiet = t;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	if (fgets(pw, (int)sz, stdin) == NULL)
		pw[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		fputc('\n', stderr);
	}
	n = strcspn(pw, "\r\n");
	if (pw[n] == '\0' && n == sz - 1)
		return -1;	/* longer than the buffer */
	pw[n] = '\0';
	return 0;
}

static int
get_password(char *pw, size_t sz)
{
	const char	*why;

	if (read_password(pw, sz) == -1) {
		fprintf(stderr, "lianxin: user: the password is too long\n");
		return -1;
	}
	if ((why = db_password_problem(pw)) != NULL) {
		fprintf(stderr, "lianxin: user: %s (at least %d characters)\n",
		    why, DB_PASSWORD_MIN);
		return -1;
	}
	return 0;
}

static int
fail(struct db *db, const char *what, int rc)
{
	fprintf(stderr, "lianxin: user: %s\n", rc == DB_NOTFOUND ?
	    what : rc == DB_CONFLICT ? "the username is taken" :
	    "the database failed (see the log lines above)");
	db_close(db);
	return 1;
}

static int
user_add(struct db *db, char *argv[], const char *unit)
{
	struct db_region reg;
	char		 pw[DB_PASSWORD_MAX + 2];
	const char	*why;
	int		 role, region, anc[4], rc, id, unit_id = 0;

	if ((role = word_find(word_role, ROLE_UNIT + 1, argv[1])) < 0) {
		fprintf(stderr, "lianxin: user: unknown role %s (grid_worker, "
		    "community_staff, street_official, district_official, "
		    "admin, department_staff, unit_staff)\n", argv[1]);
		return 2;
	}
	if ((role == ROLE_DEPT || role == ROLE_UNIT) != (unit != NULL)) {
		fprintf(stderr, "lianxin: user: %s\n", role == ROLE_DEPT ?
		    "部门工作人员须指定所属单位（单位编号或名称）：lianxin user "
		    "add USERNAME department_staff REGION_CODE DISPLAY_NAME UNIT" :
		    role == ROLE_UNIT ? "共建单位联络员须指定所属共建单位（单位"
		    "编号或名称）：lianxin user add USERNAME unit_staff "
		    "REGION_CODE DISPLAY_NAME UNIT" :
		    "只有部门工作人员（department_staff）和共建单位联络员"
		    "（unit_staff）指定所属单位");
		return 2;
	}
	if ((rc = db_region_by_code(db, argv[2], &region)) != DB_OK ||
	    (rc = db_region_get(db, region, &reg, anc)) != DB_OK)
		return fail(db, "no region has that code", rc);
	if (flow_role_level(role) != 0 && flow_role_level(role) != reg.level) {
		fprintf(stderr, "lianxin: user: a %s belongs to a region of "
		    "level %d; %s is level %d\n", argv[1],
		    flow_role_level(role), argv[2], reg.level);
		return 2;
	}
	if (strlen(argv[0]) < 3 || strlen(argv[0]) > 32 ||
	    strspn(argv[0], "abcdefghijklmnopqrstuvwxyz0123456789._-") !=
	    strlen(argv[0])) {
		fprintf(stderr, "lianxin: user: a username is 3..32 of a-z, "
		    "0-9, '.', '_', '-'\n");
		return 2;
	}
	if (unit != NULL) {
		if ((rc = db_unit_for_account(db, unit, region,
		    (enum role)role, &unit_id, &why)) != DB_OK)
			return fail(db, "", rc);
		if (why != NULL) {
			fprintf(stderr, "lianxin: user: %s\n", why);
			return 2;
		}
	}
	if (get_password(pw, sizeof(pw)) == -1)
		return 1;
	if ((rc = unit_id != 0 ? db_user_create_unit(db, argv[0], argv[3],
	    (enum role)role, region, unit_id, pw, time(NULL), &id) : db_user_create(db,
	    argv[0], argv[3], role, region, pw, time(NULL), &id)) != DB_OK)
		return fail(db, "", rc);
	(void)db_audit(db, 0, "(lianxin user)", "user_create", argv[0],
	    word_role[role].code, "local", time(NULL));
	printf("created user %s (id %d)\n", argv[0], id);
	return 0;
}

int
admin_user(struct config *c, int argc, char *argv[])
{
	struct db	*db;
	struct db_user	 u;
	char		 pw[DB_PASSWORD_MAX + 2];
	const char	*sub = argc > 1 ? argv[1] : "";
	int		 rc;

	if (!((strcmp(sub, "add") == 0 && (argc == 6 || argc == 7)) ||
	    (strcmp(sub, "list") == 0 && argc <= 3) ||
	    ((strcmp(sub, "passwd") == 0 || strcmp(sub, "disable") == 0 ||
	    strcmp(sub, "enable") == 0) && argc == 3))) {
		fprintf(stderr, "usage: lianxin user add USERNAME ROLE "
		    "REGION_CODE DISPLAY_NAME [UNIT]\n       lianxin user passwd|"
		    "disable|enable USERNAME\n       lianxin user list "
		    "[REGION_CODE]\n");
		return 2;
	}
	if ((db = db_open(c)) == NULL)
		return 1;
	if (strcmp(sub, "add") == 0) {
		rc = user_add(db, argv + 2, argc == 7 ? argv[6] : NULL);
		if (rc != 1)
			db_close(db);
		return rc;
	}
	if (strcmp(sub, "list") == 0) {
		struct db_user	*all;
		struct db_region reg;
		struct db_scope	 sc = { 0 };
		size_t		 n, i;
		int		 region, anc[4];

		if (argc == 3) {
			if ((rc = db_region_by_code(db, argv[2], &region)) !=
			    DB_OK || (rc = db_region_get(db, region, &reg,
			    anc)) != DB_OK)
				return fail(db, "no region has that code", rc);
			sc.level = reg.level;
			memcpy(sc.id, anc, sizeof(sc.id));
		}
		if ((all = calloc(MAX_LIST, sizeof(*all))) == NULL)
			return fail(db, "", DB_ERROR);
		/* No region: the all-zero scope, every user. */
		if ((rc = db_users_in_scope(db, &sc, all, MAX_LIST, &n)) !=
		    DB_OK) {
			free(all);
			return fail(db, "", rc);
		}
		for (i = 0; i < n; i++)
			printf("%s\t%s\t%s\t%s%s\n", all[i].username,
			    word_role[all[i].role].code, all[i].region_name,
			    all[i].display_name, all[i].disabled ?
			    "\t(disabled)" : "");
		free(all);
		db_close(db);
		return 0;
	}
	if ((rc = db_user_by_name(db, argv[2], &u)) != DB_OK)
		return fail(db, "no user has that name", rc);
	if (strcmp(sub, "passwd") == 0) {
		if (get_password(pw, sizeof(pw)) == -1) {
			db_close(db);
			return 1;
		}
		rc = db_user_set_password(db, u.id, pw);
	} else
		rc = db_user_set_disabled(db, u.id, sub[0] == 'd');
	if (rc != DB_OK)
		return fail(db, "", rc);
	(void)db_audit(db, 0, "(lianxin user)", sub[0] == 'p' ?
	    "user_password" : sub[0] == 'd' ? "user_disable" : "user_enable",
	    u.username, "", "local", time(NULL));
	printf("%s: %s done\n", u.username, sub);
	db_close(db);
	return 0;
}
