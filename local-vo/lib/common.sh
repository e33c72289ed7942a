# Shared settings and helpers for the local-vo start/stop/status scripts.
# Sourced, never executed. The caller has already done `set -euo pipefail`.

VO_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VO_PORT=${VOKIT_VO_PORT:-8089}
VO_HOST=127.0.0.1
VO_URL="http://${VO_HOST}:${VO_PORT}"
VO_LOG=${VOKIT_VO_LOG:-/var/tmp/vokit-local-vo.log}
VO_AUTHORITY=vokit.test

# Where DaCHS keeps its things (fixed by the Debian package).
GAVO_ROOT=/var/gavo
GAVO_INPUTS=$GAVO_ROOT/inputs
GAVO_RC=/etc/gavo.rc
# Our own bookkeeping: one checksum stamp per imported resource descriptor.
VO_STATE=/var/lib/vokit-local-vo

PG_VERSION=15
PG_CLUSTER=main
PG_PORT=5432

# The resource directories below rd/, in import order (rr describes the others,
# the obscore-publishing ones need ivoa.obscore to exist first, voquirks copies
# vostars.main).
VO_RDS=(vostars voimg vospec voplanets voquirks rr)

PY=/usr/bin/python3

export DEBIAN_FRONTEND=noninteractive
export LC_ALL=C.UTF-8 LANG=C.UTF-8

say() { printf '%s\n' "$*"; printf '[%s] %s\n' "$(date '+%F %T')" "$*" >>"$VO_LOG"; }

# run CMD...: run a noisy command with its output going to the log only.
run() {
    printf '[%s] $ %s\n' "$(date '+%F %T')" "$*" >>"$VO_LOG"
    # fd 9 holds our lock; daemons started from here must not inherit it
    "$@" >>"$VO_LOG" 2>&1 9>&-
}

die() {
    printf 'local-vo: %s\n' "$*" >&2
    if [ -f "$VO_LOG" ]; then
        printf -- '--- last lines of %s ---\n' "$VO_LOG" >&2
        tail -n 40 "$VO_LOG" >&2
    fi
    exit 1
}

# tap_ok: true iff the TAP service answers a trivial synchronous query.
tap_ok() {
    local out
    out=$(curl -sS --max-time "${1:-10}" \
        --data-urlencode 'REQUEST=doQuery' --data-urlencode 'LANG=ADQL' \
        --data-urlencode 'FORMAT=csv' \
        --data-urlencode 'QUERY=SELECT TOP 1 table_name FROM tap_schema.tables' \
        "$VO_URL/tap/sync" 2>/dev/null) || return 1
    case $out in table_name*) return 0 ;; *) return 1 ;; esac
}

# server_pid: print the pid of a running DaCHS web server, fail if none.
server_pid() {
    local f=$GAVO_ROOT/state/web.pid pid
    [ -r "$f" ] || return 1
    pid=$(tr -dc '0-9' <"$f")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    # a stale pid file may name an unrelated process after a reboot
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q dachs || return 1
    echo "$pid"
}

# take_lock: serialise concurrent start/stop runs.
take_lock() {
    exec 9>/var/lock/vokit-local-vo.lock
    flock -w 600 9 || die "could not get /var/lock/vokit-local-vo.lock"
}

pg_running() {
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1
}
