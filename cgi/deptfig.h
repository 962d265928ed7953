/*
 * The departments' figures (部门报到率, 部门按期办结率; DESIGN.md
 * "Departments") of a figures query, for /api/stats and the dashboard
 * (cgi/deptfig.c).
 */
#ifndef LIANXIN_DEPTFIG_H
#define LIANXIN_DEPTFIG_H

#include <jansson.h>

#include "figures.h"

/*
 * The "departments" block of /api/stats for fq: its total and a row per
 * department summoned in the period for requests in scope, each count
 * with its rates as {num, den, value} (value null for den 0).  NULL on a
 * database failure or out of memory (*rc says which).
 */
json_t	*deptfig_json(struct req *, const struct fig_query *fq, int *rc);

/*
 * The departments' figures for fq: the total into *t, a row per
 * department into *rows (at most DEPTFIG_ROWS; free it), their number
 * into *n.  A db_rc; *rows NULL unless DB_OK.  The exports use it.
 */
#define DEPTFIG_ROWS	200
int	 deptfig_load(struct req *, const struct fig_query *fq,
	    struct db_dept_figures *t, struct db_dept_figures **rows,
	    size_t *n);

/* The dashboard's section of the departments for fq; on a database
 * failure it says that they could not be read (the page stands). */
void	 deptfig_table(struct req *, const struct fig_query *fq);

#endif
