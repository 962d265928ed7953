/*
 * libFuzzer driver: the link tokens of messages (linktok_check), as
 * /t/TOKEN reads them from the path, on any bytes.  A token it accepts
 * must be one linktok_make gives for the same id (nothing else passes).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "linktok.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char	 key[LINKTOK_KEYBYTES];
	static int		 made;
	char			*s, again[LINKTOK_LEN + 1];
	long long		 id = 0;

	if (!made) {
		linktok_key("fuzz", key);
		made = 1;
	}
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (linktok_check(key, s, 0, &id) == 0) {
		/* Only tokens of this key: a forgery would be a finding. */
		linktok_make(key, id, 0, again);
		if (strncmp(s, again, 8) != 0)
			abort();
	}
	free(s);
	return 0;
}
