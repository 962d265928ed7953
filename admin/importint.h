/*
 * Internals of the CSV imports, shared by admin/import.c (the import and
 * the kinds of regions, categories, users, compounds, holidays, units)
 * and admin/import_orgs.c (两新 organisations).  This header is theirs
 * alone.
 */
#ifndef LIANXIN_IMPORTINT_H
#define LIANXIN_IMPORTINT_H

#include <stddef.h>

#include "csvin.h"

struct db;

struct import {
	struct db		*db;
	struct csvin_table	 t;
	struct csvin_errors	 e;
	size_t			*by_key;	/* rows sorted by key column */
	size_t			 nkeys;
	int			 key;		/* the key column */
	int			 key2;		/* with it, 1 + a column */
	void			*info;		/* per kind, one per row */
	const char		*source;	/* the file's name */
};

/* An error of row i in column col. */
void	 row_error(struct import *, size_t i, int col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/*
 * The region whose code is in column col of row i: 1 when found (*id,
 * *level), 0 when not (reported as missing), -1 when the database
 * failed.
 */
int	 row_region(struct import *, size_t i, int col, const char *missing,
	    long long *id, long long *level);

/* 两新 organisations (admin/import_orgs.c): the columns, the check and
 * the insert of a row. */
enum { OC_NAME, OC_KIND, OC_SECTOR, OC_REGION, OC_PARTY, OC_SECRETARY,
	OC_CONTACT, OC_PHONE, OC__MAX };
extern const struct csvin_col org_cols[OC__MAX];
struct oinfo {
	long long	 region_id;
};
int	 org_check(struct import *, size_t i);
int	 org_insert(struct import *, size_t i);

#endif
