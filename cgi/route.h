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
	PAGE_EMPTY,
	PAGE_CSS,
	PAGE_JS,
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
	PAGE_DASHBOARD,
	/* Exports (cgi/export.c) */
	PAGE_EXPORT_REQUESTS,
	PAGE_EXPORT_MEMBERS,
	PAGE_EXPORT_FIGURES,
	PAGE__MAX
};

struct route {
	const char	*path;		/* '*' matches one path segment */
	unsigned	 methods;	/* M_GET | M_HEAD | M_POST */
	void		(*fn)(struct req *);
};

extern const struct route routes[PAGE__MAX];

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

/* Handlers, one family per file. */
void	 page_home(struct req *);	/* cgi/portal.c */
void	 page_healthz(struct req *);	/* cgi/ops.c */
void	 page_metrics(struct req *);	/* cgi/ops.c */
void	 page_empty(struct req *);	/* cgi/ops.c */
void	 page_css(struct req *);	/* cgi/ops.c */
void	 page_js(struct req *);		/* cgi/ops.c */
void	 page_request_post(struct req *); /* cgi/portal.c */
void	 page_receipt(struct req *);	/* cgi/portal.c */
void	 page_track(struct req *);	/* cgi/portal.c */
void	 page_track_post(struct req *);	/* cgi/portal.c */
void	 page_rate_post(struct req *);	/* cgi/portal.c */
void	 page_error(struct req *);	/* cgi/ops.c */
void	 page_o311_discovery(struct req *); /* cgi/open311.c */
void	 page_o311_services(struct req *); /* cgi/open311.c */
void	 page_o311_service(struct req *); /* cgi/open311.c */
void	 page_o311_requests(struct req *); /* cgi/open311.c */
void	 page_o311_post(struct req *);	/* cgi/open311.c */
void	 page_o311_request(struct req *); /* cgi/open311.c */

void	 page_login(struct req *);	/* cgi/auth.c */
void	 page_login_post(struct req *);	/* cgi/auth.c */
void	 page_logout_post(struct req *); /* cgi/auth.c */
void	 page_queue(struct req *);	/* cgi/staff.c */
void	 page_staff_request(struct req *); /* cgi/staff.c */
void	 page_staff_act(struct req *);	/* cgi/staff.c */
void	 page_users(struct req *);	/* cgi/users.c */
void	 page_users_post(struct req *);	/* cgi/users.c */
void	 page_user_post(struct req *);	/* cgi/users.c */
void	 page_audit(struct req *);	/* cgi/users.c */
void	 page_staff_members(struct req *); /* cgi/members.c */
void	 page_staff_members_post(struct req *); /* cgi/members.c */
void	 page_report(struct req *);	/* cgi/members.c */
void	 page_report_post(struct req *); /* cgi/members.c */
void	 page_menu(struct req *);	/* cgi/members.c */
void	 page_member(struct req *);	/* cgi/members.c */
void	 page_member_post(struct req *); /* cgi/members.c */
void	 page_staff_members_list(struct req *); /* cgi/members.c */
void	 page_staff_members_section(struct req *); /* cgi/members.c */

/* Figures */
void	 page_api_stats(struct req *);	/* cgi/stats.c */
void	 page_chart_bar(struct req *);	/* cgi/stats.c */
void	 page_chart_trend(struct req *); /* cgi/stats.c */
void	 page_chart_stack(struct req *); /* cgi/stats.c */
void	 page_dashboard(struct req *);	/* cgi/dashboard.c */

/* Exports (cgi/export.c); export_init at start-up, before the threads. */
void	 export_init(void);
void	 page_export_requests(struct req *);
void	 page_export_members(struct req *);
void	 page_export_figures(struct req *);

#endif
