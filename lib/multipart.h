/*
 * A small, bounded multipart/form-data reader (RFC 7578), for the forms
 * that carry photos.  It reads a body held in memory and hands back its
 * parts as pointers into it; nothing is copied.  Uses nothing of ours.
 */
#ifndef LIANXIN_MULTIPART_H
#define LIANXIN_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#define MULTIPART_BOUNDARY_MAX	70	/* RFC 2046 */
#define MULTIPART_NAME_MAX	64	/* a field's name, bytes */
#define MULTIPART_HEAD_MAX	1024	/* a part's header block, bytes */

struct mpart {
	char		 name[MULTIPART_NAME_MAX + 1];	/* the field */
	bool		 file;		/* has a filename (a file input),
					   even an empty one */
	const char	*data;		/* the content, inside the body */
	size_t		 len;
};

/*
 * The boundary of a Content-Type "multipart/form-data; boundary=...",
 * quoted or not, into out.  Returns 0, or -1 when ctype is not that or
 * the boundary is missing, empty or over MULTIPART_BOUNDARY_MAX.
 */
int	 multipart_boundary(const char *ctype,
	    char out[MULTIPART_BOUNDARY_MAX + 1]);
/*
 * Split body[len] into its parts, at most max of them, into parts[];
 * *n says how many.  Every part must have a Content-Disposition of
 * form-data with a name; a header block over MULTIPART_HEAD_MAX, a
 * missing closing delimiter, or more than max parts is malformed.
 * Returns 0, or -1 when the body is malformed.
 */
int	 multipart_parse(const char *body, size_t len, const char *boundary,
	    struct mpart *parts, size_t max, size_t *n);

#endif
