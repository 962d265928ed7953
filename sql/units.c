/*
 * Units (职能部门, 共建单位) and their accounts made by admins (see db.h):
 * the admin page (cgi/units.c), `lianxin user add` and the imports
 * (admin/) share these checks.
 */
#include <stdlib.h>
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "dbint.h"

#define UNIT_ROW_R(u) \
	R_I32(&(u)->id), R_ENUM(&(u)->kind, word_unit_kind, UNIT__MAX), \
	R_STR((u)->name), R_I32(&(u)->region_id), R_STR((u)->region_code), \
	R_STR((u)->region), R_I32(&(u)->region_level), \
	R_I32(&(u)->response_hours), R_I32(&(u)->resolve_days), \
	R_I32(&(u)->resolve_workdays), R_I32(&(u)->active), \
	R_INT(&(u)->accounts)

/* Rows of statement id with parameters p into out; one row (max 1):
 * DB_NOTFOUND when none. */
static int
unit_rows(struct db *db, enum sql id, const struct dbp *p, size_t np,
    struct db_unit_row *out, size_t max, size_t *n)
{
	struct db_unit_row one = { 0 };
	struct dbr	 r[] = { UNIT_ROW_R(&one) };
	size_t		 got = 0;
	int		 rc;

	if (n == NULL)
		memset(out, 0, sizeof(*out));
	rc = db_rows(db, id, p, np, r, NELEM(r), &one, sizeof(one), out, max,
	    n != NULL ? n : &got);
	if (rc == DB_OK && n == NULL && got == 0)
		rc = DB_NOTFOUND;
	return rc;
}

int
db_units_admin(struct db *db, const struct db_scope *sc,
    struct db_unit_row *out, size_t max, size_t *n)
{
	struct dbp	 p[] = { SCOPE_P(sc) };

	return unit_rows(db, SQL_UNITS_ADMIN_LIST, p, NELEM(p), out, max, n);
}

int
db_unit_row_get(struct db *db, int id, struct db_unit_row *u)
{
	struct dbp	 p[] = { P_INT(id) };

	return unit_rows(db, SQL_UNIT_ADMIN_GET, p, NELEM(p), u, 1, NULL);
}

int
db_unit_by_name(struct db *db, int region_id, const char *name,
    struct db_unit_row *u)
{
	struct dbp	 p[] = { P_INT(region_id), P_STR(name) };

	return unit_rows(db, SQL_UNIT_BY_NAME, p, NELEM(p), u, 1, NULL);
}

const char *
db_unit_level_problem(enum unit_kind k, int level)
{
	if (k == UNIT_DEPARTMENT && level != REGION_STREET &&
	    level != REGION_DISTRICT)
		return "职能部门须设在街道或区";
	if (k == UNIT_COBUILD && level != REGION_STREET &&
	    level != REGION_COMMUNITY)
		return "共建单位须属于街道或社区";
	return NULL;
}

int
db_unit_create(struct db *db, const struct db_unit_new *u, int *id)
{
	struct dbp	 p[] = { P_STR(word_unit_kind[u->kind].code),
	    P_INT(u->region_id), P_STR(u->name), P_INT(u->response_hours),
	    P_INT(u->resolve_days), P_STR(u->resolve_workdays ? "workdays" :
	    "days"), P_INT(u->region_id) };
	long long	 newid = 0;
	int		 rc;

	rc = db_run(db, SQL_UNIT_INSERT, p, NELEM(p), NULL, &newid);
	if (rc == DB_OK && id != NULL)
		*id = (int)newid;
	return rc;
}

int
db_unit_set_active(struct db *db, int id, int active)
{
	struct dbp	 p[] = { P_INT(active != 0), P_INT(id) };

	return db_run(db, SQL_UNIT_SET_ACTIVE, p, NELEM(p), NULL, NULL);
}

/* For a unit's account (unit_staff): is unit id an active co-building
 * unit of region_id's subtree?  *why says why not. */
static int
cobuild_for_account(struct db *db, int id, int region_id, const char **why)
{
	char		 kind[16] = "";
	int		 active = 0, below = 0;
	struct dbp	 p[] = { P_INT(region_id), P_INT(region_id),
	    P_INT(region_id), P_INT(region_id), P_INT(region_id), P_INT(id) };
	struct dbr	 r[] = { R_STR(kind), R_I32(&active), R_I32(&below) };
	int		 rc;

	if ((rc = db_one(db, SQL_CB_UNIT_FOR_ACCOUNT, p, NELEM(p), r,
	    NELEM(r))) != DB_OK)
		return rc;
	if (strcmp(kind, word_unit_kind[UNIT_COBUILD].code) != 0)
		*why = "共建单位联络员须绑定共建单位（不是职能部门）";
	else if (!below)
		*why = "该共建单位不在账号所属区域内";
	else if (!active)
		*why = "该单位已停用，不能再添加账号";
	return DB_OK;
}

int
db_unit_for_account(struct db *db, const char *spec, int region_id,
    enum role role, int *unit_id, const char **why)
{
	struct db_unit_row u;
	size_t		 len = strlen(spec);
	char		*end;
	long long	 id;
	int		 rc;

	*why = NULL;
	*unit_id = 0;
	if (len == 0) {
		*why = role == ROLE_UNIT ? "共建单位联络员须填写所属单位"
		    "（单位编号或名称）" : "部门工作人员须填写所属单位"
		    "（单位编号或名称）";
		return DB_OK;
	}
	errno = 0;
	id = strtoll(spec, &end, 10);
	if (strspn(spec, "0123456789") == len && *end == '\0' &&
	    errno == 0 && id >= 1 && id <= INT_MAX)
		rc = db_unit_row_get(db, (int)id, &u);
	else
		rc = db_unit_by_name(db, region_id, spec, &u);
	if (rc == DB_NOTFOUND) {
		*why = "单位不存在：请填写单位编号，或所属区域内单位的名称";
		return DB_OK;
	}
	if (rc != DB_OK)
		return rc;
	if (role == ROLE_UNIT) {
		if ((rc = cobuild_for_account(db, u.id, region_id, why)) ==
		    DB_OK && *why == NULL)
			*unit_id = u.id;
		return rc;
	}
	if (u.region_id != region_id)
		*why = "该单位不属于所填的区域，账号的区域须与单位的相同";
	else if (!u.active)
		*why = "该单位已停用，不能再添加账号";
	else
		*unit_id = u.id;
	return DB_OK;
}

int
db_user_create_unit(struct db *db, const char *username, const char *display,
    enum role role, int region_id, int unit_id, const char *password,
    time_t now, int *id)
{
	char		 hash[DB_PWHASH_MAX];
	int		 rc;

	if ((rc = db_password_hash(password, hash)) != DB_OK)
		return rc;
	if (role != ROLE_DEPT && role != ROLE_UNIT)
		return DB_ERROR;
	struct dbp	 p[] = { P_STR(username), P_STR(display),
	    P_STR(word_role[role].code), P_INT(region_id), P_INT(unit_id),
	    P_STR(hash), P_TIME(now) };

	return db_insert(db, SQL_UNIT_USER_INSERT, p, NELEM(p), id);
}
