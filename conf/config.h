/*
 * Configuration of lianxind and the lianxin admin command.
 *
 * Every key has a built-in default (config_defaults) which is the value
 * documented in conf/lianxin.conf; a file loaded with config_load() only
 * overrides what it names.  Unknown sections or keys are errors, so a typo
 * never silently falls back to a default.
 */
#ifndef LIANXIN_CONFIG_H
#define LIANXIN_CONFIG_H

#include <stddef.h>

#define CONFIG_STR 256

struct config {
	/* [server] */
	char	 socket[CONFIG_STR];	/* FastCGI unix socket path */
	char	 socket_group[64];	/* group owning the socket ("" = keep) */
	int	 socket_mode;		/* permission bits of the socket */
	int	 threads;		/* worker threads */
	int	 backlog;		/* listen(2) backlog */
	long	 max_body;		/* largest request body, bytes */
	int	 shutdown_grace_ms;	/* wait for in-flight requests */
	char	 timezone[64];		/* local time zone of the figures */
	/* [db] */
	char	 db_socket[CONFIG_STR];	/* MariaDB unix socket ("" = TCP) */
	char	 db_host[CONFIG_STR];	/* MariaDB host when no socket */
	int	 db_port;		/* MariaDB TCP port */
	char	 db_user[64];		/* account name */
	char	 db_password[128];	/* password (prefer password_file) */
	char	 db_password_file[CONFIG_STR]; /* file holding the password */
	char	 db_name[64];		/* database (schema) name */
	int	 db_connect_timeout;	/* seconds */
	int	 db_retry_ms;		/* pause between reconnect attempts */
	char	 db_read_socket[CONFIG_STR]; /* replica's unix socket */
	char	 db_read_host[CONFIG_STR]; /* replica's host ("" and no
					 * read_socket: no replica) */
	int	 db_read_port;		/* replica's TCP port */
	/* [site] */
	char	 site_name[128];	/* shown in page titles */
	char	 site_phone[64];	/* service hotline shown to residents */
	/* [auth] */
	int	 idle_minutes;		/* session idle timeout */
	int	 absolute_hours;	/* session absolute timeout */
	int	 max_failures;		/* failed logins of a name before a delay */
	int	 lockout_minutes;	/* the longest delay */
	int	 lockout_base_s;	/* the first delay; doubles each time */
	int	 address_max_failures;	/* failed logins of an address */
	int	 hash_concurrency;	/* password hashes running at once */
	char	 cookie_secure[8];	/* auto, always or never */
	int	 session_cache_s;	/* a checked session trusted this long */
	/* [figures] */
	int	 min_count;		/* ranking minimum denominator */
	int	 target_percent;	/* charts' default target line */
	int	 chart_cache_kb;	/* rendered PNGs kept, per process */
	int	 figures_cache_s;	/* computed figures reused this long */
	/* [members] */
	int	 report_valid_days;	/* a report lapses after this */
	int	 max_open_claims;	/* open claims a member may hold */
	int	 points_per_hour;	/* points per volunteer hour */
	int	 points_per_claim;	/* points per completed claim */
	int	 code_hours;		/* a member's one-time code lasts this */
	int	 member_session_minutes; /* a member's session lasts this */
	int	 code_max_failures;	/* code tries before delays */
	int	 code_lockout_minutes;	/* the longest delay */
	/* [portal] */
	char	 form_secret[CONFIG_STR]; /* key of the form tokens ("" =
					 * derived from the db password) */
	int	 form_hours;		/* a form token lasts this */
	char	 limit_exempt[CONFIG_STR]; /* addresses not rate-limited */
	int	 post_burst;		/* /requests per address: bucket */
	int	 posts_per_hour;	/* ... refilled at this rate */
	int	 phone_burst;		/* /requests per phone: bucket */
	int	 phone_per_hour;	/* ... refilled at this rate */
	int	 lookup_burst;		/* /track and /rate per address */
	int	 lookups_per_hour;	/* ... refilled at this rate */
	int	 tracking_failures;	/* wrong lookups per tracking number */
	int	 tracking_window_min;	/* ... within this many minutes */
	int	 report_burst;		/* /report per address: bucket */
	int	 reports_per_hour;	/* ... refilled at this rate */
	int	 report_phone_burst;	/* /report per phone: bucket */
	int	 report_phone_per_hour;	/* ... refilled at this rate */
	/* [queue] */
	int	 warn_share;		/* percent of a limit gone: 预警 */
};

void	 config_defaults(struct config *);
int	 config_load(struct config *, const char *path, char *err, size_t errsz);
int	 config_set(struct config *, const char *section, const char *key,
	    const char *value, char *err, size_t errsz);
int	 config_db_password(struct config *, char *err, size_t errsz);
const char *config_path(void);

#endif
