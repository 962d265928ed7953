/*
 * What the micro-wishes' pages share (cgi/cb_wishes.c for staff,
 * cgi/wishes_claim.c for the wall, members and units; defined in the
 * latter).
 */
#ifndef LIANXIN_WISHES_VIEW_H
#define LIANXIN_WISHES_VIEW_H

#include "buf.h"

/* An amount in fen as "¥120" or "¥35.50". */
void	 wishes_yuan(struct buf *, long long fen);

#endif
