/*
 * The one check of text that comes from outside (form fields, CSV
 * values, API input): well-formed UTF-8 without control characters.
 * Pure; uses nothing of ours.
 */
#ifndef LIANXIN_UTF8_H
#define LIANXIN_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Check the UTF-8 string s (NUL-terminated, len bytes): well-formed (no
 * overlong forms, surrogates or code points above U+10FFFF), no control
 * characters (tab allowed; CR and LF only when multiline; C1 controls,
 * U+2028/2029 and a NUL inside refused) and no Unicode non-characters
 * (U+FDD0-U+FDEF and U+xFFFE/U+xFFFF of every plane: XML 1.0 cannot
 * hold U+FFFE/U+FFFF, and none of them is text).  Sets *nchars (when not NULL)
 * to its length in characters.  Returns 0, -1 for bad UTF-8, -2 for a
 * control character.
 */
int	 utf8_check(const char *s, size_t len, bool multiline, size_t *nchars);

/*
 * Is code point cp one an XML 1.0 document may hold and text should (not
 * a C0 control but tab, LF and CR, not a surrogate, not a non-character)?
 */
bool	 utf8_xml_char(unsigned long cp);

/*
 * The length of the leading part of s (len bytes) that is well-formed
 * UTF-8 of characters utf8_xml_char allows; *skip is set to the length of
 * the sequence (or byte, when not UTF-8) that stops it, 0 at the end.
 * The writers (XML, XLSX) put U+FFFD in place of the skipped sequence.
 */
size_t	 utf8_xml_span(const char *s, size_t len, size_t *skip);

/* U+FFFD, the replacement character, in UTF-8. */
#define UTF8_REPLACEMENT	"\xef\xbf\xbd"

/*
 * A copy of the NUL-terminated s (malloc'd, NULL when out of memory) with
 * U+FFFD in place of every sequence utf8_xml_span stops at: text every
 * XML writer can take as it is.
 */
char	*utf8_xml_clean(const char *s);

#endif
