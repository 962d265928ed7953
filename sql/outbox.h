/*
 * The outbox (migration 0013): messages to residents and members, each
 * written in the transaction of its cause, sent by `lianxin send`
 * (admin/send.c) with its idempotency key.  The phone and the text are
 * personal data: never logged, never in an error.
 */
#ifndef LIANXIN_OUTBOX_H
#define LIANXIN_OUTBOX_H

#include <stdbool.h>
#include <time.h>

#include "linktok.h"

struct config;
struct db;
struct db_request;

/* The request of id (a link token's), as its resident sees it. */
int	 db_request_get_id(struct db *, long long id, struct db_request *);

enum outbox_kind {
	OB_ACCEPTED,		/* 受理: first accepted */
	OB_RESOLVED,		/* 办结, with the answer and the rating link */
	OB_REJECTED,		/* 未予受理, with the reason */
	OB_REOPENED,		/* 退回重办 */
	OB_DUE_WARNING,		/* nearing its resolve deadline */
	OB_MEMBER_CODE,		/* a member's login code */
	OB_WITHDRAWN,		/* 代群众撤回: withdrawn as the resident asked */
	OB__MAX
};
/* The kinds' codes, as in the table's ENUM (and the [sms] template_*). */
extern const char *const outbox_kind_code[OB__MAX];

/* The key of the link tokens of configuration c (outbox.c says which). */
void	 db_link_key(const struct config *c,
	    unsigned char key[LINKTOK_KEYBYTES]);
/* The text of a message; extra is the answer (OB_RESOLVED), the reason
 * (OB_REJECTED) or the code (OB_MEMBER_CODE); link may be "". */
void	 outbox_text(const struct config *, enum outbox_kind,
	    const char *tracking, const char *extra, const char *link,
	    char *out, size_t size);

/*
 * Queue message k about request id (tracking number tracking), caused by
 * the change that made its version `version`: call inside the change's
 * transaction.  The idempotency key is the kind, id and version.
 */
int	 db_outbox_request(struct db *, enum outbox_kind, long long id,
	    long long version, const char *tracking, const char *extra,
	    time_t now);
/* Queue a warning for each open request whose deadline is within the
 * configured hours and has had none for that deadline; *n queued. */
int	 db_outbox_due_scan(struct db *, time_t now, int *n);

/* One claimed message. */
struct outbox_msg {
	long long	 id;
	char		 key[65];
	char		 kind[16];
	char		 phone[12];
	char		 text[601 * 4];
	char		 param[65];
	char		 detail[65 * 4];	/* the answer or the reason */
	char		 link_token[65];
	int		 attempts;
};
/* Claim at most max due messages for lease seconds; *n of them in out. */
int	 db_outbox_claim(struct db *, time_t now, int lease,
	    struct outbox_msg *out, size_t max, size_t *n,
	    char claim[33]);
int	 db_outbox_sent(struct db *, long long id, const char *claim,
	    time_t now);
/* Back to the queue until next (failed after max_attempts); err holds
 * no phone and no text. */
int	 db_outbox_retry(struct db *, long long id, const char *claim,
	    int max_attempts, time_t next, const char *err);

/*
 * A member's login code by SMS: when phone is on the roster, a fresh
 * 6-digit code (hashed in member_sms_codes) and its message, in one
 * transaction (*queued true); else nothing (*queued false), after the
 * same work.
 */
int	 db_member_sms_code(struct db *, const char *phone, time_t now,
	    bool *queued);
/*
 * DB_OK with *member when code is phone's live code: the code is used up
 * and a member session opened until expires (its token, hex, in token),
 * in one transaction.  DB_NOTFOUND else (a wrong code counts one try;
 * sms_code_tries of them void the code).
 */
int	 db_member_sms_login(struct db *, const char *phone, const char *code,
	    time_t now, time_t expires, char token[65], int *member);

#endif
