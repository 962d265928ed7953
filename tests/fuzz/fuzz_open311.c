/*
 * libFuzzer driver: the Open311 query parameters.  The bytes are decoded
 * as a query string (http_parse_form); every value then meets the
 * datetime, id list, service code and status parsers, and a parsed time
 * is written back out.  Must never crash, leak, or read out of bounds.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "isotime.h"
#include "open311.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char	 ids[OPEN311_MAX_IDS][DB_TRACKING_LEN + 1];
	struct kv	*kv;
	char		 out[32];
	time_t		 t;
	size_t		 n, i, nid;
	bool		 o, c;

	if (http_parse_form((const char *)data, size, &kv, &n) == -1)
		return 0;
	for (i = 0; i < n; i++) {
		if (isotime_parse(kv[i].val, &t) == 0)
			(void)isotime_format(t, out);
		(void)open311_ids(kv[i].val, ids, OPEN311_MAX_IDS, &nid);
		(void)open311_codes(kv[i].val);
		(void)open311_statuses(kv[i].val, &o, &c);
	}
	http_free_kv(kv, n);
	return 0;
}
