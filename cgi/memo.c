/*
 * Memos (see memo.h).  A slot is one allocation: key, then value.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "memo.h"

struct memo_slot {
	unsigned char	*mem;		/* key then value; NULL = empty */
	size_t		 klen, vlen;
	time_t		 at;
};

static unsigned char	 hash_key[crypto_shorthash_KEYBYTES];
static pthread_once_t	 hash_once = PTHREAD_ONCE_INIT;

static void
hash_init(void)
{
	randombytes_buf(hash_key, sizeof(hash_key));
}

/* The slot of a key: a keyed hash, so nobody can aim at one slot. */
static struct memo_slot *
slot_of(struct memo *m, const void *key, size_t klen)
{
	unsigned char	 h[crypto_shorthash_BYTES];
	uint64_t	 v;

	(void)pthread_once(&hash_once, hash_init);
	crypto_shorthash(h, key, klen, hash_key);
	memcpy(&v, h, sizeof(v));
	return &m->slot[v % m->nslots];
}

static int
holds(const struct memo_slot *s, const void *key, size_t klen)
{
	return s->mem != NULL && s->klen == klen &&
	    memcmp(s->mem, key, klen) == 0;
}

static void
empty(struct memo_slot *s)
{
	free(s->mem);
	memset(s, 0, sizeof(*s));
}

/*
 * The value of key read at or after since, copied to val (at most max
 * bytes) or to a new allocation *dup (when val is NULL).
 */
static long
lookup(struct memo *m, const void *key, size_t klen, time_t since,
    void *val, size_t max, void **dup, time_t *at)
{
	struct memo_slot *s;
	long		 len = -1;

	pthread_mutex_lock(&m->mu);
	if (m->slot != NULL && holds(s = slot_of(m, key, klen), key, klen) &&
	    s->at >= since) {
		if (val == NULL && (val = *dup = malloc(max = s->vlen)) ==
		    NULL)
			goto out;
		memcpy(val, s->mem + klen, s->vlen < max ? s->vlen : max);
		if (at != NULL)
			*at = s->at;
		len = (long)s->vlen;
	}
out:
	if (len >= 0)
		m->hits++;
	else
		m->misses++;
	pthread_mutex_unlock(&m->mu);
	return len;
}

long
memo_get(struct memo *m, const void *key, size_t klen, time_t since,
    void *val, size_t max, time_t *at)
{
	return lookup(m, key, klen, since, val, max, NULL, at);
}

long
memo_dup(struct memo *m, const void *key, size_t klen, time_t since,
    void **val, time_t *at)
{
	*val = NULL;
	return lookup(m, key, klen, since, NULL, 0, val, at);
}

void
memo_put(struct memo *m, const void *key, size_t klen, const void *val,
    size_t vlen, time_t at)
{
	struct memo_slot *s;
	unsigned char	*mem;

	if ((mem = malloc(klen + vlen)) == NULL)
		return;
	memcpy(mem, key, klen);
	memcpy(mem + klen, val, vlen);
	pthread_mutex_lock(&m->mu);
	if (m->slot == NULL)
		m->slot = calloc(m->nslots, sizeof(*m->slot));
	if (m->slot != NULL) {
		s = slot_of(m, key, klen);
		/* Never replace a value with an older reading of it. */
		if (!holds(s, key, klen) || s->at <= at) {
			empty(s);
			*s = (struct memo_slot){ mem, klen, vlen, at };
			mem = NULL;
		}
	}
	pthread_mutex_unlock(&m->mu);
	free(mem);
}

void
memo_drop(struct memo *m, const void *key, size_t klen)
{
	struct memo_slot *s;

	pthread_mutex_lock(&m->mu);
	if (m->slot != NULL && holds(s = slot_of(m, key, klen), key, klen))
		empty(s);
	pthread_mutex_unlock(&m->mu);
}

void
memo_clear(struct memo *m)
{
	size_t	 i;

	pthread_mutex_lock(&m->mu);
	for (i = 0; m->slot != NULL && i < m->nslots; i++)
		empty(&m->slot[i]);
	pthread_mutex_unlock(&m->mu);
}

void
memo_counts(struct memo *m, unsigned long long *hits,
    unsigned long long *misses)
{
	pthread_mutex_lock(&m->mu);
	*hits = m->hits;
	*misses = m->misses;
	pthread_mutex_unlock(&m->mu);
}
