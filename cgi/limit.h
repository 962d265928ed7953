/*
 * Rate limits of the residents' public posts, kept in this daemon's
 * memory (each lianxind counts on its own): token buckets per client
 * address, per phone and per tracking number, sized by [portal] of the
 * configuration.
 */
#ifndef LIANXIN_LIMIT_H
#define LIANXIN_LIMIT_H

#include <stdbool.h>

struct config;
struct req;

enum limit_kind {
	LIMIT_POST_ADDR,	/* POST /requests per address */
	LIMIT_POST_PHONE,	/* POST /requests per phone */
	LIMIT_LOOKUP_ADDR,	/* POST /track and /rate per address */
	LIMIT_TRACKING,		/* wrong lookups per tracking number */
	LIMIT_REPORT_ADDR,	/* POST /report per address */
	LIMIT_REPORT_PHONE,	/* POST /report per phone */
	LIMIT_SMS_ADDR,		/* members' SMS codes per address */
	LIMIT_SMS_PHONE,	/* members' SMS codes per phone */
	LIMIT_BALLOT_ADDR,	/* wrong ballot codes (POST /vote) per address,
				   sized as LIMIT_TRACKING */
	LIMIT__MAX
};

/* Is addr in the configuration's exempt list? */
bool	 limit_exempt(const struct config *, const char *addr);
/*
 * Take one from key's bucket of kind.  Returns 0, or the seconds to wait
 * (at least 1) when the bucket is empty (nothing taken).
 */
int	 limit_take(const struct config *, enum limit_kind, const char *key);
/* The seconds to wait before key's bucket holds one, or 0; takes none. */
int	 limit_wait(const struct config *, enum limit_kind, const char *key);
/* A random key of this process (LIMIT_KEYBYTES), made at the first call:
 * the buckets' hash key, and the form tokens' when nothing is configured. */
#define LIMIT_KEYBYTES	32
const unsigned char *limit_process_key(void);
/*
 * Take one from key's bucket of kind unless r's address is exempt: 0, or
 * -1 with 429 answered (limit_refuse).
 */
int	 limit_guard(struct req *, enum limit_kind, const char *key);
/* Answer 429 in Chinese with Retry-After: wait seconds. */
void	 limit_refuse(struct req *, int wait);

#endif
