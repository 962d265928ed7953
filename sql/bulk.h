/*
 * Bulk loads (sql/bulk.c): many rows into an empty database, fast.  The
 * demo loader (admin/demo/) is the one user.
 *
 * The rows of one INSERT (a statement of sqls.c with its column types,
 * struct sqldef's bulk) are filled a row at a time, a value at a time in
 * column order, into batches of cap rows.  A full batch is sent by a
 * writer thread on a connection of its own, as one array execution
 * (MariaDB array binding: one transaction in autocommit), while the next
 * batch is filled.  The writers' session skips unique and foreign key
 * checks and the figures' triggers (SQL_BULK_SESSION): the rows must be
 * consistent, and the figures' summary tables are rebuilt after the load
 * (db_stats_rebuild).  Errors are logged and sticky.
 */
#ifndef LIANXIN_BULK_H
#define LIANXIN_BULK_H

#include <stdbool.h>
#include <time.h>

#include "sqls.h"

struct config;
struct db;
struct db_bulk;

/*
 * Connect, prepare the INSERT sql and start its writer; name (the table)
 * is for messages.  NULL after a log line.
 */
struct db_bulk	*db_bulk_open(const struct config *, enum sql sql,
		    const char *name, unsigned int cap);
/*
 * Send what is left, stop the writer and free b.  Returns 0 when every
 * row went in, else -1 (also for a NULL b: its open failed).
 */
int		 db_bulk_close(struct db_bulk *b);
/* True once a batch failed to go in (the rest are not sent). */
bool		 db_bulk_failed(struct db_bulk *b);

/*
 * Start a row (handing a full batch to the writer first), and end it.
 * Between them, one value per column in order: a value of the wrong type
 * or a row short of columns is a bug and aborts.
 */
void		 db_bulk_row(struct db_bulk *b);
void		 db_bulk_row_end(struct db_bulk *b);
void		 db_bulk_null(struct db_bulk *b);
void		 db_bulk_int(struct db_bulk *b, long long v);
/* An id, or NULL for 0. */
void		 db_bulk_ref(struct db_bulk *b, long long id);
/* A string, NULL for NULL, cut at a character boundary to fit. */
void		 db_bulk_str(struct db_bulk *b, const char *s);
/* A DATETIME column: UTC time t, NULL for 0. */
void		 db_bulk_time(struct db_bulk *b, time_t t);
/* A DATE column: the calendar date of day number day (lib/day.h). */
void		 db_bulk_date(struct db_bulk *b, int day);

/*
 * The load as a whole, on db's connection: one at a time (the lock,
 * held until db_bulk_unlock or the connection ends), and only into an
 * empty database.  db_bulk_lock returns DB_OK, or DB_CONFLICT when
 * another load holds the lock; db_bulk_has_data sets *has to 1 when
 * regions, users, requests or members exist.  Both return a db_rc.
 */
int		 db_bulk_lock(struct db *);
void		 db_bulk_unlock(struct db *);
int		 db_bulk_has_data(struct db *, int *has);
/*
 * Update the optimizer's statistics of the tables a load filled (once
 * the figures are rebuilt).  Returns a db_rc.
 */
int		 db_bulk_analyze(struct db *);

#endif
