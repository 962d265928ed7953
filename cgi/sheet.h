/*
 * Tables as files for download: CSV or XLSX, written row by row and
 * streamed to the client, for the exports (cgi/export.c).
 *
 * CSV: UTF-8 with a BOM (Excel and WPS then read it as UTF-8), CRLF line
 * ends, RFC 4180 quoting (a field with a comma, quote, CR or LF is
 * quoted, quotes doubled), one header row with the Chinese column titles,
 * then the rows; times as local "YYYY-MM-DD HH:MM", rates as "93.5%".
 * The CSV is the bare table, so that it reads back anywhere; what it
 * covers is in its file name (scope and period), and where a row means
 * nothing without it, in columns of every row (the figures: scope,
 * period, as-of time; cgi/export.c).
 *
 * XLSX (libxlsxwriter, constant_memory mode: memory stays flat however
 * many rows): the table on the first sheet, the one the workbook opens
 * on: a bold shaded header row, frozen below the header, column widths
 * from the column table, times as real Excel date-times ("yyyy-mm-dd
 * hh:mm"), rates as numbers in percent format ("0.0%"), hours with one
 * decimal.  A sheet holds at most 1,048,575 rows; more continue on
 * further sheets with the same header.  After the table, a sheet "说明"
 * stating the notes (scope, period, filters, "as of", rows) and the
 * definition of every column.  The workbook is made in a temporary file
 * in a private directory (mode 0700), unlinked once open, and then sent
 * with its length.
 *
 * Formula injection: a text cell beginning with = + - @, a tab or a
 * carriage return must not be taken for a formula.  In the CSV, which has
 * no cell types, it gets a single quote ' in front (the quote shows).  In
 * the XLSX its text is kept as it is: it is a string cell (never a
 * formula), in the Text number format ("@"), so that a spreadsheet keeps
 * it as text even when the cell is edited and entered again.  (Excel's
 * quote-prefix style would do the same; libxlsxwriter has it from 1.1.5
 * on, format_set_quote_prefix, and Debian 12 ships 1.1.4.)  Numbers,
 * times and rates are written as such and never need it.
 *
 * File names: the Chinese name goes in RFC 5987's filename* (UTF-8,
 * percent-encoded), with a plain ASCII filename for old clients:
 *   Content-Disposition: attachment; filename="requests.csv";
 *     filename*=UTF-8''%E8%AF%89...
 */
#ifndef LIANXIN_SHEET_H
#define LIANXIN_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct req;

enum sheet_fmt { SHEET_CSV, SHEET_XLSX, SHEET__MAX };

/* A column; what it holds is how its cells are written (sheet_text, ...). */
struct sheet_col {
	const char	*title;		/* header, Chinese */
	double		 width;		/* XLSX width in characters */
	const char	*def;		/* definition, for the 说明 sheet */
};

struct sheet;

/*
 * Make the private directory of the workbooks; once, at start-up, before
 * the threads.  Returns 0, or -1 (logged): XLSX exports then answer 500.
 */
int		 sheet_init(void);

/* The formats' file extensions, "csv" and "xlsx" (codes of V_ENUM). */
extern const char *const sheet_fmt_names[SHEET__MAX];

/*
 * Start a file: name is the Chinese file name without extension, ascii
 * the plain one, title the name of the table's sheet.  A CSV's header
 * block and header row are sent at once; an XLSX is sent by sheet_close.
 * Returns NULL after answering 500 (nothing could be made).
 */
struct sheet	*sheet_open(struct req *, enum sheet_fmt, const char *name,
		    const char *ascii, const char *title,
		    const struct sheet_col *, size_t ncols);

/*
 * A CSV text cell s onto out (a comma before it unless first): RFC 4180
 * quoting when it holds a comma, quote, CR or LF, the quote ' in front
 * when a spreadsheet could take it for a formula.
 */
struct buf;
void		 sheet_csv_text(struct buf *out, bool first, const char *s);

/* A line of the XLSX 说明 sheet (ignored for CSV); value is copied. */
void		 sheet_note(struct sheet *, const char *key, const char *value);

/* The cells of a row, left to right; then sheet_row_end. */
void		 sheet_text(struct sheet *, const char *);
void		 sheet_time(struct sheet *, time_t);	/* 0: empty */
void		 sheet_int(struct sheet *, long long);
void		 sheet_tenths(struct sheet *, long long);
/* hundredths as "12.34" (points), an XLSX number in "0.00" */
void		 sheet_hundredths(struct sheet *, long long);
void		 sheet_rate(struct sheet *, long long num, long long den);
void		 sheet_real(struct sheet *, double);
void		 sheet_empty(struct sheet *);
/* End a row: 0, or -1 when the file cannot go on (client gone). */
int		 sheet_row_end(struct sheet *);

/*
 * Finish and send the file, or, when rc is a database failure (a
 * negative db_rc), give up: a CSV already under way is cut off (the
 * client sees a truncated download), an XLSX not yet sent is answered
 * with the failure's page.  Frees the sheet.  Returns 0 when the whole
 * file went out, else -1.
 */
int		 sheet_close(struct sheet *, int rc);

#endif
