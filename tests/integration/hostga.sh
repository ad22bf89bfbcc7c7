# shellcheck shell=bash disable=SC2034
# SPDX-License-Identifier: LGPL-2.1-or-later
# tests/integration/hostga.sh - a qemu-ga on the host, for the tests of the
# direct agent client, with every RPC that could change the host blocked.
# Sourced by lib.sh (its API list documents hostga_start, hostga_cmd and
# hostga_stop); uses lib.sh's it_run, it__spawn and it__kill_pids.

# Read-only RPCs the host-side agent may serve; everything else qemu-ga
# knows is blocked (-b), so nothing can change the host.
HOSTGA_ALLOW="guest-sync guest-sync-delimited guest-ping guest-info guest-get-time
guest-get-timezone guest-get-osinfo guest-get-host-name guest-get-users guest-get-vcpus
guest-network-get-interfaces guest-get-fsinfo guest-fsfreeze-status guest-get-memory-blocks
guest-get-memory-block-info guest-get-disks guest-get-devices guest-get-diskstats
guest-get-cpustats"
# Always blocked, even if this qemu-ga does not list them.
HOSTGA_MUST_BLOCK="guest-shutdown guest-suspend-disk guest-suspend-ram guest-suspend-hybrid
guest-set-time guest-set-user-password guest-exec guest-exec-status guest-file-open
guest-file-close guest-file-read guest-file-write guest-file-seek guest-file-flush
guest-fsfreeze-freeze guest-fsfreeze-freeze-list guest-fsfreeze-thaw guest-fstrim
guest-set-vcpus guest-set-memory-blocks guest-ssh-add-authorized-keys
guest-ssh-remove-authorized-keys guest-ssh-get-authorized-keys"
HOSTGA_PID=""
HOSTGA_SOCK=""
HOSTGA_N=0

it__hostga_blocklist() {
    local all c a allowed list=""
    all=$(qemu-ga -b help 2>/dev/null | grep '^guest-') || all=""
    for c in $all $HOSTGA_MUST_BLOCK; do
        allowed=0
        for a in $HOSTGA_ALLOW; do [ "$c" = "$a" ] && allowed=1; done
        [ "$allowed" = 1 ] && continue
        case ",$list," in *",$c,"*) continue ;; esac
        list+="${list:+,}$c"
    done
    echo "$list"
}

hostga_start() {
    local dir i
    [ -n "$HOSTGA_PID" ] && hostga_stop
    command -v qemu-ga >/dev/null 2>&1 || { IT_SKIP_REASON="qemu-ga not installed"; return 1; }
    HOSTGA_BLOCKED=$(it__hostga_blocklist)
    HOSTGA_N=$((HOSTGA_N + 1))
    dir=$IT_TMPDIR/hostga/$$-$HOSTGA_N
    mkdir -p "$dir/state"
    chown -R "$IT_UID:$IT_GID" "$dir"
    HOSTGA_SOCK=$dir/qga.sock
    it__spawn "$dir/qemu-ga.log" qemu-ga -m unix-listen -p "$HOSTGA_SOCK" \
        -t "$dir/state" -f "$dir/qemu-ga.pid" -b "$HOSTGA_BLOCKED"
    HOSTGA_PID=$IT_SPAWN_PID
    export HOSTGA_SOCK HOSTGA_PID HOSTGA_BLOCKED
    for ((i = 0; i < 100; i++)); do
        [ -S "$HOSTGA_SOCK" ] && return 0
        kill -0 "$HOSTGA_PID" 2>/dev/null || break
        sleep 0.1
    done
    IT_SKIP_REASON="host qemu-ga did not start: $(tail -n 3 "$dir/qemu-ga.log" | tr '\n' ' ')"
    hostga_stop
    return 1
}

hostga_stop() {
    [ -n "${HOSTGA_PID:-}" ] || return 0
    it__kill_pids "$HOSTGA_PID"
    rm -f "$HOSTGA_SOCK"
    HOSTGA_PID=""
    return 0
}

# One request/reply over the socket. socat runs as a coprocess so the reply
# is read before the connection is closed (qemu-ga exits when a client
# disconnects with a reply unread).
hostga_cmd() {
    local json=$1 reply="" rc=0
    [ -n "${HOSTGA_SOCK:-}" ] || return 1
    coproc HOSTGA_IO { it_run socat - "UNIX-CONNECT:$HOSTGA_SOCK" 2>/dev/null; }
    printf '%s\n' "$json" >&"${HOSTGA_IO[1]}"
    IFS= read -r -t 10 reply <&"${HOSTGA_IO[0]}" || rc=1
    # Closing socat's stdin ends the connection cleanly.
    eval "exec ${HOSTGA_IO[1]}>&-"
    wait "$HOSTGA_IO_PID" 2>/dev/null
    printf '%s\n' "$reply"
    return $rc
}
