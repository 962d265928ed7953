/*
 * multipart/form-data (multipart.h).  A body is: an optional preamble,
 * then parts each opened by CRLF "--" boundary (the first may come
 * without the CRLF, at the very start), a header block ended by an empty
 * line, and the content; the last delimiter is followed by "--".
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "multipart.h"

int
multipart_boundary(const char *ct, char out[MULTIPART_BOUNDARY_MAX + 1])
{
	const char	*p;
	size_t		 n;

	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0 ||
	    (ct[19] != ';' && ct[19] != ' '))
		return -1;
	for (p = ct + 19; *p != '\0'; p++) {
		if (strncasecmp(p, "boundary=", 9) != 0 ||
		    (p[-1] != ';' && p[-1] != ' '))
			continue;
		p += 9;
		if (*p == '"') {
			p++;
			n = strcspn(p, "\"");
			if (p[n] != '"')
				return -1;
		} else
			n = strcspn(p, "; \t");
		if (n == 0 || n > MULTIPART_BOUNDARY_MAX)
			return -1;
		memcpy(out, p, n);
		out[n] = '\0';
		return 0;
	}
	return -1;
}

/*
 * The value of parameter key (e.g. "name") in a Content-Disposition
 * header's value h[hn], quoted (no escapes: browsers percent-encode '"')
 * or a token, into out[outsz].  1 when found, 0 when not, -1 when too
 * long or unterminated.
 */
static int
param(const char *h, size_t hn, const char *key, char *out, size_t outsz)
{
	size_t	 i = 0, k = strlen(key), s, e;

	while (i < hn) {
		/* Past the next ';' and blanks. */
		while (i < hn && h[i] != ';')
			i++;
		while (i < hn && (h[i] == ';' || h[i] == ' ' || h[i] == '\t'))
			i++;
		if (i + k + 1 > hn || strncasecmp(h + i, key, k) != 0 ||
		    h[i + k] != '=')
			continue;
		i += k + 1;
		if (i < hn && h[i] == '"') {
			s = ++i;
			while (i < hn && h[i] != '"')
				i++;
			if (i >= hn)
				return -1;
			e = i++;
		} else {
			s = i;
			while (i < hn && h[i] != ';' && h[i] != ' ' &&
			    h[i] != '\t')
				i++;
			e = i;
		}
		if (e - s >= outsz)
			return -1;
		memcpy(out, h + s, e - s);
		out[e - s] = '\0';
		return 1;
	}
	return 0;
}

/* Read the header block h[hn] (lines ended by CRLF) into p.  0 or -1. */
static int
headers(const char *h, size_t hn, struct mpart *p)
{
	const char	*line = h, *end = h + hn, *eol;
	char		 fname[1024];
	bool		 disp = false;
	size_t		 ln;

	while (line < end) {
		eol = memmem(line, (size_t)(end - line), "\r\n", 2);
		ln = eol != NULL ? (size_t)(eol - line) : (size_t)(end - line);
		if (ln > 20 && strncasecmp(line, "content-disposition:", 20) ==
		    0) {
			const char *v = line + 20;
			size_t	 vn = ln - 20;

			while (vn > 0 && (*v == ' ' || *v == '\t')) {
				v++;
				vn--;
			}
			if (disp || vn < 9 || strncasecmp(v, "form-data", 9) != 0 ||
			    (vn > 9 && v[9] != ';' && v[9] != ' '))
				return -1;
			disp = true;
			if (param(v + 9, vn - 9, "name", p->name,
			    sizeof(p->name)) != 1 || p->name[0] == '\0')
				return -1;
			switch (param(v + 9, vn - 9, "filename", fname,
			    sizeof(fname))) {
			case -1:
				return -1;
			case 1:
				p->file = true;
				break;
			default:
				break;
			}
		}
		if (eol == NULL)
			break;
		line = eol + 2;
	}
	return disp ? 0 : -1;
}

int
multipart_parse(const char *body, size_t len, const char *boundary,
    struct mpart *parts, size_t max, size_t *n)
{
	char		 delim[MULTIPART_BOUNDARY_MAX + 5];
	const char	*p, *end = body + len, *hend, *next;
	size_t		 dn, bn = strlen(boundary);

	*n = 0;
	if (bn == 0 || bn > MULTIPART_BOUNDARY_MAX)
		return -1;
	/* "\r\n--" boundary */
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, bn);
	dn = bn + 4;
	/* The first delimiter: at the start, or after a preamble. */
	if (len >= dn - 2 && memcmp(body, delim + 2, dn - 2) == 0)
		p = body + dn - 2;
	else if ((p = memmem(body, len, delim, dn)) != NULL)
		p += dn;
	else
		return -1;
	for (;;) {
		/* After a delimiter: "--" ends the body, CRLF opens a part
		 * (transport padding, blanks before the CRLF, allowed). */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		if (*n >= max)
			return -1;
		memset(&parts[*n], 0, sizeof(parts[*n]));
		/* The header block, ended by an empty line (a part may have
		 * none at all: then it has no name, and is refused). */
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
			hend = p;
		else {
			size_t	 lim = (size_t)(end - p);

			if (lim > MULTIPART_HEAD_MAX + 4)
				lim = MULTIPART_HEAD_MAX + 4;
			if ((hend = memmem(p, lim, "\r\n\r\n", 4)) == NULL)
				return -1;
			hend += 2;
		}
		if (headers(p, (size_t)(hend - p), &parts[*n]) == -1)
			return -1;
		p = hend + 2;
		if ((next = memmem(p, (size_t)(end - p), delim, dn)) == NULL)
			return -1;
		parts[*n].data = p;
		parts[*n].len = (size_t)(next - p);
		(*n)++;
		p = next + dn;
	}
}
