#include "sqls.h"

const struct sqldef sqls[SQL__MAX] = {
	/* SQL_PING */
	{ "SELECT 1", SQLF_RETRY },
	/* SQL_SCHEMA_VERSION */
	{ "SELECT COALESCE(MAX(version), 0) FROM schema_version", SQLF_RETRY },
	/* SQL_CATEGORIES_ACTIVE */
	{ "SELECT id, code, name, description, response_hours, resolve_days "
	  "FROM categories WHERE active ORDER BY sort, id", SQLF_RETRY },
	/* SQL_REGIONS_ALL */
	{ "SELECT id, COALESCE(parent_id, 0), level, code, name "
	  "FROM regions ORDER BY level, sort, id", SQLF_RETRY },
	/* SQL_COUNTS */
	{ "SELECT (SELECT COUNT(*) FROM service_requests), "
	  "(SELECT COUNT(*) FROM regions), "
	  "(SELECT COUNT(*) FROM categories), "
	  "(SELECT COUNT(*) FROM party_members), "
	  "(SELECT COUNT(*) FROM users)", SQLF_RETRY },
};
