/*
 * What a member's home page shows beyond their points (cgi/member_home.c):
 * the requests assigned to them and their activity history.
 */
#ifndef LIANXIN_MEMBER_HOME_H
#define LIANXIN_MEMBER_HOME_H

#include <stddef.h>
#include <time.h>

struct db;

struct db_assigned {
	char	 tracking[16];
	char	 category[64 * 4];
	char	 state[16];
	time_t	 resolve_due;
	char	 reject_reason[16];	/* "" unless rejected */
};
struct db_history {
	char		 held_on[16];	/* YYYY-MM-DD */
	char		 title[128 * 4];
	long long	 hours_tenths;
};

int	 db_member_assigned(struct db *, int member_id, struct db_assigned *,
	    size_t max, size_t *n);
int	 db_member_history(struct db *, int member_id, struct db_history *,
	    size_t max, size_t *n);

#endif
