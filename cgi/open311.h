/*
 * Open311 GeoReport v2 (cgi/open311.c): the error body of the API, which
 * http.c gives every answer under /open311/, and the parsers of the query
 * parameters, pure functions for the tests and the fuzz driver.
 */
#ifndef LIANXIN_OPEN311_H
#define LIANXIN_OPEN311_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

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
 * A W3C datetime (ISO 8601 subset): YYYY-MM-DDThh:mm[:ss[.s+]]TZD with
 * TZD = Z | +hh:mm | -hh:mm (a space stands for '+', as an unencoded
 * '+' in a query decodes to one), or a date YYYY-MM-DD alone, meaning
 * 00:00 local time.  Sets *t (UTC seconds).  Returns 0 or -1.
 */
int	 open311_datetime(const char *, time_t *t);

/*
 * "2026-11-21T23:30:00+08:00": t in local time with its offset.  Returns
 * out.
 */
char	*open311_time(time_t t, char out[32]);

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
