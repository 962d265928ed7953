/*
 * The list parameters of Open311 queries (see open311.h): comma lists of
 * service_request_ids, service codes and statuses.  Pure functions, for
 * the handlers (open311req.c), the tests and the fuzz driver.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "db.h"
#include "open311.h"
#include "valid.h"

/*
 * Call fn for each element of a comma list (elements not empty, at most
 * 63 bytes).  Returns 0, or -1 when the list or fn refuses one.
 */
static int
each(const char *s, int (*fn)(const char *, void *), void *arg)
{
	char	 e[64];
	size_t	 n;

	for (;;) {
		n = strcspn(s, ",");
		if (n == 0 || n >= sizeof(e))
			return -1;
		memcpy(e, s, n);
		e[n] = '\0';
		if (fn(e, arg) == -1)
			return -1;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
	}
}

struct idlist {
	char	(*ids)[DB_TRACKING_LEN + 1];
	size_t	 max, n;
};

static int
one_id(const char *e, void *arg)
{
	struct idlist	*l = arg;
	size_t		 i;

	if (valid_tracking(e) == -1)
		return -1;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->ids[i], e) == 0)
			return 0;
	if (l->n == l->max)
		return -1;
	memcpy(l->ids[l->n++], e, DB_TRACKING_LEN + 1);
	return 0;
}

int
open311_ids(const char *s, char (*ids)[DB_TRACKING_LEN + 1], size_t max,
    size_t *n)
{
	struct idlist	 l = { ids, max, 0 };
	int		 rc;

	rc = each(s, one_id, &l);
	*n = l.n;
	return rc;
}

static int
one_code(const char *e, void *arg)
{
	size_t	*n = arg;

	return ++*n > OPEN311_MAX_CODES ? -1 : valid_token(e, 1, 32);
}

int
open311_codes(const char *s)
{
	size_t	 n = 0;

	return each(s, one_code, &n);
}

struct which {
	bool	*open, *closed;
};

static int
one_status(const char *e, void *arg)
{
	struct which	*w = arg;

	if (strcmp(e, "open") == 0)
		*w->open = true;
	else if (strcmp(e, "closed") == 0)
		*w->closed = true;
	else
		return -1;
	return 0;
}

int
open311_statuses(const char *s, bool *open, bool *closed)
{
	struct which	 w = { open, closed };

	*open = *closed = false;
	return each(s, one_status, &w);
}
