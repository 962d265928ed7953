/*
 * libFuzzer driver: form and query decoding (http_parse_form) and the
 * validators that every decoded value then meets.  Must never crash,
 * leak, or read out of bounds, whatever the bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "valid.h"

static const struct vfield fields[] = {
	{ "t", "t", V_TEXT, true, 1, 200 },
	{ "l", "l", V_LONGTEXT, true, 10, 2000 },
	{ "i", "i", V_INT, true, 1, 65535 },
	{ "p", "p", V_PHONE, true, 0, 0 },
	{ "c", "c", V_CHECK, true, 0, 0 },
	{ "d", "d", V_DECIMAL, false, -180000000, 180000000 },
	{ "k", "k", V_TOKEN, true, 32, 32 },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vvalue	 v;
	struct kv	*kv;
	size_t		 n, i, f;

	if (http_parse_form((const char *)data, size, &kv, &n) == -1)
		return 0;
	for (i = 0; i < n; i++)
		for (f = 0; f < sizeof(fields) / sizeof(fields[0]); f++)
			(void)valid_field(&fields[f], kv[i].val, &v);
	http_free_kv(kv, n);
	return 0;
}
