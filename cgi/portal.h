/*
 * What the resident's pages (cgi/portal.c) share with the message links
 * (cgi/link.c): the status page and the rating.
 */
#ifndef LIANXIN_PORTAL_H
#define LIANXIN_PORTAL_H

struct db_request;
struct req;

/* The status page of q; its rating form carries last4, or posts to
 * /t/TOKEN when token is not NULL. */
void	 portal_status(struct req *, const struct db_request *,
	    const char *last4, const char *token, const char *msg);
/* 0 when the rating fields (form_rate_post's) are right, else -1
 * answered 400. */
int	 portal_rate_fields(struct req *);
/* Rate q with the form's fields, then its status page; 409 when it
 * waits for no rating. */
void	 portal_rate(struct req *, struct db_request *, const char *last4,
	    const char *token);

#endif
