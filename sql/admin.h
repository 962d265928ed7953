/*
 * Work of the lianxin admin command that needs its own connection:
 * migrations and demo data.
 */
#ifndef LIANXIN_ADMIN_H
#define LIANXIN_ADMIN_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

struct config;

/*
 * Apply the embedded schema and every migration newer than the database's
 * version, in order, recording each.  Progress lines go to out.
 * Returns 0, or -1 after printing the cause to stderr.
 */
int	 admin_migrate(const struct config *, FILE *out);

struct demo_opts {
	long	 requests;	/* service requests to generate */
	unsigned long seed;	/* random seed: same seed, same data */
	time_t	 until;		/* data ends at this UTC time (now) */
	bool	 if_empty;	/* do nothing when regions exist */
	bool	 progress;	/* draw a progress bar (stderr is a TTY) */
};

#define DEMO_PASSWORD	"lianxin-demo-2026"

/*
 * Load the demo data set into an empty database (see sql/demo.c).
 * Returns 0, 1 when if_empty was set and data exist, or -1 on error.
 */
int	 admin_demo(const struct config *, const struct demo_opts *, FILE *out);
/* Update the optimizer's statistics of the tables a demo load filled
 * (after the figures are computed).  Returns 0 or -1 (message printed). */
int	 admin_demo_analyze(const struct config *);

/* lianxin user ...: staff accounts (sql/usercmd.c).  Exit status. */
int	 admin_user(struct config *, int argc, char *argv[]);

#endif
