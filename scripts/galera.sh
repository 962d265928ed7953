#!/bin/bash
# A three-node MariaDB Galera cluster on one machine (Debian's galera-4),
# for the cluster test and `make run GALERA=1`.  Each node has its own
# datadir ($VAR/galera/nN), its own unix socket (in the stack's run
# directory, galeraN.sock), and its own loopback ports (SQL, group
# communication, IST, SST) picked free at the first start and kept in
# $VAR/galera/ports.  State transfer by rsync (SST) or from the donor's
# gcache (IST).
#
#   galera.sh start          bootstrap node 1, join 2 and 3, wait for size 3
#   galera.sh stop           stop 3, 2, then 1 (1 can bootstrap next time)
#   galera.sh kill N         kill -9 node N
#   galera.sh restart N      start node N again; it rejoins (IST)
#   galera.sh wait-synced N  wait until node N is Synced (up to $2 seconds)
#   galera.sh status         size, state and conflict counters per node
#   galera.sh sock N         node N's socket
#   galera.sh low-port       a free port below the ephemeral range
#
# Environment: VAR, DB_BUFFER_POOL (per node, default 128M), NODES (3).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)

# A port nothing listens on, below the kernel's ephemeral range (the one
# rule of scripts/stack.sh's free-port).
low_port() { "$ROOT/scripts/stack.sh" free-port; }

if [ "${1:-}" = low-port ]; then low_port; exit; fi

# The stack's VAR (absolute), and its run directory for the sockets.
VAR=${VAR:-$ROOT/var}
mkdir -p "$VAR" && VAR=$(cd "$VAR" && pwd) && export VAR
RUN=$("$ROOT/scripts/stack.sh" env RUN)
G=$VAR/galera
LOG=$VAR/log
NODES=${NODES:-3}
POOL=${DB_BUFFER_POOL:-128M}
PROVIDER=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
mkdir -p "$G" "$LOG" "$RUN" "$VAR/tmp"

say() { printf 'galera: %s\n' "$*"; }
die() { printf 'galera: error: %s\n' "$*" >&2; exit 1; }

[ -f "$PROVIDER" ] || die "$PROVIDER missing (apt-get install galera-4)"

# Four ports per node (sql gcomm ist sst), chosen once, all distinct.
ports() {
	[ -s "$G/ports" ] && return 0
	local taken=" " p n k
	for n in $(seq 1 "$NODES"); do
		printf '%s' "$n" >>"$G/ports.new"
		for k in 1 2 3 4; do
			while :; do
				p=$(low_port)
				case "$taken" in *" $p "*) continue ;; esac
				taken="$taken$p "
				break
			done
			printf ' %s' "$p" >>"$G/ports.new"
		done
		echo >>"$G/ports.new"
	done
	mv "$G/ports.new" "$G/ports"
}
# Ports of node $1: P_SQL P_GC P_IST P_SST.
pnames() {
	read -r _ P_SQL P_GC P_IST P_SST < <(awk -v n="$1" '$1 == n' "$G/ports")
}
sock() { printf '%s/galera%s.sock' "$RUN" "$1"; }
pidf() { printf '%s/galera%s.pid' "$RUN" "$1"; }
noderoot() { local n=$1; shift; mariadb --no-defaults -S "$(sock "$n")" -uroot "$@"; }

running() {
	local st
	st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}
alive() { [ -f "$(pidf "$1")" ] && running "$(cat "$(pidf "$1")")"; }

# The value of status variable $2 on node $1 (empty when it does not answer).
gstatus() {
	noderoot "$1" -N -e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null |
	    awk '{print $2}' || true
}

# Wait until node $1 answers, is Synced and ready; up to $2 seconds.
wait_synced() {
	local n=$1 t=$(( $(date +%s) + ${2:-120} ))
	while [ "$(date +%s)" -lt "$t" ]; do
		alive "$n" || die "node $n died; see $LOG/galera$n.log"
		if [ "$(gstatus "$n" wsrep_ready)" = ON ] &&
		    [ "$(gstatus "$n" wsrep_local_state_comment)" = Synced ]; then
			return 0
		fi
		sleep 0.3
	done
	die "node $n not synced after ${2:-120} s; see $LOG/galera$n.log"
}

# The joiner's rsync daemon (wsrep_sst_rsync) runs as root's default
# daemon user, nobody, and cannot write a root-owned datadir (mariadbd
# puts its own bin directory first in the script's PATH, so no wrapper
# can change that): as root, a joiner's new datadir belongs to nobody.
# mariadbd, as root, reads and writes the files nobody made.
sst_owner() {
	[ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1 || return 0
	chown -R nobody "$1"
}

# Start node $1; $2 = new: bootstrap a new cluster.
node_start() {
	local n=$1 boot=() user=() d=$G/n$1 addr="" m
	alive "$n" && { say "node $n already running"; return 0; }
	ports
	for m in $(seq 1 "$NODES"); do
		pnames "$m"
		addr="$addr${addr:+,}127.0.0.1:$P_GC"
	done
	pnames "$n"
	[ "$(id -u)" -eq 0 ] && user=(--user=root)
	if [ "${2:-}" = new ]; then
		boot=(--wsrep-new-cluster)
		# A clean stop leaves safe_to_bootstrap: 1 on the last node;
		# the scripts bootstrap node 1 only when no node runs.
		[ ! -f "$d/grastate.dat" ] ||
		    sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' \
		    "$d/grastate.dat"
	fi
	# Only the bootstrap node is initialised; the others get its data.
	local ilog=$LOG/galera$n-install.log
	if [ "${2:-}" = new ] && [ ! -d "$d/mysql" ]; then
		say "creating node $n in $d"
		mkdir -p "$d" && mariadb-install-db --no-defaults "${user[@]}" \
		    --datadir="$d" --skip-test-db \
		    --auth-root-authentication-method=socket >"$ilog" 2>&1 ||
		    die "mariadb-install-db failed; see $ilog"
	fi
	# A joiner's datadir starts empty: SST fills it.
	# (After a kill -9, mariadbd recovers its position from InnoDB
	# itself and asks the donor for IST.)
	if [ "${2:-}" != new ]; then
		mkdir -p "$d"
		sst_owner "$d"
	fi
	rm -f "$(pidf "$n")" "$(sock "$n")"
	setsid mariadbd --no-defaults "${user[@]}" --datadir="$d" \
	    --socket="$(sock "$n")" --pid-file="$(pidf "$n")" \
	    --bind-address=127.0.0.1 --port="$P_SQL" \
	    --tmpdir="$VAR/tmp" --log-error="$LOG/galera$n.log" \
	    --character-set-server=utf8mb4 \
	    --collation-server=utf8mb4_unicode_ci \
	    --innodb-buffer-pool-size="$POOL" --innodb-log-file-size=64M \
	    --max-connections=500 --skip-name-resolve \
	    --log-bin-trust-function-creators=1 \
	    --binlog-format=ROW --innodb-autoinc-lock-mode=2 \
	    --default-storage-engine=InnoDB --innodb-flush-log-at-trx-commit=0 \
	    --wsrep-on=ON --wsrep-provider="$PROVIDER" \
	    --wsrep-cluster-name=lianxin --wsrep-node-name="node$n" \
	    --wsrep-cluster-address="gcomm://$addr" \
	    --wsrep-node-address="127.0.0.1:$P_GC" \
	    --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$P_GC;ist.recv_addr=127.0.0.1:$P_IST;gcache.size=256M;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT6S" \
	    --wsrep-sst-method=rsync \
	    --wsrep-sst-receive-address="127.0.0.1:$P_SST" \
	    --wsrep-slave-threads=2 \
	    "${boot[@]}" </dev/null >/dev/null 2>&1 &
	echo $! >"$(pidf "$n").start"
	local t=$(( $(date +%s) + 180 ))
	until noderoot "$n" -e 'SELECT 1' >/dev/null 2>&1; do
		running "$(cat "$(pidf "$n").start")" ||
		    die "node $n did not start; see $LOG/galera$n.log"
		[ "$(date +%s)" -lt "$t" ] ||
		    die "node $n did not answer; see $LOG/galera$n.log"
		sleep 0.2
	done
	rm -f "$(pidf "$n").start"
	wait_synced "$n" 120
}

node_stop() {
	local n=$1 pid i=0
	alive "$n" || { rm -f "$(pidf "$n")"; return 0; }
	pid=$(cat "$(pidf "$n")")
	kill -TERM "$pid" 2>/dev/null || true
	while running "$pid" && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	running "$pid" && kill -KILL "$pid" 2>/dev/null || true
	rm -f "$(pidf "$n")" "$(sock "$n")"
}

start() {
	local n any=0
	for n in $(seq 1 "$NODES"); do alive "$n" && any=1; done
	if [ $any = 0 ]; then node_start 1 new; else node_start 1; fi
	for n in $(seq 2 "$NODES"); do node_start "$n"; done
	local size
	size=$(gstatus 1 wsrep_cluster_size)
	[ "$size" = "$NODES" ] || die "cluster size $size, not $NODES"
	say "cluster of $size nodes ready"
}

stop() {
	local n
	for n in $(seq "$NODES" -1 1); do node_stop "$n"; done
}

status() {
	local n
	printf '%-5s %-6s %-5s %-8s %-6s %-11s %-9s\n' node pid size state ready cert_fails bf_aborts
	for n in $(seq 1 "$NODES"); do
		if alive "$n"; then
			printf '%-5s %-6s %-5s %-8s %-6s %-11s %-9s\n' "$n" \
			    "$(cat "$(pidf "$n")")" \
			    "$(gstatus "$n" wsrep_cluster_size)" \
			    "$(gstatus "$n" wsrep_local_state_comment)" \
			    "$(gstatus "$n" wsrep_ready)" \
			    "$(gstatus "$n" wsrep_local_cert_failures)" \
			    "$(gstatus "$n" wsrep_local_bf_aborts)"
		else
			printf '%-5s %s\n' "$n" down
		fi
	done
}

case "${1:-}" in
start) start ;;
stop) stop ;;
kill) alive "$2" && kill -KILL "$(cat "$(pidf "$2")")"; rm -f "$(pidf "$2")" ;;
restart) node_stop "$2"; node_start "$2" ;;
wait-synced) wait_synced "$2" "${3:-120}" ;;
status) status ;;
sock) sock "$2"; echo ;;
*) echo "usage: $0 start|stop|kill N|restart N|wait-synced N [S]|status|sock N" >&2; exit 2 ;;
esac
