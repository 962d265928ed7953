#!/bin/bash
# make bench: in-process benchmarks (tests/bench/bench_*), then HTTP load
# with wrk through nginx against a private stack.  Prints one table.
#   BENCH_REQUESTS  demo requests to load (default 1000000, what the export
#                   benchmark needs; 2000000 for the full benchmark scale)
#   BENCH_SECONDS   seconds per wrk run (default 10)
#   BENCH_CONNS     wrk connections (default 64)
#   THREADS, DB_BUFFER_POOL: the daemon's threads and InnoDB's buffer pool
#   GALERA          1: on scripts/galera.sh's three-node cluster, a daemon
#                   per node behind one nginx upstream (stack.sh GALERA=1)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build}
SECS=${BENCH_SECONDS:-10}

echo "== in-process benchmarks"
for b in "$BUILD"/tests/bench_*; do
	[ -x "$b" ] && [ -f "tests/bench/$(basename "$b").c" ] || continue
	[ "$(basename "$b")" = bench_stats ] && continue	# needs the stack
	"$b" || echo "bench: $b failed"
done

CONNS=${BENCH_CONNS:-64}
echo "== HTTP through nginx (wrk, 2 threads, $CONNS connections, ${SECS}s each)"
VAR=$(mktemp -d /tmp/lianxin-bench.XXXXXX)
chmod 0755 "$VAR"
export VAR BUILD PORT=${PORT:-$(scripts/stack.sh free-port)} DEMO_REQUESTS=${BENCH_REQUESTS:-2000000}
export DB_BUFFER_POOL=${DB_BUFFER_POOL:-2G} THREADS=${THREADS:-32}
GALERA=${GALERA:-0}
if [ "$GALERA" = 1 ]; then
	# Three nodes on one machine: a port below the ephemeral range (the
	# cluster's own connections take ephemeral ones), a smaller pool each.
	export GALERA REPLICA=0 DB_BUFFER_POOL=${BENCH_GALERA_POOL:-256M}
	PORT=$(scripts/galera.sh low-port)
	METRICS_PORT=$(scripts/galera.sh low-port)
	[ "$PORT" != "$METRICS_PORT" ] || METRICS_PORT=$(scripts/galera.sh low-port)
	export PORT METRICS_PORT
fi
# The daemon's rate limits of public posts (issue 16) would refuse wrk's
# flood from one address: the benchmark measures throughput, so loopback
# is exempt, as in the tests.
export LIMITS='exempt = 127.0.0.1'
trap 'scripts/stack.sh stop >/dev/null 2>&1; rm -rf "$VAR"' EXIT
t0=$(date +%s)
scripts/stack.sh start || { echo "bench: stack did not start"; exit 1; }
echo "stack with $DEMO_REQUESTS requests ready in $(( $(date +%s) - t0 )) s"

# One wrk run: name, path, then wrk options (a script).  Prints a row and
# keeps wrk's output in $OUT.
row() {	# name path [wrk options]
	local name=$1 path=$2 rps p50 p99 non2xx
	shift 2
	OUT=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$@" \
	    "http://127.0.0.1:$PORT$path" 2>&1)
	rps=$(printf '%s\n' "$OUT" | awk '/^Requests\/sec/ {print $2}')
	p50=$(printf '%s\n' "$OUT" | awk '$1 == "50%" {print $2}')
	p99=$(printf '%s\n' "$OUT" | awk '$1 == "99%" {print $2}')
	non2xx=$(printf '%s\n' "$OUT" | awk '/Non-2xx/ {print $NF}')
	printf '| %-36s | %10s | %8s | %8s | %7s |\n' "$name" "$rps" "$p50" \
	    "$p99" "${non2xx:-0}"
}

DBSOCK=$(scripts/stack.sh env DBSOCK)
# On the cluster a read first waits for every write certified anywhere.
SYNC=""
[ "$GALERA" = 1 ] && SYNC="SET SESSION wsrep_sync_wait = 1; "
sql() { mariadb --no-defaults -S "$DBSOCK" -uroot -N -B lianxin -e "$SYNC$1"; }
nrequests() { sql "SELECT COUNT(*) FROM service_requests"; }

# A grid and its community for the posts.
BENCH_GRID=$(sql "SELECT id FROM regions WHERE level = 4 ORDER BY id LIMIT 1")
BENCH_COMMUNITY=$(sql "SELECT community_id FROM regions WHERE id = $BENCH_GRID")
export BENCH_GRID BENCH_COMMUNITY
# Form tokens as the server issues them (signed, with an expiry), one per
# post: more than the posts of one run at the best rate seen.
BENCH_TOKENS=$VAR/bench-tokens.txt
LIANXIN_CONF=$(scripts/stack.sh env CONF) "$BUILD/tests/formtoks" \
    "$(( ${SECS:-10} * 12000 ))" >"$BENCH_TOKENS" ||
    { echo "bench: no form tokens"; exit 1; }
export BENCH_TOKENS
# Tokens of their own for the posts with a photo (issue 18).
BENCH_PHOTO_TOKENS=$VAR/bench-photo-tokens.txt
LIANXIN_CONF=$(scripts/stack.sh env CONF) "$BUILD/tests/formtoks" \
    "$(( ${SECS:-10} * 2000 ))" >"$BENCH_PHOTO_TOKENS" ||
    { echo "bench: no form tokens"; exit 1; }
export BENCH_PHOTO_TOKENS BENCH_PHOTO=$ROOT/tests/data/photos/phone-exif6.jpg

# The stylesheet under the name the pages link to (its content's hash).
CSS=$(curl -s "http://127.0.0.1:$PORT/" |
    sed -n 's/.*<link rel="stylesheet" href="\(\/static\/[^"]*\)".*/\1/p' | head -1)

echo
echo "| route                                |  req/s     |  p50     |  p99     | non-2xx |"
echo "|--------------------------------------|-----------:|---------:|---------:|--------:|"
# The ceiling of nginx + FastCGI + the daemon's request path: a page that
# touches no database (its 404 is the answer, counted as non-2xx).
row "/errors/404 (no database, ceiling)" /errors/404
row "/healthz (1 query)" /healthz
row "/ portal page (form)" /
# The form as phones get it (issue 18): compressed by nginx, from the
# daemon's memo; and the compound (小区) search of its type-ahead.
row "/ portal page (form, gzip)" / -H 'Accept-Encoding: gzip'
row "/compounds.json?q=星民 (type-ahead)" '/compounds.json?q=%E6%98%9F%E6%B0%91'
row "/static/lianxin.<hash>.css (nginx)" "${CSS:-/static/lianxin.css}"
# Form posts: each a fresh one-time token, a durable commit
# (innodb_flush_log_at_trx_commit = 1).  Every 303 must be a new row.
before=$(nrequests)
row "POST /requests (form posts)" /requests -s tests/bench/wrk_post.lua
after=$(nrequests)
n303=$(printf '%s\n' "$OUT" | awk '$1 == "posts_303" {print $2}')
nother=$(printf '%s\n' "$OUT" | awk '$1 == "posts_other" {print $2}')
# Posts with a photo (multipart): decoded, turned upright, re-encoded and
# stored with the request in one transaction.
BENCH_TOKENS=$BENCH_PHOTO_TOKENS \
    row "POST /requests with a photo" /requests -s tests/bench/wrk_photo.lua
# The figures as the district official sees them: /api/stats for the
# district over the last 12 months (the default), a bar chart rendered
# cold (a random size each time, so the PNG cache misses) and conditional
# (If-None-Match of its ETag: 304 without rendering).
PRE=$(mktemp)
curl -s -c "$PRE" -o "$PRE.html" "http://127.0.0.1:$PORT/login"
CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$PRE.html" | head -1)
curl -s -b "$PRE" -c "$PRE" -o /dev/null -d "csrf=$CSRF&username=district&password=lianxin-demo-2026" \
    "http://127.0.0.1:$PORT/login"
BENCH_COOKIE=$(awk '$6 == "lx_session" {print $7}' "$PRE")
rm -f "$PRE" "$PRE.html"
export BENCH_COOKIE BENCH_CHART="/charts/bar.png?rate=resolution"
row "GET /api/stats (district, 12 months)" /api/stats -H "Cookie: lx_session=$BENCH_COOKIE"
row "chart PNG, rendered cold" /charts/bar.png -s tests/bench/wrk_chart_cold.lua
ETAG=$(curl -s -D - -o /dev/null -H "Cookie: lx_session=$BENCH_COOKIE" \
    "http://127.0.0.1:$PORT/charts/bar.png?rate=resolution" | tr -d '\r' |
    sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
OUT304=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: lx_session=$BENCH_COOKIE" \
    -H "If-None-Match: $ETAG" "http://127.0.0.1:$PORT/charts/bar.png?rate=resolution")
row "chart PNG, conditional ($OUT304)" "/charts/bar.png?rate=resolution" \
    -H "Cookie: lx_session=$BENCH_COOKIE" -H "If-None-Match: $ETAG"
# The whole district's requests as one CSV and one XLSX (req/s column:
# rows/s; p50: seconds; p99: the daemon's memory growth and peak).
BENCH_ROWS=1 scripts/bench-export.sh || status=1
echo
echo "== figures at the server (in-process, the same MariaDB)"
LIANXIN_CONF=$(scripts/stack.sh env CONF) \
    "$BUILD/tests/bench_stats" 200 || status=1
echo
echo "form posts: ${n303:-?} answered 303, ${nother:-?} other; rows grew by $((after - before))"
# wrk stops with posts in flight: those may be committed without their
# answer being counted, so the rows may exceed the 303s by up to the
# number of connections, never fall short of them.
if [ -z "$n303" ] || [ "$((after - before))" -lt "$n303" ] ||
    [ "$((after - before - n303))" -gt "$CONNS" ] || [ "${nother:-1}" -ne 0 ]; then
	echo "bench: form posts do not add up"
	status=1
fi
echo
echo "date: $(date -u +%Y-%m-%d), $(nproc) cores, $DEMO_REQUESTS requests," \
    "THREADS=$THREADS, GALERA=$GALERA, wrk -t2 -c$CONNS -d${SECS}s, command: make bench"
exit "${status:-0}"
