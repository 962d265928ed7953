/*
 * A withdrawn request's wording (domain/withdraw.h): rejected with reason
 * withdrawn reads 已撤回 everywhere; any other rejection, or the reason
 * on another state, keeps the state's own words.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "withdraw.h"

static void
withdrawn_words(void **state)
{
	(void)state;
	assert_true(rq_withdrawn("rejected", "withdrawn"));
	assert_string_equal(rq_state_label("rejected", "withdrawn"), "已撤回");
	assert_string_equal(rq_state_phrase("rejected", "withdrawn"),
	    "已撤回（您已撤回此诉求）");
	/* Staff's 不予受理 stays what it is. */
	assert_false(rq_withdrawn("rejected", "spam"));
	assert_string_equal(rq_state_label("rejected", "spam"), "未予受理");
	assert_string_equal(rq_state_phrase("rejected", ""), "未予受理");
	/* Only the rejected state: the reason alone says nothing. */
	assert_false(rq_withdrawn("accepted", "withdrawn"));
	assert_string_equal(rq_state_label("accepted", "withdrawn"), "已受理");
	assert_string_equal(rq_state_phrase("submitted", NULL),
	    "已提交，待受理");
	assert_false(rq_withdrawn(NULL, "withdrawn"));
	/* The codes are the words' (a renamed code would break the pages). */
	assert_int_equal(WORD_FIND(word_reject, "withdrawn"), REJECT_WITHDRAWN);
	assert_int_equal(WORD_FIND(word_action, "withdraw"), ACT_WITHDRAW);
	assert_int_equal(REJECT_BY_STAFF, REJECT__MAX - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(withdrawn_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
