/*
 * Output escaping, one function per context (after cgit's html.c), and
 * the page layout shared by every HTML page.
 */
#ifndef LIANXIN_HTML_H
#define LIANXIN_HTML_H

#include <time.h>

#include "buf.h"

struct req;

/* Text between tags: & < > " ' escaped. */
void	 html_txt(struct buf *, const char *);
void	 html_txtn(struct buf *, const char *, size_t);
/* A double-quoted attribute value: as html_txt, plus ` and =. */
void	 html_attr(struct buf *, const char *);
/* A URL query argument: everything but unreserved bytes percent-encoded. */
void	 html_url_arg(struct buf *, const char *);
/* A JSON string with its quotes; < > & escaped too, for inline use. */
void	 json_str(struct buf *, const char *);

/* Start a page: doctype, head with title, header bar; end it. */
void	 html_begin(struct req *, const char *title);
void	 html_end(struct req *);
/*
 * The page's script (static/lianxin.js, served by nginx under its hashed
 * name like the stylesheet of html_begin).
 */
void	 html_script(struct buf *);

/* A whole error page with a heading and a sentence (literals only). */
void	 html_error_page(struct req *, int status, const char *heading,
	    const char *text);

/* Local time as "2026-11-21 14:05"; "—" for 0. */
void	 html_time(struct buf *, time_t);

/* A message above a form: bad (an error) or not (done); NULL: nothing. */
void	 html_notice(struct buf *, const char *msg, int bad);

/* A field's validation message, if any, after its input. */
struct vvalue;
void	 html_field_error(struct buf *, const struct vvalue *);

/*
 * An <input> with id and name, extra attributes (literals), the value the
 * user gave in v kept (escaped), then v's message if any; v may be NULL.
 */
void	 html_input(struct buf *, const char *name, const char *attrs,
	    const struct vvalue *v);

#endif
