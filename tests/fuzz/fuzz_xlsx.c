/*
 * libFuzzer driver: the text of the XLSX sheets (cgi/sheet.c writes text
 * cells through utf8_xml_clean, libxlsxwriter then escapes it into the
 * sheet's XML).  Whatever the bytes, the text must be UTF-8 of characters
 * XML 1.0 allows (checked here independently of lib/utf8.c), and text
 * the input checks accept must be kept as it is.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Is s UTF-8 of XML 1.0 Chars, without non-characters? */
static bool
xml_text(const unsigned char *s)
{
	unsigned long	 cp, min;
	int		 k, j;

	while (*s != '\0') {
		if (*s < 0x80) {
			if (*s < 0x20 && *s != '\t' && *s != '\n' &&
			    *s != '\r')
				return false;
			s++;
			continue;
		}
		if ((*s & 0xe0) == 0xc0) {
			k = 2, cp = *s & 0x1f, min = 0x80;
		} else if ((*s & 0xf0) == 0xe0) {
			k = 3, cp = *s & 0x0f, min = 0x800;
		} else if ((*s & 0xf8) == 0xf0) {
			k = 4, cp = *s & 0x07, min = 0x10000;
		} else
			return false;
		for (j = 1; j < k; j++) {
			if ((s[j] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[j] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff) ||
		    (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)
			return false;
		s += k;
	}
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, *out;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if ((out = utf8_xml_clean(s)) != NULL) {
		if (!xml_text((const unsigned char *)out))
			abort();
		if (utf8_check(s, strlen(s), true, NULL) == 0 &&
		    strcmp(out, s) != 0)
			abort();
		free(out);
	}
	free(s);
	return 0;
}
