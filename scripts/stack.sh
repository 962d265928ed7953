#!/bin/bash
# The private lianxin stack: MariaDB (datadir under $VAR, own socket, no
# network), lianxind (FastCGI on a unix socket nginx can reach) and nginx
# (127.0.0.1:$PORT).  Used by `make run` and by the tests.
#
#   stack.sh run           start all, print URL and logins, wait; Ctrl-C stops
#   stack.sh start|stop    the same, in the background (tests)
#   stack.sh db-start|db-stop|daemon-start|daemon-stop|nginx-start|nginx-stop
#   stack.sh sender-start|sender-stop  the outbox's sender (lianxin send)
#   stack.sh env [NAME]    the stack's paths (NAME=value lines), or one value
#   stack.sh free-port     a port nothing listens on (for PORT, DB_PORT)
#
# Environment: VAR (default ./var), PORT (8080), BUILD (build),
# DEMO_REQUESTS (demo size on the first start, 30000), DB_BUFFER_POOL,
# DB_LOG_SIZE (the primary's redo log, 256M),
# THREADS (per daemon), DAEMONS (lianxind processes behind nginx's
# upstream, 1), REPLICA (1: a MariaDB replica the daemons read from; the
# primary then keeps a binary log and listens on 127.0.0.1:DB_PORT),
# GALERA (1: the database is scripts/galera.sh's three-node cluster;
# daemon i writes to node (i-1)%3+1).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)

# Does something answer on 127.0.0.1:$1?
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free port on loopback (others' stacks may run on this machine), below
# the kernel's ephemeral range: outgoing connections (the tests' own, the
# replica's, a cluster's) take ephemeral ports, and a listener picked there
# can meet one of them (nginx: "bind() ... Address already in use").
free_port() {
	local lo used p
	lo=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null) ||
	    lo=32768
	[ "$lo" -gt 12000 ] || lo=32768
	# Every local port in use now, listening or connected (ss, iproute2).
	used=" $(ss -Htan 2>/dev/null |
	    awk '{ n = split($4, a, ":"); printf "%s ", a[n] }') "
	for _ in $(seq 1 200); do
		p=$((10000 + RANDOM % (lo - 10000)))
		case "$used" in *" $p "*) continue ;; esac
		port_busy "$p" || { echo "$p"; return 0; }
	done
	return 1
}
# It needs no stack: answer before the settings below make directories.
if [ "${1:-}" = free-port ]; then free_port; exit; fi

VAR=${VAR:-$ROOT/var}
mkdir -p "$VAR"
VAR=$(cd "$VAR" && pwd)
PORT=${PORT:-8080}
# nginx serves /metrics on a loopback listener of its own, this port.
METRICS_PORT=${METRICS_PORT:-$((PORT + 1))}
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
DEMO_REQUESTS=${DEMO_REQUESTS:-30000}
DB_BUFFER_POOL=${DB_BUFFER_POOL:-256M}
# The primary's redo log (disk taken at its first start).
DB_LOG_SIZE=${DB_LOG_SIZE:-256M}
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
# On the cluster (GALERA=1) a daemon per node unless DAEMONS says.
[ "${GALERA:-0}" != 1 ] || DAEMONS=${DAEMONS:-3}
DAEMONS=${DAEMONS:-1}
REPLICA=${REPLICA:-0}
DB_PORT=${DB_PORT:-$((PORT + 1000))}
REPDATA=$VAR/mysql-replica
REPSOCK=$RUN/replica.sock
REPPID=$RUN/replica.pid
GALERA=${GALERA:-0}
[ "$GALERA" = 1 ] && DBSOCK=$RUN/galera1.sock

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

# A hex secret in file $1, made once (mode 0600) and printed.
secret() {
	[ -s "$1" ] || (umask 077; head -c 24 /dev/urandom | od -An -tx1 |
	    tr -d ' \n' >"$1")
	cat "$1"
}

# Start a private mariadbd ($1 names it in messages) on datadir $2 (made
# first if new), socket $3, pid file $4 and error log $5, with further
# options after those; wait until it answers.
mariadbd_start() {
	local name=$1 data=$2 sock=$3 pid=$4 log=$5 user=()
	shift 5
	[ "$(id -u)" -eq 0 ] && user=(--user=root)
	if [ ! -d "$data/mysql" ]; then
		say "creating a private $name in $data"
		mkdir -p "$data"
		mariadb-install-db --no-defaults "${user[@]}" --datadir="$data" \
		    --auth-root-authentication-method=socket --skip-test-db \
		    >"${log%.log}-install.log" 2>&1 ||
		    die "mariadb-install-db failed; see ${log%.log}-install.log"
	fi
	# Its own temporary directory: files of other programs' in /tmp
	# come and go (a soak once met on-disk temporary tables removed).
	mkdir -p "$VAR/tmp"
	setsid mariadbd --no-defaults "${user[@]}" --datadir="$data" \
	    --socket="$sock" --pid-file="$pid" --skip-networking \
	    --tmpdir="$VAR/tmp" "$@" --log-error="$log" \
	    --character-set-server=utf8mb4 \
	    --collation-server=utf8mb4_unicode_ci \
	    --innodb-buffer-pool-size="$DB_BUFFER_POOL" \
	    --max-connections=500 --skip-name-resolve \
	    </dev/null >/dev/null 2>&1 &
	if ! wait_for "mariadb --no-defaults -S '$sock' -uroot -e 'SELECT 1'" 600
	then
		tail -n 15 "$log" >&2 2>/dev/null || true
		die "$name did not start; see $log"
	fi
}

db_start() {
	if [ "$GALERA" = 1 ]; then "$ROOT/scripts/galera.sh" start; return; fi
	if alive "$DBPID"; then say "MariaDB already running"; return 0; fi
	rm -f "$DBPID" "$DBSOCK"
	# With a replica: a binary log, and TCP on loopback for the replica.
	local repl=()
	# The figures' triggers and procedure (migrations 0007+) need
	# log_bin_trust_function_creators when the binary log is on.
	[ "$REPLICA" = 1 ] && repl=(--log-bin=binlog --server-id=1
	    --log-bin-trust-function-creators=1
	    --skip-networking=0 --bind-address=127.0.0.1 --port="$DB_PORT")
	mariadbd_start MariaDB "$DATA" "$DBSOCK" "$DBPID" "$LOG/mariadb.log" \
	    "${repl[@]}" --innodb-log-file-size="$DB_LOG_SIZE" \
	    --tmp-table-size=256M --max-heap-table-size=256M
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

db_stop() {
	[ "$GALERA" = 1 ] && { "$ROOT/scripts/galera.sh" stop; return; }
	stop_pid "$DBPID" TERM 600 "$DBSOCK"; }

# The replica: its own datadir and socket, read-only, replicating
# everything the primary logged since its first start (GTID).
replica_start() {
	if alive "$REPPID"; then say "replica already running"; return 0; fi
	rm -f "$REPPID" "$REPSOCK"
	local pw
	mariadbd_start "MariaDB replica" "$REPDATA" "$REPSOCK" "$REPPID" \
	    "$LOG/replica.log" --server-id=2 --read-only --relay-log=relay
	if [ -z "$(reproot -e 'SHOW SLAVE STATUS')" ]; then
		pw=$(secret "$VAR/repl.secret")
		dbroot <<-SQL
			CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY '$pw';
			GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1';
		SQL
		reproot <<-SQL
			CHANGE MASTER TO MASTER_HOST = '127.0.0.1',
			    MASTER_PORT = $DB_PORT, MASTER_USER = 'repl',
			    MASTER_PASSWORD = '$pw', MASTER_USE_GTID = slave_pos;
			START SLAVE;
		SQL
	fi
}
reproot() { mariadb --no-defaults -S "$REPSOCK" -uroot "$@"; }
replica_stop() { stop_pid "$REPPID" TERM 600 "$REPSOCK"; }

# Wait until the replica has applied everything the primary logged.
replica_sync() {
	local pos
	pos=$(dbroot -N -e 'SELECT @@gtid_binlog_pos')
	reproot -N -e "SELECT MASTER_GTID_WAIT('$pos', 60)" | grep -qx 0 ||
	    die "the replica did not catch up"
}

# Database, account and configuration; the password is made once and kept
# in $SECRET (mode 0600), never in the repository.
db_bootstrap() {
	local pw; pw=$(secret "$SECRET")
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
		[auth]
		session_cache_seconds = ${SESSION_CACHE:-2}
		[figures]
		cache_seconds = ${FIGURES_CACHE:-5}
		[portal]
		form_cache_seconds = ${FORM_CACHE:-10}
		[db]
		socket = $DBSOCK
		password_file = $SECRET
	EOF
	[ "$REPLICA" = 1 ] && echo "read_socket = $REPSOCK" >>"$CONF"
	# $LIMITS: [portal] lines of the test stack (its low rate limits).
	if [ -n "${LIMITS:-}" ]; then
		printf '[portal]\n%s\n' "$LIMITS" >>"$CONF"
	fi
	# $COBUILD_CONF: [cobuild] lines of the test stack (the mutual
	# evaluation's window open all year, so that its test runs every day).
	if [ -n "${COBUILD_CONF:-}" ]; then
		printf '[cobuild]\n%s\n' "$COBUILD_CONF" >>"$CONF"
	fi
	# Messages' links point at this stack; $SMS_CONF: further [sms] lines
	# (the tests' local gateway and its generated secrets).
	printf '[sms]\nlink_base = http://127.0.0.1:%s\n%s\n' "$PORT" \
	    "${SMS_CONF:-}" >>"$CONF"
	local i
	for i in $(seq 2 "$DAEMONS"); do
		dnames "$i"
		sed -e "s|^socket = $APPSOCK\$|socket = $D_SOCK|" \
		    -e "s|^socket = $DBSOCK\$|socket = $(galera_sock "$i")|" \
		    "$CONF" >"$D_CONF"
	done
}

# The database socket of daemon $1: with GALERA=1 its own node's.
galera_sock() {
	if [ "$GALERA" = 1 ]; then
		printf '%s/galera%s.sock' "$RUN" $(( ($1 - 1) % 3 + 1 ))
	else
		printf '%s' "$DBSOCK"
	fi
}

# The daemon runs under a small supervisor (this script, `supervise`),
# which restarts it when it dies of a signal (kill -9, a crash), as
# systemd's Restart=always does in production (conf/lianxind.service).
# A clean exit (SIGTERM, or a refusal to start) ends the supervisor.
# Daemon 1 has $APPPID, $APPSOCK and $CONF; daemon i > 1 (DAEMONS) the
# same names with i; each supervisor's pid is in lianxind[i]-supervise.pid.

# Names of daemon $1: D_PID, D_SUP, D_SOCK, D_CONF, D_LOG.
dnames() {
	local n=${1:-1}
	[ "$n" != 1 ] || n=
	D_PID=$RUN/lianxind$n.pid
	D_SUP=$RUN/lianxind$n-supervise.pid
	D_SOCK=$RUN/lianxind$n.sock
	D_CONF=$VAR/lianxin$n.conf
	D_LOG=$LOG/lianxind$n.log
}

daemon_start() {
	local i
	for i in $(seq 1 "$DAEMONS"); do
		dnames "$i"
		if alive "$D_PID"; then say "lianxind $i already running"; continue; fi
		stop_pid "$D_SUP" TERM 20
		rm -f "$D_PID"
		setsid "$ROOT/scripts/stack.sh" supervise "$i" </dev/null \
		    >>"$D_LOG" 2>&1 &
		echo $! >"$D_SUP"
		wait_for "alive '$D_PID' && test -S '$D_SOCK'" 100 ||
		    die "lianxind did not start; see $D_LOG"
	done
}

supervise() {
	local child=0 rc quick=0 t0
	dnames "$1"
	trap 'exit 0' TERM INT
	while :; do
		t0=$(date +%s)
		LIANXIN_CONF=$D_CONF "$BUILD/lianxind" </dev/null &
		child=$!
		echo "$child" >"$D_PID"
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

# Each supervisor first (so it does not restart its daemon), then the
# daemons, however many were started.
daemon_stop() {
	local f
	for f in "$RUN"/lianxind*-supervise.pid; do
		[ ! -e "$f" ] || stop_pid "$f" TERM 20
	done
	for f in "$RUN"/lianxind*.pid; do
		[ -e "$f" ] || continue
		stop_pid "$f" TERM 50 "${f%.pid}.sock"
	done
}

# The outbox's sender (lianxin send), beside the daemons; its log holds
# message ids only.
SENDPID=$RUN/sender.pid
sender_start() {
	if alive "$SENDPID"; then say "sender already running"; return 0; fi
	LIANXIN_CONF=$CONF setsid "$BUILD/lianxin" send </dev/null \
	    >>"$LOG/sender.log" 2>&1 &
	echo $! >"$SENDPID"
}
sender_stop() { stop_pid "$SENDPID" TERM 50; }

nginx_start() {
	if alive "$NGXPID"; then say "nginx already running"; return 0; fi
	rm -f "$NGXPID"
	local user="# (not root: workers run as $(id -un))"
	[ "$(id -u)" -eq 0 ] && user="user www-data;"
	mkdir -p "$VAR/nginx"
	# Daemons after the first join the upstream.
	local servers="" i
	for i in $(seq 2 "$DAEMONS"); do
		dnames "$i"
		servers="$servers server unix:$D_SOCK fail_timeout=2s;"
	done
	sed -e "s|@VAR@|$VAR|g" -e "s|@RUNDIR@|$RUN|g" -e "s|@PORT@|$PORT|g" \
	    -e "s|@ROOT@|$ROOT|g" -e "s|@USER@|$user|g" -e "s|@BUILD@|$BUILD|g" \
	    -e "s|@SERVERS@|$servers|g" -e "s|@METRICS_PORT@|$METRICS_PORT|g" \
	    "$ROOT/nginx/nginx.conf.in" >"$VAR/nginx/nginx.conf"
	nginx -t -q -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" \
	    2>>"$LOG/nginx-error.log" ||
	    die "nginx configuration test failed; see $LOG/nginx-error.log"
	setsid nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" \
	    -g 'daemon off;' </dev/null >>"$LOG/nginx-error.log" 2>&1 &
	if ! wait_for healthz_ok 300; then
		# Say what was seen: CI keeps only this output.
		say "GET /healthz on port $PORT: HTTP $(curl --noproxy '*' -s \
		    -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")"
		alive "$NGXPID" || say "nginx is not running"
		df -h "$VAR" | tail -n 1
		tail -n 15 "$LOG/nginx-error.log" "$LOG"/lianxind*.log 2>/dev/null || true
		die "nginx did not answer on port $PORT; see $LOG/nginx-error.log"
	fi
}

# Does the stack answer /healthz through nginx?  Never through a proxy
# from the environment (http_proxy would send 127.0.0.1 elsewhere).
healthz_ok() {
	curl --noproxy '*' -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"
}

# QUIT: nginx finishes the requests it has.
nginx_stop() { stop_pid "$NGXPID" QUIT 50; }

# The holiday notices (holidays-cn-YYYY.csv): $HOLIDAYS, else
# ../shared/data beside the repository (from a git worktree, beside its
# main checkout).
holidays_dir() {
	local d=${HOLIDAYS:-$ROOT/../shared/data} common
	if [ -z "${HOLIDAYS:-}" ] && [ ! -d "$d" ] &&
	    common=$(git -C "$ROOT" rev-parse --path-format=absolute \
	    --git-common-dir 2>/dev/null); then
		d=$(dirname "$common")/../shared/data
	fi
	printf '%s' "$d"
}

start() {
	[ -x "$BUILD/lianxind" ] || die "$BUILD/lianxind is not built (make)"
	if port_busy "$PORT" && ! alive "$NGXPID"; then
		die "port $PORT is in use (PORT= picks another)"
	fi
	db_start
	[ "$REPLICA" = 1 ] && replica_start
	db_bootstrap
	LIANXIN_CONF=$CONF "$BUILD/lianxin" migrate
	if [ "$DEMO_REQUESTS" != "none" ]; then
		LIANXIN_CONF=$CONF "$BUILD/lianxin" demo --if-empty \
		    --requests "$DEMO_REQUESTS" --holidays "$(holidays_dir)"
	fi
	[ "$REPLICA" = 1 ] && replica_sync
	daemon_start
	sender_start
	nginx_start
}

stop() {
	nginx_stop
	sender_stop
	daemon_stop
	replica_stop
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
		    dept1        department staff (西兴街道 城管执法中队)
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

# The stack's paths as NAME=value lines; with a NAME, that value alone.
env_of() {
	printf 'VAR=%s\nRUN=%s\nDBSOCK=%s\nAPPSOCK=%s\nAPPPID=%s\nDBPID=%s\nCONF=%s\nREPSOCK=%s\nHOLIDAYS=%s\n' \
	    "$VAR" "$RUN" "$DBSOCK" "$APPSOCK" "$APPPID" "$DBPID" "$CONF" "$REPSOCK" "$(holidays_dir)" |
	    if [ -n "$1" ]; then sed -n "s/^$1=//p"; else cat; fi
}

case "${1:-}" in
run) run ;;
start) start ;;
stop) stop ;;
db-start) db_start ;;
db-stop) db_stop ;;
daemon-start) daemon_start ;;
daemon-stop) daemon_stop ;;
supervise) supervise "${2:-1}" ;;
replica-start) replica_start ;;
replica-stop) replica_stop ;;
replica-sync) replica_sync ;;
nginx-start) nginx_start ;;
sender-start) sender_start ;;
sender-stop) sender_stop ;;
nginx-stop) nginx_stop ;;
env) env_of "${2:-}" ;;
*) echo "usage: $0 run|start|stop|db-start|db-stop|replica-start|replica-stop|replica-sync|daemon-start|daemon-stop|nginx-start|nginx-stop|sender-start|sender-stop|env [NAME]|free-port" >&2; exit 2 ;;
esac
