#!/bin/bash
# t-crash-hostobj.sh - the host-object commands that change state in more
# than one libvirt call, cut short after each call (tests/tools/faults.sh):
# what is left is one of the states the man page lists (WHEN A COMMAND IS
# CUT SHORT) and its continuation finishes the job.
#
# net-define-as --start --autostart on the private system daemon: killed
# after every call, its start failing (the definition is removed again),
# Ctrl-C after the define.  iface-bridge and iface-unbridge on the test
# driver (the system daemon's udev interface backend cannot change
# interfaces): each of their calls made to fail, then the continuation the
# error names, in the same process (the test driver's state lives there).
set -u
HERE=$(dirname "$(readlink -f "$0")")
# shellcheck source=tests/integration/lib.sh
source "$HERE/lib.sh"
# shellcheck source=tests/integration/lib-system.sh
source "$HERE/lib-system.sh"
# shellcheck source=tests/tools/faults.sh
source "$IT_SRCDIR/../tools/faults.sh"

NET=tc-net NET_BR=tcbr0 NET_SUB=192.168.173.0/24

DESC=(
    "net-define-as --start --autostart: counted its libvirt calls (one full run)"
    "net-define-as: killed after each call, a listed state, then the documented continuation"
    "net-define-as: the start fails: exit 1, the network is undefined again"
    "net-define-as: Ctrl-C after the define: stops there, net-start and net-autostart go on"
    "iface-bridge: each call failing leaves a listed state; the continuation it names finishes"
    "iface-unbridge: each call failing leaves a listed state; the continuation it names finishes"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
fault_available || tap_skip_all "$FAULT_SKIP_REASON" "${DESC[@]}"

T=$IT_TMPDIR/crash-hostobj-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"

# ------------------------------------------------------------ net-define-as
if sys_setup; then
    sys_track network "$NET"
    DEFAS=(net-define-as "$NET" "$NET_SUB" --bridge "$NET_BR" --start --autostart)
    # nothing | defined | running | done, from the daemon (virsh)
    net_state() {
        local info active auto
        info=$(sys_virsh net-info "$NET" 2>/dev/null) || { echo nothing; return 0; }
        active=$(echo "$info" | awk '/^Active:/ { print $2 }')
        auto=$(echo "$info" | awk '/^Autostart:/ { print $2 }')
        case $active/$auto in
            no/no) echo defined ;;
            yes/no) echo running ;;
            yes/yes) echo done ;;
            *) echo "unexpected: active $active, autostart $auto"; return 1 ;;
        esac
    }
    continue_from() {
        case $1 in
            nothing) sys_virtsh "${DEFAS[@]}" ;;
            defined) sys_virtsh net-start "$NET" && sys_virtsh net-autostart "$NET" ;;
            running) sys_virsh net-autostart "$NET" ;;
            done) true ;;
        esac >"$T/cont" 2>&1 && [ "$(net_state)" = done ]
    }
    net_cleanup() {
        sys_virsh net-destroy "$NET" >/dev/null 2>&1
        sys_virsh net-undefine "$NET" >/dev/null 2>&1
        [ "$(net_state)" = nothing ]
    }

    count=$(fault_count_calls "$VIRTSH" -c "$SYS_URI" "${DEFAS[@]}" 2>"$T/err")
    rc=$?
    [ $rc = 0 ] && [ "${count:-0}" -ge 3 ] && [ "$(net_state)" = done ]
    tap_result $? "${DESC[0]}: ${count:-?} calls" || tap_diag "$(cat "$T/err")"
    net_cleanup

    bad=()
    for ((i = 1; i <= ${count:-0}; i++)); do
        fault_kill_after "$i" "$VIRTSH" -c "$SYS_URI" "${DEFAS[@]}" >/dev/null 2>&1
        killed=$?
        found=$(net_state)
        ok=$?
        name=$FAULT_NAME
        if [ $killed != 0 ] || [ $ok != 0 ] || ! continue_from "$found"; then
            bad+=("after call $i ($name): killed=$killed found '$found'; continuation: $(tail -n 2 "$T/cont")")
        fi
        tap_diag "killed after call $i ($name): $found"
        net_cleanup || bad+=("after call $i: cannot clean up")
    done
    [ ${#bad[@]} = 0 ] && [ "${count:-0}" -ge 3 ]
    tap_result $? "${DESC[1]} (N = 1..${count:-?})" || tap_diag "${bad[@]}"

    fault_fail virNetworkCreate "$VIRTSH" -c "$SYS_URI" "${DEFAS[@]}" >"$T/out" 2>&1
    fired=$?
    [ $fired = 0 ] && [ "$FAULT_STATUS" = 1 ] && [ "$(net_state)" = nothing ] &&
        [ "$(wc -l < "$T/out")" = 1 ] && grep -q "^error: cannot start network '$NET'" "$T/out"
    tap_result $? "${DESC[2]}" || tap_diag "fired $fired, status $FAULT_STATUS, state $(net_state): $(cat "$T/out")"
    net_cleanup

    fault_interrupt_after virNetworkDefineXML "$VIRTSH" -c "$SYS_URI" "${DEFAS[@]}" >"$T/out" 2>&1
    fired=$?
    found=$(net_state)
    [ $fired = 0 ] && [ "$FAULT_STATUS" != 0 ] && [ "$found" = defined ] &&
        grep -q "interrupted: network '$NET' is defined, not started: 'net-start $NET' goes on" "$T/out" &&
        continue_from defined
    tap_result $? "${DESC[3]}" || tap_diag "status $FAULT_STATUS, found '$found': $(cat "$T/out")" "$(cat "$T/cont")"
    net_cleanup
else
    for i in 0 1 2 3; do tap_skip "${DESC[$i]}" "$IT_SKIP_REASON"; done
fi

# ------------------------------------------------------------ iface-bridge, iface-unbridge
cp "$IT_SRCDIR/../data/node.xml" "$T/node.xml" && chmod 644 "$T/node.xml"
TURI="test://$T/node.xml"
# The interfaces of a table of iface-list: "name state ..." on one line.
ifaces() { sed -n 's/^ \([a-z0-9]*\) *\(active\|inactive\) .*/\1 \2/p' "$1" | tr '\n' ' '; }
# The last table in the output.
last_table() { awk '/^ Name/ { buf = "" } { buf = buf $0 "\n" } END { printf "%s", buf }' "$1"; }
# run_cut WHERE STRING: STRING under fail=WHERE; its output in $T/cut
run_cut() {
    fault_fail "$1" "$VIRTSH" -c "$TURI" "$2" >"$T/cut" 2>&1
}

# The bridge's calls: define br0, destroy eth0, start br0.  After each cut
# the error names what goes on; run that and look.
bad=()
bridged="br0 active eth0 inactive eth2 active "
for step in "virInterfaceDefineXML|nothing was|iface-bridge eth0 br0" \
            "virInterfaceDestroy|'iface-destroy eth0; iface-start br0' goes on|iface-destroy eth0; iface-start br0" \
            "virInterfaceCreate|'iface-start br0' goes on|iface-start br0"; do
    IFS='|' read -r call says cont <<< "$step"
    run_cut "$call" "iface-bridge eth0 br0; iface-list --all; $cont; iface-list --all"
    fired=$?
    first=$(sed -n '/^ Name/,/^$/p' "$T/cut" | head -n 6 > "$T/first"; ifaces "$T/first")
    case $call in
        virInterfaceDefineXML) want_first="eth0 active eth2 active " ;;
        virInterfaceDestroy) want_first="br0 inactive eth0 active eth2 active " ;;
        virInterfaceCreate) want_first="br0 inactive eth0 inactive eth2 active " ;;
    esac
    last=$(last_table "$T/cut" > "$T/last"; ifaces "$T/last")
    if [ $fired != 0 ] || [ "$first" != "$want_first" ] || [ "$last" != "$bridged" ] ||
        { [ "$call" != virInterfaceDefineXML ] && ! grep -qF "$says" "$T/cut"; }; then
        bad+=("$call: first '$first' (want '$want_first'), last '$last': $(grep error "$T/cut" | head -n 2)")
    fi
done
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[4]}" || tap_diag "${bad[@]}"

# The unbridge's calls (after a full iface-bridge in the same string):
# stop br0, define eth0 alone, undefine br0, start eth0 (the test driver
# keeps eth0 running beside the bridge, so there is nothing to start).
bad=()
unbridged="eth0 active eth2 active "
for step in "virInterfaceDestroy:2|cannot stop bridge 'br0'|iface-unbridge br0" \
            "virInterfaceDefineXML:2|cannot define interface 'eth0' outside bridge 'br0'|iface-start br0; iface-unbridge br0" \
            "virInterfaceUndefine|'iface-undefine br0; iface-start eth0' goes on|iface-undefine br0; iface-start eth0"; do
    IFS='|' read -r call says cont <<< "$step"
    run_cut "$call" "iface-bridge eth0 br0; iface-unbridge br0; $cont; iface-list --all"
    fired=$?
    last=$(last_table "$T/cut" > "$T/last"; ifaces "$T/last")
    if [ $fired != 0 ] || [ "$last" != "$unbridged" ] || ! grep -qF "$says" "$T/cut"; then
        bad+=("$call: last '$last': $(grep error "$T/cut" | head -n 2)")
    fi
done
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[5]}" || tap_diag "${bad[@]}"

tap_plan
