/*
 * The one check of UTF-8 text (see utf8.h).
 */
#include <stdbool.h>
#include <stddef.h>

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

int
utf8_check(const char *str, size_t len, bool multiline, size_t *nchars)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long	 cp;
	size_t		 i, n = 0;
	int		 k, j;

	for (i = 0; i < len; i += (size_t)k, n++) {
		if (s[i] < 0x80) {
			k = 1;
			if (s[i] == 0x7f || (s[i] < 0x20 && s[i] != '\t' &&
			    !(multiline && (s[i] == '\n' || s[i] == '\r'))))
				return -2;
			continue;
		}
		if ((k = utf8_lead(s[i], &cp)) == 0 || len - i < (size_t)k)
			return -1;
		for (j = 1; j < k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return -1;
			cp = (cp << 6) | (s[i + j] & 0x3f);
		}
		if ((k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return -1;
		if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029)
			return -2;
	}
	if (nchars != NULL)
		*nchars = n;
	return 0;
}
