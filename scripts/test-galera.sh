#!/bin/bash
# make test-galera: the cluster test (tests/galera/test_galera.py) on a
# private stack of its own: scripts/galera.sh's three MariaDB Galera
# nodes, three lianxind (daemon i on node i) and nginx, on a fresh VAR and
# free ports, stopped after.  Prints the test's cmocka-style lines and
# exits non-zero when it failed or the stack did not start.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD ART=$PWD/tests/artifacts BUILD=${BUILD:-build}
mkdir -p "$ART"
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost

VAR=$(mktemp -d /tmp/lianxin-galera.XXXXXX)
chmod 0755 "$VAR"
# Ports below the ephemeral range: the cluster's own connections take
# ephemeral ports between the choice and nginx's start.
PORT=$(scripts/galera.sh low-port) && METRICS_PORT=$(scripts/galera.sh low-port) &&
    [ "$PORT" != "$METRICS_PORT" ] ||
    { echo "test-galera: no free port"; exit 1; }
export VAR PORT METRICS_PORT BUILD GALERA=1 DAEMONS=3 REPLICA=0
export DEMO_REQUESTS=${GALERA_DEMO_REQUESTS:-500} DB_BUFFER_POOL=128M THREADS=4
export SESSION_CACHE=1 FIGURES_CACHE=1 FORM_CACHE=1
# The load comes from 127.0.0.1: exempt from the posts' rate limits.
export LIMITS='exempt = 127.0.0.1'

# Stop everything; keep the logs (galera-*.log in $ART).
cleanup() {
	local f
	scripts/stack.sh stop >/dev/null 2>&1
	for f in "$VAR"/log/*.log; do cp "$f" "$ART/galera-${f##*/}" 2>/dev/null; done
	rm -rf "$VAR" "$(scripts/stack.sh env RUN 2>/dev/null | grep '^/tmp/lianxin-')"
}
trap cleanup EXIT

if ! scripts/stack.sh start >"$ART/stack-start-galera.log" 2>&1; then
	echo "test-galera: the cluster stack did not start:"
	tail -n 40 "$ART/stack-start-galera.log"
	exit 1
fi
export LIANXIN_TEST_PORT=$PORT LIANXIN_ROOT=$ROOT LIANXIN_BUILD=$BUILD
LIANXIN_CONF=$(scripts/stack.sh env CONF)
export LIANXIN_CONF
python3 tests/galera/test_galera.py
