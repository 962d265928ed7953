/*
 * libFuzzer driver: the CSV imports (admin/import.c) without a database —
 * the reader with each kind's column table (regions, categories, users,
 * compounds, holidays, units, orgs), the duplicate keys of a file (units
 * and orgs: a name once per region code), parents within the
 * file (self, later rows, wrong levels), roles against region levels, the
 * password policy, compounds' aliases and points, and a holiday notice's
 * dates, its one year and its worked weekend days (import_check_buffer).
 * Must never crash, leak, or read out of
 * bounds, whatever the bytes, and every error must be well-formed.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "import.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvin_errors	 e;
	size_t			 i, nrows;
	int			 k;

	for (k = 0; k < IMPORT__MAX; k++) {
		memset(&e, 0, sizeof(e));
		if (import_check_buffer((enum import_kind)k,
		    (const char *)data, size, &e, &nrows) == 0) {
			/* A data row takes at least a line end or a byte. */
			if (nrows > size)
				abort();
			csvin_errors_sort(&e);
			for (i = 0; i < e.n; i++)
				if (e.e[i].reason == NULL ||
				    e.e[i].field == NULL ||
				    e.e[i].reason[0] == '\0' ||
				    (i > 0 && e.e[i].line < e.e[i - 1].line))
					abort();
		}
		csvin_errors_free(&e);
	}
	return 0;
}
