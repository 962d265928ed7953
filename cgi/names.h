/*
 * Names of internal codes (states, handling levels, ...) for people and
 * other systems, from two-column tables { code, name }.
 */
#ifndef LIANXIN_NAMES_H
#define LIANXIN_NAMES_H

#include <stddef.h>

/* The name of key in table t of n rows, or key itself when absent. */
const char	*names_lookup(const char *const t[][2], size_t n,
		    const char *key);

#define NAME_OF(t, k)	names_lookup(t, sizeof(t) / sizeof(t[0]), k)

/* Handling levels: community, street, district. */
extern const char *const names_level[3][2];
/* Residents' ratings: satisfied, basically, unsatisfied. */
extern const char *const names_rating[3][2];

#endif
