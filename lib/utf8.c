/*
 * The one check of UTF-8 text (see utf8.h).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Length of the UTF-8 sequence led by byte c and its payload, or 0. */
static int
utf8_lead(unsigned char c, unsigned long *cp)
{
	if (c >= 0xc2 && c <= 0xdf) {
		*cp = c & 0x1f;
		return 2;
	}
	if (c >= 0xe0 && c <= 0xef) {
		*cp = c & 0x0f;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		*cp = c & 0x07;
		return 4;
	}
	return 0;
}

/* Is cp a Unicode non-character (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF)? */
static bool
nonchar(unsigned long cp)
{
	return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

/*
 * Decode the sequence at s (len > 0 bytes left) into *cp; returns its
 * length, or 0 when it is not well-formed UTF-8.
 */
static int
utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	int	 k, j;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((k = utf8_lead(s[0], cp)) == 0 || len < (size_t)k)
		return 0;
	for (j = 1; j < k; j++) {
		if ((s[j] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[j] & 0x3f);
	}
	if ((k == 3 && *cp < 0x800) || (k == 4 && *cp < 0x10000) ||
	    *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return k;
}

bool
utf8_xml_char(unsigned long cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	return !(cp >= 0xd800 && cp <= 0xdfff) && cp <= 0x10ffff &&
	    !nonchar(cp);
}

size_t
utf8_xml_span(const char *str, size_t len, size_t *skip)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long	 cp;
	size_t		 i;
	int		 k;

	for (i = 0; i < len; i += (size_t)k) {
		/* ASCII text, the usual case, without decoding. */
		if (s[i] >= 0x20 && s[i] < 0x80) {
			k = 1;
			continue;
		}
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			*skip = 1;
			return i;
		}
		if (!utf8_xml_char(cp)) {
			*skip = (size_t)k;
			return i;
		}
	}
	*skip = 0;
	return len;
}

char *
utf8_xml_clean(const char *s)
{
	size_t	 len = strlen(s), n, skip, o = 0;
	char	*out;

	/* Each skipped byte becomes at most 3 bytes. */
	if (len > (SIZE_MAX - 1) / 3 || (out = malloc(3 * len + 1)) == NULL)
		return NULL;
	for (;;) {
		n = utf8_xml_span(s, len, &skip);
		memcpy(out + o, s, n);
		o += n;
		if (skip == 0)
			break;
		memcpy(out + o, UTF8_REPLACEMENT, 3);
		o += 3;
		s += n + skip;
		len -= n + skip;
	}
	out[o] = '\0';
	return out;
}

int
utf8_check(const char *str, size_t len, bool multiline, size_t *nchars)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long	 cp;
	size_t		 i, n = 0;
	int		 k;

	for (i = 0; i < len; i += (size_t)k, n++) {
		if (s[i] < 0x80) {
			k = 1;
			if (s[i] == 0x7f || (s[i] < 0x20 && s[i] != '\t' &&
			    !(multiline && (s[i] == '\n' || s[i] == '\r'))))
				return -2;
			continue;
		}
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			return -1;
		if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
		    cp == 0x2029 || nonchar(cp))
			return -2;
	}
	if (nchars != NULL)
		*nchars = n;
	return 0;
}
