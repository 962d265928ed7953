/*
 * Bulk loads (see bulk.h): batches of rows bound row-wise
 * (STMT_ATTR_ROW_SIZE) and sent as one array execution by a writer
 * thread with its own connection.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>

#include "bulk.h"
#include "config.h"
#include "day.h"
#include "dbint.h"
#include "log.h"

#define MAXCOL	32		/* columns of the widest INSERT */

/* The cell of each type letter of struct sqldef's bulk. */
static const struct celltype {
	char			 letter;
	enum enum_field_types	 type;
	size_t			 size;	/* bytes of the value */
} celltypes[] = {
	{ 'i', MYSQL_TYPE_LONGLONG, sizeof(long long) },
	{ 's', MYSQL_TYPE_STRING, 128 },
	{ 'S', MYSQL_TYPE_STRING, 512 },
	{ 't', MYSQL_TYPE_DATETIME, sizeof(MYSQL_TIME) },
	{ 'd', MYSQL_TYPE_DATE, sizeof(MYSQL_TIME) },
};

/*
 * A row holds, per column, the value, its length and its indicator.  A
 * full batch changes places with the spare one, which the writer sends.
 */
struct db_bulk {
	MYSQL		*my;		/* the writer's connection */
	MYSQL_STMT	*st;
	const char	*name, *types;	/* table; sqls[].bulk */
	size_t		 ncol, rowsz, col; /* columns; row bytes; next column */
	size_t		 off[MAXCOL];	/* cell offsets in a row */
	const struct celltype *ct[MAXCOL];
	unsigned char	*fill, *send, *row; /* rows filled; sent; current */
	unsigned int	 n, nsend, cap;	/* rows in fill; in send; capacity */
	long long	 total;		/* rows sent */
	bool		 failed, quit, started;
	pthread_t	 thread;
	pthread_mutex_t	 mu;		/* guards nsend, total, failed, quit */
	pthread_cond_t	 cv;
};

/* Connect with the bulk session's settings; NULL after a log line. */
static MYSQL *
bulk_connect(const struct config *c)
{
	MYSQL		*my;
	const char	*set = sqls[SQL_BULK_SESSION].text;
	unsigned int	 timeout = (unsigned int)c->db_connect_timeout;

	if ((my = mysql_init(NULL)) == NULL)
		return NULL;
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (mysql_real_connect(my, c->db_socket[0] ? "localhost" : c->db_host,
	    c->db_user, c->db_password, c->db_name, (unsigned)c->db_port,
	    c->db_socket[0] ? c->db_socket : NULL, 0) == NULL ||
	    mysql_real_query(my, set, strlen(set)) != 0) {
		log_err("db: bulk: cannot connect: %s", mysql_error(my));
		mysql_close(my);
		return NULL;
	}
	return my;
}

/* Execute the send rows as one array; returns 0 or -1 (logged). */
static int
batch_send(struct db_bulk *b)
{
	MYSQL_BIND	 bind[MAXCOL];
	unsigned int	 n = b->nsend;
	unsigned char	*cell;
	size_t		 c;

	memset(bind, 0, sizeof(bind));
	for (c = 0; c < b->ncol; c++) {
		cell = b->send + b->off[c];
		bind[c].buffer_type = b->ct[c]->type;
		bind[c].buffer = cell;
		bind[c].buffer_length = b->ct[c]->size;
		if (b->ct[c]->type == MYSQL_TYPE_STRING)
			bind[c].length = (unsigned long *)(cell + b->ct[c]->size);
		bind[c].u.indicator = (char *)cell + b->ct[c]->size +
		    sizeof(unsigned long);
	}
	if (mysql_stmt_attr_set(b->st, STMT_ATTR_ARRAY_SIZE, &n) != 0 ||
	    mysql_stmt_attr_set(b->st, STMT_ATTR_ROW_SIZE, &b->rowsz) != 0 ||
	    mysql_stmt_bind_param(b->st, bind) != 0 ||
	    mysql_stmt_execute(b->st) != 0) {
		log_err("db: bulk %s: %s", b->name, mysql_stmt_error(b->st));
		return -1;
	}
	return 0;
}

/* The writer thread: sends what batch_flush() hands over, until quit. */
static void *
batch_writer(void *arg)
{
	struct db_bulk	*b = arg;
	int		 rc;

	mysql_thread_init();
	pthread_mutex_lock(&b->mu);
	for (;;) {
		while (b->nsend == 0 && !b->quit)
			pthread_cond_wait(&b->cv, &b->mu);
		if (b->nsend == 0)
			break;
		pthread_mutex_unlock(&b->mu);
		rc = batch_send(b);
		pthread_mutex_lock(&b->mu);
		if (rc == -1)
			b->failed = true;
		else
			b->total += b->nsend;
		b->nsend = 0;
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	mysql_thread_end();
	return NULL;
}

struct db_bulk *
db_bulk_open(const struct config *cfg, enum sql sql, const char *name,
    unsigned int cap)
{
	struct db_bulk	*b;
	size_t		 c, k;

	if ((b = calloc(1, sizeof(*b))) == NULL) {
		log_err("db: bulk %s: out of memory", name);
		return NULL;
	}
	b->name = name;
	b->types = sqls[sql].bulk;
	b->ncol = b->types != NULL ? strlen(b->types) : 0;
	b->cap = cap;
	if (b->ncol == 0 || b->ncol > MAXCOL) {
		log_err("db: bulk %s: statement %d is not a bulk INSERT", name,
		    (int)sql);
		goto fail;
	}
	for (c = 0; c < b->ncol; c++) {
		for (k = 0; k < NELEM(celltypes) &&
		    celltypes[k].letter != b->types[c]; k++)
			continue;
		if (k == NELEM(celltypes)) {
			log_err("db: bulk %s: no column type '%c'", name,
			    b->types[c]);
			goto fail;
		}
		b->ct[c] = &celltypes[k];
		b->off[c] = b->rowsz;
		b->rowsz += (celltypes[k].size + sizeof(unsigned long) + 8) &
		    ~(size_t)7;
	}
	if ((b->fill = calloc(cap, b->rowsz)) == NULL ||
	    (b->send = calloc(cap, b->rowsz)) == NULL) {
		log_err("db: bulk %s: out of memory", name);
		goto fail;
	}
	if ((b->my = bulk_connect(cfg)) == NULL)
		goto fail;
	if ((b->st = mysql_stmt_init(b->my)) == NULL ||
	    mysql_stmt_prepare(b->st, sqls[sql].text,
	    strlen(sqls[sql].text)) != 0 ||
	    mysql_stmt_param_count(b->st) != b->ncol) {
		log_err("db: bulk %s: cannot prepare: %s", name,
		    b->st ? mysql_stmt_error(b->st) : "out of memory");
		goto fail;
	}
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	if (pthread_create(&b->thread, NULL, batch_writer, b) != 0) {
		log_err("db: bulk %s: cannot start a thread", name);
		pthread_mutex_destroy(&b->mu);
		pthread_cond_destroy(&b->cv);
		goto fail;
	}
	b->started = true;
	return b;
fail:
	(void)db_bulk_close(b);
	return NULL;
}

bool
db_bulk_failed(struct db_bulk *b)
{
	bool	 failed;

	pthread_mutex_lock(&b->mu);
	failed = b->failed;
	pthread_mutex_unlock(&b->mu);
	return failed;
}

/* Hand the filled rows to the writer once it is free. */
static void
batch_flush(struct db_bulk *b)
{
	unsigned char	*t;

	pthread_mutex_lock(&b->mu);
	while (b->nsend != 0)
		pthread_cond_wait(&b->cv, &b->mu);
	if (b->n > 0 && !b->failed) {
		t = b->send, b->send = b->fill, b->fill = t;
		b->nsend = b->n;
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	b->n = 0;
}

int
db_bulk_close(struct db_bulk *b)
{
	int	 rc = -1;

	if (b == NULL)
		return -1;
	if (b->started) {
		batch_flush(b);
		pthread_mutex_lock(&b->mu);
		b->quit = true;
		pthread_cond_broadcast(&b->cv);
		pthread_mutex_unlock(&b->mu);
		pthread_join(b->thread, NULL);
		pthread_mutex_destroy(&b->mu);
		pthread_cond_destroy(&b->cv);
		rc = b->failed ? -1 : 0;
	}
	if (b->st != NULL)
		mysql_stmt_close(b->st);
	if (b->my != NULL)
		mysql_close(b->my);
	free(b->fill);
	free(b->send);
	free(b);
	return rc;
}

void
db_bulk_row(struct db_bulk *b)
{
	if (b->n == b->cap)
		batch_flush(b);
	b->row = b->fill + (size_t)b->n * b->rowsz;
	b->col = 0;
}

void
db_bulk_row_end(struct db_bulk *b)
{
	if (b->col != b->ncol) {
		log_err("db: bulk %s: %zu of %zu columns", b->name, b->col,
		    b->ncol);
		abort();
	}
	b->n++;
}

/*
 * The next cell, which must be of type letter ('s' also takes 'S', '*'
 * any); sets its indicator and, for strings, its length.
 */
static unsigned char *
cell(struct db_bulk *b, char letter, char indicator, unsigned long len)
{
	unsigned char	*p;
	char		 have = b->col < b->ncol ? b->types[b->col] : '?';
	size_t		 size;

	if (have == '?' || (have != letter && letter != '*' &&
	    !(letter == 's' && have == 'S'))) {
		log_err("db: bulk %s: column %zu is '%c', not '%c'", b->name,
		    b->col, have, letter);
		abort();
	}
	size = b->ct[b->col]->size;
	p = b->row + b->off[b->col++];
	memcpy(p + size, &len, sizeof(len));
	p[size + sizeof(len)] = indicator;
	return p;
}

void
db_bulk_null(struct db_bulk *b)
{
	(void)cell(b, '*', STMT_INDICATOR_NULL, 0);
}

void
db_bulk_int(struct db_bulk *b, long long v)
{
	memcpy(cell(b, 'i', STMT_INDICATOR_NONE, 0), &v, sizeof(v));
}

void
db_bulk_ref(struct db_bulk *b, long long v)
{
	if (v == 0)
		db_bulk_null(b);
	else
		db_bulk_int(b, v);
}

void
db_bulk_str(struct db_bulk *b, const char *s)
{
	size_t	 len, size;

	if (s == NULL) {
		db_bulk_null(b);
		return;
	}
	size = b->col < b->ncol ? b->ct[b->col]->size : 0;
	if ((len = strlen(s)) > size)
		for (len = size; len > 0 && (s[len] & 0xc0) == 0x80; len--)
			continue;
	memcpy(cell(b, 's', STMT_INDICATOR_NONE, len), s, len);
}

void
db_bulk_time(struct db_bulk *b, time_t t)
{
	MYSQL_TIME	 m;
	struct tm	 tm;

	if (t == 0) {
		db_bulk_null(b);
		return;
	}
	gmtime_r(&t, &tm);
	memset(&m, 0, sizeof(m));
	m.year = (unsigned)tm.tm_year + 1900;
	m.month = (unsigned)tm.tm_mon + 1;
	m.day = (unsigned)tm.tm_mday;
	m.hour = (unsigned)tm.tm_hour;
	m.minute = (unsigned)tm.tm_min;
	m.second = (unsigned)tm.tm_sec;
	m.time_type = MYSQL_TIMESTAMP_DATETIME;
	memcpy(cell(b, 't', STMT_INDICATOR_NONE, 0), &m, sizeof(m));
}

void
db_bulk_date(struct db_bulk *b, int day)
{
	MYSQL_TIME	 m;
	int		 y, mo, d;

	day_ymd(day, &y, &mo, &d);
	memset(&m, 0, sizeof(m));
	m.year = (unsigned)y;
	m.month = (unsigned)mo;
	m.day = (unsigned)d;
	m.time_type = MYSQL_TIMESTAMP_DATE;
	memcpy(cell(b, 'd', STMT_INDICATOR_NONE, 0), &m, sizeof(m));
}

/* ---- The load as a whole, on an ordinary connection ---- */

/* One integer from a statement without parameters. */
static int
one_int(struct db *db, enum sql id, long long *v)
{
	struct dbr	 r[] = { R_INT(v) };

	*v = 0;
	return db_one(db, id, NULL, 0, r, NELEM(r));
}

int
db_bulk_lock(struct db *db)
{
	long long	 v;
	int		 rc;

	if ((rc = one_int(db, SQL_BULK_LOCK, &v)) != DB_OK)
		return rc == DB_NOTFOUND ? DB_ERROR : rc;
	return v == 1 ? DB_OK : DB_CONFLICT;
}

void
db_bulk_unlock(struct db *db)
{
	long long	 v;

	(void)one_int(db, SQL_BULK_UNLOCK, &v);
}

int
db_bulk_has_data(struct db *db, int *has)
{
	long long	 v;
	int		 rc;

	rc = one_int(db, SQL_BULK_HAS_DATA, &v);
	*has = v != 0;
	return rc == DB_NOTFOUND ? DB_ERROR : rc;
}

int
db_bulk_analyze(struct db *db)
{
	MYSQL_STMT	*st;
	int		 rc;

	if ((rc = db_exec(db, SQL_BULK_ANALYZE, NULL, 0, &st)) == DB_OK)
		db_done(st);
	return rc;
}
