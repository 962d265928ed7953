/*
 * A request as the handlers see it, and the one response path.
 */
#ifndef LIANXIN_HTTP_H
#define LIANXIN_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "valid.h"

struct config;
struct db;
struct FCGX_Request;

enum method {
	METHOD_GET,
	METHOD_HEAD,
	METHOD_POST,
	METHOD__MAX
};

#define M_GET	(1u << METHOD_GET)
#define M_HEAD	(1u << METHOD_HEAD)
#define M_POST	(1u << METHOD_POST)

struct kv {
	char	*key;
	char	*val;	/* decoded; may hold any bytes but NUL, except a
			   file's (then NUL-terminated all the same) */
	size_t	 len;	/* bytes of val */
	bool	 file;	/* an uploaded file (a multipart part with a
			   filename): read only by V_PHOTO fields */
};

/* Files a multipart POST may carry (each [photos] max_bytes at most). */
#define HTTP_MAX_FILES	3

#define REQ_ARGS 2

struct req {
	struct FCGX_Request *fcgi;
	const struct config *cfg;
	struct db	*db;
	enum method	 method;
	const char	*path;		/* decoded path, without the query */
	const char	*addr;		/* client address (from nginx) */
	char		 args[REQ_ARGS][64]; /* segments matched by "*" */
	struct kv	*query;		/* decoded query arguments */
	size_t		 nquery;
	struct kv	*form;		/* decoded form body arguments */
	size_t		 nform;
	/*
	 * The route's fields, validated before the handler runs
	 * (valid_request): v[i] is the route table's field i, av[j] the
	 * chosen action's field j.  Handlers read these, never the raw
	 * query or form.
	 */
	struct vvalue	 v[VALID_MAX];
	size_t		 nbad;		/* fields of v that failed */
	int		 action;	/* index into the actions, or -1 */
	struct vvalue	 av[VALID_MAX];
	size_t		 nabad;		/* fields of av that failed */
	const char	*csrf;		/* the POST's CSRF token, or NULL */
	/* How errors are answered on this path (html, JSON, Open311). */
	void		(*errfmt)(struct req *, int status,
			    const char *heading, const char *text);
	/* The response, sent by http_send after the handler returns. */
	int		 status;
	const char	*ctype;
	struct buf	 head;		/* extra header lines, CRLF-ended */
	struct buf	 body;
	bool		 streamed;	/* sent by http_stream_begin */
	bool		 stream_failed;	/* the stream cannot go on */
};

extern const char *const method_names[METHOD__MAX];

const char	*http_status_text(int);
void		 http_header(struct req *, const char *name, const char *value);
int		 http_begin(struct req *, struct FCGX_Request *,
		    const struct config *, struct db *);
int		 http_read_body(struct req *);
void		 http_finish(struct req *);
int		 http_parse_form(const char *s, size_t len, struct kv **out,
		    size_t *n);
int		 http_parse_multipart(const char *body, size_t len,
		    const char *boundary, struct kv **out, size_t *n);
void		 http_free_kv(struct kv *, size_t);
void		 http_db_error(struct req *, int rc);
void		 http_error(struct req *, int status, const char *heading,
		    const char *text);
/* Answer 404 as for a path no route has (http_error). */
void		 http_not_found(struct req *);

/*
 * A streamed response, for bodies too large to hold (exports).  Begin
 * sends the header block now — r->status, r->ctype, the security headers
 * of every response and r->head, without Content-Length (nginx sends the
 * body chunked) — and the handler then writes the body in pieces as it
 * makes them; nothing more is sent after it returns.  Writes block while
 * the client (through nginx) is behind, so memory stays flat.  Write and
 * end return 0, or -1 once the client is gone (stop making the body).
 * Abort ends a body that cannot be finished (a database failure midway):
 * the connection is cut so that nginx and the client see a truncated
 * response, never a complete-looking file.
 */
void		 http_stream_begin(struct req *);
int		 http_stream_write(struct req *, const void *, size_t);
int		 http_stream_end(struct req *);
void		 http_stream_abort(struct req *);

/* Counters for /metrics. */
struct http_stats {
	unsigned long long by_class[6];	/* responses by status / 100 */
	unsigned long long inflight;
};
void		 http_stats_get(struct http_stats *);

#endif
