/*
 * Memos (cgi/memo.c): what a value is answered with, for how long, and
 * what replaces or forgets it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "memo.h"

static void
test_memo_age(void **state)
{
	struct memo	 m = MEMO_INIT(8);
	char		 v[16] = "";
	time_t		 at = 0;
	unsigned long long hits, misses;

	(void)state;
	assert_int_equal(memo_get(&m, "k", 1, 0, v, sizeof(v), &at), -1);
	memo_put(&m, "k", 1, "value", 6, 100);
	/* Read at 100: good for a caller who accepts 100 or older. */
	assert_int_equal(memo_get(&m, "k", 1, 100, v, sizeof(v), &at), 6);
	assert_string_equal(v, "value");
	assert_int_equal(at, 100);
	assert_int_equal(memo_get(&m, "k", 1, 101, v, sizeof(v), &at), -1);
	/* Another key, and a key that starts the same, are not it. */
	assert_int_equal(memo_get(&m, "kk", 2, 0, v, sizeof(v), NULL), -1);
	assert_int_equal(memo_get(&m, "j", 1, 0, v, sizeof(v), NULL), -1);
	/* Copies at most max bytes, says the whole length. */
	memset(v, 0, sizeof(v));
	assert_int_equal(memo_get(&m, "k", 1, 0, v, 2, NULL), 6);
	assert_string_equal(v, "va");
	memo_counts(&m, &hits, &misses);
	assert_true(hits == 2 && misses == 4);
	memo_clear(&m);
	free(m.slot);
}

static void
test_memo_replace(void **state)
{
	struct memo	 m = MEMO_INIT(4);
	char		 v[16];
	time_t		 at;

	(void)state;
	memo_put(&m, "k", 1, "new", 4, 200);
	/* An older reading never replaces a newer one ... */
	memo_put(&m, "k", 1, "old", 4, 150);
	assert_int_equal(memo_get(&m, "k", 1, 0, v, sizeof(v), &at), 4);
	assert_string_equal(v, "new");
	assert_int_equal(at, 200);
	/* ... a newer one does. */
	memo_put(&m, "k", 1, "newer", 6, 201);
	assert_int_equal(memo_get(&m, "k", 1, 0, v, sizeof(v), &at), 6);
	assert_string_equal(v, "newer");
	/* Dropped, cleared: gone. */
	memo_put(&m, "x", 1, "1", 2, 1);
	memo_drop(&m, "k", 1);
	assert_int_equal(memo_get(&m, "k", 1, 0, v, sizeof(v), NULL), -1);
	memo_clear(&m);
	assert_int_equal(memo_get(&m, "x", 1, 0, v, sizeof(v), NULL), -1);
	/* Many keys in few slots: each answered right or not at all. */
	for (int i = 0; i < 100; i++)
		memo_put(&m, &i, sizeof(i), &i, sizeof(i), 1);
	for (int i = 0, got; i < 100; i++)
		if (memo_get(&m, &i, sizeof(i), 0, &got, sizeof(got), NULL) ==
		    (long)sizeof(got))
			assert_int_equal(got, i);
	memo_clear(&m);
	free(m.slot);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memo_age),
		cmocka_unit_test(test_memo_replace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
