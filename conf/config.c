/*
 * Configuration loader: one table of keys, parsed with libinih.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "config.h"

enum ctype { CT_STR, CT_INT, CT_LONG, CT_OCTAL };

struct ckey {
	const char	*section;
	const char	*key;
	enum ctype	 type;
	size_t		 off;	/* offset in struct config */
	size_t		 size;	/* buffer size for CT_STR */
	long		 min;	/* bounds for numbers */
	long		 max;
	const char	*def;	/* default, as written in conf/lianxin.conf */
};

#define S(sec, k, f, d) \
	{ sec, k, CT_STR, offsetof(struct config, f), \
	  sizeof(((struct config *)0)->f), 0, 0, d }
#define N(sec, k, t, f, lo, hi, d) \
	{ sec, k, t, offsetof(struct config, f), 0, lo, hi, d }

static const struct ckey keys[] = {
	S("server", "socket", socket, "/run/lianxin/lianxind.sock"),
	S("server", "socket_group", socket_group, "www-data"),
	N("server", "socket_mode", CT_OCTAL, socket_mode, 0, 0777, "0660"),
	N("server", "threads", CT_INT, threads, 1, 256, "4"),
	N("server", "backlog", CT_INT, backlog, 1, 65535, "1024"),
	N("server", "max_body", CT_LONG, max_body, 1024, 64L << 20, "65536"),
	N("server", "shutdown_grace_ms", CT_INT, shutdown_grace_ms, 0, 60000,
	    "1500"),
	S("server", "timezone", timezone, "Asia/Shanghai"),
	S("db", "socket", db_socket, "/run/mysqld/mysqld.sock"),
	S("db", "host", db_host, "localhost"),
	N("db", "port", CT_INT, db_port, 1, 65535, "3306"),
	S("db", "user", db_user, "lianxin"),
	S("db", "password", db_password, ""),
	S("db", "password_file", db_password_file, ""),
	S("db", "name", db_name, "lianxin"),
	N("db", "connect_timeout", CT_INT, db_connect_timeout, 1, 60, "2"),
	N("db", "retry_ms", CT_INT, db_retry_ms, 0, 60000, "200"),
	S("db", "read_socket", db_read_socket, ""),
	S("db", "read_host", db_read_host, ""),
	N("db", "read_port", CT_INT, db_read_port, 1, 65535, "3306"),
	S("site", "name", site_name, "连心·社区服务"),
	S("site", "phone", site_phone, "12345"),
	N("auth", "idle_minutes", CT_INT, idle_minutes, 1, 1440, "30"),
	N("auth", "absolute_hours", CT_INT, absolute_hours, 1, 168, "12"),
	N("auth", "max_failures", CT_INT, max_failures, 1, 100, "5"),
	N("auth", "lockout_minutes", CT_INT, lockout_minutes, 1, 1440, "15"),
	N("auth", "lockout_base_seconds", CT_INT, lockout_base_s, 1, 86400,
	    "60"),
	N("auth", "address_max_failures", CT_INT, address_max_failures, 1,
	    1000, "20"),
	N("auth", "hash_concurrency", CT_INT, hash_concurrency, 1, 64, "2"),
	S("auth", "cookie_secure", cookie_secure, "auto"),
	N("auth", "session_cache_seconds", CT_INT, session_cache_s, 0, 60,
	    "2"),
	N("figures", "min_count", CT_INT, min_count, 1, 1000000, "10"),
	N("figures", "target_percent", CT_INT, target_percent, 0, 100, "90"),
	N("figures", "chart_cache_kb", CT_INT, chart_cache_kb, 0, 1048576,
	    "16384"),
	N("figures", "cache_seconds", CT_INT, figures_cache_s, 0, 300, "5"),
	N("members", "report_valid_days", CT_INT, report_valid_days, 1, 3660,
	    "182"),
	N("members", "max_open_claims", CT_INT, max_open_claims, 1, 100, "2"),
	N("members", "points_per_hour", CT_INT, points_per_hour, 0, 1000, "1"),
	N("members", "points_per_claim", CT_INT, points_per_claim, 0, 1000,
	    "5"),
	N("members", "points_per_wish", CT_INT, points_per_wish, 0, 1000,
	    "5"),
	N("cobuild", "wish_claim_days", CT_INT, wish_claim_days, 1, 365, "14"),
	N("cobuild", "eval_open_mmdd", CT_INT, eval_open_mmdd, 101, 1231,
	    "1201"),
	N("cobuild", "eval_close_mmdd", CT_INT, eval_close_mmdd, 101, 1231,
	    "131"),
	N("members", "code_hours", CT_INT, code_hours, 1, 720, "24"),
	N("members", "session_minutes", CT_INT, member_session_minutes, 1,
	    1440, "30"),
	N("members", "code_max_failures", CT_INT, code_max_failures, 1, 100,
	    "5"),
	N("members", "code_lockout_minutes", CT_INT, code_lockout_minutes, 1,
	    1440, "15"),
	S("portal", "form_secret", form_secret, ""),
	N("portal", "form_hours", CT_INT, form_hours, 1, 720, "24"),
	S("portal", "exempt", limit_exempt, ""),
	N("portal", "post_burst", CT_INT, post_burst, 1, 100000, "10"),
	N("portal", "phone_burst", CT_INT, phone_burst, 1, 100000, "5"),
	N("portal", "lookup_burst", CT_INT, lookup_burst, 1, 100000, "20"),
	N("portal", "posts_per_hour", CT_INT, posts_per_hour, 1, 1000000,
	    "60"),
	N("portal", "phone_posts_per_hour", CT_INT, phone_per_hour, 1,
	    1000000, "10"),
	N("portal", "lookups_per_hour", CT_INT, lookups_per_hour, 1, 1000000,
	    "120"),
	N("portal", "tracking_failures", CT_INT, tracking_failures, 1, 1000,
	    "10"),
	N("portal", "report_burst", CT_INT, report_burst, 1, 100000, "5"),
	N("portal", "reports_per_hour", CT_INT, reports_per_hour, 1, 1000000,
	    "20"),
	N("portal", "report_phone_burst", CT_INT, report_phone_burst, 1,
	    100000, "3"),
	N("portal", "report_phone_posts_per_hour", CT_INT,
	    report_phone_per_hour, 1, 1000000, "5"),
	N("portal", "tracking_window_minutes", CT_INT, tracking_window_min, 1,
	    10080, "60"),
	/* [photos] (lib/photo.c, cgi/photos.c) */
	N("photos", "max_bytes", CT_LONG, photo_max_bytes, 65536, 32L << 20,
	    "8388608"),
	N("photos", "max_pixels", CT_LONG, photo_max_pixels, 1000000,
	    200000000, "40000000"),
	N("photos", "side", CT_INT, photo_side, 320, 8192, "1600"),
	N("photos", "thumb", CT_INT, photo_thumb, 64, 1024, "320"),
	N("photos", "quality", CT_INT, photo_quality, 30, 95, "82"),
	N("photos", "link_minutes", CT_INT, photo_link_minutes, 1, 10080,
	    "60"),
	N("portal", "form_cache_seconds", CT_INT, form_cache_s, 0, 600, "10"),
	S("sms", "provider", sms_provider, "none"),
	S("sms", "endpoint", sms_endpoint, "https://sms.tencentcloudapi.com/"),
	S("sms", "region", sms_region, "ap-guangzhou"),
	S("sms", "secret_id", sms_secret_id, ""),
	S("sms", "secret_key", sms_secret_key, ""),
	S("sms", "app_id", sms_app_id, ""),
	S("sms", "sign_name", sms_sign_name, ""),
	S("sms", "template_accepted", sms_tpl[0], ""),
	S("sms", "template_resolved", sms_tpl[1], ""),
	S("sms", "template_rejected", sms_tpl[2], ""),
	S("sms", "template_reopened", sms_tpl[3], ""),
	S("sms", "template_due_warning", sms_tpl[4], ""),
	S("sms", "template_member_code", sms_tpl[5], ""),
	S("sms", "template_withdrawn", sms_tpl[6], ""),
	S("sms", "webhook_url", sms_webhook_url, ""),
	S("sms", "webhook_secret", sms_webhook_secret, ""),
	N("sms", "max_attempts", CT_INT, sms_max_attempts, 1, 1000, "10"),
	N("sms", "backoff_seconds", CT_INT, sms_backoff_s, 1, 86400, "30"),
	N("sms", "backoff_max_seconds", CT_INT, sms_backoff_max_s, 1, 604800,
	    "3600"),
	N("sms", "lease_seconds", CT_INT, sms_lease_s, 1, 3600, "120"),
	N("sms", "poll_ms", CT_INT, sms_poll_ms, 10, 600000, "2000"),
	N("sms", "timeout_seconds", CT_INT, sms_timeout_s, 1, 300, "15"),
	N("sms", "due_warning_hours", CT_INT, sms_due_warning_hours, 1, 720,
	    "24"),
	S("sms", "link_base", sms_link_base, "http://127.0.0.1:8080"),
	S("sms", "link_secret", sms_link_secret, ""),
	N("sms", "link_days", CT_INT, sms_link_days, 1, 365, "30"),
	N("members", "member_session_days", CT_INT, member_session_days, 1,
	    366, "30"),
	N("members", "sms_code_minutes", CT_INT, sms_code_minutes, 1, 120,
	    "10"),
	N("members", "sms_code_tries", CT_INT, sms_code_tries, 1, 20, "5"),
	N("members", "sms_code_burst", CT_INT, sms_code_burst, 1, 1000, "5"),
	N("members", "sms_codes_per_hour", CT_INT, sms_codes_per_hour, 1,
	    100000, "10"),
	N("queue", "warn_share", CT_INT, warn_share, 1, 100, "80"),
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/*
 * Parse a whole number in [lo, hi] in the given base.
 * Returns 0 and sets *out, or -1 for anything else.
 */
static int
parse_num(const char *s, int base, long lo, long hi, long *out)
{
	char	*end;
	long	 v;

	if (*s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, base);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/*
 * Set one key.  Returns 0, or -1 with a message in err.
 */
int
config_set(struct config *c, const char *section, const char *key,
    const char *value, char *err, size_t errsz)
{
	const struct ckey	*k;
	char			*p = (char *)c;
	long			 v;
	size_t			 i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].section, section) == 0 &&
		    strcmp(keys[i].key, key) == 0)
			break;
	if (i == NKEYS) {
		snprintf(err, errsz, "unknown key [%s] %s", section, key);
		return -1;
	}
	k = &keys[i];
	if (k->type == CT_STR) {
		if (strlen(value) >= k->size) {
			snprintf(err, errsz, "[%s] %s: longer than %zu bytes",
			    section, key, k->size - 1);
			return -1;
		}
		memcpy(p + k->off, value, strlen(value) + 1);
		return 0;
	}
	if (parse_num(value, k->type == CT_OCTAL ? 8 : 10,
	    k->min, k->max, &v) == -1) {
		snprintf(err, errsz, "[%s] %s: \"%s\" is not a number in "
		    "%ld..%ld", section, key, value, k->min, k->max);
		return -1;
	}
	if (k->type == CT_LONG)
		*(long *)(p + k->off) = v;
	else
		*(int *)(p + k->off) = (int)v;
	return 0;
}

void
config_defaults(struct config *c)
{
	char	 err[256];
	size_t	 i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < NKEYS; i++)
		if (config_set(c, keys[i].section, keys[i].key, keys[i].def,
		    err, sizeof(err)) == -1)
			abort(); /* a bad default is a programming error */
}

struct loadctx {
	struct config	*c;
	char		*err;
	size_t		 errsz;
	int		 failed;
};

static int
handler(void *arg, const char *section, const char *key, const char *value)
{
	struct loadctx	*ctx = arg;
	char		 msg[200];

	if (ctx->failed)
		return 0;
	if (config_set(ctx->c, section, key, value, msg, sizeof(msg)) == -1) {
		snprintf(ctx->err, ctx->errsz, "%s", msg);
		ctx->failed = 1;
		return 0;
	}
	return 1;
}

/*
 * Load a configuration file over the current values of c.
 * Returns 0, or -1 with a message (file, line and reason) in err.
 */
int
config_load(struct config *c, const char *path, char *err, size_t errsz)
{
	struct loadctx	 ctx = { c, err, errsz, 0 };
	char		 msg[256] = "";
	int		 rc;

	ctx.err = msg;
	ctx.errsz = sizeof(msg);
	rc = ini_parse(path, handler, &ctx);
	if (rc == -1) {
		snprintf(err, errsz, "%s: cannot open: %s", path,
		    strerror(errno));
		return -1;
	}
	if (rc != 0) {
		snprintf(err, errsz, "%s:%d: %s", path, rc,
		    msg[0] ? msg : "syntax error");
		return -1;
	}
	return 0;
}

/*
 * Read db_password from db_password_file when one is named (first line,
 * newline stripped).  Returns 0, or -1 with a message in err.
 */
int
config_db_password(struct config *c, char *err, size_t errsz)
{
	FILE	*f;
	size_t	 n;

	if (c->db_password_file[0] == '\0')
		return 0;
	if ((f = fopen(c->db_password_file, "r")) == NULL) {
		snprintf(err, errsz, "%s: %s", c->db_password_file,
		    strerror(errno));
		return -1;
	}
	if (fgets(c->db_password, sizeof(c->db_password), f) == NULL)
		c->db_password[0] = '\0';
	fclose(f);
	n = strcspn(c->db_password, "\r\n");
	c->db_password[n] = '\0';
	return 0;
}

/*
 * The configuration file to load: $LIANXIN_CONF, else conf/lianxin.conf
 * relative to the working directory.
 */
const char *
config_path(void)
{
	const char	*p = getenv("LIANXIN_CONF");

	return p != NULL && *p != '\0' ? p : "conf/lianxin.conf";
}
