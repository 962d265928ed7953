/*
 * The statement engine of the data layer: connection, lazy preparation,
 * parameter and result binding, errors, transactions and reconnection.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include "config.h"
#include "day.h"
#include "dbint.h"
#include "log.h"

static uint64_t	 n_reconnects;	/* successful connections after the first */
static uint64_t	 n_failures;	/* lost or refused connections */
static uint64_t	 ok_epoch[2];	/* connections made: primary, replica */

int
db_library_init(void)
{
	return mysql_library_init(0, NULL, NULL) == 0 ? 0 : -1;
}

void
db_library_end(void)
{
	mysql_library_end();
}

void
db_thread_init(void)
{
	mysql_thread_init();
}

void
db_thread_end(void)
{
	mysql_thread_end();
}

uint64_t
db_reconnects(void)
{
	return __atomic_load_n(&n_reconnects, __ATOMIC_RELAXED);
}

uint64_t
db_failures(void)
{
	return __atomic_load_n(&n_failures, __ATOMIC_RELAXED);
}

/*
 * A new handle; it connects on first use.  Returns NULL only when out of
 * memory.
 */
struct db *
db_open(const struct config *cfg)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	db->cfg = cfg;
	return db;
}

/* Close a connection and forget its prepared statements. */
static void
conn_close(struct dbconn *c)
{
	size_t	 i;

	for (i = 0; i < SQL__MAX; i++)
		if (c->stmts[i] != NULL) {
			mysql_stmt_close(c->stmts[i]);
			c->stmts[i] = NULL;
		}
	if (c->my != NULL) {
		mysql_close(c->my);
		c->my = NULL;
	}
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	conn_close(&db->rep);
	free(db);
}

void
db_long_statements(struct db *db)
{
	db->rwtimeout = 3600;
}

/* Close the primary connection; a transaction in it is gone. */
void
db_disconnect(struct db *db)
{
	conn_close(&db->pri);
	db->in_tx = false;
}

static int
is_conn_error(unsigned int e)
{
	switch (e) {
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_LOST_EXTENDED:
	case CR_COMMANDS_OUT_OF_SYNC:
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
		return 1;
	default:
		return 0;
	}
}

/* Close connection c: the primary through db_disconnect (its transaction
 * is gone too), the replica directly. */
static void
conn_drop(struct db *db, struct dbconn *c)
{
	if (c == &db->pri)
		db_disconnect(db);
	else
		conn_close(c);
}

/*
 * Classify a failure of connection c and log it.  A lost connection is
 * closed (the next call reconnects) and gives DB_UNAVAILABLE; a
 * duplicate key or a lost lock race (or Galera certification) gives
 * DB_CONFLICT; a Galera node not ready gives DB_UNAVAILABLE; anything
 * else DB_ERROR.
 */
static int
conn_fail(struct db *db, struct dbconn *c, unsigned int err,
    const char *what, const char *msg)
{
	if (is_conn_error(err)) {
		log_warn("db: %s%s: connection lost (%u %s)",
		    c == &db->rep ? "replica: " : "", what, err, msg);
		__atomic_add_fetch(&n_failures, 1, __ATOMIC_RELAXED);
		conn_drop(db, c);
		return DB_UNAVAILABLE;
	}
	/* A Galera node out of the primary component or still joining
	 * (IST/SST) refuses statements with 1047 "WSREP has not yet
	 * prepared node for application use": the database is unavailable
	 * here for now, as when the server is down. */
	if (err == ER_UNKNOWN_COM_ERROR) {
		log_warn("db: %s%s: node not ready (%u %s)",
		    c == &db->rep ? "replica: " : "", what, err, msg);
		__atomic_add_fetch(&n_failures, 1, __ATOMIC_RELAXED);
		conn_drop(db, c);
		return DB_UNAVAILABLE;
	}
	/* A Galera certification failure (a write set that lost to
	 * another node's) is reported as ER_LOCK_DEADLOCK: a conflict. */
	if (err == ER_DUP_ENTRY || err == ER_LOCK_DEADLOCK ||
	    err == ER_LOCK_WAIT_TIMEOUT)
		return DB_CONFLICT;
	log_err("db: %s: %u %s", what, err, msg);
	return DB_ERROR;
}

/* A failure of the primary connection: see conn_fail. */
int
db_fail(struct db *db, unsigned int err, const char *what, const char *msg)
{
	return conn_fail(db, &db->pri, err, what, msg);
}

static void
ts_after_ms(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

static int
ts_passed(const struct timespec *ts)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > ts->tv_sec ||
	    (now.tv_sec == ts->tv_sec && now.tv_nsec >= ts->tv_nsec);
}

/* Is a replica configured ([db] read_socket or read_host)? */
static int
has_replica(const struct config *c)
{
	return c->db_read_socket[0] != '\0' || c->db_read_host[0] != '\0';
}

/*
 * Connect c (the primary, or the replica) when not connected.  Returns
 * DB_OK or DB_UNAVAILABLE.  After a failure, further attempts wait
 * db_retry_ms, unless another thread has connected meanwhile: then the
 * server is back, and every thread reconnects at once instead of
 * answering 503 for the rest of its pause.
 */
static int
conn_open(struct db *db, struct dbconn *c)
{
	const struct config *cf = db->cfg;
	static int	 connected_once;
	unsigned int	 timeout = (unsigned int)cf->db_connect_timeout;
	unsigned int	 rwtimeout = db->rwtimeout ? db->rwtimeout : 60;
	const char	*init = sqls[SQL_SESSION].text;
	const char	*sock, *host;
	int		 port, rep = c == &db->rep;

	if (c->my != NULL)
		return DB_OK;
	if (!ts_passed(&c->next_try) &&
	    __atomic_load_n(&ok_epoch[rep], __ATOMIC_RELAXED) == c->fail_epoch)
		return DB_UNAVAILABLE;
	if ((c->my = mysql_init(NULL)) == NULL)
		return DB_UNAVAILABLE;
	sock = rep ? cf->db_read_socket : cf->db_socket;
	host = rep ? cf->db_read_host : cf->db_host;
	port = rep ? cf->db_read_port : cf->db_port;
	mysql_options(c->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(c->my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(c->my, MYSQL_OPT_READ_TIMEOUT, &rwtimeout);
	mysql_options(c->my, MYSQL_OPT_WRITE_TIMEOUT, &rwtimeout);
	mysql_options(c->my, MYSQL_INIT_COMMAND, init);
	if (mysql_real_connect(c->my, sock[0] ? "localhost" : host,
	    cf->db_user, cf->db_password, cf->db_name, (unsigned int)port,
	    sock[0] ? sock : NULL, 0) == NULL) {
		log_warn("db: %scannot connect: %s", rep ? "replica: " : "",
		    mysql_error(c->my));
		__atomic_add_fetch(&n_failures, 1, __ATOMIC_RELAXED);
		mysql_close(c->my);
		c->my = NULL;
		ts_after_ms(&c->next_try, cf->db_retry_ms);
		c->fail_epoch = __atomic_load_n(&ok_epoch[rep], __ATOMIC_RELAXED);
		return DB_UNAVAILABLE;
	}
	__atomic_add_fetch(&ok_epoch[rep], 1, __ATOMIC_RELAXED);
	if (!rep && __atomic_exchange_n(&connected_once, 1, __ATOMIC_RELAXED))
		__atomic_add_fetch(&n_reconnects, 1, __ATOMIC_RELAXED);
	return DB_OK;
}

/* Connect to the primary when not connected: see conn_open. */
int
db_connect(struct db *db)
{
	return conn_open(db, &db->pri);
}

static void
to_mysql_time(time_t t, MYSQL_TIME *mt)
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	memset(mt, 0, sizeof(*mt));
	mt->year = (unsigned)tm.tm_year + 1900;
	mt->month = (unsigned)tm.tm_mon + 1;
	mt->day = (unsigned)tm.tm_mday;
	mt->hour = (unsigned)tm.tm_hour;
	mt->minute = (unsigned)tm.tm_min;
	mt->second = (unsigned)tm.tm_sec;
	mt->time_type = MYSQL_TIMESTAMP_DATETIME;
}

/* Calendar arithmetic for the years of the data (fast: exports convert
 * millions); timegm for anything else. */
static time_t
from_mysql_time(const MYSQL_TIME *mt)
{
	struct tm	 tm;
	int		 day;

	day = day_from_ymd((int)mt->year, (int)mt->month, (int)mt->day);
	if (day >= 0 && mt->hour < 24 && mt->minute < 60 && mt->second < 60)
		return (time_t)day * 86400 + mt->hour * 3600 +
		    mt->minute * 60 + mt->second;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)mt->year - 1900;
	tm.tm_mon = (int)mt->month - 1;
	tm.tm_mday = (int)mt->day;
	tm.tm_hour = (int)mt->hour;
	tm.tm_min = (int)mt->minute;
	tm.tm_sec = (int)mt->second;
	return timegm(&tm);
}

#define MAXP 256	/* SQL_POSTS_INSERT takes 224 */

/*
 * Prepare (once per connection), bind and execute on connection c.  See
 * db_exec.
 */
static int
exec_once(struct db *db, struct dbconn *c, enum sql id, const struct dbp *p,
    size_t np, bool store, MYSQL_STMT **out)
{
	MYSQL_BIND	 b[MAXP];
	MYSQL_TIME	 t[MAXP];
	MYSQL_STMT	*st;
	size_t		 i;
	int		 rc;

	if ((rc = conn_open(db, c)) != DB_OK)
		return rc;
	if ((st = c->stmts[id]) == NULL) {
		if ((st = mysql_stmt_init(c->my)) == NULL)
			return conn_fail(db, c, mysql_errno(c->my),
			    "stmt_init", mysql_error(c->my));
		if (mysql_stmt_prepare(st, sqls[id].text,
		    strlen(sqls[id].text)) != 0) {
			unsigned int e = mysql_stmt_errno(st);
			char msg[256];

			snprintf(msg, sizeof(msg), "%s (statement %d)",
			    mysql_stmt_error(st), (int)id);
			mysql_stmt_close(st);
			return conn_fail(db, c, e, "prepare", msg);
		}
		c->stmts[id] = st;
	}
	if (np > MAXP || np != mysql_stmt_param_count(st)) {
		log_err("db: statement %d takes %lu parameters, given %zu",
		    (int)id, mysql_stmt_param_count(st), np);
		return DB_ERROR;
	}
	memset(b, 0, sizeof(b[0]) * (np ? np : 1));
	for (i = 0; i < np; i++) {
		switch (p[i].type) {
		case DBP_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DBP_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&p[i].i;
			break;
		case DBP_DOUBLE:
			b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			b[i].buffer = (void *)&p[i].d;
			break;
		case DBP_STR:
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)p[i].s;
			b[i].buffer_length = p[i].len;
			break;
		case DBP_TIME:
			to_mysql_time(p[i].t, &t[i]);
			b[i].buffer_type = MYSQL_TYPE_DATETIME;
			b[i].buffer = &t[i];
			break;
		}
	}
	if (np > 0 && mysql_stmt_bind_param(st, b) != 0)
		return conn_fail(db, c, mysql_stmt_errno(st), "bind",
		    mysql_stmt_error(st));
	if (mysql_stmt_execute(st) != 0)
		return conn_fail(db, c, mysql_stmt_errno(st), "execute",
		    mysql_stmt_error(st));
	if (store && mysql_stmt_field_count(st) > 0 &&
	    mysql_stmt_store_result(st) != 0)
		return conn_fail(db, c, mysql_stmt_errno(st), "store",
		    mysql_stmt_error(st));
	*out = st;
	return DB_OK;
}

/*
 * Execute statement id with np parameters.  On DB_OK, *out is the
 * statement, its result (if any) stored client-side: fetch the rows with
 * db_fetch and end with db_done.  A statement flagged
 * SQLF_RETRY that meets a lost connection outside a transaction is sent
 * once more on a new connection.  A statement flagged SQLF_REPLICA goes
 * to the replica when one is configured, outside a transaction; when the
 * replica fails it (unreachable, or behind on a migration), it goes to the
 * primary.  Returns a db_rc.
 */
static int
exec_retry(struct db *db, enum sql id, const struct dbp *p, size_t np,
    bool store, MYSQL_STMT **out)
{
	bool	 had;
	int	 rc;

	if ((sqls[id].flags & SQLF_REPLICA) && !db->in_tx &&
	    has_replica(db->cfg) &&
	    exec_once(db, &db->rep, id, p, np, store, out) == DB_OK)
		return DB_OK;
	had = db->pri.my != NULL;
	rc = exec_once(db, &db->pri, id, p, np, store, out);
	if (rc == DB_UNAVAILABLE && had && !db->in_tx &&
	    (sqls[id].flags & SQLF_RETRY)) {
		db->pri.next_try.tv_sec = 0;
		db->pri.next_try.tv_nsec = 0;
		rc = exec_once(db, &db->pri, id, p, np, store, out);
	}
	return rc;
}

int
db_exec(struct db *db, enum sql id, const struct dbp *p, size_t np,
    MYSQL_STMT **out)
{
	return exec_retry(db, id, p, np, true, out);
}

#define MAXR 64

/* Where the columns of a row land before conversion into struct dbr. */
struct fetchbuf {
	MYSQL_BIND	 b[MAXR];
	MYSQL_TIME	 t[MAXR];
	char		 name[MAXR][32];
	my_bool		 isnull[MAXR];
	unsigned long	 len[MAXR];
};

/* The connection of a statement: the primary's or the replica's. */
static struct dbconn *
stmt_conn(struct db *db, MYSQL_STMT *st)
{
	return db->rep.my != NULL && st->mysql == db->rep.my ? &db->rep :
	    &db->pri;
}

/* Bind the result columns of st to r through fb.  Returns a db_rc. */
static int
fetch_bind(struct db *db, MYSQL_STMT *st, struct dbr *r, size_t nr,
    struct fetchbuf *fb)
{
	MYSQL_BIND	*b = fb->b;
	size_t		 i;

	if (nr > MAXR || nr != mysql_stmt_field_count(st)) {
		log_err("db: result has %u columns, %zu bound",
		    mysql_stmt_field_count(st), nr);
		return DB_ERROR;
	}
	memset(b, 0, sizeof(b[0]) * nr);
	for (i = 0; i < nr; i++) {
		b[i].is_null = &fb->isnull[i];
		b[i].length = &fb->len[i];
		switch (r[i].type) {
		case DBR_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = r[i].p;
			break;
		case DBR_I32:
			b[i].buffer_type = MYSQL_TYPE_LONG;
			b[i].buffer = r[i].p;
			break;
		case DBR_ENUM:
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = fb->name[i];
			b[i].buffer_length = sizeof(fb->name[i]) - 1;
			break;
		case DBR_DOUBLE:
			b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			b[i].buffer = r[i].p;
			break;
		case DBR_STR:
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = r[i].p;
			b[i].buffer_length = r[i].size - 1;
			break;
		case DBR_TIME:
			b[i].buffer_type = MYSQL_TYPE_DATETIME;
			b[i].buffer = &fb->t[i];
			break;
		}
	}
	if (mysql_stmt_bind_result(st, b) != 0)
		return conn_fail(db, stmt_conn(db, st), mysql_stmt_errno(st),
		    "bind_result",
		    mysql_stmt_error(st));
	return DB_OK;
}

/* Fetch one row and convert it into r: 1, 0 at the end, or a db_rc. */
static int
fetch_row(struct db *db, MYSQL_STMT *st, struct dbr *r, size_t nr,
    struct fetchbuf *fb)
{
	size_t		 i;
	int		 rc;

	rc = mysql_stmt_fetch(st);
	if (rc == MYSQL_NO_DATA)
		return 0;
	/* An unbuffered fetch that fails reading leaves the error on the
	 * connection, not on the statement. */
	if (rc == 1 && mysql_stmt_errno(st) == 0)
		return conn_fail(db, stmt_conn(db, st), mysql_errno(st->mysql),
		    "fetch", mysql_error(st->mysql));
	if (rc == 1)
		return conn_fail(db, stmt_conn(db, st), mysql_stmt_errno(st),
		    "fetch", mysql_stmt_error(st));
	for (i = 0; i < nr; i++) {
		my_bool		 isnull = fb->isnull[i];
		unsigned long	 len = fb->len[i];

		r[i].null = isnull;
		r[i].len = len;
		switch (r[i].type) {
		case DBR_INT:
			if (isnull)
				*(long long *)r[i].p = 0;
			break;
		case DBR_I32:
			if (isnull)
				*(int *)r[i].p = 0;
			break;
		case DBR_ENUM:
			fb->name[i][isnull ? 0 : len < sizeof(fb->name[i]) ?
			    len : sizeof(fb->name[i]) - 1] = '\0';
			*(int *)r[i].p = word_find(r[i].words, r[i].nwords,
			    fb->name[i]);
			break;
		case DBR_DOUBLE:
			if (isnull)
				*(double *)r[i].p = 0;
			break;
		case DBR_STR:
			((char *)r[i].p)[isnull ? 0 :
			    (len < r[i].size ? len : r[i].size - 1)] = '\0';
			break;
		case DBR_TIME:
			*(time_t *)r[i].p = isnull ? 0 :
			    from_mysql_time(&fb->t[i]);
			break;
		}
	}
	return 1;
}

/*
 * Fetch the next row into r.  Returns 1 for a row, 0 at the end, or a
 * negative db_rc.  Strings longer than their buffer are cut (on a
 * character boundary is the caller's concern: buffers are sized for the
 * column).
 */
int
db_fetch(struct db *db, MYSQL_STMT *st, struct dbr *r, size_t nr)
{
	struct fetchbuf	 fb;
	int		 rc;

	if ((rc = fetch_bind(db, st, r, nr, &fb)) != DB_OK)
		return rc;
	return fetch_row(db, st, r, nr, &fb);
}

int
db_stream(struct db *db, enum sql id, const struct dbp *p, size_t np,
    struct dbr *r, size_t nr, int (*fn)(void *arg), void *arg,
    long long *n)
{
	struct fetchbuf	 fb;
	struct dbconn	*c;
	MYSQL_STMT	*st;
	int		 rc;

	*n = 0;
	if ((rc = exec_retry(db, id, p, np, false, &st)) != DB_OK)
		return rc;
	/* Taken now: a failed fetch may close the connection and st. */
	c = stmt_conn(db, st);
	if ((rc = fetch_bind(db, st, r, nr, &fb)) != DB_OK)
		goto abandon;
	while ((rc = fetch_row(db, st, r, nr, &fb)) == 1) {
		++*n;
		if (fn(arg) != 0) {
			rc = DB_OK;
			goto abandon;
		}
	}
	if (rc < 0)
		goto abandon;
	db_done(st);
	return DB_OK;
abandon:
	/* Rows still unread would have to be read to free the connection
	 * (the primary's or the replica's); closing it is quicker (the next
	 * call reconnects). */
	conn_drop(db, c);
	return rc;
}

/* Release the result of a statement; it stays prepared. */
void
db_done(MYSQL_STMT *st)
{
	if (st != NULL)
		mysql_stmt_free_result(st);
}

long long
db_insert_id(MYSQL_STMT *st)
{
	return (long long)mysql_stmt_insert_id(st);
}

long long
db_affected(MYSQL_STMT *st)
{
	return (long long)mysql_stmt_affected_rows(st);
}

/* Start a transaction.  Returns a db_rc. */
int
db_tx_begin(struct db *db)
{
	int	 rc;

	if ((rc = db_connect(db)) != DB_OK)
		return rc;
	if (mysql_real_query(db->pri.my, sqls[SQL_TX_BEGIN].text,
	    strlen(sqls[SQL_TX_BEGIN].text)) != 0)
		return db_fail(db, mysql_errno(db->pri.my), "begin",
		    mysql_error(db->pri.my));
	db->in_tx = true;
	return DB_OK;
}

/* Commit.  Returns DB_OK only when the commit is durable. */
int
db_tx_commit(struct db *db)
{
	if (db->pri.my == NULL)
		return DB_UNAVAILABLE;
	db->in_tx = false;
	if (mysql_commit(db->pri.my) != 0)
		return db_fail(db, mysql_errno(db->pri.my), "commit",
		    mysql_error(db->pri.my));
	return DB_OK;
}

void
db_tx_rollback(struct db *db)
{
	if (db->pri.my == NULL)
		return;
	db->in_tx = false;
	if (mysql_rollback(db->pri.my) != 0)
		(void)db_fail(db, mysql_errno(db->pri.my), "rollback",
		    mysql_error(db->pri.my));
}

/* End a transaction: commit when rc is DB_OK, else roll back.  Returns
 * rc, or the commit's. */
int
db_tx_end(struct db *db, int rc)
{
	if (rc == DB_OK)
		return db_tx_commit(db);
	db_tx_rollback(db);
	return rc;
}

/*
 * Execute a statement and fetch its first row into r.  Returns DB_OK,
 * DB_NOTFOUND when there is no row, or a failure.
 */
int
db_one(struct db *db, enum sql id, const struct dbp *p, size_t np,
    struct dbr *r, size_t nr)
{
	MYSQL_STMT	*st;
	int		 rc;

	if ((rc = db_exec(db, id, p, np, &st)) != DB_OK)
		return rc;
	if ((rc = db_fetch(db, st, r, nr)) < 0)
		return rc;
	db_done(st);
	return rc == 1 ? DB_OK : DB_NOTFOUND;
}

int
db_run(struct db *db, enum sql id, const struct dbp *p, size_t np,
    long long *affected, long long *newid)
{
	MYSQL_STMT	*st;
	int		 rc;

	if ((rc = db_exec(db, id, p, np, &st)) != DB_OK)
		return rc;
	if (affected != NULL)
		*affected = db_affected(st);
	if (newid != NULL)
		*newid = db_insert_id(st);
	return DB_OK;
}

int
db_insert(struct db *db, enum sql id, const struct dbp *p, size_t np,
    int *newid)
{
	long long	 v = 0;
	int		 rc;

	if ((rc = db_run(db, id, p, np, NULL, &v)) == DB_OK && newid != NULL)
		*newid = (int)v;
	return rc;
}

int
db_rows(struct db *db, enum sql id, const struct dbp *p, size_t np,
    struct dbr *r, size_t nr, const void *row, size_t rowsz, void *out,
    size_t max, size_t *n)
{
	struct fetchbuf	 fb;
	MYSQL_STMT	*st;
	int		 rc;

	*n = 0;
	if ((rc = db_exec(db, id, p, np, &st)) != DB_OK)
		return rc;
	/* Bound once for every row, as db_stream does. */
	if ((rc = fetch_bind(db, st, r, nr, &fb)) != DB_OK)
		return rc;
	while ((rc = fetch_row(db, st, r, nr, &fb)) == 1)
		if (*n < max)
			memcpy((char *)out + (*n)++ * rowsz, row, rowsz);
	if (rc < 0)
		return rc;
	db_done(st);
	return DB_OK;
}

/* One row of one integer column. */
static int
one_int(struct db *db, enum sql id, long long *v)
{
	struct dbr	 r[1] = { R_INT(v) };

	return db_one(db, id, NULL, 0, r, 1);
}

/* Returns DB_OK when the server answers a query, else DB_UNAVAILABLE. */
int
db_ping(struct db *db)
{
	long long	 v;

	return one_int(db, SQL_PING, &v) == DB_OK ? DB_OK : DB_UNAVAILABLE;
}

int
db_schema_version(struct db *db, int *version)
{
	long long	 v = 0;
	int		 rc;

	rc = one_int(db, SQL_SCHEMA_VERSION, &v);
	*version = (int)v;
	return rc;
}
