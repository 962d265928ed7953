/*
 * Reading UTF-8 CSV files for imports: one declarative column table, every
 * field checked, every error kept as (line, field, reason in Chinese).
 * Pure C over libcsv; no SQL, no HTTP; text is checked by utf8.h.  Used
 * by the admin command's imports (admin/import.c) and the roster import
 * (sql/members.c).
 *
 * The file: UTF-8, an optional BOM, CRLF or LF line ends, RFC 4180
 * quoting (strict: a quote inside an unquoted field is an error), a
 * header row naming the columns (English or Chinese names, any order;
 * unknown and repeated columns are errors), at most CSVIN_MAX_ROWS data
 * rows and CSVIN_MAX_BYTES bytes.  Blank lines are skipped.  Line numbers
 * are physical lines of the file, the header being line 1; a row that
 * spans lines (a quoted line break) has the number of its first line.
 */
#ifndef LIANXIN_CSVIN_H
#define LIANXIN_CSVIN_H

#include <stdbool.h>
#include <stddef.h>

#include "utf8.h"

#define CSVIN_MAX_ROWS	 100000
#define CSVIN_MAX_BYTES	 (16 * 1024 * 1024)
#define CSVIN_MAX_COLS	 64		/* columns of a header */
#define CSVIN_MAX_NAMES	 4		/* names of one column */

enum csvin_kind {
	CSVIN_TEXT,	/* one line of text, min..max characters */
	CSVIN_LONGTEXT,	/* text that may hold line breaks, min..max chars */
	CSVIN_INT,	/* whole number in min..max */
	CSVIN_ASCII,	/* min..max bytes, each one of charset */
	CSVIN_ENUM,	/* one of words (case-insensitive ASCII) */
	CSVIN_PHONE,	/* mainland mobile number: 1[3-9] and 9 digits */
	CSVIN__MAX
};

enum csvin_need {
	CSVIN_OPTIONAL,	/* the column may be missing, a value empty */
	CSVIN_COLUMN,	/* the column must be there, a value may be empty */
	CSVIN_REQUIRED,	/* the column must be there, every value too */
};

/* One accepted spelling of an enumeration and what it stands for. */
struct csvin_word {
	const char	*word;
	int		 value;
};

struct csvin_col {
	const char	*names[CSVIN_MAX_NAMES]; /* [0] is used in messages */
	enum csvin_kind	 kind;
	enum csvin_need	 need;
	long long	 min;		/* bounds, see enum csvin_kind */
	long long	 max;
	const char	*charset;	/* CSVIN_ASCII: allowed bytes */
	const struct csvin_word *words;	/* CSVIN_ENUM: ends with NULL word */
};

struct csvin_val {
	const char	*s;		/* the text ("" if empty or no column) */
	long long	 i;		/* CSVIN_INT, CSVIN_ENUM: the value */
	bool		 present;	/* not empty */
	bool		 ok;		/* passed its check (empty ones too) */
};

struct csvin_row {
	size_t		 line;		/* first physical line */
	bool		 ok;		/* every value passed */
	struct csvin_val *v;		/* one per column of the table */
	void		*mem;		/* private: the values' storage */
};

struct csvin_error {
	size_t		 line;		/* 0: the file as a whole */
	char		*field;		/* column name, "" for none */
	char		*reason;	/* Chinese, for the user */
	size_t		 seq;		/* order of finding */
};

struct csvin_errors {
	struct csvin_error *e;
	size_t		 n, cap;
	bool		 nomem;		/* an error could not be stored */
};

/*
 * The data rows of a file with the right number of fields, in file
 * order.  Rows with a bad value are here too (ok false), so that checks
 * across rows see every key; their errors are already reported.
 */
struct csvin_table {
	const struct csvin_col *cols;
	size_t		 ncols;
	bool		 has[CSVIN_MAX_COLS]; /* column i is in the header */
	struct csvin_row *rows;
	size_t		 nrows, cap;
};

/* The former name of lib/utf8.h's utf8_check (test_csvin uses it). */
#define csvin_utf8	 utf8_check

/*
 * Check the value s (len bytes, NUL-terminated) against its column; sets
 * v.  Returns 0, or -1 after writing the reason (Chinese) into why.
 */
int	 csvin_check(const struct csvin_col *, const char *s, size_t len,
	    struct csvin_val *v, char *why, size_t sz);

/*
 * Parse the len bytes of buf against the column table into t, adding
 * every error to errs.  Returns 0 when the file could be read through
 * (look at errs->n for bad rows), or -1 when out of memory.  Free t
 * with csvin_table_free even on failure.
 */
int	 csvin_parse(const char *buf, size_t len, const struct csvin_col *,
	    size_t ncols, struct csvin_table *t, struct csvin_errors *errs);
void	 csvin_table_free(struct csvin_table *);

/*
 * Read a whole file ("-": standard input) of at most CSVIN_MAX_BYTES into
 * *buf (NUL-terminated, free it).  Returns 0, or -1 after adding a
 * file-level error to errs.
 */
int	 csvin_slurp(const char *path, char **buf, size_t *len,
	    struct csvin_errors *errs);

/* Add an error; the reason is printf-formatted. */
void	 csvin_error(struct csvin_errors *, size_t line, const char *field,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Order errors by line, keeping the order of one line's errors. */
void	 csvin_errors_sort(struct csvin_errors *);
void	 csvin_errors_free(struct csvin_errors *);

#endif
