#include <string.h>

#include "names.h"

const char *const names_level[3][2] = {
	{ "community", "社区" },
	{ "street", "街道" },
	{ "district", "区" },
};

const char *const names_rating[3][2] = {
	{ "satisfied", "满意" },
	{ "basically", "基本满意" },
	{ "unsatisfied", "不满意" },
};

const char *
names_lookup(const char *const t[][2], size_t n, const char *key)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i][0], key) == 0)
			return t[i][1];
	return key;
}
