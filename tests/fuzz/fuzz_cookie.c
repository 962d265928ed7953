/*
 * libFuzzer driver: the Cookie header parser (cookie_find) as the staff
 * pages use it, on any bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*h, out[64];

	if ((h = malloc(size + 1)) == NULL)
		return 0;
	memcpy(h, data, size);
	h[size] = '\0';
	(void)cookie_find(h, AUTH_COOKIE, out, sizeof(out));
	(void)cookie_find(h, AUTH_PRE_COOKIE, out, sizeof(out));
	(void)cookie_find(h, "a", out, 2);
	free(h);
	return 0;
}
