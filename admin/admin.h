/*
 * The lianxin admin command (admin/): one function per subcommand, each
 * in the file of its concept, and what they share.  A subcommand takes
 * the configuration and its own arguments (argv[0] is its name) and
 * returns the exit status: 0 success, 1 failure, 2 usage error (or
 * ADMIN_USAGE).
 */
#ifndef LIANXIN_ADMIN_H
#define LIANXIN_ADMIN_H

struct config;
struct db;

/* lianxin migrate; lianxin stats rebuild (admin/migrate.c). */
int	 admin_migrate(struct config *, int argc, char *argv[]);
int	 admin_stats(struct config *, int argc, char *argv[]);
/* lianxin demo ... (admin/demo/demo.c). */
int	 admin_demo(struct config *, int argc, char *argv[]);
/* lianxin user ...: staff accounts (admin/usercmd.c). */
int	 admin_user(struct config *, int argc, char *argv[]);

/* lianxin send [--once]: the outbox's sender (admin/send.c). */
int	 admin_send(struct config *, int argc, char *argv[]);

/* What a subcommand returns for a usage error: main prints every
 * subcommand's usage and exits with status 2. */
#define ADMIN_USAGE	(-2)

/* Parse a whole number in [lo, hi] into *out; returns 0 or -1
 * (admin/args.c). */
int	 admin_parse_long(const char *s, long lo, long hi, long *out);
/*
 * A connection for maintenance: statements may run for an hour.  NULL
 * after the engine's log line.
 */
struct db *admin_maint_open(const struct config *);
/*
 * Recompute the figures' summary tables; *days and *months get the rows
 * written.  Returns 0, or -1 after a message naming who (the
 * subcommand).
 */
int	 admin_rebuild_figures(const struct config *, const char *who,
	    long long *days, long long *months);

#endif
