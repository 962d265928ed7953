#!/bin/sh
# Install the Debian 12 packages lianxin needs, only those missing.
# Runs `apt-get update` first when the package lists are missing or older
# than a day.  On a machine that has everything it says so and does nothing.
set -eu

# Build and run.
PKGS="gcc make pkg-config libc6-dev
libfcgi-dev libmariadb-dev mariadb-server mariadb-client
libgd-dev libcmocka-dev nginx fonts-wqy-microhei
libinih-dev liburiparser-dev libsodium-dev libjansson-dev libxlsxwriter-dev
libcsv-dev libexif-dev
procps curl"
# Tests: a real browser for page checks, and the benchmark load generator.
PKGS="$PKGS chromium chromium-driver python3 wrk"
# Tests of the exports: an independent XLSX reader.
PKGS="$PKGS python3-openpyxl"
# Fuzzing: a real XML parser for the Open311 writer's output (fuzz_xml).
PKGS="$PKGS libxml2-dev"
# The outbox's sender (lianxin send): HTTPS to the SMS provider.
PKGS="$PKGS libcurl4-openssl-dev"
# The Galera cluster of the cluster test and GALERA=1 (scripts/galera.sh):
# the provider, rsync for its state transfers, ss (iproute2) for its ports.
PKGS="$PKGS galera-4 rsync iproute2"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = "installed" ] || missing="$missing $p"
done

if [ -z "$missing" ]; then
	echo "deps: all $(echo $PKGS | wc -w) packages are installed; nothing to do"
	exit 0
fi

echo "deps: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
lists=/var/lib/apt/lists
if [ -z "$(find $lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n 1)" ]; then
	echo "deps: package lists missing or older than a day: apt-get update"
	$SUDO apt-get update -q
fi
# Do not let package scripts start system services (MariaDB, nginx):
# lianxin starts its own private instances.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e $policy ]; then
	printf '#!/bin/sh\nexit 101\n' | $SUDO tee $policy >/dev/null
	$SUDO chmod 0755 $policy
	made_policy=1
fi
trap '[ $made_policy -eq 0 ] || $SUDO rm -f $policy' EXIT
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q \
	--no-install-recommends $missing
echo "deps: done"
