/*
 * libFuzzer driver: the Open311 JSON writer.  The bytes become a
 * request's description (open311_str, as from the database), the array
 * is written with open311_send's flags and read back with jansson: it
 * must parse and equal what was written, and well-formed text without a
 * NUL must come back byte for byte.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "open311int.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t		*root = NULL, *v, *back;
	json_error_t	 e;
	char		*s, *out;

	if ((s = strndup((const char *)data, size)) == NULL)
		return 0;
	/* The array of one request, as open311_send writes it. */
	if ((v = open311_str(s)) == NULL || (root = json_pack("[{s:O}]",
	    "description", v)) == NULL || (out = json_dumps(root,
	    JSON_COMPACT | JSON_REAL_PRECISION(10))) == NULL)
		goto done;
	if ((back = json_loads(out, 0, &e)) == NULL)
		abort();		/* not JSON */
	if (!json_equal(root, back))
		abort();		/* not what was written */
	/* strndup stopped at a NUL: s is the text up to it. */
	if (json_string_length(v) == strlen(s) &&
	    strcmp(json_string_value(v), s) != 0)
		abort();
	json_decref(back);
	free(out);
done:
	json_decref(v);
	json_decref(root);
	free(s);
	return 0;
}
