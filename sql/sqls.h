/*
 * Every SQL statement of the program, by identifier.  The texts are in
 * sql/sqls.c, in the same order.
 */
#ifndef LIANXIN_SQLS_H
#define LIANXIN_SQLS_H

enum sql {
	SQL_PING,
	SQL_SCHEMA_VERSION,
	SQL_CATEGORIES_ACTIVE,
	SQL_REGIONS_ALL,
	SQL_COUNTS,
	SQL_CATEGORY_GET,
	SQL_REGION_GET,
	SQL_REQUEST_INSERT,
	SQL_REQUEST_BY_TOKEN,
	SQL_REQUEST_GET,
	SQL_EVENT_INSERT,
	SQL_EVENTS_PUBLIC,
	SQL_REQUEST_RATE,
	SQL_REQUEST_REOPEN,
	/* Imports (sql/import.c) */
	SQL_IMPORT_REGION_BY_CODE,
	SQL_IMPORT_REGION_INSERT,
	SQL_IMPORT_REGION_SELF,
	SQL_IMPORT_CATEGORY_BY_CODE,
	SQL_IMPORT_CATEGORY_INSERT,
	SQL_IMPORT_USER_BY_NAME,
	SQL_IMPORT_USER_INSERT,
	SQL__MAX
};

#define SQLF_RETRY	0x1	/* safe to send again after a lost connection */

struct sqldef {
	const char	*text;
	unsigned	 flags;
};

extern const struct sqldef sqls[SQL__MAX];

#endif
