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
 * U+2028/2029 and a NUL inside refused).  Sets *nchars (when not NULL)
 * to its length in characters.  Returns 0, -1 for bad UTF-8, -2 for a
 * control character.
 */
int	 utf8_check(const char *s, size_t len, bool multiline, size_t *nchars);

#endif
