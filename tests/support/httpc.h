/*
 * A minimal HTTP/1.1 client for the integration tests (one request per
 * connection, Connection: close), and helpers to drive the test stack.
 */
#ifndef LIANXIN_HTTPC_H
#define LIANXIN_HTTPC_H

#include <stddef.h>

struct hresp {
	int	 status;	/* 0 when no answer */
	char	*head;		/* header block, NUL-terminated */
	char	*body;		/* body, NUL-terminated (may hold NULs) */
	size_t	 bodylen;
};

/* Send a request to 127.0.0.1:$LIANXIN_TEST_PORT; returns 0 or -1. */
int	 http_do(const char *method, const char *path, const char *ctype,
	    const char *body, size_t bodylen, struct hresp *);
int	 http_get(const char *path, struct hresp *);
/* GET path from nginx's metrics listener ($LIANXIN_METRICS_PORT). */
int	 http_get_metrics(const char *path, struct hresp *);
/* POST a form-encoded, NUL-terminated body; returns 0 or -1. */
int	 http_post(const char *path, const char *body, struct hresp *);
/* The status of GET path, 0 when no answer. */
int	 http_status(const char *path);
/* GET path every 0.1 s until it answers want, at most tenths times;
 * returns the last status. */
int	 http_wait_status(const char *path, int want, int tenths);
/* The value of a header (case-insensitive name), in a static buffer. */
const char *hresp_header(const struct hresp *, const char *name);
void	 hresp_free(struct hresp *);
/* The value a Set-Cookie header of the response gives name, or NULL. */
const char *hresp_cookie(const struct hresp *, const char *name);

/* Sent with every request when set: extra header lines ("N: v\r\n"). */
extern const char *httpc_headers;
/* Connect from this loopback address when set (e.g. "127.0.0.9"). */
extern const char *httpc_source;
/* The same for the calling thread only; when set they win over those. */
extern __thread const char *httpc_thread_headers;
extern __thread const char *httpc_thread_source;

/* Form-encode s into out (all but unreserved bytes percent-encoded). */
void	 http_enc(char *out, size_t sz, const char *s);

/*
 * The form body base with field set to value (encoded), appended when
 * absent; NULL drops it.  Two values are shorthands: "LONGn" is n 'x's,
 * "OTHERGRID" is other.  Into out.
 */
void	 http_form_set(char *out, size_t sz, const char *base,
	    const char *field, const char *value, const char *other);

/* Run scripts/stack.sh with the test environment; returns exit status. */
int	 stack(const char *cmd);
/* Pid in a pid file of the test stack's run directory, or -1. */
long	 stack_pid(const char *file);
/*
 * Wait up to 5 s for the pid file to name a running process other than
 * old (the supervisor's restart); returns the pid it last held, or -1.
 */
long	 stack_wait_restart(const char *file, long old);
/* Environment value or fail the test. */
const char *test_env(const char *name);
/* The path of program name of this build ($LIANXIN_BUILD, under
 * $LIANXIN_ROOT unless absolute), in a static buffer. */
const char *test_bin(const char *name);

#endif
