#!/bin/bash
# The private lianxin stack: MariaDB (datadir under $VAR, own socket, no
# network), lianxind (FastCGI on a unix socket nginx can reach) and nginx
# (127.0.0.1:$PORT).  Used by `make run` and by the tests.
#
#   stack.sh run           start all, print URL and logins, wait; Ctrl-C stops
#   stack.sh start|stop    the same, in the background (tests)
#   stack.sh db-start|db-stop|daemon-start|daemon-stop|nginx-start|nginx-stop
#
# Environment: VAR (default ./var), PORT (8080), BUILD (build),
# DEMO_REQUESTS (demo size on the first start, 30000), DB_BUFFER_POOL.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${VAR:-$ROOT/var}
mkdir -p "$VAR"
VAR=$(cd "$VAR" && pwd)
PORT=${PORT:-8080}
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
DEMO_REQUESTS=${DEMO_REQUESTS:-30000}
DB_BUFFER_POOL=${DB_BUFFER_POOL:-256M}
DATA=$VAR/mysql
LOG=$VAR/log

say() { printf 'lianxin: %s\n' "$*"; }
die() { printf 'lianxin: error: %s\n' "$*" >&2; exit 1; }

# The run directory holds the sockets: nginx (www-data) must be able to
# reach the FastCGI socket, and a unix socket path is at most 107 bytes.
# When $VAR/run is not reachable by www-data or too deep, use /tmp.
rundir() {
	local d=$VAR/run
	if [ ${#d} -gt 80 ] || ! www_can_traverse "$VAR"; then
		d=/tmp/lianxin-$(printf '%s' "$VAR" | md5sum | cut -c1-10)
	fi
	printf '%s' "$d"
}
www_can_traverse() {
	[ "$(id -u)" -ne 0 ] && return 0
	id www-data >/dev/null 2>&1 || return 0
	runuser -u www-data -- test -x "$1" 2>/dev/null
}
RUN=$(rundir)
mkdir -p "$RUN" "$LOG" "$VAR/nginx"
chmod 0755 "$VAR" "$RUN"

DBSOCK=$RUN/mysqld.sock
DBPID=$RUN/mysqld.pid
APPSOCK=$RUN/lianxind.sock
APPPID=$RUN/lianxind.pid
NGXPID=$VAR/run/nginx.pid
mkdir -p "$VAR/run"
CONF=$VAR/lianxin.conf
SECRET=$VAR/db.secret

# Is the process of pid file $1 running?  (A zombie is not: a process
# whose parent has exited may wait a while to be reaped.)
running() {
	local st
	st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}
alive() { [ -f "$1" ] && running "$(cat "$1")"; }

# Wait up to $2 tenths of a second for command $1 to succeed.
wait_for() {
	local i=0
	until eval "$1" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -ge "$2" ] && return 1
		sleep 0.1
	done
}

# Wait for a process to end, up to $2 tenths of a second.
wait_gone() {
	local i=0
	while running "$1"; do
		i=$((i + 1))
		[ $i -ge "$2" ] && return 1
		sleep 0.1
	done
}

dbroot() { mariadb --no-defaults -S "$DBSOCK" -uroot "$@"; }

db_start() {
	if alive "$DBPID"; then say "MariaDB already running"; return 0; fi
	rm -f "$DBPID" "$DBSOCK"
	local user=()
	[ "$(id -u)" -eq 0 ] && user=(--user=root)
	if [ ! -d "$DATA/mysql" ]; then
		say "creating a private MariaDB in $DATA"
		mkdir -p "$DATA"
		mariadb-install-db --no-defaults "${user[@]}" --datadir="$DATA" \
		    --auth-root-authentication-method=socket --skip-test-db \
		    >"$LOG/mariadb-install.log" 2>&1 ||
		    die "mariadb-install-db failed; see $LOG/mariadb-install.log"
	fi
	setsid mariadbd --no-defaults "${user[@]}" --datadir="$DATA" \
	    --socket="$DBSOCK" --pid-file="$DBPID" --skip-networking \
	    --log-error="$LOG/mariadb.log" \
	    --character-set-server=utf8mb4 \
	    --collation-server=utf8mb4_unicode_ci \
	    --innodb-buffer-pool-size="$DB_BUFFER_POOL" \
	    --innodb-log-file-size=256M \
	    --max-connections=500 --skip-name-resolve \
	    </dev/null >/dev/null 2>&1 &
	wait_for "dbroot -e 'SELECT 1'" 600 ||
	    die "MariaDB did not start; see $LOG/mariadb.log"
	wait_for "test -s '$DBPID'" 50 || true
}

# Stop the process of pid file $1: signal $2, wait $3 tenths of a second,
# then KILL; remove the pid file and any further files named.
stop_pid() {
	local file=$1 sig=$2 tenths=$3 pid
	shift 3
	if alive "$file"; then
		pid=$(cat "$file")
		kill -"$sig" "$pid" 2>/dev/null || true
		wait_gone "$pid" "$tenths" || kill -KILL "$pid" 2>/dev/null || true
		wait_gone "$pid" 20 || true
	fi
	rm -f "$file" "$@"
}

db_stop() { stop_pid "$DBPID" TERM 600 "$DBSOCK"; }

# Database, account and configuration; the password is made once and kept
# in $SECRET (mode 0600), never in the repository.
db_bootstrap() {
	if [ ! -s "$SECRET" ]; then
		(umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$SECRET")
	fi
	local pw; pw=$(cat "$SECRET")
	# pw is hex only, so it needs no quoting in SQL.
	dbroot <<-SQL
		CREATE DATABASE IF NOT EXISTS lianxin
		    CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS 'lianxin'@'localhost' IDENTIFIED BY '$pw';
		ALTER USER 'lianxin'@'localhost' IDENTIFIED BY '$pw';
		GRANT ALL PRIVILEGES ON lianxin.* TO 'lianxin'@'localhost';
	SQL
	local group=www-data
	id www-data >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] || group=
	cat >"$CONF" <<-EOF
		; written by scripts/stack.sh; overrides conf/lianxin.conf defaults
		[server]
		socket = $APPSOCK
		socket_group = $group
		threads = ${THREADS:-4}
		[db]
		socket = $DBSOCK
		password_file = $SECRET
	EOF
}

# The daemon runs under a small supervisor (this script, `supervise`),
# which restarts it when it dies of a signal (kill -9, a crash), as
# systemd's Restart=always does in production (conf/lianxind.service).
# A clean exit (SIGTERM, or a refusal to start) ends the supervisor.
# $APPPID holds the daemon's pid, $SUPPID the supervisor's.
SUPPID=$RUN/lianxind-supervise.pid

daemon_start() {
	if alive "$APPPID"; then say "lianxind already running"; return 0; fi
	stop_pid "$SUPPID" TERM 20
	rm -f "$APPPID"
	setsid "$ROOT/scripts/stack.sh" supervise </dev/null \
	    >>"$LOG/lianxind.log" 2>&1 &
	echo $! >"$SUPPID"
	wait_for "alive '$APPPID' && test -S '$APPSOCK'" 100 ||
	    die "lianxind did not start; see $LOG/lianxind.log"
}

supervise() {
	local child=0 rc quick=0 t0
	trap 'exit 0' TERM INT
	while :; do
		t0=$(date +%s)
		LIANXIN_CONF=$CONF "$BUILD/lianxind" </dev/null &
		child=$!
		echo "$child" >"$APPPID"
		rc=0
		wait "$child" || rc=$?
		# 128+n: killed by signal n; anything else was its own exit.
		[ "$rc" -gt 128 ] || exit "$rc"
		if [ $(( $(date +%s) - t0 )) -lt 2 ]; then
			quick=$((quick + 1))
			[ "$quick" -lt 10 ] || { say "lianxind keeps dying; giving up"; exit 1; }
		else
			quick=0
		fi
		say "lianxind (pid $child) died with signal $((rc - 128)); restarting"
		sleep 0.1
	done
}

# The supervisor first (so it does not restart the daemon), then the daemon.
daemon_stop() {
	stop_pid "$SUPPID" TERM 20
	stop_pid "$APPPID" TERM 50 "$APPSOCK"
}

nginx_start() {
	if alive "$NGXPID"; then say "nginx already running"; return 0; fi
	rm -f "$NGXPID"
	local user="# (not root: workers run as $(id -un))"
	[ "$(id -u)" -eq 0 ] && user="user www-data;"
	mkdir -p "$VAR/nginx"
	sed -e "s|@VAR@|$VAR|g" -e "s|@RUNDIR@|$RUN|g" -e "s|@PORT@|$PORT|g" \
	    -e "s|@ROOT@|$ROOT|g" -e "s|@USER@|$user|g" \
	    "$ROOT/nginx/nginx.conf.in" >"$VAR/nginx/nginx.conf"
	nginx -t -q -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" \
	    2>>"$LOG/nginx-error.log" ||
	    die "nginx configuration test failed; see $LOG/nginx-error.log"
	setsid nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" \
	    -g 'daemon off;' </dev/null >>"$LOG/nginx-error.log" 2>&1 &
	wait_for "curl -sf -o /dev/null http://127.0.0.1:$PORT/healthz" 150 ||
	    die "nginx did not answer on port $PORT; see $LOG/nginx-error.log"
}

# QUIT: nginx finishes the requests it has.
nginx_stop() { stop_pid "$NGXPID" QUIT 50; }

start() {
	[ -x "$BUILD/lianxind" ] || die "$BUILD/lianxind is not built (make)"
	if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && ! alive "$NGXPID"; then
		die "port $PORT is in use (PORT= picks another)"
	fi
	db_start
	db_bootstrap
	LIANXIN_CONF=$CONF "$BUILD/lianxin" migrate
	if [ "$DEMO_REQUESTS" != "none" ]; then
		LIANXIN_CONF=$CONF "$BUILD/lianxin" demo --if-empty \
		    --requests "$DEMO_REQUESTS"
	fi
	daemon_start
	nginx_start
}

stop() {
	nginx_stop
	daemon_stop
	db_stop
}

run() {
	trap 'echo; say "stopping"; stop; say "stopped"; exit 0' INT TERM
	trap 'stop' EXIT
	start
	cat <<-EOF

		  lianxin is running:  http://127.0.0.1:$PORT/

		  demo logins (password: lianxin-demo-2026)
		    admin        system administrator (district)
		    district     district official
		    street1      street official
		    community1   community staff
		    grid1        grid worker
		  logs: $LOG/   data: $DATA/
		  Ctrl-C stops MariaDB, lianxind and nginx.

	EOF
	# Wait for Ctrl-C.  A component stopped by hand (say MariaDB, to see
	# the daemon answer 503 and recover) does not end the run.
	while :; do
		sleep 1 &
		wait $! || true
	done
}

case "${1:-}" in
run) run ;;
start) start ;;
stop) stop ;;
db-start) db_start ;;
db-stop) db_stop ;;
daemon-start) daemon_start ;;
daemon-stop) daemon_stop ;;
supervise) supervise ;;
nginx-start) nginx_start ;;
nginx-stop) nginx_stop ;;
env) printf 'VAR=%s\nRUN=%s\nDBSOCK=%s\nAPPSOCK=%s\nAPPPID=%s\nDBPID=%s\nCONF=%s\n' \
	"$VAR" "$RUN" "$DBSOCK" "$APPSOCK" "$APPPID" "$DBPID" "$CONF" ;;
*) echo "usage: $0 run|start|stop|db-start|db-stop|daemon-start|daemon-stop|nginx-start|nginx-stop|env" >&2; exit 2 ;;
esac
