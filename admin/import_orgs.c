/*
 * `lianxin import orgs FILE`: 两新 organisations (非公企业, 社会组织)
 * known for star ratings (星级评定), as units of kind org at a street or
 * a community: name, kind, sector, Party organisation, its secretary and
 * the contact (personal data, shown to staff only).  A name once per
 * region, in the file and in the database.  Checked and stored by
 * admin/import.c like every other kind: nothing while any row is bad.
 */
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "importint.h"
#include "stars.h"

#define CODE_CHARS	"a-zA-Z0-9_-"

static const struct csvin_word org_kinds[] = {
	{ "private_firm", ORG_PRIVATE_FIRM }, { "非公企业", ORG_PRIVATE_FIRM },
	{ "企业", ORG_PRIVATE_FIRM },
	{ "social_org", ORG_SOCIAL_ORG }, { "社会组织", ORG_SOCIAL_ORG },
	{ NULL, 0 },
};

const struct csvin_col org_cols[OC__MAX] = {
	[OC_NAME] = { { "name", "名称", "组织名称" }, CSVIN_TEXT,
	    CSVIN_REQUIRED, 1, 100, NULL, NULL },
	[OC_KIND] = { { "org_kind", "类型", "组织类型" }, CSVIN_ENUM,
	    CSVIN_REQUIRED, 0, 0, NULL, org_kinds },
	[OC_SECTOR] = { { "sector", "行业" }, CSVIN_TEXT, CSVIN_OPTIONAL, 1,
	    64, NULL, NULL },
	[OC_REGION] = { { "region_code", "区域编码", "所在区域编码" },
	    CSVIN_ASCII, CSVIN_REQUIRED, 1, 32, CODE_CHARS, NULL },
	[OC_PARTY] = { { "party_org", "党组织", "党组织名称" }, CSVIN_TEXT,
	    CSVIN_OPTIONAL, 1, 100, NULL, NULL },
	[OC_SECRETARY] = { { "secretary", "书记", "党组织书记" }, CSVIN_TEXT,
	    CSVIN_OPTIONAL, 1, 64, NULL, NULL },
	[OC_CONTACT] = { { "contact", "联系人" }, CSVIN_TEXT, CSVIN_OPTIONAL,
	    1, 64, NULL, NULL },
	[OC_PHONE] = { { "contact_phone", "联系电话", "手机" }, CSVIN_PHONE,
	    CSVIN_OPTIONAL, 0, 0, NULL, NULL },
};

/* The region (a street or a community) and the name, free in it. */
int
org_check(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	struct oinfo	*oi = (struct oinfo *)im->info + i;
	struct db_unit_row u;
	long long	 level;
	int		 rc;

	if (!v[OC_REGION].ok || !v[OC_REGION].present)
		return 0;
	if ((rc = row_region(im, i, OC_REGION, "区域编码不存在",
	    &oi->region_id, &level)) != 1)
		return rc;
	if (level != REGION_STREET && level != REGION_COMMUNITY) {
		row_error(im, i, OC_REGION, "两新组织应属于街道或社区，此编码"
		    "是%s", word_region[level].label);
		return 0;
	}
	if (!v[OC_NAME].ok || !v[OC_NAME].present)
		return 0;
	rc = db_unit_by_name(im->db, (int)oi->region_id, v[OC_NAME].s, &u);
	if (rc == DB_OK)
		row_error(im, i, OC_NAME, "该区域已有同名单位（编号 %d）",
		    u.id);
	return rc == DB_OK || rc == DB_NOTFOUND ? 0 : -1;
}

int
org_insert(struct import *im, size_t i)
{
	const struct csvin_val *v = im->t.rows[i].v;
	const struct oinfo *oi = (const struct oinfo *)im->info + i;
	struct db_star_org_new o = { (int)v[OC_KIND].i, (int)oi->region_id,
	    v[OC_NAME].s, v[OC_SECTOR].s, v[OC_PARTY].s, v[OC_SECRETARY].s,
	    v[OC_CONTACT].s, v[OC_PHONE].present ? v[OC_PHONE].s : NULL };

	return db_star_org_insert(im->db, &o);
}
