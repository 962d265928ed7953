/*
 * libFuzzer driver: the CSV export writer (sheet_csv_text).  The bytes,
 * split at NUL bytes, are the cells of a row; the row written is read
 * back with libcsv (as lib/csvin.c reads, spaces kept) and every cell
 * must come back as it was, with the quote ' in front of those a
 * spreadsheet could take for a formula.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "buf.h"
#include "sheet.h"

#define MAX_CELLS	64

struct back {
	char	*cell[MAX_CELLS + 1];
	size_t	 n;
	size_t	 rows;
};

static void
on_field(void *s, size_t len, void *arg)
{
	struct back	*b = arg;

	if (b->n <= MAX_CELLS && (b->cell[b->n] = malloc(len + 1)) != NULL) {
		memcpy(b->cell[b->n], s, len);
		b->cell[b->n][len] = '\0';
	}
	b->n++;
}

static void
on_row(int c, void *arg)
{
	(void)c;
	((struct back *)arg)->rows++;
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 out = { NULL, 0, 0, false };
	struct back	 b = { { NULL }, 0, 0 };
	struct csv_parser p;
	const char	*cell[MAX_CELLS];
	char		*s;
	size_t		 n = 0, i, off;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (off = 0; off <= size && n < MAX_CELLS; off += strlen(s + off) + 1)
		cell[n++] = s + off;
	for (i = 0; i < n; i++)
		sheet_csv_text(&out, i == 0, cell[i]);
	buf_addn(&out, "\r\n", 2);
	if (out.oom || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		goto done;
	csv_set_space_func(&p, no_space);
	if (csv_parse(&p, out.p, out.len, on_field, on_row, &b) != out.len ||
	    csv_fini(&p, on_field, on_row, &b) != 0)
		abort();		/* not CSV */
	csv_free(&p);
	if (n == 1 && cell[0][0] == '\0' && b.rows == 0)
		goto done;		/* an empty line: no row */
	if (b.rows != 1 || b.n != n)
		abort();
	for (i = 0; i < n; i++) {
		const char	*c = cell[i], *got = b.cell[i];

		if (got == NULL)
			continue;	/* out of memory */
		if (strchr("=+-@\t\r", c[0]) != NULL && c[0] != '\0') {
			if (got[0] != '\'')
				abort();
			got++;
		}
		if (strcmp(got, c) != 0)
			abort();
	}
done:
	for (i = 0; i < b.n && i <= MAX_CELLS; i++)
		free(b.cell[i]);
	buf_free(&out);
	free(s);
	return 0;
}
