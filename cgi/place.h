/*
 * The resident's own place on the request form (cgi/place.c): the search
 * of residential compounds (小区) by name without JavaScript, its type-
 * ahead and "use my location" (GET /compounds.json) with it.
 */
#ifndef LIANXIN_PLACE_H
#define LIANXIN_PLACE_H

struct buf;
struct db_compound;

/*
 * The search box (a GET form of its own, before the request form) with,
 * when q is set, the compounds matching q as links that fill the form
 * (/?compound=ID), or what to do when none does; found: how many.
 */
void	 place_search(struct buf *, const char *q,
	    const struct db_compound *found, size_t n);
/*
 * Inside the request form: the hidden field of the compound picked (c
 * NULL: none yet; the script fills it) and its name, community and grid.
 */
void	 place_picked(struct buf *, const struct db_compound *c);

#endif
