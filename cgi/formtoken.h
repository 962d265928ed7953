/*
 * The public forms' one-time tokens, issued by this site: signed, dated
 * and bound to one form (see formtoken.c).  Shared by the page families
 * whose forms the public posts (/requests, /report).
 */
#ifndef LIANXIN_FORMTOKEN_H
#define LIANXIN_FORMTOKEN_H

#include "db.h"
#include "limit.h"

#define FORMTOKEN_HEXLEN	(DB_TOKEN_LEN * 2)

struct config;
struct req;
struct vvalue;

/*
 * Derive the tokens' key from c (formtoken.c says how); once, at start-up,
 * before any thread takes requests.
 */
void	 formtoken_init(const struct config *);
/* A new token of form, issued now, as FORMTOKEN_HEXLEN hex digits. */
void	 formtoken_make(const char *form, char hex[FORMTOKEN_HEXLEN + 1]);
/*
 * The start of a public form's POST: -1 with 429 answered when the
 * client address's bucket of kind is empty (limit_guard); else 1 with
 * tv's error set ("表单已过期，请重新填写") when the token field tv is not
 * one this site issued for form, or 0 with its bytes in tok.
 */
int	 formtoken_post(struct req *, enum limit_kind, const char *form,
	    struct vvalue *tv, unsigned char tok[DB_TOKEN_LEN]);

#endif
