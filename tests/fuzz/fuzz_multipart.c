/*
 * libFuzzer driver: multipart/form-data bodies (lib/multipart.c) as the
 * daemon decodes them (http_parse_multipart), and the Content-Type's
 * boundary.  The first line of the input is the Content-Type, the rest
 * the body.  Must never crash, leak, or read out of bounds, and every
 * part must lie inside the body.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "multipart.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 boundary[MULTIPART_BOUNDARY_MAX + 1], *ct, *body;
	const char	*nl = memchr(data, '\n', size);
	struct mpart	 parts[16];
	struct kv	*kv;
	size_t		 cl, bl, n, i;

	if (nl == NULL)
		return 0;
	cl = (size_t)(nl - (const char *)data);
	bl = size - cl - 1;
	if ((ct = malloc(cl + 1)) == NULL || (body = malloc(bl + 1)) == NULL) {
		free(ct);
		return 0;
	}
	memcpy(ct, data, cl);
	ct[cl] = '\0';
	/* The body exactly as long as it is: ASan sees any overread. */
	memcpy(body, nl + 1, bl);
	if (multipart_boundary(ct, boundary) == 0) {
		if (multipart_parse(body, bl, boundary, parts, 16, &n) == 0)
			for (i = 0; i < n; i++)
				if (parts[i].data < body || parts[i].data +
				    parts[i].len > body + bl)
					abort();
		if (http_parse_multipart(body, bl, boundary, &kv, &n) == 0) {
			for (i = 0; i < n; i++)
				if (kv[i].val[kv[i].len] != '\0' ||
				    (!kv[i].file && strlen(kv[i].val) !=
				    kv[i].len))
					abort();
			http_free_kv(kv, n);
		}
	}
	free(ct);
	free(body);
	return 0;
}
