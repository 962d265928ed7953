#!/bin/bash
# make test: cmocka unit tests, then integration tests against a private
# stack (MariaDB, lianxind, nginx) started on free ports and stopped after.
# Prints each cmocka summary and ends with "N passed, N failed".
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build}
ART=$ROOT/tests/artifacts
mkdir -p "$ART"
passed=0
failed=0
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# Run one cmocka binary; add its counts to the totals.  A binary that
# dies without a summary counts as one failure.
run_cmocka() {
	local bin=$1 out rc p f
	out=$("$bin" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -vE '^\[ (RUN|      OK) ' 
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "test: $bin exited with status $rc without a summary"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

# Run the cmocka binaries built from tests/$1/*.c.
run_dir() {
	local t
	for t in "$BUILD"/tests/test_*; do
		[ -f "tests/$1/$(basename "$t").c" ] || continue
		run_cmocka "$t"
	done
}

# PORT and METRICS_PORT: free, and unlike each other and DB_PORT.
pick_ports() {
	local p
	PORT="" METRICS_PORT=""
	while [ -z "$METRICS_PORT" ]; do
		p=$(scripts/stack.sh free-port) || { echo "test: no free port"; exit 1; }
		[ "$p" != "${DB_PORT:-}" ] && [ "$p" != "$PORT" ] || continue
		if [ -z "$PORT" ]; then PORT=$p; else METRICS_PORT=$p; fi
	done
}

# Start a private stack on a fresh VAR and free port (further settings
# from the environment) and point the tests at it; $1 names it in
# messages, $2 tags its logs in $ART.  Returns 1 when it did not start,
# counted as one failure.
stack_up() {
	VAR=$(mktemp -d /tmp/lianxin-test.XXXXXX)
	chmod 0755 "$VAR"
	pick_ports
	LOGPFX=${2:+$2-}
	export VAR PORT METRICS_PORT
	trap cleanup EXIT
	if ! scripts/stack.sh start >"$ART/stack-start${2:+-$2}.log" 2>&1; then
		echo "test: $1 did not start:"
		tail -n 40 "$ART/stack-start${2:+-$2}.log"
		# Once more on other ports (another program may have taken
		# one between the choice and the start); the failure above
		# stays on record in the output.
		scripts/stack.sh stop >/dev/null 2>&1
		rm -rf "$VAR"
		VAR=$(mktemp -d /tmp/lianxin-test.XXXXXX)
		chmod 0755 "$VAR"
		export VAR
		# A replica's primary listens on DB_PORT: a new one too.
		if [ "${REPLICA:-0}" = 1 ]; then
			DB_PORT=$(scripts/stack.sh free-port) ||
			    { echo "test: no free port"; exit 1; }
			export DB_PORT
		fi
		pick_ports
		echo "test: starting $1 again on port $PORT"
		if ! scripts/stack.sh start >"$ART/stack-start${2:+-$2}.log" 2>&1; then
			echo "test: $1 did not start the second time either:"
			tail -n 40 "$ART/stack-start${2:+-$2}.log"
			failed=$((failed + 1))
			return 1
		fi
	fi
	export LIANXIN_TEST_PORT=$PORT LIANXIN_METRICS_PORT=$METRICS_PORT
	export LIANXIN_ROOT=$ROOT LIANXIN_BUILD=$BUILD
	LIANXIN_TEST_RUN=$(scripts/stack.sh env RUN)
	LIANXIN_CONF=$(scripts/stack.sh env CONF)
	LIANXIN_HOLIDAYS=$(scripts/stack.sh env HOLIDAYS)
	export LIANXIN_TEST_RUN LIANXIN_CONF LIANXIN_HOLIDAYS
}

# Stop the stack so the daemons' exit (LeakSanitizer) is logged too, and
# count a sanitizer report in their logs as a failure.
stack_down() {
	scripts/stack.sh stop >/dev/null 2>&1
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
	    "$VAR"/log/lianxind*.log 2>/dev/null; then
		echo "test: sanitizer report in the daemons' logs ($1):"
		grep -A20 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
		    "$VAR"/log/lianxind*.log | head -60
		failed=$((failed + 1))
	fi
}

cleanup() {
	scripts/stack.sh stop >/dev/null 2>&1
	for f in "$VAR"/log/*.log; do
		[ -f "$f" ] && cp "$f" "$ART/${LOGPFX:-}$(basename "$f")"
	done
	rm -rf "$VAR" "$(scripts/stack.sh env RUN 2>/dev/null | grep '^/tmp/lianxin-')"
}

# The tests, the browser and the stack talk to 127.0.0.1 only: never
# through a proxy the environment may name.
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost

echo "== unit tests"
run_dir unit

echo "== integration tests (private MariaDB, lianxind and nginx)"
export BUILD DEMO_REQUESTS=${TEST_DEMO_REQUESTS:-3000}
export DB_BUFFER_POOL=128M DB_LOG_SIZE=64M THREADS=4
# Short memo lifetimes, so the tests that change the database behind the
# daemon's back wait little for it to see the change (testdb_settle).
export SESSION_CACHE=1 FIGURES_CACHE=1 FORM_CACHE=1
# Low rate limits of the public posts (issue 16), so that tests can reach
# them; 127.0.0.1 (most tests) is exempt, the limit tests use 127.0.0.x.
export LIMITS='exempt = 127.0.0.1
post_burst = 5
phone_burst = 5
tracking_failures = 5
report_burst = 3
report_phone_burst = 2'
# The mutual evaluation's window of an agreement of year Y (issue 20):
# 1 January Y to 31 December Y+1, so that this year's agreements are
# always inside theirs, next year's before and those of two years ago
# after it (tests/integration/test_cb_units.c relies on it).
export COBUILD_CONF='eval_open_mmdd = 101
eval_close_mmdd = 1231'
# The local SMS gateway (tests/support/smsgw.py) the stack's sender
# (lianxin send) talks to, with secrets made for this run only.
SMSGW_PORT=$(scripts/stack.sh free-port) || { echo "test: no free port"; exit 1; }
SMSGW_TC3_ID=AKIDtest$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
SMSGW_TC3_KEY=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
SMSGW_HOOK_KEY=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
SMSGW_LOG=$(mktemp /tmp/lianxin-smsgw.XXXXXX)
export SMSGW_PORT SMSGW_TC3_ID SMSGW_TC3_KEY SMSGW_HOOK_KEY SMSGW_LOG
export SMS_CONF="provider = tencent
endpoint = http://127.0.0.1:$SMSGW_PORT/
secret_id = $SMSGW_TC3_ID
secret_key = $SMSGW_TC3_KEY
app_id = 1400000001
sign_name = 连心社区
template_accepted = 1001
template_resolved = 1002
template_rejected = 1003
template_reopened = 1004
template_due_warning = 1005
template_member_code = 1006
template_withdrawn = 1007
webhook_url = http://127.0.0.1:$SMSGW_PORT/hook
webhook_secret = $SMSGW_HOOK_KEY
backoff_seconds = 1
backoff_max_seconds = 2
lease_seconds = 3
poll_ms = 200"
python3 tests/support/smsgw.py --port "$SMSGW_PORT" --log "$SMSGW_LOG" \
    >"$ART/smsgw.log" 2>&1 &
SMSGW_PID=$!
if stack_up "the stack" ""; then
	run_dir integration
	for t in tests/integration/test_*.py; do
		run_cmocka "$t"
	done
	echo "== browser tests (headless Chromium)"
	for t in tests/browser/test_*.py; do
		run_cmocka "$t"
	done
	stack_down "the stack"
fi
cleanup
kill "$SMSGW_PID" 2>/dev/null
rm -f "$SMSGW_LOG"
unset SMS_CONF

echo "== scale-out tests (primary and replica MariaDB, two daemons)"
DB_PORT=$(scripts/stack.sh free-port) || { echo "test: no free port"; exit 1; }
export DB_PORT REPLICA=1 DAEMONS=2
if stack_up "the scale-out stack" scaleout; then
	run_dir scaleout
	stack_down "the scale-out stack"
fi

# Issue 21: a stack of its own (scripts/galera.sh's three nodes, three
# daemons), started and stopped by scripts/test-galera.sh; one failure
# when it does not start.
echo "== cluster test (three MariaDB Galera nodes, three daemons)"
cleanup
trap - EXIT
run_cmocka scripts/test-galera.sh

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
