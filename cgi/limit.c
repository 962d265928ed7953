/*
 * Token buckets in memory: a fixed table per kind, slots found by a keyed
 * hash (SipHash with a random key, so keys cannot be chosen to collide);
 * a key not found takes the least recently used of its few slots.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "config.h"
#include "html.h"
#include "http.h"
#include "limit.h"

#define SLOTS	8192		/* per kind */
#define PROBE	8		/* slots a key may use */
#define KEYMAX	48		/* longest key kept (longer ones are cut) */

struct slot {
	char	 key[KEYMAX];
	double	 tokens;
	double	 at;		/* when tokens was last brought up to date */
};

static struct table {
	pthread_mutex_t	 mu;
	struct slot	 s[SLOTS];
} tables[LIMIT__MAX] = {
	{ PTHREAD_MUTEX_INITIALIZER, { { "", 0, 0 } } },
	{ PTHREAD_MUTEX_INITIALIZER, { { "", 0, 0 } } },
	{ PTHREAD_MUTEX_INITIALIZER, { { "", 0, 0 } } },
	{ PTHREAD_MUTEX_INITIALIZER, { { "", 0, 0 } } },
	{ PTHREAD_MUTEX_INITIALIZER, { { "", 0, 0 } } },
	{ PTHREAD_MUTEX_INITIALIZER, { { "", 0, 0 } } },
	{ PTHREAD_MUTEX_INITIALIZER, { { "", 0, 0 } } },
	{ PTHREAD_MUTEX_INITIALIZER, { { "", 0, 0 } } },
	{ PTHREAD_MUTEX_INITIALIZER, { { "", 0, 0 } } },
};

/* The random key of this process, made at the first call. */
static unsigned char	 process_key[LIMIT_KEYBYTES];
static pthread_once_t	 process_key_once = PTHREAD_ONCE_INIT;

static void
process_key_make(void)
{
	randombytes_buf(process_key, sizeof(process_key));
}

const unsigned char *
limit_process_key(void)
{
	pthread_once(&process_key_once, process_key_make);
	return process_key;
}

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9 + 1.0;
}

/* The bucket size and refill per second of kind. */
static void
params(const struct config *c, enum limit_kind k, double *burst,
    double *rate)
{
	switch (k) {
	case LIMIT_POST_ADDR:
		*burst = c->post_burst;
		*rate = c->posts_per_hour / 3600.0;
		break;
	case LIMIT_POST_PHONE:
		*burst = c->phone_burst;
		*rate = c->phone_per_hour / 3600.0;
		break;
	case LIMIT_LOOKUP_ADDR:
		*burst = c->lookup_burst;
		*rate = c->lookups_per_hour / 3600.0;
		break;
	case LIMIT_REPORT_ADDR:
		*burst = c->report_burst;
		*rate = c->reports_per_hour / 3600.0;
		break;
	case LIMIT_REPORT_PHONE:
		*burst = c->report_phone_burst;
		*rate = c->report_phone_per_hour / 3600.0;
		break;
	case LIMIT_SMS_ADDR:
	case LIMIT_SMS_PHONE:
		*burst = c->sms_code_burst;
		*rate = c->sms_codes_per_hour / 3600.0;
		break;
	default:
		*burst = c->tracking_failures;
		*rate = c->tracking_failures / (c->tracking_window_min * 60.0);
		break;
	}
}

/*
 * Take n (0 or 1) from key's bucket; the seconds to wait when it holds
 * less than one (nothing taken), else 0.
 */
static int
bucket(const struct config *c, enum limit_kind k, const char *key, int n)
{
	struct table	*t = &tables[k];
	struct slot	*s = NULL, *old;
	unsigned char	 h[crypto_shorthash_BYTES];
	char		 kk[KEYMAX];
	unsigned long long x;
	double		 burst, rate, now = now_s(), w;
	size_t		 i, j;
	int		 wait = 0;

	params(c, k, &burst, &rate);
	snprintf(kk, sizeof(kk), "%s", key);
	crypto_shorthash(h, (const unsigned char *)kk, strlen(kk),
	    limit_process_key());
	memcpy(&x, h, sizeof(x));
	pthread_mutex_lock(&t->mu);
	old = &t->s[x % SLOTS];
	for (i = 0; i < PROBE; i++) {
		j = (size_t)((x + i) % SLOTS);
		if (strcmp(t->s[j].key, kk) == 0) {
			s = &t->s[j];
			break;
		}
		if (t->s[j].at < old->at)
			old = &t->s[j];
	}
	if (s == NULL) {
		s = old;
		snprintf(s->key, sizeof(s->key), "%s", kk);
		s->tokens = burst;
		s->at = now;
	}
	s->tokens = fmin(burst, s->tokens + (now - s->at) * rate);
	s->at = now;
	if (s->tokens < 1.0) {
		w = ceil((1.0 - s->tokens) / rate);
		wait = w < 1 ? 1 : w > 86400 ? 86400 : (int)w;
	} else
		s->tokens -= n;
	pthread_mutex_unlock(&t->mu);
	return wait;
}

int
limit_take(const struct config *c, enum limit_kind k, const char *key)
{
	return bucket(c, k, key, 1);
}

int
limit_wait(const struct config *c, enum limit_kind k, const char *key)
{
	return bucket(c, k, key, 0);
}

bool
limit_exempt(const struct config *c, const char *addr)
{
	const char	*p = c->limit_exempt;
	size_t		 n, la;

	if (addr == NULL)
		return false;
	la = strlen(addr);
	while (*p != '\0') {
		p += strspn(p, " ,");
		n = strcspn(p, " ,");
		if (n > 0 && n == la && strncmp(p, addr, n) == 0)
			return true;
		p += n;
	}
	return false;
}

int
limit_guard(struct req *r, enum limit_kind k, const char *key)
{
	int	 wait;

	if (limit_exempt(r->cfg, r->addr) ||
	    (wait = limit_take(r->cfg, k, key ? key : "")) == 0)
		return 0;
	limit_refuse(r, wait);
	return -1;
}

void
limit_refuse(struct req *r, int wait)
{
	char	 s[16];

	snprintf(s, sizeof(s), "%d", wait);
	http_header(r, "Retry-After", s);
	html_error_page(r, 429, "操作过于频繁",
	    "您提交得太频繁了，请稍后再试；紧急情况请拨打服务热线。");
}
