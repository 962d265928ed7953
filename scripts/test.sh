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

free_port() {
	local p
	for _ in $(seq 1 100); do
		p=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

echo "== unit tests"
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	case "$(basename "$t")" in test_*.d|test_*.o) continue ;; esac
	[ -f "tests/unit/$(basename "$t").c" ] || continue
	run_cmocka "$t"
done

echo "== integration tests (private MariaDB, lianxind and nginx)"
VAR=$(mktemp -d /tmp/lianxin-test.XXXXXX)
chmod 0755 "$VAR"
PORT=$(free_port) || { echo "test: no free port"; exit 1; }
export VAR PORT BUILD DEMO_REQUESTS=${TEST_DEMO_REQUESTS:-3000}
export DB_BUFFER_POOL=128M THREADS=4
cleanup() {
	scripts/stack.sh stop >/dev/null 2>&1
	for f in "$VAR"/log/*.log; do
		[ -f "$f" ] && cp "$f" "$ART/${LOGPFX:-}$(basename "$f")"
	done
	rm -rf "$VAR" "$(scripts/stack.sh env 2>/dev/null | sed -n 's/^RUN=//p' | grep '^/tmp/lianxin-')"
}
trap cleanup EXIT
if scripts/stack.sh start >"$ART/stack-start.log" 2>&1; then
	export LIANXIN_TEST_PORT=$PORT LIANXIN_ROOT=$ROOT LIANXIN_BUILD=$BUILD
	LIANXIN_TEST_RUN=$(scripts/stack.sh env | sed -n 's/^RUN=//p')
	LIANXIN_CONF=$(scripts/stack.sh env | sed -n 's/^CONF=//p')
	export LIANXIN_TEST_RUN LIANXIN_CONF
	for t in "$BUILD"/tests/test_*; do
		[ -f "tests/integration/$(basename "$t").c" ] || continue
		run_cmocka "$t"
	done
	echo "== browser tests (headless Chromium)"
	for t in tests/browser/test_*.py; do
		run_cmocka "$t"
	done
	# Stop the stack so the daemon's exit (LeakSanitizer) is logged too;
	# sanitizer reports of the daemon land in its log.
	scripts/stack.sh stop >/dev/null 2>&1
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
	    "$VAR"/log/lianxind*.log 2>/dev/null; then
		echo "test: sanitizer report in lianxind.log:"
		grep -A20 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
		    "$VAR"/log/lianxind*.log | head -60
		failed=$((failed + 1))
	fi
else
	echo "test: the stack did not start:"
	tail -n 30 "$ART/stack-start.log"
	failed=$((failed + 1))
fi
cleanup

echo "== scale-out tests (primary and replica MariaDB, two daemons)"
LOGPFX=scaleout-
VAR=$(mktemp -d /tmp/lianxin-test.XXXXXX)
chmod 0755 "$VAR"
PORT=$(free_port) || { echo "test: no free port"; exit 1; }
DB_PORT=$(free_port) || { echo "test: no free port"; exit 1; }
export VAR PORT DB_PORT REPLICA=1 DAEMONS=2
if scripts/stack.sh start >"$ART/stack-start-scaleout.log" 2>&1; then
	export LIANXIN_TEST_PORT=$PORT
	LIANXIN_TEST_RUN=$(scripts/stack.sh env | sed -n 's/^RUN=//p')
	LIANXIN_CONF=$(scripts/stack.sh env | sed -n 's/^CONF=//p')
	export LIANXIN_TEST_RUN LIANXIN_CONF
	for t in "$BUILD"/tests/test_*; do
		[ -f "tests/scaleout/$(basename "$t").c" ] || continue
		run_cmocka "$t"
	done
	scripts/stack.sh stop >/dev/null 2>&1
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
	    "$VAR"/log/lianxind*.log 2>/dev/null; then
		echo "test: sanitizer report in the scale-out daemons' logs:"
		grep -A20 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
		    "$VAR"/log/lianxind*.log | head -60
		failed=$((failed + 1))
	fi
else
	echo "test: the scale-out stack did not start:"
	tail -n 30 "$ART/stack-start-scaleout.log"
	failed=$((failed + 1))
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
