/*
 * Shared by the Party members' pages, and by them only: the small views
 * the public, member and staff pages have in common, and what the staff
 * sections (cgi/members_staff.c, which holds the page and its action
 * table) and their parts (cgi/members_roster.c, cgi/members_service.c)
 * use of each other.  The helpers live in cgi/members_view.c, which uses
 * none of the other members files.
 */
#ifndef LIANXIN_MEMBERS_H
#define LIANXIN_MEMBERS_H

#include <time.h>

#include "auth.h"
#include "valid.h"

#define MEMBERS_MAX_ROWS	500	/* rows of one list on a page */
#define MEMBERS_MAX_CATEGORIES	64
/* The cookie of a member's session (cgi/member.c, cgi/member_sms.c). */
#define MEMBER_COOKIE		"lx_member"

/* ==== cgi/members_view.c ============================================== */

/* Hours or points in tenths as "12.5" or "12". */
void	 members_tenths(struct buf *, long long tenths);
/* Today's local date (YYYY-MM-DD). */
void	 members_today(char d[DB_DATE_LEN + 1]);
/*
 * The items of a community's menu offered today, as a table; with
 * member_forms, a claim button (posting the token csrf) on each item that
 * can be claimed today.  A db_rc.
 */
int	 members_menu_table(struct req *, int community_id,
	    int member_forms, const char *csrf);

/* A community's page as staff see it, one section at a time. */
struct members_view {
	struct req		*r;
	const struct staff	*s;
	const struct db_region	*reg;
	time_t			 now;
	const char		*csv;	/* import text to show again */
	long long		 page;	/* of the section's list, from 1 */
	int			 activity; /* the activity shown, or 0 */
	const char		*find;	/* a member search as typed, or
					 * NULL */
};

/* The start of a form posting an action (NULL: a button names it). */
void	 members_form_start(const struct members_view *, const char *cls,
	    const char *action);
/* The roster in memory, or ranked by points (*m freed by the caller). */
int	 members_roster_load(const struct members_view *, int by_points,
	    struct db_member **m, size_t *n);

/*
 * What one action of POST /staff/members/{community} did: a db_rc
 * returned, and here a message for the page with the status answered
 * (0: saved), the object and detail of the audit log.
 */
struct members_act {
	struct req		*r;
	const struct staff	*s;
	const struct db_region	*reg;
	char			 msg[4096];
	int			 status;
	char			 object[64];
	char			 detail[256];
	int			 activity; /* the activity to return to */
	const char		*find;	/* the member search to show */
};

/* The form was bad or the change is refused: status and msg.  DB_OK. */
int	 members_act_bad(struct members_act *, int status, const char *msg);
/* The row id of an action's field, or 0 when it is absent or bad. */
int	 members_act_id(const struct members_act *, size_t slot);

/*
 * ==== the staff sections' parts =======================================
 * Each shows a section (a db_rc) or does an action (a db_rc, with a
 * message and status when refused); the fields each action takes, in
 * r->av, are named by an enum and listed in the table beside it.
 */

/* cgi/members_roster.c: the roster, the roster import, the reports. */
int	 members_show_roster(struct members_view *);
int	 members_show_reports(struct members_view *);

enum { AF_NAME, AF_PHONE, AF_TYPE, AF_EMPLOYER, AF__MAX };
extern const struct vfield members_add_fields[AF__MAX];
int	 members_act_add(struct members_act *);

enum { IMF_CSV, IMF__MAX };
extern const struct vfield members_import_fields[IMF__MAX];
int	 members_act_import(struct members_act *);

enum { DF_REPORT, DF__MAX };
extern const struct vfield members_decide_fields[DF__MAX];
int	 members_act_confirm(struct members_act *);
int	 members_act_reject(struct members_act *);

enum { CF_MEMBER, CF__MAX };
extern const struct vfield members_code_fields[CF__MAX];
int	 members_act_code(struct members_act *);

/* cgi/members_service.c: the service menu, claims, activities. */
int	 members_show_menu(struct members_view *);
int	 members_show_activities(struct members_view *);

/* A new item takes the fields before IF_ITEM, an edit all of them. */
enum { IF_NAME, IF_DESCRIPTION, IF_CATEGORY, IF_CAPACITY, IF_STARTS,
	IF_ENDS, IF_ITEM, IF__MAX };
extern const struct vfield members_item_fields[IF__MAX];
int	 members_act_item(struct members_act *);
int	 members_act_item_edit(struct members_act *);

enum { WF_ITEM, WF_CONFIRM, WF__MAX };
extern const struct vfield members_withdraw_fields[WF__MAX];
int	 members_act_item_withdraw(struct members_act *);

enum { KF_CLAIM, KF__MAX };
extern const struct vfield members_complete_fields[KF__MAX];
int	 members_act_complete(struct members_act *);

enum { VF_TITLE, VF_KIND, VF_DATE, VF_HOURS, VF__MAX };
extern const struct vfield members_activity_fields[VF__MAX];
int	 members_act_activity(struct members_act *);

enum { PF_ACTIVITY, PF_HOURS, PF_MEMBERS, PF__MAX };
extern const struct vfield members_part_fields[PF__MAX];
int	 members_act_participation(struct members_act *);
/* One activity's page: members found by name or phone (a POST, so no
 * name or phone is in a URL), and a pasted list of phones. */
enum { MFF_ACTIVITY, MFF_Q, MFF__MAX };
extern const struct vfield members_find_fields[MFF__MAX];
int	 members_act_find(struct members_act *);
enum { HF_ACTIVITY, HF_HOURS, HF_PHONES, HF__MAX };
extern const struct vfield members_phones_fields[HF__MAX];
int	 members_act_phones(struct members_act *);

/*
 * A member's session (cgi/member.c): the member of the session cookie
 * (its token copied), or 0; the session's CSRF token.
 */
int	 member_session_of(struct req *, char token[DB_HASH_LEN * 2 + 1]);
void	 member_csrf(const char *token, char out[DB_HASH_LEN * 2 + 1]);

/* The home sections of a member's page (cgi/member_home.c); a db_rc. */
struct db_member;
int	 member_home(struct req *, const struct db_member *);

#endif
