/*
 * Staff sessions: the session cookie, CSRF tokens, login and logout.
 */
#ifndef LIANXIN_AUTH_H
#define LIANXIN_AUTH_H

#include "db.h"
#include "http.h"

#define AUTH_COOKIE	"lx_session"
#define AUTH_PRE_COOKIE	"lx_pre"	/* CSRF token of the login form */

/* The logged-in user of a request. */
struct staff {
	struct db_user	 u;
	unsigned char	 token_hash[DB_HASH_LEN];
	unsigned char	 csrf[DB_HASH_LEN];
	char		 csrf_hex[DB_HASH_LEN * 2 + 1];
};

/*
 * The user of a staff page whose role is in roles (ROLE_BIT mask).  When
 * there is none, answers 303 to the login page; when the role may not see
 * the page, 404 (its existence is not revealed); for a POST, a missing or
 * wrong CSRF token answers 403.  Returns 0, or -1 when answered.
 */
int	 auth_require(struct req *, unsigned roles, struct staff *);

/* Set an HttpOnly, SameSite=Strict cookie (Max-Age=0 when maxage is 0,
 * else a session cookie). */
void	 auth_set_cookie(struct req *, const char *name, const char *value,
	    int maxage);

/* A hidden form field with the session's CSRF token. */
void	 auth_csrf_field(struct buf *, const struct staff *);

/*
 * The value of cookie name in a Cookie header (may be NULL), copied into
 * out; 0, or -1 when absent or too long.
 */
int	 cookie_find(const char *header, const char *name, char *out,
	    size_t outsz);
/* The same for the request's Cookie header. */
int	 http_cookie(const struct req *, const char *name, char *out,
	    size_t outsz);

/* Forget the sessions this process checked (an account changed). */
void	 auth_forget_sessions(void);
/* Session lookups answered from memory and not, for /metrics. */
/* Password hashes running now, the most at once so far, and in all. */
void	 auth_hash_counts(int *running, int *peak, unsigned long long *total);
void	 auth_cache_counts(unsigned long long *hits,
	    unsigned long long *misses);

/* Record an action of a staff user in the audit log (best effort). */
void	 auth_audit(struct req *, const struct staff *, const char *action,
	    const char *object, const char *detail);

#endif
