# DaCHS configuration, RD deployment and server control. Sourced after common.sh.

VO_NEED_RESTART=0

as_dachs() { runuser -u dachsroot -- "$@"; }
gavo_sql() { runuser -u postgres -- psql -qtAX -d gavo -c "$1" 2>>"$VO_LOG"; }

# install_if_changed SRC DEST MODE: copy SRC to DEST when the content differs;
# returns 0 iff something was written.
install_if_changed() {
    if [ -f "$2" ] && cmp -s "$1" "$2"; then return 1; fi
    install -o dachsroot -g gavo -m "$3" "$1" "$2"
    return 0
}

# Write /etc/gavo.rc and the site-wide metadata; ask for a restart if they changed.
ensure_config() {
    local tmp
    tmp=$(mktemp -d)
    cat >"$tmp/gavo.rc" <<EOF
# Written by vokit local-vo/start; edits will be overwritten.
[general]
logLevel: info

[web]
bindAddress: $VO_HOST
serverPort: $VO_PORT
serverURL: $VO_URL
sitename: vokit local test VO
enableTests: False

[ivoa]
authority: $VO_AUTHORITY

[async]
defaultExecTimeSync: 60
maxTAPRunning: 4
EOF
    sed "s/@AUTHORITY@/$VO_AUTHORITY/g" "$VO_HOME/etc/defaultmeta.txt" >"$tmp/defaultmeta.txt"
    if install_if_changed "$tmp/gavo.rc" "$GAVO_RC" 0644; then
        say "wrote $GAVO_RC for $VO_URL"
        VO_NEED_RESTART=1
    fi
    if install_if_changed "$tmp/defaultmeta.txt" "$GAVO_ROOT/etc/defaultmeta.txt" 0664; then
        VO_NEED_RESTART=1
    fi
    if install_if_changed "$VO_HOME/etc/userconfig.rd" "$GAVO_ROOT/etc/userconfig.rd" 0664; then
        VO_NEED_RESTART=1
    fi
    rm -rf "$tmp"
}

# rd_stamp NAME: a checksum over everything an RD's import depends on.
rd_stamp() {
    local name=$1
    {
        echo "url=$VO_URL db=$VO_DB_OID"
        (cd "$VO_HOME" && find "rd/$name" tools/gen_data.py etc/defaultmeta.txt -type f -print0 | sort -z |
            xargs -0 sha256sum)
        if [ "$name" = voquirks ]; then
            # its rows are copied from vostars.main
            cat "$VO_STATE/vostars.stamp" 2>/dev/null || true
        fi
        if [ "$name" = rr ]; then
            # rr describes (and copies metadata of) all the other resources
            local other
            for other in "${VO_RDS[@]}"; do
                [ "$other" = rr ] || cat "$VO_STATE/$other.stamp" 2>/dev/null || true
            done
        fi
    } | sha256sum | cut -c1-64
}

# One table per RD whose existence shows the import happened.
rd_probe_table() {
    case $1 in
        vostars) echo vostars.main ;;
        voimg) echo voimg.main ;;
        vospec) echo vospec.raw_data ;;
        voplanets) echo voplanets.epn_core ;;
        voquirks) echo voquirks.int_ids ;;
        rr) echo rr.resource ;;
    esac
}

generate_data() {
    local name=$1 dest=$GAVO_INPUTS/$1/data
    rm -rf "$dest"
    mkdir -p "$dest"
    case $name in
        vostars) run "$PY" "$VO_HOME/tools/gen_data.py" stars "$dest" ;;
        voimg) run "$PY" "$VO_HOME/tools/gen_data.py" images "$dest" ;;
        vospec) run "$PY" "$VO_HOME/tools/gen_data.py" spectra "$dest" ;;
        voplanets) run "$PY" "$VO_HOME/tools/gen_data.py" planets "$dest" ;;
        rr) cp "$VO_HOME"/rd/rr/*.csv "$dest"/ 2>/dev/null || true ;;
    esac || die "generating data for $name failed"
}

# Import every RD whose inputs changed since its last successful import.
deploy_rds() {
    mkdir -p "$VO_STATE"
    VO_DB_OID=$(gavo_sql "SELECT oid FROM pg_database WHERE datname='gavo'") ||
        die "cannot reach the gavo database"
    local existing
    existing=" $(gavo_sql "SELECT schemaname||'.'||tablename FROM pg_tables
        WHERE schemaname IN ('vostars','voimg','vospec','voplanets','voquirks','rr','ivoa')
        UNION SELECT schemaname||'.'||viewname FROM pg_views WHERE schemaname='ivoa'" |
        tr '\n' ' ') "
    if [[ $existing != *" ivoa._obscoresources "* ]]; then
        say "creating the ivoa.obscore machinery"
        run as_dachs dachs imp //obscore || die "dachs imp //obscore failed"
    fi
    local name stamp probe imported=()
    for name in "${VO_RDS[@]}"; do
        stamp=$(rd_stamp "$name")
        probe=$(rd_probe_table "$name")
        if [ "$(cat "$VO_STATE/$name.stamp" 2>/dev/null)" = "$stamp" ] &&
            [[ $existing == *" $probe "* ]]; then
            continue
        fi
        say "importing $name (this takes a few seconds)"
        rm -f "$VO_STATE/$name.stamp"
        mkdir -p "$GAVO_INPUTS/$name"
        find "$GAVO_INPUTS/$name" -mindepth 1 -maxdepth 1 ! -name data -exec rm -rf {} +
        cp -r "$VO_HOME/rd/$name/." "$GAVO_INPUTS/$name/"
        generate_data "$name"
        chown -R dachsroot:gavo "$GAVO_INPUTS/$name"
        chmod -R g+rwX,o+rX "$GAVO_INPUTS/$name"
        run as_dachs dachs imp "$name/q" || die "dachs imp $name/q failed"
        # rr comes last and its stamp covers the others' stamps, so the
        # others' new stamps must be in place before rr's is computed
        echo "$stamp" >"$VO_STATE/$name.stamp.new"
        mv "$VO_STATE/$name.stamp.new" "$VO_STATE/$name.stamp"
        imported+=("$name/q")
        VO_NEED_RESTART=1
    done
    if [ ${#imported[@]} -gt 0 ]; then
        # one call for all: each dachs invocation costs seconds of start-up
        run as_dachs dachs pub "${imported[@]}" || {
            for name in "${imported[@]}"; do rm -f "$VO_STATE/${name%/q}.stamp"; done
            die "dachs pub ${imported[*]} failed"
        }
    fi
}

server_start() {
    say "starting DaCHS on $VO_URL"
    run dachs serve start || die "dachs serve start failed"
}

server_stop() {
    if server_pid >/dev/null; then
        say "stopping DaCHS"
        run dachs serve stop || true
    fi
    local i
    for i in $(seq 1 50); do
        server_pid >/dev/null || return 0
        sleep 0.2
    done
    die "DaCHS did not stop"
}

ensure_server() {
    if server_pid >/dev/null; then
        if [ "$VO_NEED_RESTART" = 0 ] && tap_ok 10; then
            return 0
        fi
        server_stop
    else
        # a stale pid file would make "dachs serve start" refuse to run
        rm -f "$GAVO_ROOT/state/web.pid"
    fi
    server_start
}

# wait_for_tap SECONDS: poll until TAP answers.
# "dachs serve start" forks twice and returns before the daemon has bound
# its port and written web.pid, so a missing pid only means the server died
# once it has stayed missing for a while (20 s: a loaded machine is slow).
wait_for_tap() {
    local deadline=$((SECONDS + $1)) missing_since=
    while [ $SECONDS -lt $deadline ]; do
        tap_ok 5 && return 0
        if server_pid >/dev/null; then
            missing_since=
        elif [ -z "$missing_since" ]; then
            missing_since=$SECONDS
        elif [ $((SECONDS - missing_since)) -ge 20 ]; then
            die "DaCHS exited during start-up (see $GAVO_ROOT/logs)"
        fi
        sleep 0.3
    done
    return 1
}
