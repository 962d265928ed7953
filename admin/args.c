/*
 * Arguments of the admin command's subcommands.
 */
#include <errno.h>
#include <stdlib.h>

#include "admin.h"

int
admin_parse_long(const char *s, long lo, long hi, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}
