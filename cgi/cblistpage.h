/*
 * Co-building's lists and meetings, the pages (cgi/cb_needs.c,
 * cb_resources.c, cb_projects.c, cb_meetings.c): what they share, in
 * cgi/cb_lists.c.
 */
#ifndef LIANXIN_CBLISTPAGE_H
#define LIANXIN_CBLISTPAGE_H

#include "auth.h"
#include "cblists.h"
#include "valid.h"

/* Who may manage (publish, book, record meetings): community staff and
 * above; every staff role may view. */
#define CB_MANAGERS	(ROLE_BIT(ROLE_COMMUNITY) | ROLE_BIT(ROLE_STREET) | \
			 ROLE_BIT(ROLE_DISTRICT) | ROLE_BIT(ROLE_ADMIN))
#define CB_MANAGES(s)	((CB_MANAGERS & ROLE_BIT((s)->u.role)) != 0)

/* A choice of a select or of check boxes. */
struct cb_opt {
	long long	 id;
	const char	*label;
	int		 on;		/* a check box ticked */
};
/* The choices of the form field named field. */
struct cb_choice {
	const char	*field;
	const struct cb_opt *o;
	size_t		 n;
};
/* A hidden field and its value. */
struct cb_hidden {
	const char	*name;
	long long	 value;
};

/* What a page keeps of a POST that failed: the action, its values, the
 * objects it was about (a need, booking, project and milestone, ...). */
struct cb_keep {
	int		 action;
	const struct vvalue *v;
	long long	 id, id2;
};
/* k's values when they are those of action on id, id2; else NULL. */
const struct vvalue *cb_kept(const struct cb_keep *, int action,
	    long long id, long long id2);

/* A staff page of co-building: the staff bar and the sections' links. */
void	 cb_staff_begin(struct req *, const struct staff *, const char *title);
/* A unit account's page starts with cbpage.h's unit_begin. */
/*
 * A POST form to url with the hidden action and values h, then a control
 * for each field of f[0..nf-1] not among h: its label, its input (v[i]'s
 * value kept when v is given) and message; a V_ENUM field is a select of
 * its words' labels, a V_ID or V_INT field with choices c a select (check
 * boxes when many).  Then the button.
 */
void	 cb_form(struct buf *, const struct staff *, const char *url,
	    const char *action, const struct cb_hidden *h, size_t nh,
	    const struct vfield *f, size_t nf, const struct vvalue *v,
	    const struct cb_choice *c, size_t nc, const char *button);
/* The places of the user's scope as choices (labels into the places):
 * *n set; NULL after answering the database failure. */
struct cb_opt	*cb_place_opts(struct req *, const struct staff *,
		    struct db_cb_place **places, size_t *n);
/* The units co-building with a region as choices, likewise. */
struct cb_opt	*cb_unit_opts(struct req *, int region_id,
		    struct db_cb_unit **units, size_t *n);
/* A list's filters (GET url): a state of states[0..ns-1] when ns > 0,
 * the place among places; the chosen ones selected (state -1, region 0:
 * all). */
void		 cb_filters(struct buf *, const char *url,
		    const struct word *states, size_t ns, int state,
		    const struct db_cb_place *places, size_t np, int region);
/* After looking up a row of region ids (rc): 0 when found and in the
 * user's scope, else answers 404 (or the failure) and returns -1. */
int		 cbl_scoped(struct req *, const struct staff *, int rc,
		    const int ids[4]);
/* Is id among the choices? */
int		 cb_opt_has(const struct cb_opt *, size_t n, long long id);
/* Today's local day, "YYYY-MM-DD". */
void		 cbl_today(char out[CB_DAY]);
/* "2026-03-01 10:00"-style time, or text for 0. */
void		 cb_when(struct buf *, const char *label, time_t);
/* A notice of what the user typed in a form that could not be saved. */
void		 cb_typed(struct buf *, const struct vvalue *v, size_t n);
/* 303 to url. */
void		 cb_redirect(struct req *, const char *url);
/* A unit account with its unit, or answered (login, 404): 0 or -1.
 * A GET with no unit bound gets the page that says so (-1 too). */
int		 cb_unit_require(struct req *, struct staff *);

#endif
