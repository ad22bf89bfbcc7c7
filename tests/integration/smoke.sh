#!/bin/bash
# smoke.sh - smoke tests of virtsh against a real libvirt session daemon,
# a real TCG guest with qemu-ga, and a host-side (read-only) qemu-ga.
#
# Usage: VIRTSH=/path/to/virtsh [IT_GUEST_DIR=dir] smoke.sh
# Normally started by run.sh (which shares one daemon between scripts).
# Standalone, it installs missing packages (as root), builds the guest into
# IT_GUEST_DIR (default: <repo>/build-integration/guest) and starts its own
# daemon. Output is TAP; the exit status is 0 unless the harness broke.
set -u
# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

MAIN=smoke-main      # defined / started / destroyed / undefined
INST=smoke-install   # installer boot, then normal boot of the same disk

# Each group lists its test descriptions up front so that an unusable
# precondition reports every one of them as skipped (never as passed).
DESC_DAEMON=("private session daemon answers on qemu:///session")
DESC_MAIN=(
    "define $MAIN"
    "list --all shows $MAIN shut off"
    "start $MAIN"
    "list shows $MAIN running"
    "dominfo shows $MAIN running"
    "guest agent of $MAIN answers guest-ping"
    "guest-info reply of $MAIN contains version"
    "destroy $MAIN"
    "undefine $MAIN"
)
DESC_INST=(
    "create $INST in installer mode"
    "installer guest powers itself off"
    "create $INST in normal mode on the installed disk"
    "guest agent of $INST answers guest-ping"
    "installer marker /installed exists in the guest"
    "destroy $INST"
)
DESC_HOSTGA=(
    "host qemu-ga starts with host-changing RPCs blocked"
    "host qemu-ga answers guest-ping"
    "host qemu-ga answers guest-info with a version"
    "host qemu-ga refuses guest-set-time (disabled)"
    "host qemu-ga refuses guest-exec (disabled)"
    "host qemu-ga still serves after several clients"
)

skip_all() {
    local reason=$1 d
    shift
    for d in "$@"; do tap_skip "$d" "$reason"; done
}

# ------------------------------------------------------------ preconditions
SETUP_OK=1
if [ -z "${IT_SHARED_TMPDIR:-}" ] && [ -z "${IT_GLOBAL_SKIP:-}" ]; then
    # Standalone run: provide what run.sh would.
    if ! it_require_packages; then
        IT_GLOBAL_SKIP=$IT_SKIP_REASON
    elif [ -z "${IT_GUEST_DIR:-}" ] && [ -z "${IT_GUEST_SKIP:-}" ]; then
        it_build_guest "$(cd "$IT_SRCDIR/../.." && pwd)/build-integration/guest"
    fi
fi
t_setup=$EPOCHREALTIME
if ! it_setup; then
    SETUP_OK=0
    SETUP_REASON=$IT_SKIP_REASON
fi

GUEST_REASON=""
if [ "$SETUP_OK" = 0 ]; then
    GUEST_REASON=$SETUP_REASON
elif ! it_guest_available; then
    GUEST_REASON=${IT_GUEST_SKIP:-no guest built (IT_GUEST_DIR unset)}
fi

# ------------------------------------------------------------ daemon
if [ "$SETUP_OK" = 1 ]; then
    if [ "$IT_OWNER" = 1 ]; then
        tap_diag "session daemon ready after $(it__elapsed "$t_setup" "$EPOCHREALTIME") s${IT_LOCK_WAIT:+ (incl. $IT_LOCK_WAIT s waiting for another run)} (pid $IT_DAEMON_PID, user $IT_USER)"
    else
        tap_diag "attached to the shared session daemon (pid $IT_DAEMON_PID, user $IT_USER)"
    fi
    out=$(it_virtsh uri 2>&1)
    [ "$out" = "$IT_URI" ]
    tap_result $? "${DESC_DAEMON[0]}" || tap_diag "virtsh uri said: $out"
else
    skip_all "$SETUP_REASON" "${DESC_DAEMON[@]}"
fi

# Polls guest-ping through virtsh itself; sets AGENT_SECS (since T0).
# If the reference virsh already gets replies while virtsh does not, gives
# up after a 10 s grace period (and says so) instead of the full timeout.
wait_agent_virtsh() {
    local name=$1 t0=$2 timeout=${3:-60} out ref_ok=""
    AGENT_SECS=""
    while :; do
        if out=$(it_virtsh qemu-agent-command "$name" '{"execute":"guest-ping"}' 2>&1); then
            AGENT_SECS=$(it__elapsed "$t0" "$EPOCHREALTIME")
            return 0
        fi
        if [ "$IT_REF_VIRSH" != "$VIRTSH" ]; then
            if [ -z "$ref_ok" ] &&
               it_hvirsh qemu-agent-command "$name" '{"execute":"guest-ping"}' >/dev/null 2>&1; then
                ref_ok=$SECONDS
            fi
            if [ -n "$ref_ok" ] && [ $((SECONDS - ref_ok)) -ge 10 ]; then
                tap_diag "the reference virsh gets guest-ping replies but virtsh does not: $out"
                return 1
            fi
        fi
        if [ "$(it__elapsed "$t0" "$EPOCHREALTIME" | cut -d. -f1)" -ge "$timeout" ]; then
            tap_diag "last virtsh error: $out"
            return 1
        fi
        sleep 0.5
    done
}

# ------------------------------------------------------------ main guest
group_main() {
    local xml out rc t0
    xml=$(it_guest_xmlfile "$MAIN" normal)

    out=$(it_virtsh define "$xml" 2>&1)
    tap_result $? "define $MAIN" || tap_diag "$out"

    out=$(it_virtsh list --all 2>&1)
    echo "$out" | grep -Eq "[[:space:]]${MAIN}[[:space:]]+shut off"
    tap_result $? "list --all shows $MAIN shut off" || tap_diag "$out"

    t0=$EPOCHREALTIME
    out=$(it_virtsh start "$MAIN" 2>&1)
    tap_result $? "start $MAIN" || tap_diag "$out"

    out=$(it_virtsh list 2>&1)
    echo "$out" | grep -Eq "[[:space:]]${MAIN}[[:space:]]+running"
    tap_result $? "list shows $MAIN running" || tap_diag "$out"

    out=$(it_virtsh dominfo "$MAIN" 2>&1)
    echo "$out" | grep -Eq '^State:[[:space:]]+running'
    tap_result $? "dominfo shows $MAIN running" || tap_diag "$out"

    if wait_agent_virtsh "$MAIN" "$t0" 60; then
        tap_ok "guest agent of $MAIN answers guest-ping"
        tap_diag "agent answered after $AGENT_SECS s (from start)"
    else
        tap_not_ok "guest agent of $MAIN answers guest-ping"
        it_dump_serial "$MAIN"
    fi

    out=$(it_virtsh qemu-agent-command "$MAIN" '{"execute":"guest-info"}' 2>&1)
    echo "$out" | grep -q '"version"'
    tap_result $? "guest-info reply of $MAIN contains version" || tap_diag "$out"

    out=$(it_virtsh destroy "$MAIN" 2>&1)
    rc=$?
    [ $rc -eq 0 ] && [ "$(it_domstate "$MAIN")" = "shut off" ]
    tap_result $? "destroy $MAIN" || tap_diag "$out"

    out=$(it_virtsh undefine "$MAIN" 2>&1)
    rc=$?
    [ $rc -eq 0 ] && [ "$(it_domstate "$MAIN")" = gone ]
    tap_result $? "undefine $MAIN" || tap_diag "$out"
}

# ------------------------------------------------------------ installer
group_install() {
    local xml out t0 ok
    xml=$(it_guest_xmlfile "$INST" install)
    t0=$EPOCHREALTIME
    out=$(it_virtsh create "$xml" 2>&1)
    if ! tap_result $? "create $INST in installer mode"; then
        tap_diag "$out"
        skip_all "installer guest did not start" "${DESC_INST[@]:1}"
        return
    fi

    # Transient domain: it disappears when the guest powers off.
    it_wait_state "$INST" 60 gone "shut off"
    if tap_result $? "installer guest powers itself off"; then
        tap_diag "installer run took $(it__elapsed "$t0" "$EPOCHREALTIME") s"
    else
        it_dump_serial "$INST"
        it_hvirsh destroy "$INST" >/dev/null 2>&1
    fi

    xml=$(it_guest_xmlfile "$INST" normal)
    t0=$EPOCHREALTIME
    out=$(it_virtsh create "$xml" 2>&1)
    if ! tap_result $? "create $INST in normal mode on the installed disk"; then
        tap_diag "$out"
        skip_all "normal boot did not start" "${DESC_INST[@]:3}"
        return
    fi

    if wait_agent_virtsh "$INST" "$t0" 60; then
        tap_ok "guest agent of $INST answers guest-ping"
        tap_diag "agent answered after $AGENT_SECS s (from create)"
    else
        tap_not_ok "guest agent of $INST answers guest-ping"
        it_dump_serial "$INST"
    fi

    # guest-exec + guest-exec-status through virtsh's qemu-agent-command.
    IT_AGENT_CLIENT=it_virtsh it_guest_exec "$INST" /bin/cat /installed
    ok=$?
    [ $ok -eq 0 ] && echo "$IT_EXEC_OUT" | grep -q '^installed-by=virtsh-guest'
    if tap_result $? "installer marker /installed exists in the guest"; then
        tap_diag "marker: $(echo "$IT_EXEC_OUT" | head -n1)"
    else
        tap_diag "guest-exec via virtsh: rc=${IT_EXEC_RC:-none} out=$IT_EXEC_OUT err=$IT_EXEC_ERR"
        if [ "$IT_REF_VIRSH" != "$VIRTSH" ]; then
            it_guest_exec "$INST" /bin/cat /installed
            tap_diag "same via the reference virsh: rc=${IT_EXEC_RC:-none} out=$(echo "$IT_EXEC_OUT" | head -n1)"
        fi
    fi

    out=$(it_virtsh destroy "$INST" 2>&1) && [ "$(it_domstate "$INST")" = gone ]
    tap_result $? "destroy $INST" || tap_diag "$out"
}

# ------------------------------------------------------------ host qemu-ga
group_hostga() {
    local out i bad c
    if ! hostga_start; then
        tap_not_ok "${DESC_HOSTGA[0]}"
        tap_diag "$IT_SKIP_REASON"
        skip_all "host qemu-ga did not start" "${DESC_HOSTGA[@]:1}"
        return
    fi
    bad=0
    for c in guest-shutdown guest-set-time guest-exec guest-file-write \
             guest-set-user-password guest-fsfreeze-freeze guest-suspend-ram; do
        case ",$HOSTGA_BLOCKED," in *",$c,"*) ;; *) bad=1; tap_diag "$c is not blocked" ;; esac
    done
    case ",$HOSTGA_BLOCKED," in *",guest-ping,"*|*",guest-info,"*) bad=1 ;; esac
    tap_result $bad "${DESC_HOSTGA[0]}" || tap_diag "blocked: $HOSTGA_BLOCKED"

    out=$(hostga_cmd '{"execute":"guest-ping"}')
    echo "$out" | grep -q '"return"'
    tap_result $? "host qemu-ga answers guest-ping" || tap_diag "reply: $out"

    out=$(hostga_cmd '{"execute":"guest-info"}')
    echo "$out" | grep -q '"version"'
    tap_result $? "host qemu-ga answers guest-info with a version" || tap_diag "reply: $out"

    out=$(hostga_cmd '{"execute":"guest-set-time","arguments":{"time":0}}')
    echo "$out" | grep -q 'has been disabled'
    tap_result $? "host qemu-ga refuses guest-set-time (disabled)" || tap_diag "reply: $out"

    out=$(hostga_cmd '{"execute":"guest-exec","arguments":{"path":"/bin/true"}}')
    echo "$out" | grep -q 'has been disabled'
    tap_result $? "host qemu-ga refuses guest-exec (disabled)" || tap_diag "reply: $out"

    bad=0
    for i in 1 2 3; do
        hostga_cmd '{"execute":"guest-ping"}' | grep -q '"return"' || bad=1
    done
    kill -0 "$HOSTGA_PID" 2>/dev/null || bad=1
    tap_result $bad "host qemu-ga still serves after several clients"
    hostga_stop
}

if [ -n "$GUEST_REASON" ]; then
    skip_all "$GUEST_REASON" "${DESC_MAIN[@]}"
    skip_all "$GUEST_REASON" "${DESC_INST[@]}"
else
    group_main
    group_install
fi

if [ "$SETUP_OK" = 1 ]; then
    group_hostga
else
    skip_all "$SETUP_REASON" "${DESC_HOSTGA[@]}"
fi

# ------------------------------------------------------------ teardown
if [ "$SETUP_OK" = 1 ]; then
    if [ "$IT_OWNER" = 1 ]; then
        desc="teardown leaves nothing behind (domains, daemon, processes of $IT_USER, temp dir)"
    else
        desc="teardown removes the domains smoke.sh created"
    fi
    it_teardown
    tap_result $? "$desc" || tap_diag "$IT_TEARDOWN_DIAG"
else
    tap_skip "teardown leaves nothing behind" "$SETUP_REASON"
fi

tap_plan
exit 0
