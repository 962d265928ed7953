#!/bin/bash
# make soak: mixed load on a private stack (tests/soak/soak.py: posts with
# the form's one-time token, lookups, staff queue and actions, Open311,
# service menus, figures and charts, exports) for SOAK_SECONDS (default
# 600), while the daemon's memory (VmRSS) is sampled every SOAK_SAMPLE
# seconds.  Passes when no answer was
# 5xx or missing, the daemon was never restarted, and its RSS at the end
# is less than 5% above its RSS after the warm-up (SOAK_WARMUP seconds,
# default a fifth of the run, at most 120).
# Beside it, wrk posts forms at full speed on SOAK_WRK_CONNS connections
# (default 8; 0 for none), each with a fresh token; every one must be 303.
#   SOAK_SECONDS, SOAK_THREADS (client threads, 8), SOAK_REQUESTS (demo
#   requests loaded, 30000), THREADS (daemon threads, 8), PORT (a free one)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build}
SECS=${SOAK_SECONDS:-600}
SAMPLE=${SOAK_SAMPLE:-5}
WARMUP=${SOAK_WARMUP:-$(( SECS / 5 < 120 ? SECS / 5 : 120 ))}

VAR=$(mktemp -d /tmp/lianxin-soak.XXXXXX)
chmod 0755 "$VAR"
export VAR BUILD PORT=${PORT:-$(scripts/stack.sh free-port)} DEMO_REQUESTS=${SOAK_REQUESTS:-30000}
export DB_BUFFER_POOL=${DB_BUFFER_POOL:-512M} THREADS=${THREADS:-8}
cleanup() {
	[ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null
	scripts/stack.sh stop >/dev/null 2>&1
	cp "$VAR/log/lianxind.log" tests/artifacts/soak-lianxind.log 2>/dev/null
	rm -rf "$VAR"
}
trap cleanup EXIT
scripts/stack.sh start >/dev/null || { echo "soak: stack did not start"; exit 1; }
APPPID=$(scripts/stack.sh env APPPID)
DBSOCK=$(scripts/stack.sh env DBSOCK)
sql() { mariadb --no-defaults -S "$DBSOCK" -uroot -N -B lianxin -e "$1"; }
pid=$(cat "$APPPID")

# Residents post in the area of the staff account that works the queue.
USER=community1
COMMUNITY=$(sql "SELECT region_id FROM users WHERE username = '$USER'")
GRID=$(sql "SELECT id FROM regions WHERE level = 4 AND community_id = $COMMUNITY ORDER BY id LIMIT 1")

# VmRSS (kB) every $SAMPLE s: "seconds kB".
RSS=$VAR/rss
( t0=$(date +%s)
  while :; do
	kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || break
	[ -n "$kb" ] || break
	echo "$(( $(date +%s) - t0 )) $kb" >>"$RSS"
	sleep "$SAMPLE"
  done ) &
sampler=$!

WRKC=${SOAK_WRK_CONNS:-8}
echo "soak: $SECS s, ${SOAK_THREADS:-8} client threads and wrk posts on $WRKC connections, daemon pid $pid ($THREADS threads)"
if [ "$WRKC" -gt 0 ]; then
	# A browser waits 30 s; wrk's own 2 s would count slow answers as
	# errors.  Any socket error (a timeout, a reset) fails the soak.
	BENCH_COMMUNITY=$COMMUNITY BENCH_GRID=$GRID wrk -t1 -c"$WRKC" \
	    -d"${SECS}s" --timeout 30s -s tests/bench/wrk_post.lua \
	    "http://127.0.0.1:$PORT/requests" >"$VAR/wrk.out" 2>&1 &
	wrkpid=$!
fi
python3 tests/soak/soak.py "$PORT" "$SECS" "${SOAK_THREADS:-8}" \
    "$COMMUNITY" "$GRID" "$USER" lianxin-demo-2026
rc=$?
if [ -n "${wrkpid:-}" ]; then
	wait "$wrkpid"
	n303=$(awk '$1 == "posts_303" {print $2}' "$VAR/wrk.out")
	nother=$(awk '$1 == "posts_other" {print $2}' "$VAR/wrk.out")
	errs=$(awk '/Socket errors/' "$VAR/wrk.out")
	echo "  wrk posts: ${n303:-?} answered 303, ${nother:-?} other ${errs:+($errs)}"
	if [ -z "$n303" ] || [ "$n303" -eq 0 ] || [ "${nother:-1}" -ne 0 ] ||
	    [ -n "$errs" ]; then
		echo "soak: wrk posts failed"
		rc=1
	fi
fi
kill "$sampler" 2>/dev/null
sampler=

now=$(cat "$APPPID" 2>/dev/null)
if [ "$now" != "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
	echo "soak: the daemon was restarted (pid $pid, now ${now:-none})"
	rc=1
fi
# RSS after the warm-up (first sample at or after it) and at the end.
read -r base max last < <(awk -v w="$WARMUP" '$1 >= w {
	if (base == "") base = $2; if ($2 > max) max = $2; last = $2 }
	END { print base, max, last }' "$RSS")
if [ -z "${base:-}" ] || [ -z "${last:-}" ]; then
	echo "soak: no memory samples after the warm-up"
	rc=1
else
	growth=$(awk -v b="$base" -v l="$last" 'BEGIN { printf "%.2f", (l - b) * 100 / b }')
	echo "soak: daemon VmRSS after ${WARMUP} s warm-up ${base} kB, at the end ${last} kB (max ${max} kB): ${growth}%"
	if awk -v g="$growth" 'BEGIN { exit !(g >= 5) }'; then
		echo "soak: memory grew 5% or more"
		rc=1
	fi
fi
echo "date: $(date -u +%Y-%m-%d), $(nproc) cores, command: SOAK_SECONDS=$SECS make soak"
[ "$rc" -eq 0 ] && echo "soak: passed" || echo "soak: FAILED"
exit "$rc"
