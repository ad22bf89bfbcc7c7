# shellcheck shell=bash disable=SC2034  # (globals set here are read by the test scripts)
# tests/integration/lib-multi.sh - several "hosts" for multi-host and
# migration tests: N more private libvirt *session* daemons of the one test
# user of lib.sh, each with its own HOME and XDG dirs below
# $IT_TMPDIR/M/I (so lib.sh's teardown assertions see them) and its own
# host_uuid (libvirt refuses to migrate to "the same host" otherwise).
# Clients reach daemon I only by its socket,
#   qemu+unix:///session?socket=$IT_TMPDIR/M/I/run/libvirt/libvirt-sock
# (a ?socket= URI never autostarts a daemon); QEMU's migration stream stays
# on loopback with MULTI_MIGRATE_ARGS (--listen-address 127.0.0.1
# --migrateuri tcp://127.0.0.1; libvirt refuses migration_host=127.0.0.1 in
# qemu.conf). These daemons are separate from lib.sh's own (IT_URI).
#
# Storage: all "hosts" are this machine, so a guest's disk file is one file
# both daemons open. Live migration needs --unsafe ("Migration without
# shared storage is unsafe") and copies no storage. Never use
# --copy-storage-all/-inc with the same disk path on both sides (the mirror
# would write the disk onto itself): give the destination its own file
# (--xml with another <source file>, created beforehand with the same size).
# Measured here (192 MiB TCG guest, loaded machine): migrate --live 3.0 s
# from virsh's start to its end, job 1.5 s, downtime 140-150 ms.
#
#   #!/bin/bash
#   set -u
#   HERE=$(dirname "$(readlink -f "$0")")
#   source "$HERE/lib.sh"; source "$HERE/lib-multi.sh"
#   DESC=(...)
#   it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
#   multi_setup 3 || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
#   xml=$(multi_guest_xmlfile mu-g)             # tracked on every daemon
#   multi_virsh 1 create "$xml"
#   multi_virsh 1 migrate --live --unsafe mu-g "$(multi_uri 2)" "${MULTI_MIGRATE_ARGS[@]}"
#   IT_URI=$(multi_uri 2) it_wait_agent mu-g 30  # any lib.sh helper, on 2
#
# Sharing: under run.sh (IT_SHARED_TMPDIR) the daemons belong to run.sh:
# the first script that asks for them starts them, later ones attach (and
# start any that are missing), run.sh tears them down after the last script
# (multi_teardown, with its own TAP line). A script removes the domains it
# tracked from every daemon at exit, starts again the daemons it stopped and
# thaws the ones it froze. Run alone, a script owns the daemons it starts.
#
# ------------------------------------------------------------------ API
#   multi_setup N            N daemons up and answering (after it_setup);
#                            installs their teardown at exit. Returns 1
#                            with IT_SKIP_REASON if one does not start.
#                            MULTI_SETUP_SECS: how long that took
#   multi_uri I              prints daemon I's URI (also MULTI_URIS[I])
#   multi_virsh I ARG...     the reference virsh -c URI_I as the test user
#                            (lib.sh's env; it_hvirsh with IT_URI=URI_I)
#   multi_virtsh I ARG...    the virtsh under test, the same way
#   multi_run I CMD...       CMD as the test user in daemon I's own env
#                            (its XDG dirs; qemu:///session means daemon I)
#   multi_pid I              prints daemon I's pid
#   multi_stop I             kill -9 ("the host died"); waits until gone
#   multi_start I            starts it again (same dirs and host_uuid) and
#                            waits until it answers; MULTI_START_SECS.
#                            MULTI_COLD=1 first drops its QEMU capability
#                            cache (a cold start probes QEMU again)
#   multi_freeze I / multi_thaw I   SIGSTOP / SIGCONT ("the host hangs")
#   multi_track_domain NAME  destroy + undefine NAME on every daemon at exit
#   multi_guest_xmlfile NAME [MODE [OPTION...]]  it_guest_xmlfile for the
#                            multi daemons: writes the test guest's XML,
#                            prints its path, tracks NAME on every daemon
#   multi_domstate I NAME    it_domstate on daemon I ("gone" if absent)
#   multi_teardown           (at exit; run.sh calls it too) see "Sharing";
#                            as owner: destroys every domain, kills the
#                            daemons by pid, asserts that no process of
#                            theirs (HOME below $IT_TMPDIR/M) and no
#                            directory remain. 0 if clean, else 1 with
#                            MULTI_TEARDOWN_DIAG
#   MULTI_N                  number of daemons set up
#   MULTI_MIGRATE_ARGS       array: keeps QEMU's migration stream on
#                            loopback (pass to virsh migrate)
# ------------------------------------------------------------------

[ -n "${IT_MULTI_SOURCED:-}" ] && return 0
IT_MULTI_SOURCED=1

MULTI_N=0
MULTI_URIS=()
MULTI_MIGRATE_ARGS=(--listen-address 127.0.0.1 --migrateuri tcp://127.0.0.1)
MULTI__STOPPED=()     # daemons this script killed (started again at exit)
MULTI__FROZEN=()      # daemons this script froze (thawed at exit)
MULTI__TORN_DOWN=0
MULTI__AT_EXIT=0

multi__dir() {
    echo "$IT_TMPDIR/M/$1"
}

multi_uri() {
    echo "qemu+unix:///session?socket=$(multi__dir "$1")/run/libvirt/libvirt-sock"
}

multi_virsh() {
    local i=$1
    shift
    IT_URI=$(multi_uri "$i") it_hvirsh "$@"
}

multi_virtsh() {
    local i=$1
    shift
    IT_URI=$(multi_uri "$i") it_virtsh "$@"
}

multi_run() {
    local d IT_ENV IT_HOME
    d=$(multi__dir "$1")
    it__env_at IT_ENV "$d" "$(multi_uri "$1")"
    IT_HOME=$d/home
    shift
    it_run "$@"
}

multi_domstate() {
    IT_URI=$(multi_uri "$1") it_domstate "$2"
}

# The daemon's pid from its pid file, if it is a process of the test user.
multi_pid() {
    local p
    p=$(cat "$(multi__dir "$1")/daemon.pid" 2>/dev/null) || return 1
    [[ $p =~ ^[0-9]+$ ]] || return 1
    [ "$(ps -o uid= -p "$p" 2>/dev/null | tr -d ' ')" = "$IT_UID" ] || return 1
    echo "$p"
}

multi__alive() {
    local p
    p=$(multi_pid "$1") && ! it__pid_gone "$p"
}

# A new daemon directory: private env, its own host_uuid, and (unless
# MULTI_COLD=1) the QEMU capabilities of lib.sh's daemon: probed once
# there (libvirt does it on the first call that needs them), not once per
# daemon.
multi__create() {
    local d caps=$IT_TMPDIR/cache/libvirt/qemu/cache/capabilities
    d=$(multi__dir "$1")
    it__mkdirs_at "$d" "host_uuid = \"$(cat /proc/sys/kernel/random/uuid)\"" || return 1
    if [ "${MULTI_COLD:-0}" != 1 ] && [ ! -d "$caps" ]; then
        it_hvirsh capabilities >/dev/null 2>&1
    fi
    if [ "${MULTI_COLD:-0}" != 1 ] && [ -d "$caps" ]; then
        mkdir -p "$d/cache/libvirt/qemu/cache"
        cp -r "$caps" "$d/cache/libvirt/qemu/cache/" && chown -R "$IT_UID:$IT_GID" "$d/cache"
    fi
}

# libvirtd of daemon I as the test user in its env, in the foreground of a
# background job: never exits by itself (no --timeout), killed by pid.
multi__spawn() {
    local d IT_ENV IT_HOME
    d=$(multi__dir "$1")
    it__env_at IT_ENV "$d" "$(multi_uri "$1")"
    IT_HOME=$d/home
    it__spawn "$d/logs/libvirtd.log" libvirtd
}

multi_start() {
    local i=$1 d t0=$EPOCHREALTIME pid
    MULTI_START_SECS=""
    d=$(multi__dir "$i")
    [ -d "$d" ] || multi__create "$i" || return 1
    [ "${MULTI_COLD:-0}" = 1 ] && rm -rf "$d/cache/libvirt/qemu/cache/capabilities"
    multi__spawn "$i"
    pid=$IT_SPAWN_PID
    disown "$pid" 2>/dev/null
    echo "$pid" > "$d/daemon.pid"
    if ! it__wait_answer "$pid" 60 multi_virsh "$i" uri; then
        IT_SKIP_REASON="daemon $i does not answer: $(tail -n 3 "$d/logs/libvirtd.log" | tr '\n' ' ')"
        return 1
    fi
    MULTI_START_SECS=$(it__elapsed "$t0" "$EPOCHREALTIME")
    return 0
}

multi_stop() {
    local p
    p=$(multi_pid "$1") || return 1
    MULTI__STOPPED+=("$1")
    it__kill_wait "$p"
}

multi_freeze() {
    local p
    p=$(multi_pid "$1") || return 1
    MULTI__FROZEN+=("$1")
    kill -STOP "$p"
}

multi_thaw() {
    local p
    p=$(multi_pid "$1") || return 1
    kill -CONT "$p"
}

multi_setup() {
    local n=$1 i t0=$EPOCHREALTIME
    MULTI_SETUP_SECS=""
    [ -n "${IT_TMPDIR:-}" ] || { IT_SKIP_REASON="multi_setup before it_setup"; return 1; }
    if [ "$MULTI__AT_EXIT" = 0 ]; then
        MULTI__AT_EXIT=1
        it_at_exit multi_teardown
    fi
    MULTI__TORN_DOWN=0
    MULTI_URIS=("")
    for ((i = 1; i <= n; i++)); do
        MULTI_URIS+=("$(multi_uri "$i")")
        multi__alive "$i" && continue
        multi_start "$i" || return 1
    done
    MULTI_N=$n
    MULTI_SETUP_SECS=$(it__elapsed "$t0" "$EPOCHREALTIME")
    return 0
}

# Tracked names go to one file per script, as with it_track_domain.
multi_track_domain() {
    local f=$IT_TMPDIR/M/tracked.$$
    mkdir -p "$IT_TMPDIR/M"
    grep -qxF -- "$1" "$f" 2>/dev/null || echo "$1" >> "$f"
}

# (it_guest_xmlfile also tracks NAME on lib.sh's daemon, where it never
# runs: removing it there finds it gone)
multi_guest_xmlfile() {
    local f
    f=$(it_guest_xmlfile "$@") || return 1
    multi_track_domain "$1"
    echo "$f"
}

# Removes NAME from daemon I; 0 if it is gone there.
multi__remove_domain() {
    IT_URI=$(multi_uri "$1") it__remove_domain "$2"
}

# The daemon dirs that exist (numbers), sorted.
multi__existing() {
    local d
    for d in "$IT_TMPDIR"/M/*/; do
        d=${d%/}
        d=${d##*/}
        [[ $d =~ ^[0-9]+$ ]] && echo "$d"
    done | sort -n
}

multi_teardown() {
    local i name
    [ "$MULTI__TORN_DOWN" = 1 ] && return 0
    MULTI__TORN_DOWN=1
    MULTI_TEARDOWN_DIAG=""
    [ -n "${IT_TMPDIR:-}" ] && [ -d "$IT_TMPDIR/M" ] || return 0
    # Frozen ones thawed, killed ones started again (their domains are
    # removed through them, their QEMUs must not be lost).
    for i in "${MULTI__FROZEN[@]}"; do multi_thaw "$i"; done
    for i in "${MULTI__STOPPED[@]}"; do
        multi__alive "$i" || multi_start "$i" ||
            MULTI_TEARDOWN_DIAG+="daemon $i does not start again; "
    done
    if [ "$IT_OWNER" = 1 ]; then
        multi__teardown_owner
    else
        while IFS= read -r name; do
            for i in $(multi__existing); do
                multi__alive "$i" || continue
                multi__remove_domain "$i" "$name" ||
                    MULTI_TEARDOWN_DIAG+="domain $name not removed from daemon $i; "
            done
        done < <(cat "$IT_TMPDIR/M/tracked.$$" 2>/dev/null)
        rm -f "$IT_TMPDIR/M/tracked.$$"
    fi
    MULTI__STOPPED=() MULTI__FROZEN=()
    [ -z "$MULTI_TEARDOWN_DIAG" ] && return 0
    printf 'it: multi teardown problem: %s\n' "$MULTI_TEARDOWN_DIAG" >&2
    return 1
}

multi__teardown_owner() {
    local i p pids name dir=$IT_TMPDIR/M
    for i in $(multi__existing); do
        p=$(multi_pid "$i") || continue
        kill -CONT "$p" 2>/dev/null
        if ! it__pid_gone "$p"; then
            while IFS= read -r name; do
                [ -n "$name" ] || continue
                multi__remove_domain "$i" "$name" ||
                    MULTI_TEARDOWN_DIAG+="domain $name not removed from daemon $i; "
            done < <(multi_virsh "$i" list --name 2>/dev/null)
        fi
        it__kill_pids "$p"
    done
    # A QEMU a daemon lost (e.g. killed mid-migration) is a leak.
    pids=$(it__pids_with_home "$dir/" | tr '\n' ' ')
    if [ -n "${pids// /}" ]; then
        MULTI_TEARDOWN_DIAG+="stray processes killed: $(ps -o pid=,args= -p "${pids// /,}" 2>/dev/null | tr '\n' ';' | cut -c1-300); "
        # shellcheck disable=SC2086
        it__kill_pids $pids
    fi
    if [ -n "${IT_ARTIFACTS:-}" ]; then
        for i in $(multi__existing); do
            mkdir -p "$IT_ARTIFACTS/multi-$i"
            cp -r "$dir/$i/logs/." "$IT_ARTIFACTS/multi-$i/" 2>/dev/null
            cp -r "$dir/$i/cache/libvirt/qemu/log/." "$IT_ARTIFACTS/multi-$i/" 2>/dev/null
        done
    fi
    rm -rf -- "$dir"
    pids=$(it__pids_with_home "$dir/")
    [ -z "$pids" ] || MULTI_TEARDOWN_DIAG+="processes remain: $(echo "$pids" | tr '\n' ' '); "
    [ -e "$dir" ] && MULTI_TEARDOWN_DIAG+="$dir remains; "
    MULTI_N=0
}
