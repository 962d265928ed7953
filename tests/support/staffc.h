/*
 * Staff sessions for the integration tests (through nginx).
 */
#ifndef LIANXIN_STAFFC_H
#define LIANXIN_STAFFC_H

struct hresp;

#define PW	"lianxin-demo-2026"	/* password of the demo users */

/*
 * Log in (each login from its own loopback address, since nginx limits
 * per address); returns the status of POST /login, and the session
 * cookie when 303.
 */
int	 login(const char *user, const char *pw, char cookie[128]);
/* Where the last successful login sent the browser (/staff, /dept). */
extern char	 login_landing[64];
/* Log in with PW or fail the test. */
void	 must_login(const char *user, char cookie[128]);
/* A request with a session cookie; 0 or -1. */
int	 req(const char *cookie, const char *method, const char *path,
	    const char *body, struct hresp *);
/* The status of such a request. */
int	 status_of(const char *cookie, const char *method, const char *path,
	    const char *body);
/* The session's CSRF token, from any staff page. */
void	 csrf_of(const char *cookie, char csrf[65]);

#endif
