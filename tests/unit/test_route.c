/*
 * The routing table: every route reachable, unknown paths 404, wrong
 * methods 405 with the right Allow set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "route.h"

struct rcase {
	const char	*path;
	enum method	 m;
	enum route_rc	 rc;
	int		 page;		/* for ROUTE_OK */
	unsigned	 allowed;	/* for ROUTE_BADMETHOD */
};

static const struct rcase cases[] = {
	{ "/", METHOD_GET, ROUTE_OK, PAGE_HOME, 0 },
	{ "/", METHOD_HEAD, ROUTE_OK, PAGE_HOME, 0 },
	{ "/", METHOD_POST, ROUTE_BADMETHOD, 0, M_GET | M_HEAD },
	{ "/healthz", METHOD_GET, ROUTE_OK, PAGE_HEALTHZ, 0 },
	{ "/healthz", METHOD_POST, ROUTE_BADMETHOD, 0, M_GET | M_HEAD },
	{ "/metrics", METHOD_GET, ROUTE_OK, PAGE_METRICS, 0 },
	{ "/errors/404", METHOD_GET, ROUTE_OK, PAGE_ERROR, 0 },
	{ "/errors/404", METHOD_POST, ROUTE_BADMETHOD, 0, M_GET | M_HEAD },
	{ "/bench/empty", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	/* The static files are nginx's (nginx/lianxin-locations.conf). */
	{ "/static/lianxin.css", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/requests", METHOD_POST, ROUTE_OK, PAGE_REQUEST_POST, 0 },
	{ "/requests", METHOD_GET, ROUTE_BADMETHOD, 0, M_POST },
	{ "/track", METHOD_GET, ROUTE_OK, PAGE_TRACK, 0 },
	{ "/track", METHOD_POST, ROUTE_OK, PAGE_TRACK_POST, 0 },
	{ "/receipt/ABCD2345", METHOD_GET, ROUTE_OK, PAGE_RECEIPT, 0 },
	{ "/receipt/", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/receipt/A/B", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/rate", METHOD_GET, ROUTE_BADMETHOD, 0, M_POST },
	{ "/healthz/", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/healthzz", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/healt", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "//", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/nope", METHOD_POST, ROUTE_NOTFOUND, 0, 0 },
	{ "/static/", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/static/../etc/passwd", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/open311/v2/discovery.xml", METHOD_GET, ROUTE_OK,
	  PAGE_O311_DISCOVERY, 0 },
	{ "/open311/v2/services.json", METHOD_HEAD, ROUTE_OK,
	  PAGE_O311_SERVICES, 0 },
	{ "/open311/v2/services/env.xml", METHOD_GET, ROUTE_OK,
	  PAGE_O311_SERVICE, 0 },
	{ "/open311/v2/requests.xml", METHOD_GET, ROUTE_OK,
	  PAGE_O311_REQUESTS, 0 },
	{ "/open311/v2/requests.json", METHOD_POST, ROUTE_OK,
	  PAGE_O311_REQUEST_POST, 0 },
	{ "/open311/test/v2/requests.json", METHOD_POST, ROUTE_OK,
	  PAGE_O311_TEST_POST, 0 },
	{ "/open311/test/v2/requests.json", METHOD_GET, ROUTE_BADMETHOD, 0,
	  M_POST },
	{ "/open311/v2/requests/ABCD2345.json", METHOD_GET, ROUTE_OK,
	  PAGE_O311_REQUEST, 0 },
	{ "/open311/v2/requests/ABCD2345.json", METHOD_POST, ROUTE_BADMETHOD,
	  0, M_GET | M_HEAD },
	{ "/open311/v2/services.xml", METHOD_POST, ROUTE_BADMETHOD, 0,
	  M_GET | M_HEAD },
	{ "/open311/v2/services/", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/open311/v2/services/a/b.xml", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/open311/v2/discovery", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/open311/v2/requests.", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/staff/members", METHOD_GET, ROUTE_OK, PAGE_STAFF_MEMBERS_LIST, 0 },
	{ "/staff/members", METHOD_POST, ROUTE_BADMETHOD, 0, M_GET | M_HEAD },
	{ "/staff/members/12", METHOD_GET, ROUTE_OK, PAGE_STAFF_MEMBERS, 0 },
	{ "/staff/members/12", METHOD_POST, ROUTE_OK, PAGE_STAFF_MEMBERS_POST,
	  0 },
	{ "/staff/members/12/menu", METHOD_GET, ROUTE_OK,
	  PAGE_STAFF_MEMBERS_SECTION, 0 },
	{ "/staff/members/12/menu", METHOD_POST, ROUTE_BADMETHOD, 0,
	  M_GET | M_HEAD },
	{ "/staff/members/12/menu/x", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
	{ "/staff/members/", METHOD_GET, ROUTE_NOTFOUND, 0, 0 },
};

static void
table_cases(void **state)
{
	char		 args[REQ_ARGS][64];
	enum page	 page;
	unsigned	 allowed;
	size_t		 i;
	enum route_rc	 rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		page = PAGE__MAX;
		rc = route_find(cases[i].path, cases[i].m, &page, &allowed,
		    args, REQ_ARGS);
		if (rc != cases[i].rc)
			fail_msg("%s %s: rc %d, want %d",
			    method_names[cases[i].m], cases[i].path, rc,
			    cases[i].rc);
		if (rc == ROUTE_OK)
			assert_int_equal(page, cases[i].page);
		if (rc == ROUTE_BADMETHOD)
			assert_int_equal(allowed, cases[i].allowed);
	}
}

/* Every route's own path (with '*' filled in) routes to itself. */
static void
every_route_reachable(void **state)
{
	char		 args[REQ_ARGS][64], path[256], *p;
	enum page	 page;
	unsigned	 allowed, m;
	size_t		 i;

	(void)state;
	for (i = 0; i < PAGE__MAX; i++) {
		assert_non_null(routes[i].fn);
		assert_true(routes[i].methods != 0);
		snprintf(path, sizeof(path), "%s", routes[i].path);
		while ((p = strchr(path, '*')) != NULL)
			*p = 'X';
		for (m = 0; m < METHOD__MAX; m++) {
			if (!(routes[i].methods & (1u << m)))
				continue;
			assert_int_equal(route_find(path, (enum method)m,
			    &page, &allowed, args, REQ_ARGS), ROUTE_OK);
			assert_int_equal(page, i);
		}
	}
}

/*
 * Every route has its table, and no table or action has more fields than
 * the request holds (valid_request checks at most VALID_MAX of them).
 */
static void
every_route_has_a_table(void **state)
{
	const struct vform *f;
	size_t		 i, k;

	(void)state;
	for (i = 0; i < PAGE__MAX; i++) {
		f = routes[i].form;
		assert_non_null(f);
		assert_true(f->nfields <= VALID_MAX);
		assert_true(f->nfields == 0 || f->fields != NULL);
		assert_true(f->nactions == 0 || f->actions != NULL);
		for (k = 0; k < f->nactions; k++) {
			assert_true(f->actions[k].nfields <= VALID_MAX);
			assert_true(f->actions[k].name != NULL ||
			    f->actions[k].code != NULL);
		}
	}
}


int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_cases),
		cmocka_unit_test(every_route_reachable),
		cmocka_unit_test(every_route_has_a_table),
	};

	return cmocka_run_group_tests_name("route", tests, NULL, NULL);
}
