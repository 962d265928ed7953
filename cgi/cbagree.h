/*
 * An agreement's pieces, drawn for staff (/cobuild/agreements/{id}) and
 * for the unit's account (/unit): cgi/cb_agree.c, used by cgi/cb_unit.c.
 * unit: for the unit's account (its forms post to /unit/agreements/{id},
 * fulfil and evaluate only), else for staff.
 */
#ifndef LIANXIN_CBAGREE_H
#define LIANXIN_CBAGREE_H

#include "cbpage.h"
#include "valid.h"

/* The actions on an agreement (the form field "action"). */
enum { CA_COMMIT, CA_SIGN, CA_END, CA_FULFIL, CA_CONFIRM, CA_RETURN,
	CA_EVALUATE, CA__MAX };
/* A commitment's actions take these first. */
enum { CK_COMMITMENT, CK_VERSION, CK__MAX };
extern const struct vaction cb_actions[CA__MAX];

/* The agreement's details (a table). */
void	 cb_agreement_head(struct buf *, const struct cb_agreement *,
	    int unit);
/* Its commitments as cards, with the forms the user may use. */
void	 cb_commitment_cards(struct req *, const struct staff *,
	    const struct cb_agreement *, const struct cb_commitment *,
	    size_t n, int unit);
/* The mutual evaluation: the ratings the user may see, and the form
 * while the window is open and the user's side has not rated. */
void	 cb_eval_section(struct req *, const struct staff *,
	    const struct cb_agreement *, int unit);
/* The agreement of the URL ('*0'): in a staff user's scope, or the unit
 * account's own; -1 after answering (login, 404, 503). */
int	 cb_agreement_open(struct req *, struct staff *, int unit,
	    struct cb_agreement *);
/*
 * Carry out the posted action on agreement a: 303 when saved (audited),
 * 400 or 409 with *why for the page, 404 (not the user's to do), or 0
 * after a database failure *dbrc.
 */
int	 cb_agreement_act(struct req *, const struct staff *,
	    const struct cb_agreement *, int unit, const char **why,
	    int *dbrc);

#endif
