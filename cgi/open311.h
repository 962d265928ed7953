/*
 * Open311 GeoReport v2 (cgi/open311*.c): the error body of the API,
 * which every answer under /open311/ takes (route.c), and the parsers of
 * the list parameters, pure functions for the tests and the fuzz driver.
 * Its times are read and written by isotime.h.
 */
#ifndef LIANXIN_OPEN311_H
#define LIANXIN_OPEN311_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

struct req;

#define OPEN311_MAX_IDS		1000	/* service_request_id list */
#define OPEN311_MAX_CODES	64	/* service_code list */

/* Is path under /open311/? */
bool	 open311_path(const char *path);

/*
 * Answer status with the specification's error body (XML, or JSON when
 * the path ends in .json): one error with code and message (Chinese).
 */
void	 open311_error(struct req *, int status, const char *msg);
void	 open311_errfmt(struct req *, int status, const char *heading,
	    const char *text);

/*
 * A comma list of service_request_ids (tracking numbers), duplicates
 * dropped, at most max.  Returns 0 and the ids, or -1 for a malformed
 * list or more than max.
 */
int	 open311_ids(const char *, char (*ids)[DB_TRACKING_LEN + 1],
	    size_t max, size_t *n);

/* A comma list of service codes; returns 0 or -1. */
int	 open311_codes(const char *);

/* A comma list of "open" and "closed"; sets which.  Returns 0 or -1. */
int	 open311_statuses(const char *, bool *open, bool *closed);

#endif
