#include <stddef.h>
#include <string.h>

#include "open311.h"
#include "route.h"
#include "stats.h"

const struct route routes[PAGE__MAX] = {
	[PAGE_HOME] = { "/", M_GET | M_HEAD,	page_home, &form_home },
	[PAGE_HEALTHZ] = { "/healthz", M_GET | M_HEAD,	page_healthz, &form_healthz },
	[PAGE_METRICS] = { "/metrics", M_GET | M_HEAD,	page_metrics, &form_metrics },
	[PAGE_REQUEST_POST] = { "/requests", M_POST,		page_request_post, &form_request_post },
	[PAGE_RECEIPT] = { "/receipt/*", M_GET | M_HEAD,	page_receipt, &form_receipt },
	[PAGE_TRACK] = { "/track", M_GET | M_HEAD,	page_track, &form_track },
	[PAGE_TRACK_POST] = { "/track", M_POST,		page_track_post, &form_track_post },
	[PAGE_RATE_POST] = { "/rate", M_POST,		page_rate_post, &form_rate_post },
	[PAGE_ERROR] = { "/errors/*", M_GET | M_HEAD,	page_error, &form_error },
	[PAGE_LOGIN] = { "/login", M_GET | M_HEAD, page_login, &form_login },
	[PAGE_LOGIN_POST] = { "/login", M_POST, page_login_post, &form_login_post },
	[PAGE_LOGOUT_POST] = { "/logout", M_POST, page_logout_post, &form_logout_post },
	[PAGE_QUEUE] = { "/staff", M_GET | M_HEAD, page_queue, &form_queue },
	[PAGE_STAFF_REQUEST] = { "/staff/requests/*", M_GET | M_HEAD,
	    page_staff_request, &form_staff_request },
	[PAGE_STAFF_ACT] = { "/staff/requests/*", M_POST, page_staff_act, &form_staff_act },
	[PAGE_USERS] = { "/admin/users", M_GET | M_HEAD, page_users, &form_users },
	[PAGE_USERS_POST] = { "/admin/users", M_POST, page_users_post, &form_users_post },
	[PAGE_USER_POST] = { "/admin/users/*", M_POST, page_user_post, &form_user_post },
	[PAGE_AUDIT] = { "/admin/audit", M_GET | M_HEAD, page_audit, &form_audit },
	/* Open311 GeoReport v2: '*' is the format, or "name.format" */
	[PAGE_O311_DISCOVERY] = { "/open311/v2/discovery.*", M_GET | M_HEAD,
	    page_o311_discovery, &form_o311_discovery },
	[PAGE_O311_SERVICES] = { "/open311/v2/services.*", M_GET | M_HEAD,
	    page_o311_services, &form_o311_services },
	[PAGE_O311_SERVICE] = { "/open311/v2/services/*", M_GET | M_HEAD,
	    page_o311_service, &form_o311_service },
	[PAGE_O311_REQUESTS] = { "/open311/v2/requests.*", M_GET | M_HEAD,
	    page_o311_requests, &form_o311_requests },
	[PAGE_O311_REQUEST_POST] = { "/open311/v2/requests.*", M_POST,
	    page_o311_post, &form_o311_post },
	[PAGE_O311_TEST_POST] = { "/open311/test/v2/requests.*", M_POST,
	    page_o311_test_post, &form_o311_post },
	[PAGE_O311_REQUEST] = { "/open311/v2/requests/*", M_GET | M_HEAD,
	    page_o311_request, &form_o311_request },
	/* Party members (cgi/members_staff.c, members_public.c, member.c):
	 * '*' is a community id */
	[PAGE_STAFF_MEMBERS] = { "/staff/members/*", M_GET | M_HEAD,
	    page_staff_members, &form_staff_members },
	[PAGE_STAFF_MEMBERS_POST] = { "/staff/members/*", M_POST,
	    page_staff_members_post, &form_staff_members_post },
	[PAGE_REPORT] = { "/report", M_GET | M_HEAD, page_report, &form_report },
	[PAGE_REPORT_POST] = { "/report", M_POST, page_report_post, &form_report_post },
	[PAGE_MENU] = { "/menu/*", M_GET | M_HEAD, page_menu, &form_menu },
	[PAGE_MEMBER] = { "/member", M_GET | M_HEAD, page_member, &form_member },
	[PAGE_MEMBER_POST] = { "/member", M_POST, page_member_post, &form_member_post },
	[PAGE_STAFF_MEMBERS_LIST] = { "/staff/members", M_GET | M_HEAD,
	    page_staff_members_list, &form_staff_members_list },
	/* '*' a community id, then a section: roster, reports, menu, ... */
	[PAGE_STAFF_MEMBERS_SECTION] = { "/staff/members/*/*", M_GET | M_HEAD,
	    page_staff_members_section, &form_staff_members_section },
	/* Figures (cgi/stats.c, cgi/dashboard.c) */
	[PAGE_API_STATS] = { "/api/stats", M_GET | M_HEAD, page_api_stats, &form_api_stats },
	[PAGE_CHART_BAR] = { "/charts/bar.png", M_GET | M_HEAD,
	    page_chart_bar, &form_chart_bar },
	[PAGE_CHART_TREND] = { "/charts/trend.png", M_GET | M_HEAD,
	    page_chart_trend, &form_chart_trend },
	[PAGE_CHART_STACK] = { "/charts/stack.png", M_GET | M_HEAD,
	    page_chart_stack, &form_chart_stack },
	[PAGE_CHART_COBUILD] = { "/charts/cobuild.png", M_GET | M_HEAD,
	    page_chart_cobuild, &form_chart_cobuild },
	[PAGE_DASHBOARD] = { "/dashboard", M_GET | M_HEAD, page_dashboard, &form_dashboard },
	/* Exports (cgi/export.c): '*' is the format, csv or xlsx */
	[PAGE_EXPORT_REQUESTS] = { "/export/requests.*", M_GET,
	    page_export_requests, &form_export_requests },
	[PAGE_EXPORT_MEMBERS] = { "/export/members.*", M_GET,
	    page_export_members, &form_export_members },
	[PAGE_EXPORT_FIGURES] = { "/export/figures.*", M_GET,
	    page_export_figures, &form_export_figures },
	/* Photos (cgi/photos.c): '*' is the photo's SHA-256 in base64url */
	[PAGE_PHOTO] = { "/photos/*", M_GET | M_HEAD, page_photo, &form_photo },
	/* Compounds (小区) for the request form (cgi/place.c) */
	[PAGE_COMPOUNDS_JSON] = { "/compounds.json", M_GET | M_HEAD,
	    page_compounds_json, &form_compounds_json },
	/* Departments (cgi/depts.c): '*' a tracking number, a summons id */
	[PAGE_SUMMONS] = { "/staff/requests/*/summons", M_GET | M_HEAD,
	    page_summons, &form_summons },
	[PAGE_SUMMONS_POST] = { "/staff/requests/*/summons", M_POST,
	    page_summons_post, &form_summons_post },
	[PAGE_DEPT_QUEUE] = { "/dept", M_GET | M_HEAD, page_dept_queue,
	    &form_dept_queue },
	[PAGE_DEPT_SUMMONS] = { "/dept/summons/*", M_GET | M_HEAD,
	    page_dept_summons, &form_dept_summons },
	[PAGE_DEPT_SUMMONS_POST] = { "/dept/summons/*", M_POST,
	    page_dept_summons_post, &form_dept_summons_post },
	/* The links of messages to residents (cgi/link.c): '*' a token */
	[PAGE_LINK] = { "/t/*", M_GET | M_HEAD, page_link, &form_link },
	[PAGE_LINK_POST] = { "/t/*", M_POST, page_link_post, &form_link_post },
	/* Members log in with their phone (cgi/member_sms.c) */
	[PAGE_MEMBER_SMS] = { "/member/sms", M_GET | M_HEAD, page_member_sms,
	    &form_member_sms },
	[PAGE_MEMBER_SMS_POST] = { "/member/sms", M_POST, page_member_sms_post,
	    &form_member_sms_post },
	[PAGE_MENUS] = { "/menu", M_GET | M_HEAD, page_menus, &form_menus },
	/* The queue's search by tracking number or phone (cgi/staff.c) */
	[PAGE_QUEUE_SEARCH] = { "/staff", M_POST, page_queue_search,
	    &form_queue_search },
	/* Units by admins (cgi/units.c) */
	[PAGE_UNITS] = { "/admin/units", M_GET | M_HEAD, page_units,
	    &form_users },
	[PAGE_UNITS_POST] = { "/admin/units", M_POST, page_units_post,
	    &form_units_post },
	[PAGE_UNIT_POST] = { "/admin/units/*", M_POST, page_unit_post,
	    &form_unit_post },
	/* Micro-wishes (cgi/cb_wishes.c, cgi/wishes_claim.c): '*' a wish id */
	[PAGE_CB_WISHES] = { "/cobuild/wishes", M_GET | M_HEAD, page_cb_wishes,
	    &form_cb_wishes },
	[PAGE_CB_WISHES_POST] = { "/cobuild/wishes", M_POST,
	    page_cb_wishes_post, &form_cb_wishes_post },
	[PAGE_CB_WISH] = { "/cobuild/wishes/*", M_GET | M_HEAD, page_cb_wish,
	    &form_cb_wish },
	[PAGE_CB_WISH_POST] = { "/cobuild/wishes/*", M_POST, page_cb_wish_post,
	    &form_cb_wish_post },
	[PAGE_WISHES] = { "/wishes", M_GET | M_HEAD, page_wishes, &form_wishes },
	[PAGE_MEMBER_WISHES] = { "/member/wishes", M_GET | M_HEAD,
	    page_member_wishes, &form_claimer_wishes },
	[PAGE_MEMBER_WISHES_POST] = { "/member/wishes", M_POST,
	    page_member_wishes_post, &form_claimer_wishes_post },
	[PAGE_UNIT_WISHES] = { "/unit/wishes", M_GET | M_HEAD,
	    page_unit_wishes, &form_claimer_wishes },
	[PAGE_UNIT_WISHES_POST] = { "/unit/wishes", M_POST,
	    page_unit_wishes_post, &form_claimer_wishes_post },
	/* Co-building (cgi/cb_units.c, cb_agree.c, cb_unit.c): '*' a unit
	 * id, an agreement id */
	[PAGE_COBUILD] = { "/cobuild", M_GET | M_HEAD, page_cobuild,
	    &form_cobuild },
	[PAGE_CB_UNITS] = { "/cobuild/units", M_GET | M_HEAD, page_cb_units,
	    &form_cb_units },
	[PAGE_CB_UNIT] = { "/cobuild/units/*", M_GET | M_HEAD, page_cb_unit,
	    &form_cb_unit },
	[PAGE_CB_UNIT_POST] = { "/cobuild/units/*", M_POST,
	    page_cb_unit_post, &form_cb_unit_post },
	[PAGE_CB_AGREEMENT] = { "/cobuild/agreements/*", M_GET | M_HEAD,
	    page_cb_agreement, &form_cb_agreement },
	[PAGE_CB_AGREEMENT_POST] = { "/cobuild/agreements/*", M_POST,
	    page_cb_agreement_post, &form_cb_agreement_post },
	[PAGE_UNIT_HOME] = { "/unit", M_GET | M_HEAD, page_unit_home,
	    &form_unit_home },
	[PAGE_UNIT_AGREEMENT_POST] = { "/unit/agreements/*", M_POST,
	    page_unit_agreement_post, &form_unit_agreement_post },
	/* Co-building's lists and meetings (cgi/cb_needs.c, cb_resources.c,
	 * cb_projects.c, cb_meetings.c): '*' a project's or meeting's id */
#define CB_ROUTE(p, path, m, name) \
	[p] = { path, m, page_##name, &form_##name }
	CB_ROUTE(PAGE_CB_NEEDS, "/cobuild/needs", M_GET | M_HEAD, cb_needs),
	CB_ROUTE(PAGE_CB_NEEDS_POST, "/cobuild/needs", M_POST, cb_needs_post),
	CB_ROUTE(PAGE_CB_NEED_NEW, "/cobuild/needs/new", M_GET | M_HEAD,
	    cb_need_new),
	CB_ROUTE(PAGE_UNIT_NEEDS, "/unit/needs", M_GET | M_HEAD, unit_needs),
	CB_ROUTE(PAGE_UNIT_NEEDS_POST, "/unit/needs", M_POST, unit_needs_post),
	CB_ROUTE(PAGE_CB_RESOURCES, "/cobuild/resources", M_GET | M_HEAD,
	    cb_resources),
	CB_ROUTE(PAGE_CB_RESOURCES_POST, "/cobuild/resources", M_POST,
	    cb_resources_post),
	CB_ROUTE(PAGE_UNIT_RESOURCES, "/unit/resources", M_GET | M_HEAD,
	    unit_resources),
	CB_ROUTE(PAGE_UNIT_RESOURCES_POST, "/unit/resources", M_POST,
	    unit_resources_post),
	CB_ROUTE(PAGE_CB_PROJECTS, "/cobuild/projects", M_GET | M_HEAD,
	    cb_projects),
	CB_ROUTE(PAGE_CB_PROJECTS_POST, "/cobuild/projects", M_POST,
	    cb_projects_post),
	CB_ROUTE(PAGE_CB_PROJECT, "/cobuild/projects/*", M_GET | M_HEAD,
	    cb_project),
	CB_ROUTE(PAGE_CB_PROJECT_POST, "/cobuild/projects/*", M_POST,
	    cb_project_post),
	CB_ROUTE(PAGE_UNIT_PROJECTS, "/unit/projects", M_GET | M_HEAD,
	    unit_projects),
	CB_ROUTE(PAGE_UNIT_PROJECTS_POST, "/unit/projects", M_POST,
	    unit_projects_post),
	CB_ROUTE(PAGE_CB_MEETINGS, "/cobuild/meetings", M_GET | M_HEAD,
	    cb_meetings),
	CB_ROUTE(PAGE_CB_MEETINGS_POST, "/cobuild/meetings", M_POST,
	    cb_meetings_post),
	CB_ROUTE(PAGE_CB_MEETING, "/cobuild/meetings/*", M_GET | M_HEAD,
	    cb_meeting),
	CB_ROUTE(PAGE_CB_MEETING_POST, "/cobuild/meetings/*", M_POST,
	    cb_meeting_post),
	CB_ROUTE(PAGE_UNIT_DECISIONS, "/unit/decisions", M_GET | M_HEAD,
	    unit_decisions),
	CB_ROUTE(PAGE_UNIT_DECISIONS_POST, "/unit/decisions", M_POST,
	    unit_decisions_post),
#undef CB_ROUTE
	/* Assessment, 考评 (cgi/as_*.c): '*' a scheme's or round's id */
	[PAGE_ASSESS] = { "/assess", M_GET | M_HEAD, page_assess,
	    &form_assess },
	[PAGE_AS_SCHEMES] = { "/assess/schemes", M_GET | M_HEAD,
	    page_as_schemes, &form_as_schemes },
	[PAGE_AS_SCHEMES_POST] = { "/assess/schemes", M_POST,
	    page_as_schemes_post, &form_as_schemes_post },
	[PAGE_AS_SCHEME] = { "/assess/schemes/*", M_GET | M_HEAD,
	    page_as_scheme, &form_as_scheme },
	[PAGE_AS_SCHEME_POST] = { "/assess/schemes/*", M_POST,
	    page_as_scheme_post, &form_as_scheme_post },
	[PAGE_AS_ROUNDS] = { "/assess/rounds", M_GET | M_HEAD,
	    page_as_rounds, &form_as_rounds },
	[PAGE_AS_ROUNDS_POST] = { "/assess/rounds", M_POST,
	    page_as_rounds_post, &form_as_rounds_post },
	[PAGE_AS_ROUND] = { "/assess/rounds/*", M_GET | M_HEAD,
	    page_as_round, &form_as_round },
	[PAGE_AS_ROUND_POST] = { "/assess/rounds/*", M_POST,
	    page_as_round_post, &form_as_round_post },
	[PAGE_AS_BOARD] = { "/assess/rounds/*/board", M_GET | M_HEAD,
	    page_as_board, &form_as_board },
	/* '*' then the format, csv or xlsx */
	[PAGE_AS_EXPORT] = { "/assess/rounds/*/results.*", M_GET,
	    page_as_export, &form_as_export },
	[PAGE_AS_CHART] = { "/assess/rounds/*/chart.png", M_GET | M_HEAD,
	    page_as_chart, &form_as_chart },
	/* Democratic ballots (cgi/as_ballots.c): '*' a round id */
	[PAGE_AS_BALLOTS] = { "/assess/ballots", M_GET | M_HEAD,
	    page_as_ballots, &form_as_ballots },
	[PAGE_AS_ROUND_BALLOTS] = { "/assess/rounds/*/ballots", M_GET | M_HEAD,
	    page_as_round_ballots, &form_as_round_ballots },
	[PAGE_AS_ROUND_BALLOTS_POST] = { "/assess/rounds/*/ballots", M_POST,
	    page_as_round_ballots_post, &form_as_round_ballots_post },
	[PAGE_AS_ROUND_BALLOTS_CSV] = { "/assess/rounds/*/ballots/csv",
	    M_POST, page_as_round_ballots_csv, &form_as_round_ballots_csv },
	/* Voting with a one-time code (cgi/vote.c) */
	[PAGE_VOTE] = { "/vote", M_GET | M_HEAD, page_vote, &form_vote },
	[PAGE_VOTE_POST] = { "/vote", M_POST, page_vote_post, &form_vote_post },
	/* Star ratings of 两新 organisations (cgi/as_stars.c,
	 * as_stars_items.c, as_stars_unit.c): '*' an organisation's id */
	[PAGE_AS_STARS] = { "/assess/stars", M_GET | M_HEAD, page_as_stars,
	    &form_as_stars },
	[PAGE_AS_STARS_OVERVIEW] = { "/assess/stars/overview", M_GET | M_HEAD,
	    page_as_stars_overview, &form_as_stars_overview },
	[PAGE_AS_STARS_ITEMS] = { "/assess/stars/items", M_GET | M_HEAD,
	    page_as_stars_items, &form_as_stars_items },
	[PAGE_AS_STARS_ITEMS_POST] = { "/assess/stars/items", M_POST,
	    page_as_stars_items_post, &form_as_stars_items_post },
	[PAGE_AS_STARS_ORG] = { "/assess/stars/org/*", M_GET | M_HEAD,
	    page_as_stars_org, &form_as_stars_org },
	[PAGE_AS_STARS_ORG_POST] = { "/assess/stars/org/*", M_POST,
	    page_as_stars_org_post, &form_as_stars_org_post },
	[PAGE_UNIT_STARS] = { "/unit/stars", M_GET | M_HEAD, page_unit_stars,
	    &form_unit_stars },
	[PAGE_UNIT_STARS_POST] = { "/unit/stars", M_POST,
	    page_unit_stars_post, &form_unit_stars_post },
};

/* Paths whose errors are an API's error body, not an HTML page. */
const struct route_errfmt route_errfmts[] = {
	{ "/open311/", open311_errfmt },	/* cgi/open311doc.c */
	{ "/api/", stats_errfmt },		/* cgi/stats.c */
	{ NULL, NULL },
};

/*
 * Does path match pattern?  '*' stands for one non-empty segment without
 * '/'; matched segments go to args.  Returns 1 or 0.
 */
static int
match(const char *pat, const char *path, char args[][64], size_t nargs)
{
	size_t	 na = 0, n;

	while (*pat != '\0') {
		if (*pat == '*') {
			n = strcspn(path, "/");
			if (n == 0 || n >= 64 || na >= nargs)
				return 0;
			memcpy(args[na], path, n);
			args[na++][n] = '\0';
			path += n;
			pat++;
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	return *path == '\0';
}

enum route_rc
route_find(const char *path, enum method m, enum page *page,
    unsigned *allowed, char args[][64], size_t nargs)
{
	size_t	 i;

	*allowed = 0;
	for (i = 0; i < PAGE__MAX; i++) {
		if (!match(routes[i].path, path, args, nargs))
			continue;
		if (routes[i].methods & (1u << m)) {
			*page = (enum page)i;
			return ROUTE_OK;
		}
		*allowed |= routes[i].methods;
	}
	return *allowed ? ROUTE_BADMETHOD : ROUTE_NOTFOUND;
}
