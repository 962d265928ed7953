/*
 * libFuzzer driver: the CSV import reader (csvin_parse) with a column
 * table like that of the regions import, plus every other kind of value.
 * Must never crash, leak, or read out of bounds, whatever the bytes, and
 * every row and error it returns must be well-formed.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"

static const struct csvin_word levels[] = {
	{ "1", 1 }, { "2", 2 }, { "3", 3 }, { "4", 4 },
	{ "区", 1 }, { "街道", 2 }, { "社区", 3 }, { "网格", 4 },
	{ NULL, 0 },
};

static const struct csvin_col cols[] = {
	{ { "code", "编码" }, CSVIN_ASCII, CSVIN_REQUIRED, 1, 32,
	    "a-zA-Z0-9_-", NULL },
	{ { "name", "名称" }, CSVIN_TEXT, CSVIN_REQUIRED, 1, 64, NULL, NULL },
	{ { "level", "层级" }, CSVIN_ENUM, CSVIN_REQUIRED, 0, 0, NULL, levels },
	{ { "parent_code", "上级编码" }, CSVIN_ASCII, CSVIN_COLUMN, 1, 32,
	    "a-zA-Z0-9_-", NULL },
	{ { "sort", "排序" }, CSVIN_INT, CSVIN_OPTIONAL, -1000000, 1000000,
	    NULL, NULL },
	{ { "note", "说明" }, CSVIN_LONGTEXT, CSVIN_OPTIONAL, 0, 500, NULL,
	    NULL },
	{ { "phone", "手机" }, CSVIN_PHONE, CSVIN_OPTIONAL, 0, 0, NULL, NULL },
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvin_table	 t;
	struct csvin_errors	 e;
	size_t			 i, k, line = 0;

	memset(&e, 0, sizeof(e));
	if (csvin_parse((const char *)data, size, cols, NCOLS, &t, &e) == 0) {
		for (i = 0; i < t.nrows; i++) {
			if (t.rows[i].line <= line)
				abort();	/* rows in file order */
			line = t.rows[i].line;
			for (k = 0; k < NCOLS; k++)
				if (strlen(t.rows[i].v[k].s) > size)
					abort();
		}
		csvin_errors_sort(&e);
		for (i = 0; i < e.n; i++)
			if (e.e[i].reason == NULL || e.e[i].field == NULL ||
			    (i > 0 && e.e[i].line < e.e[i - 1].line))
				abort();
	}
	csvin_table_free(&t);
	csvin_errors_free(&e);
	return 0;
}
