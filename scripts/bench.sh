#!/bin/bash
# make bench: in-process benchmarks (tests/bench/bench_*), then HTTP load
# with wrk through nginx against a private stack.  Prints one table.
#   BENCH_REQUESTS  demo requests to load (default 1000000, what the export
#                   benchmark needs; 2000000 for the full benchmark scale)
#   BENCH_SECONDS   seconds per wrk run (default 10)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build}
SECS=${BENCH_SECONDS:-10}

echo "== in-process benchmarks"
for b in "$BUILD"/tests/bench_*; do
	[ -x "$b" ] && [ -f "tests/bench/$(basename "$b").c" ] || continue
	"$b" || echo "bench: $b failed"
done

echo "== HTTP through nginx (wrk, 2 threads, 64 connections, ${SECS}s each)"
VAR=$(mktemp -d /tmp/lianxin-bench.XXXXXX)
chmod 0755 "$VAR"
export VAR BUILD PORT=${PORT:-18181} DEMO_REQUESTS=${BENCH_REQUESTS:-1000000}
export DB_BUFFER_POOL=${DB_BUFFER_POOL:-2G} THREADS=${THREADS:-8}
trap 'scripts/stack.sh stop >/dev/null 2>&1; rm -rf "$VAR"' EXIT
t0=$(date +%s)
scripts/stack.sh start || { echo "bench: stack did not start"; exit 1; }
echo "stack with $DEMO_REQUESTS requests ready in $(( $(date +%s) - t0 )) s"

row() {	# name path
	local out rps p50 p99
	out=$(wrk -t2 -c64 -d"${SECS}s" --latency "http://127.0.0.1:$PORT$2" 2>&1)
	rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec/ {print $2}')
	p50=$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')
	p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
	non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $NF}')
	printf '| %-28s | %10s | %8s | %8s | %6s |\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
echo
echo "| route                        |  req/s     |  p50     |  p99     | non-2xx |"
echo "|------------------------------|-----------:|---------:|---------:|-------:|"
row "/healthz (1 query)" /healthz
row "/ portal page" /
row "/static/lianxin.css" /static/lianxin.css
echo
echo "date: $(date -u +%Y-%m-%d), $(nproc) cores, command: make bench"
echo
scripts/bench-export.sh
