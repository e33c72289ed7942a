# Installation and PostgreSQL set-up for local-vo/start. Sourced after common.sh.

# Packages we need on top of a bare bookworm. postgresql-15 itself is pulled in
# by pgsphere; we never name it, so an installed one is not upgraded.
VO_BASE_PKGS=(postgresql-15-pgsphere postgresql-15-q3c curl ca-certificates
    python3-numpy python3-astropy)

pkg_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

apt_install() {
    local missing=() p
    for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ -z "${VO_APT_UPDATED:-}" ]; then
        say "apt-get update"
        run apt-get update || die "apt-get update failed"
        VO_APT_UPDATED=1
    fi
    say "installing ${missing[*]}"
    run apt-get install -y --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${missing[@]}" || die "apt-get install ${missing[*]} failed"
}

# PostgreSQL 15.20 (bookworm-security) refuses pgsphere's two legacy
# "@(bigint|spoint, smoc)" operators because their COMMUTATOR clashes with the
# "<@" operators defined just before. DaCHS translates ADQL with "<@", so we
# drop the legacy ones from the extension scripts before anyone runs
# CREATE EXTENSION. Harmless (and idempotent) on older minor versions.
patch_pgsphere() {
    local f
    for f in /usr/share/postgresql/$PG_VERSION/extension/pg_sphere--*.sql; do
        [ -f "$f" ] || continue
        if perl -0ne 'exit(/CREATE OPERATOR @ \(\s*LEFTARG\s*=\s*(?:bigint|spoint),\s*RIGHTARG\s*=\s*smoc,/ ? 0 : 1)' "$f"; then
            say "patching legacy smoc operators out of $(basename "$f")"
            perl -0pi -e 's/CREATE OPERATOR @ \(\s*LEFTARG\s*=\s*(?:bigint|spoint),\s*RIGHTARG\s*=\s*smoc,[^;]*\);\n?//g' "$f"
        fi
    done
}

# Make sure cluster 15/main exists, listens on 127.0.0.1 only, and runs.
ensure_postgres() {
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "$PG_VERSION/$PG_CLUSTER"; then
        say "creating PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
        run pg_createcluster "$PG_VERSION" "$PG_CLUSTER" -p "$PG_PORT" || die "pg_createcluster failed"
    fi
    local conf=/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d/vokit-local-vo.conf
    local want="listen_addresses = '127.0.0.1'"
    if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
        mkdir -p "$(dirname "$conf")"
        printf '%s\n' "$want" >"$conf"
        if pg_running; then
            say "restarting PostgreSQL (listen address changed)"
            run pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart || die "PostgreSQL restart failed"
        fi
    fi
    if ! pg_running; then
        say "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
        run pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start || die "PostgreSQL did not start"
    fi
}

# The whole installation: packages, PostgreSQL, then DaCHS (whose postinst
# needs a running database).
ensure_installed() {
    apt_install "${VO_BASE_PKGS[@]}"
    patch_pgsphere
    ensure_postgres
    if ! pkg_installed gavodachs2-server; then
        # heal a half-configured earlier attempt first
        run dpkg --configure -a || true
        apt_install gavodachs2-server
    fi
    pkg_installed gavodachs2-server || die "gavodachs2-server is not installed"
}
