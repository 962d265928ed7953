/*
 * The routing table: every URL of the program, in one array.
 */
#ifndef LIANXIN_ROUTE_H
#define LIANXIN_ROUTE_H

#include "http.h"

enum page {
	PAGE_HOME,
	PAGE_HEALTHZ,
	PAGE_METRICS,
	PAGE_REQUEST_POST,
	PAGE_RECEIPT,
	PAGE_TRACK,
	PAGE_TRACK_POST,
	PAGE_RATE_POST,
	PAGE_ERROR,
	PAGE_LOGIN,
	PAGE_LOGIN_POST,
	PAGE_LOGOUT_POST,
	PAGE_QUEUE,
	PAGE_STAFF_REQUEST,
	PAGE_STAFF_ACT,
	PAGE_USERS,
	PAGE_USERS_POST,
	PAGE_USER_POST,
	PAGE_AUDIT,
	PAGE_O311_DISCOVERY,
	PAGE_O311_SERVICES,
	PAGE_O311_SERVICE,
	PAGE_O311_REQUESTS,
	PAGE_O311_REQUEST_POST,
	PAGE_O311_TEST_POST,
	PAGE_O311_REQUEST,
	PAGE_STAFF_MEMBERS,
	PAGE_STAFF_MEMBERS_POST,
	PAGE_REPORT,
	PAGE_REPORT_POST,
	PAGE_MENU,
	PAGE_MEMBER,
	PAGE_MEMBER_POST,
	PAGE_STAFF_MEMBERS_LIST,
	PAGE_STAFF_MEMBERS_SECTION,
	/* Figures (cgi/stats.c, cgi/dashboard.c) */
	PAGE_API_STATS,
	PAGE_CHART_BAR,
	PAGE_CHART_TREND,
	PAGE_CHART_STACK,
	PAGE_CHART_COBUILD,
	PAGE_DASHBOARD,
	/* Exports (cgi/export.c) */
	PAGE_EXPORT_REQUESTS,
	PAGE_EXPORT_MEMBERS,
	PAGE_EXPORT_FIGURES,
	/* Photos of requests (cgi/photos.c) */
	PAGE_PHOTO,
	/* Compounds (小区) for the request form (cgi/place.c) */
	PAGE_COMPOUNDS_JSON,
	PAGE_SUMMONS,
	PAGE_SUMMONS_POST,
	PAGE_DEPT_QUEUE,
	PAGE_DEPT_SUMMONS,
	PAGE_DEPT_SUMMONS_POST,
	/* messages' links (cgi/link.c) */
	PAGE_LINK,
	PAGE_LINK_POST,
	/* members' SMS login (cgi/member_sms.c) */
	PAGE_MEMBER_SMS,
	PAGE_MEMBER_SMS_POST,
	PAGE_MENUS,
	/* The queue's search (cgi/staff.c) */
	PAGE_QUEUE_SEARCH,
	/* Units and their limits by admins (cgi/units.c) */
	PAGE_UNITS,
	PAGE_UNITS_POST,
	PAGE_UNIT_POST,
	/* Micro-wishes (cgi/cb_wishes.c, cgi/wishes_claim.c) */
	PAGE_CB_WISHES,
	PAGE_CB_WISHES_POST,
	PAGE_CB_WISH,
	PAGE_CB_WISH_POST,
	PAGE_WISHES,
	PAGE_MEMBER_WISHES,
	PAGE_MEMBER_WISHES_POST,
	PAGE_UNIT_WISHES,
	PAGE_UNIT_WISHES_POST,
	/* Co-building units, agreements and the unit's home (cgi/cb_*.c) */
	PAGE_COBUILD,
	PAGE_CB_UNITS,
	PAGE_CB_UNIT,
	PAGE_CB_UNIT_POST,
	PAGE_CB_AGREEMENT,
	PAGE_CB_AGREEMENT_POST,
	PAGE_UNIT_HOME,
	PAGE_UNIT_AGREEMENT_POST,
	/* Co-building's lists and meetings (cgi/cb_*.c) */
	PAGE_CB_NEEDS,
	PAGE_CB_NEEDS_POST,
	PAGE_CB_NEED_NEW,
	PAGE_UNIT_NEEDS,
	PAGE_UNIT_NEEDS_POST,
	PAGE_CB_RESOURCES,
	PAGE_CB_RESOURCES_POST,
	PAGE_UNIT_RESOURCES,
	PAGE_UNIT_RESOURCES_POST,
	PAGE_CB_PROJECTS,
	PAGE_CB_PROJECTS_POST,
	PAGE_CB_PROJECT,
	PAGE_CB_PROJECT_POST,
	PAGE_UNIT_PROJECTS,
	PAGE_UNIT_PROJECTS_POST,
	PAGE_CB_MEETINGS,
	PAGE_CB_MEETINGS_POST,
	PAGE_CB_MEETING,
	PAGE_CB_MEETING_POST,
	PAGE_UNIT_DECISIONS,
	PAGE_UNIT_DECISIONS_POST,
	/* Assessment, 考评 (cgi/as_common.c, as_schemes.c, as_rounds.c,
	 * as_results.c) */
	PAGE_ASSESS,
	PAGE_AS_SCHEMES,
	PAGE_AS_SCHEMES_POST,
	PAGE_AS_SCHEME,
	PAGE_AS_SCHEME_POST,
	PAGE_AS_ROUNDS,
	PAGE_AS_ROUNDS_POST,
	PAGE_AS_ROUND,
	PAGE_AS_ROUND_POST,
	PAGE_AS_BOARD,
	PAGE_AS_EXPORT,
	PAGE_AS_CHART,
	/* Democratic ballots (cgi/as_ballots.c, cgi/vote.c) */
	PAGE_AS_BALLOTS,
	PAGE_AS_ROUND_BALLOTS,
	PAGE_AS_ROUND_BALLOTS_POST,
	PAGE_AS_ROUND_BALLOTS_CSV,
	PAGE_VOTE,
	PAGE_VOTE_POST,
	/* Star ratings of 两新 organisations (cgi/as_stars*.c) */
	PAGE_AS_STARS,
	PAGE_AS_STARS_OVERVIEW,
	PAGE_AS_STARS_ITEMS,
	PAGE_AS_STARS_ITEMS_POST,
	PAGE_AS_STARS_ORG,
	PAGE_AS_STARS_ORG_POST,
	PAGE_UNIT_STARS,
	PAGE_UNIT_STARS_POST,
	PAGE__MAX
};

struct route {
	const char	*path;		/* '*' matches one path segment */
	unsigned	 methods;	/* M_GET | M_HEAD | M_POST */
	void		(*fn)(struct req *);
	const struct vform *form;	/* validated before fn runs */
};

extern const struct route routes[PAGE__MAX];

/* How errors are answered under a path prefix; ends with a NULL prefix. */
struct route_errfmt {
	const char	*prefix;
	void		(*fn)(struct req *, int status, const char *heading,
			    const char *text);
};
extern const struct route_errfmt route_errfmts[];

/* Handle one request from the accept loop (cgi/dispatch.c). */
struct FCGX_Request;
void	 dispatch(struct FCGX_Request *, const struct config *, struct db *);

enum route_rc {
	ROUTE_OK,		/* *page set, *args filled */
	ROUTE_NOTFOUND,		/* no pattern matches: 404 */
	ROUTE_BADMETHOD,	/* path matches, method does not: 405 */
};

/*
 * Find the route of path for method.  On ROUTE_BADMETHOD, *allowed holds
 * the methods the path takes.  Matched '*' segments are copied into
 * args[] (each at most argsz bytes, NUL-terminated); a segment longer than
 * that does not match.
 */
enum route_rc	 route_find(const char *path, enum method, enum page *,
		    unsigned *allowed, char args[][64], size_t nargs);

/*
 * Handlers, one family per file, each with the table of what it takes
 * (form_NAME beside page_NAME, in the same file).
 */
#define HANDLER(name) \
	void page_##name(struct req *); \
	extern const struct vform form_##name

/* cgi/portal.c */
HANDLER(home);
HANDLER(request_post);
HANDLER(receipt);
HANDLER(track);
HANDLER(track_post);
HANDLER(rate_post);

/* cgi/ops.c */
HANDLER(healthz);
HANDLER(metrics);
HANDLER(error);

/* cgi/open311.c: discovery and services */
HANDLER(o311_discovery);
HANDLER(o311_services);
HANDLER(o311_service);

/* cgi/open311req.c: requests */
HANDLER(o311_requests);
HANDLER(o311_post);
HANDLER(o311_test_post);
HANDLER(o311_request);

/* cgi/auth.c */
HANDLER(login);
HANDLER(login_post);
HANDLER(logout_post);

/* cgi/staff.c */
HANDLER(queue);
HANDLER(staff_request);
HANDLER(staff_act);
HANDLER(queue_search);

/* cgi/depts.c: summons (吹哨) and the departments' pages (报到) */
HANDLER(summons);
HANDLER(summons_post);
HANDLER(dept_queue);
HANDLER(dept_summons);
HANDLER(dept_summons_post);

/* cgi/users.c */
HANDLER(users);
HANDLER(users_post);
HANDLER(user_post);
HANDLER(audit);

/* cgi/members_staff.c */
HANDLER(staff_members);
HANDLER(staff_members_post);
/* cgi/members_public.c */
HANDLER(report);
HANDLER(report_post);
HANDLER(menu);
/* cgi/member.c */
HANDLER(member);
HANDLER(member_post);
/* cgi/members_staff.c */
HANDLER(staff_members_list);
HANDLER(staff_members_section);

/* cgi/stats.c */
HANDLER(api_stats);
HANDLER(chart_bar);
HANDLER(chart_trend);
HANDLER(chart_stack);
/* cgi/cbfig.c */
HANDLER(chart_cobuild);

/* cgi/dashboard.c */
HANDLER(dashboard);

/* cgi/export.c */
HANDLER(export_requests);
HANDLER(export_members);
HANDLER(export_figures);

/* cgi/photos.c */
HANDLER(photo);
/* cgi/place.c */
HANDLER(compounds_json);

/* Exports: export_init at start-up, before the threads. */
void	 export_init(void);

/* cgi/link.c: the messages' links, /t/TOKEN */
HANDLER(link);
HANDLER(link_post);
/* cgi/member_sms.c: members log in with their phone */
HANDLER(member_sms);
HANDLER(member_sms_post);
/* cgi/member_home.c: the index of the communities' menus */
HANDLER(menus);
/* cgi/units.c: departments and co-building units by admins (GET with
 * form_users) */
void	 page_units(struct req *);
HANDLER(units_post);
HANDLER(unit_post);
/* cgi/cb_units.c: co-building for staff, its units and 大党委 */
HANDLER(cobuild);
HANDLER(cb_units);
HANDLER(cb_unit);
HANDLER(cb_unit_post);
/* cgi/cb_agree.c: agreements, commitments, the mutual evaluation */
HANDLER(cb_agreement);
HANDLER(cb_agreement_post);
/* cgi/cb_unit.c: the co-building unit's own account */
HANDLER(unit_home);
HANDLER(unit_agreement_post);

/* cgi/cb_wishes.c: micro-wishes for staff */
HANDLER(cb_wishes);
HANDLER(cb_wishes_post);
HANDLER(cb_wish);
HANDLER(cb_wish_post);
/* cgi/wishes_claim.c: the wall, the members' and the units' pages (the
 * two claimers' routes take the same tables) */
HANDLER(wishes);
void	 page_member_wishes(struct req *);
void	 page_member_wishes_post(struct req *);
void	 page_unit_wishes(struct req *);
void	 page_unit_wishes_post(struct req *);
extern const struct vform form_claimer_wishes, form_claimer_wishes_post;

/* cgi/cb_needs.c: the needs list (需求清单) and its claims; on a staff
 * request's page (cgi/staff.c) the button that turns it into a need */
HANDLER(cb_needs);
HANDLER(cb_needs_post);
HANDLER(cb_need_new);
HANDLER(unit_needs);
HANDLER(unit_needs_post);
struct staff;
struct db_request_full;
void	 cb_request_section(struct req *, const struct staff *,
	    const struct db_request_full *);
/* cgi/cb_resources.c: the resources list (资源清单) and bookings */
HANDLER(cb_resources);
HANDLER(cb_resources_post);
HANDLER(unit_resources);
HANDLER(unit_resources_post);
/* cgi/cb_projects.c: joint projects (项目清单) and milestones */
HANDLER(cb_projects);
HANDLER(cb_projects_post);
HANDLER(cb_project);
HANDLER(cb_project_post);
HANDLER(unit_projects);
HANDLER(unit_projects_post);
/* cgi/cb_meetings.c: joint meetings (联席会议) and decisions */
HANDLER(cb_meetings);
HANDLER(cb_meetings_post);
HANDLER(cb_meeting);
HANDLER(cb_meeting_post);
HANDLER(unit_decisions);
HANDLER(unit_decisions_post);

/* cgi/as_common.c: the index of assessment */
HANDLER(assess);
/* cgi/as_schemes.c: indicator schemes */
HANDLER(as_schemes);
HANDLER(as_schemes_post);
HANDLER(as_scheme);
HANDLER(as_scheme_post);
/* cgi/as_rounds.c: rounds */
HANDLER(as_rounds);
HANDLER(as_rounds_post);
HANDLER(as_round);
HANDLER(as_round_post);
/* cgi/as_results.c: a published round's board, exports and chart */
HANDLER(as_board);
HANDLER(as_export);
HANDLER(as_chart);
/* cgi/as_ballots.c: democratic ballots, the staff's side */
HANDLER(as_ballots);
HANDLER(as_round_ballots);
HANDLER(as_round_ballots_post);
HANDLER(as_round_ballots_csv);
/* cgi/vote.c: voting with a one-time code */
HANDLER(vote);
HANDLER(vote_post);
/* cgi/as_stars.c: star ratings of 两新 organisations, the staff side */
HANDLER(as_stars);
HANDLER(as_stars_overview);
HANDLER(as_stars_org);
HANDLER(as_stars_org_post);
/* cgi/as_stars_items.c: the sub-indicators of a year */
HANDLER(as_stars_items);
HANDLER(as_stars_items_post);
/* cgi/as_stars_unit.c: the organisation's own page */
HANDLER(unit_stars);
HANDLER(unit_stars_post);

#endif
