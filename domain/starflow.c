/*
 * Star ratings of 两新 organisations: bands and steps (starflow.h).
 */
#include <stddef.h>

#include "starflow.h"

/* Documented in README ("Star ratings") and on the pages. */
const struct star_band star_bands[STAR_NBANDS] = {
	{ 9000, 5, "★★★★★" },
	{ 8000, 4, "★★★★☆" },
	{ 7000, 3, "★★★☆☆" },
	{ 6000, 2, "★★☆☆☆" },
	{ 0, 1, "★☆☆☆☆" },
};

int
stars_of(long long centi)
{
	size_t	 i;

	for (i = 0; i < STAR_NBANDS - 1; i++)
		if (centi >= star_bands[i].min)
			return star_bands[i].stars;
	return 1;
}

const char *
stars_label(int stars)
{
	if (stars < 1 || stars > 5)
		return "—";
	return star_bands[STAR_NBANDS - stars].label;
}

const struct star_step star_steps[STA__MAX] = {
	[STA_SAVE] = { "save", "保存草稿", STAR_DRAFT, STAR_DRAFT, SACT_ORG,
	    AUD_AS_STAR_SELF, 1, 0 },
	[STA_SUBMIT] = { "submit", "提交自评", STAR_DRAFT, STAR_SELF,
	    SACT_ORG, AUD_AS_STAR_SELF, 1, 0 },
	[STA_STREET_RATE] = { "street", "提交初评", STAR_SELF, STAR_STREET,
	    SACT_STREET, AUD_AS_STAR_STREET, 1, 0 },
	[STA_STREET_RETURN] = { "street_return", "退回组织重新自评",
	    STAR_SELF, STAR_DRAFT, SACT_STREET, AUD_AS_STAR_RETURN, 0, 1 },
	[STA_CONFIRM] = { "confirm", "认定", STAR_STREET, STAR_CONFIRMED,
	    SACT_DISTRICT, AUD_AS_STAR_DISTRICT, 1, 0 },
	[STA_DISTRICT_RETURN] = { "district_return", "退回街道重新初评",
	    STAR_STREET, STAR_SELF, SACT_DISTRICT, AUD_AS_STAR_RETURN, 0, 1 },
};

int
stars_actor_of(enum role r)
{
	switch (r) {
	case ROLE_UNIT:
		return SACT_ORG;
	case ROLE_STREET:
		return SACT_STREET;
	case ROLE_DISTRICT:
	case ROLE_ADMIN:
		return SACT_DISTRICT;
	default:
		return -1;
	}
}
