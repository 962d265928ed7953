/*
 * The parsers of Open311 query parameters: W3C datetimes, the output
 * time format, service_request_id lists, service code and status lists.
 * Table-driven valid and invalid inputs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "isotime.h"
#include "open311.h"

static const struct {
	const char	*s;
	long long	 t;		/* UTC seconds; -1: refused */
} dates[] = {
	{ "2026-11-21T23:30:00+08:00", 1795275000 },
	{ "2026-11-21T15:30:00Z", 1795275000 },
	{ "2026-11-21T10:30:00-05:00", 1795275000 },
	{ "2026-11-21T23:30:00 08:00", 1795275000 },	/* '+' as space */
	{ "2026-11-21T23:30+08:00", 1795275000 },
	{ "2026-11-21T23:30:00.123+08:00", 1795275000 },
	{ "2026-11-21T15:30:00.5Z", 1795275000 },
	{ "2026-11-22", 1795276800 },		/* local (+08:00) midnight */
	{ "2024-02-29T00:00:00Z", 1709164800 },
	{ "1970-01-01T00:00:00Z", 0 },
	{ "2026-11-21T23:30:00", -1 },		/* no time zone */
	{ "2026-11-21 23:30:00+08:00", -1 },
	{ "2026-11-21T23:30:00+8:00", -1 },
	{ "2026-11-21T23:30:00+0800", -1 },
	{ "2026-11-21T23:30:00+15:00", -1 },
	{ "2026-11-21T23:30:00+08:60", -1 },
	{ "2026-11-21T24:00:00Z", -1 },
	{ "2026-11-21T23:60:00Z", -1 },
	{ "2026-11-21T23:30:60Z", -1 },
	{ "2026-11-21T23:30:00.Z", -1 },
	{ "2026-11-21T23:30:00Zjunk", -1 },
	{ "2026-02-29T00:00:00Z", -1 },
	{ "2026-13-01T00:00:00Z", -1 },
	{ "2026-00-01T00:00:00Z", -1 },
	{ "2026-11-00T00:00:00Z", -1 },
	{ "2026-11-31", -1 },
	{ "2026-1-21", -1 },
	{ "26-11-21", -1 },
	{ "1899-12-31T00:00:00Z", -1 },
	{ "+2026-11-21T00:00:00Z", -1 },
	{ "2026-11-21T", -1 },
	{ "2026-11-21Tab:cd:00Z", -1 },
	{ "", -1 },
	{ "yesterday", -1 },
	{ "2026-11-21T23:30:00+08:00' OR 1=1", -1 },
};

static void
datetimes(void **state)
{
	time_t	 t;
	size_t	 i;
	int	 rc;

	(void)state;
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		t = 42;
		rc = isotime_parse(dates[i].s, &t);
		if (dates[i].t == -1 && rc != -1)
			fail_msg("%s: accepted", dates[i].s);
		if (dates[i].t != -1 && (rc != 0 || t != dates[i].t))
			fail_msg("%s: rc %d, %lld, want %lld", dates[i].s, rc,
			    (long long)t, dates[i].t);
	}
}

static void
times_out(void **state)
{
	char	 s[32];
	time_t	 t;

	(void)state;
	assert_string_equal(isotime_format(1795275000, s),
	    "2026-11-21T23:30:00+08:00");
	assert_string_equal(isotime_format(0, s), "1970-01-01T08:00:00+08:00");
	/* What is written reads back as the same instant. */
	assert_int_equal(isotime_parse(isotime_format(1700000001, s), &t), 0);
	assert_int_equal(t, 1700000001);
}

static const struct {
	const char	*s;
	int		 rc;
	size_t		 n;
} idlists[] = {
	{ "ABCDEFGH", 0, 1 },
	{ "ABCDEFGH,23456789", 0, 2 },
	{ "ABCDEFGH,ABCDEFGH,23456789", 0, 2 },	/* duplicates dropped */
	{ "ABCDEFGH,23456789,ZZZZZZZZ", -1, 0 },	/* over max (2) */
	{ "", -1, 0 },
	{ ",", -1, 0 },
	{ "ABCDEFGH,", -1, 0 },
	{ ",ABCDEFGH", -1, 0 },
	{ "ABCDEFGH,,23456789", -1, 0 },
	{ "abcdefgh", -1, 0 },
	{ "ABCDEFG", -1, 0 },
	{ "ABCDEFGHJ", -1, 0 },
	{ "ABCDEFG0", -1, 0 },		/* 0 is not in the alphabet */
	{ "ABCDEFGI", -1, 0 },
	{ "ABCDEFGH ,23456789", -1, 0 },
	{ "<script>", -1, 0 },
	{ "ABCDEFGH' OR '1'='1", -1, 0 },
};

static void
ids(void **state)
{
	char	 out[2][DB_TRACKING_LEN + 1];
	size_t	 i, n;
	int	 rc;

	(void)state;
	for (i = 0; i < sizeof(idlists) / sizeof(idlists[0]); i++) {
		rc = open311_ids(idlists[i].s, out, 2, &n);
		if (rc != idlists[i].rc || (rc == 0 && n != idlists[i].n))
			fail_msg("\"%s\": rc %d n %zu", idlists[i].s, rc, n);
	}
	assert_int_equal(open311_ids("ABCDEFGH,23456789", out, 2, &n), 0);
	assert_string_equal(out[0], "ABCDEFGH");
	assert_string_equal(out[1], "23456789");
}

static void
codes(void **state)
{
	static const char *const good[] = { "env", "env,noise", "a-b_c",
	    "x", "0123456789abcdefghijklmnopqrstuv" };
	static const char *const bad[] = { "", ",", "env,", "env,,noise",
	    "env noise", "<b>", "env;DROP", "0123456789abcdefghijklmnopqrstuvw",
	    "环境" };
	char	 many[1024];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (open311_codes(good[i]) != 0)
			fail_msg("\"%s\" refused", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (open311_codes(bad[i]) != -1)
			fail_msg("\"%s\" accepted", bad[i]);
	many[0] = '\0';
	for (i = 0; i < OPEN311_MAX_CODES; i++)
		strcat(many, i ? ",a" : "a");
	assert_int_equal(open311_codes(many), 0);
	strcat(many, ",a");
	assert_int_equal(open311_codes(many), -1);
}

static void
statuses(void **state)
{
	bool	 o, c;

	(void)state;
	assert_int_equal(open311_statuses("open", &o, &c), 0);
	assert_true(o && !c);
	assert_int_equal(open311_statuses("closed", &o, &c), 0);
	assert_true(!o && c);
	assert_int_equal(open311_statuses("closed,open", &o, &c), 0);
	assert_true(o && c);
	assert_int_equal(open311_statuses("open,open", &o, &c), 0);
	assert_int_equal(open311_statuses("", &o, &c), -1);
	assert_int_equal(open311_statuses("Open", &o, &c), -1);
	assert_int_equal(open311_statuses("open,", &o, &c), -1);
	assert_int_equal(open311_statuses("pending", &o, &c), -1);
	assert_int_equal(open311_statuses("open closed", &o, &c), -1);
}

static void
paths(void **state)
{
	(void)state;
	assert_true(open311_path("/open311/v2/services.xml"));
	assert_true(open311_path("/open311/"));
	assert_false(open311_path("/open311"));
	assert_false(open311_path("/"));
	assert_false(open311_path("/requests"));
	assert_false(open311_path(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(datetimes),
		cmocka_unit_test(times_out),
		cmocka_unit_test(ids),
		cmocka_unit_test(codes),
		cmocka_unit_test(statuses),
		cmocka_unit_test(paths),
	};

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	return cmocka_run_group_tests_name("open311_parse", tests, NULL,
	    NULL);
}
