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
	int	 points_per_wish;	/* points per micro-wish fulfilled and
					 * confirmed (issue 20) */
	/* [cobuild] (issue 20) */
	int	 wish_claim_days;	/* a wish's claim lapses after this */
	int	 eval_open_mmdd;	/* 双向评议 window opens (MMDD of the
					 * agreement's year) ... */
	int	 eval_close_mmdd;	/* ... and closes (MMDD of the next
					 * year) */
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
	/* [photos] */
	long	 photo_max_bytes;	/* one upload, bytes */
	long	 photo_max_pixels;	/* one upload, width x height */
	int	 photo_side;		/* longest side stored, pixels */
	int	 photo_thumb;		/* longest side of a thumbnail */
	int	 photo_quality;		/* JPEG quality of what is stored */
	int	 photo_link_minutes;	/* a signed photo link lasts this */
	int	 form_cache_s;		/* the blank request form kept this
					   long (0: built for each GET) */
	/* [sms] messages to residents and members (admin/send.c) */
	char	 sms_provider[16];	/* none, tencent or webhook */
	char	 sms_endpoint[CONFIG_STR]; /* Tencent Cloud API URL */
	char	 sms_region[32];	/* Tencent region, e.g. ap-guangzhou */
	char	 sms_secret_id[128];	/* Tencent SecretId */
	char	 sms_secret_key[128];	/* Tencent SecretKey */
	char	 sms_app_id[32];	/* SmsSdkAppId */
	char	 sms_sign_name[64];	/* SignName (签名) */
	char	 sms_tpl[7][32];	/* template id per kind (outbox.h) */
	char	 sms_webhook_url[CONFIG_STR]; /* generic JSON webhook */
	char	 sms_webhook_secret[128]; /* its HMAC-SHA256 key */
	int	 sms_max_attempts;	/* sends before a message fails */
	int	 sms_backoff_s;		/* first retry delay; doubles */
	int	 sms_backoff_max_s;	/* longest retry delay */
	int	 sms_lease_s;		/* a claimed message is retried after */
	int	 sms_poll_ms;		/* the sender's pause when idle */
	int	 sms_timeout_s;		/* one HTTP request at most */
	int	 sms_due_warning_hours;	/* warn this long before a deadline */
	char	 sms_link_base[CONFIG_STR]; /* site URL of the links */
	char	 sms_link_secret[128];	/* key of the links ("" = form_secret,
					 * else the db password) */
	int	 sms_link_days;		/* a link lasts this */
	/* [members] logins by SMS */
	int	 member_session_days;	/* a member's SMS-login session */
	int	 sms_code_minutes;	/* an SMS code lasts this */
	int	 sms_code_tries;	/* wrong codes before it is void */
	int	 sms_code_burst;	/* codes per phone and per address */
	int	 sms_codes_per_hour;	/* ... refilled at this rate */
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
