/*
 * Inside the Open311 module (cgi/open311*.c), shared by its files: the
 * document writer (open311doc.c), the route fields every page of the
 * API takes, and the active categories (open311.c).  Other modules see
 * open311.h only.
 */
#ifndef LIANXIN_OPEN311INT_H
#define LIANXIN_OPEN311INT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "db.h"
#include "http.h"
#include "open311.h"
#include "valid.h"

/* The formats of an answer, by the path's extension. */
enum open311_fmt {
	OPEN311_XML,
	OPEN311_JSON,
	OPEN311_FMT__MAX
};

/* The extensions of the formats ("xml", "json") and their types. */
extern const char *const open311_fmt_names[OPEN311_FMT__MAX];
extern const char *const open311_fmt_ctypes[OPEN311_FMT__MAX];

/* A path segment matched by '*' holds at most this many bytes. */
#define OPEN311_ARGLEN	sizeof(((struct req *)0)->args[0])

/*
 * Every Open311 route's table begins with its path field (the slot
 * OPEN311_PATH), the route's '*': the format alone, OPEN311_FORMAT_FIELD
 * (requests.json), or "name.format" (services/env.xml).  The routes that
 * take nothing else have the tables open311_fmt_fields and
 * open311_named_fields.
 */
#define OPEN311_PATH	0	/* the slot of the path field */
#define OPEN311_FORMAT_FIELD \
	{ "*0", "格式", V_ENUM, true, 0, OPEN311_FMT__MAX, open311_fmt_names }
extern const struct vfield open311_fmt_fields[1];
extern const struct vfield open311_named_fields[1];

/*
 * The format of the route's path field (OPEN311_FORMAT_FIELD).  Returns
 * 0, or -1 after answering 404 (another extension).
 */
int	 open311_fmt(struct req *, enum open311_fmt *);
/*
 * URL of the site at path into out: scheme, host (nginx passes $host,
 * checked) and the port when it is not the scheme's default.
 */
void	 open311_base_url(struct req *, const char *path, char *out,
	    size_t sz);

/*
 * The format and the name of the route's path field "name.format"
 * (open311_named_fields): name is what comes before the last '.', ""
 * when the field is not text (no code or id is that).  Returns 0, or -1
 * after answering 404 (no name, another extension).
 */
int	 open311_named(struct req *, char name[OPEN311_ARGLEN],
	    enum open311_fmt *);

/*
 * An answer under construction: a jansson tree, written out as XML or
 * JSON by open311_send.  oom once anything failed to allocate.
 */
struct open311_doc {
	json_t	*root;
	bool	 oom;
};

/* Set o[key] = v, append v to the array a (v's reference taken). */
void	 open311_put(struct open311_doc *, json_t *o, const char *key,
	    json_t *v);
void	 open311_push(struct open311_doc *, json_t *a, json_t *v);
/* A JSON string of s; a character cut at the end of a buffer dropped. */
json_t	*open311_str(const char *s);

/*
 * Answer with d (root element root in XML) and release it; 500 when it
 * could not be built.
 */
void	 open311_send(struct req *, enum open311_fmt, const char *root,
	    struct open311_doc *d);

/*
 * The XML document of v with root element root onto b: text escaped, and
 * what XML 1.0 cannot hold replaced by U+FFFD (well-formed for any text).
 */
void	 open311_xml(struct buf *b, const char *root, json_t *v);

/* Add one error (code, description) to the array d->root. */
void	 open311_add_error(struct open311_doc *d, int status,
	    const char *msg);
/* Answer status with the errors in d->root, in the path's format. */
void	 open311_send_errors(struct req *, int status, struct open311_doc *d);

/*
 * The active categories into *c (calloc'd, free it even on failure), *n
 * how many.  Returns a db_rc.
 */
int	 open311_categories(struct req *, struct db_category **c, size_t *n);
/* The category of code among c[0..n-1], or NULL. */
const struct db_category *open311_category(const struct db_category *c,
	    size_t n, const char *code);

#endif
