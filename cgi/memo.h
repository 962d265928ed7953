/*
 * Memos: what a daemon read from the database and may reuse for a few
 * seconds, shared by its threads.  A memo is a fixed number of slots,
 * each holding one key and a copy of its value with the time it was
 * read; a key hashes to one slot, and a newer key in the slot replaces
 * the older.  Every lookup names how old a value it accepts, so a memo
 * never answers from further back than its caller allows.
 */
#ifndef LIANXIN_MEMO_H
#define LIANXIN_MEMO_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct memo_slot;

struct memo {
	pthread_mutex_t	 mu;
	size_t		 nslots;
	struct memo_slot *slot;		/* allocated by the first put */
	unsigned long long hits, misses;
};

#define MEMO_INIT(n)	{ PTHREAD_MUTEX_INITIALIZER, (n), NULL, 0, 0 }

/*
 * The value of key read at or after since: copies at most max bytes to
 * val, sets *at (may be NULL) and returns its whole length; -1 when the
 * memo has no such value.
 */
long	 memo_get(struct memo *, const void *key, size_t klen, time_t since,
	    void *val, size_t max, time_t *at);
/* The same, into a new allocation *val (free it) of the whole length. */
long	 memo_dup(struct memo *, const void *key, size_t klen, time_t since,
	    void **val, time_t *at);
/* Keep a copy of val under key, read at time at.  Fails silently. */
void	 memo_put(struct memo *, const void *key, size_t klen,
	    const void *val, size_t vlen, time_t at);
/* Forget key, or everything. */
void	 memo_drop(struct memo *, const void *key, size_t klen);
void	 memo_clear(struct memo *);
/* Lookups answered and not, for /metrics. */
void	 memo_counts(struct memo *, unsigned long long *hits,
	    unsigned long long *misses);

#endif
