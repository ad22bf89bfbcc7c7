#!/bin/bash
# it-exclusive: session   (stops and freezes the session daemon)
# t-fault-harness.sh - self-test of the fault-injection preload
# (tests/tools/virtsh-fault.so, helpers in tests/tools/faults.sh) on the
# real session daemon, where what a call did outlives the process that made
# it: a kill lands right after the chosen call returned (its effect is
# there, nothing after it is), fail= keeps the call from the daemon,
# fail-after= lets it happen and reports failure; and the injected errors are
# the very ones libvirt reports when its daemon is killed (measured here by
# killing the daemon under a probe client, tests/tools/drop-probe).  The
# part that needs no daemon is tests/tools/run.sh.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=tests/tools/faults.sh
source "$IT_SRCDIR/../tools/faults.sh"

DOM=fh-dom

DESC=(
    "define under the preload with only a log: defined as without it; the log counts its calls"
    "kill-after=N for every call N of define: killed there; defined exactly from the define call on"
    "kill-after=virDomainDefineXMLFlags: killed before virtsh said anything, the domain is defined"
    "fail=virDomainDefineXMLFlags: exit 1, the dropped-connection error, nothing defined"
    "fail-after=virDomainDefineXMLFlags: exit 1, the lost-reply error, the domain is defined"
    "daemon killed between two calls: the client's error is the one fail= injects"
    "daemon killed during a call: the client's error is the one fail-after= injects"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
fault_available || tap_skip_all "$FAULT_SKIP_REASON" "${DESC[@]}"
PROBE=$(dirname "$(dirname "$VIRTSH")")/tests/tools/drop-probe
[ -x "$PROBE" ] || tap_skip_all "drop-probe is not built" "${DESC[@]}"

T=$IT_TMPDIR/fault-harness-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"
XML=$T/$DOM.xml
cat >"$XML" <<EOF
<domain type='qemu'>
  <name>$DOM</name>
  <memory unit='MiB'>32</memory>
  <os><type arch='x86_64'>hvm</type></os>
</domain>
EOF
chmod 644 "$XML"
it_track_domain "$DOM"

defined() { [ "$(it_domstate "$DOM")" = "shut off" ]; }
gone() { [ "$(it_domstate "$DOM")" = gone ]; }
undefine() { it_hvirsh undefine "$DOM" >/dev/null 2>&1; gone; }
# fv FUNCTION ARG...: a faults.sh function on virtsh define; its output in
# $out, its return value in $rc (not in $(...): FAULT_* would be lost).
fv() {
    "$@" "$VIRTSH" -c "$IT_URI" define "$XML" >"$T/out" 2>&1
    rc=$?
    out=$(cat "$T/out")
}
log_tail() { tap_diag "status $FAULT_STATUS" "$(tail -n 3 "$FAULT_LOG")" "$@"; }

# ------------------------------------------------------------ log only
fv fault_run ""
count=$(fault_calls | wc -l)
at=$(fault_calls | awk '$2 == "virDomainDefineXMLFlags" { print $1; exit }')
[ $rc = 0 ] && [ "$out" = "Domain '$DOM' defined from $XML" ] && defined && [ -n "$at" ]
tap_result $? "${DESC[0]} ($count, the define is call $at)" || log_tail "$out"
undefine

# ------------------------------------------------------------ kill-after=N
bad=""
for ((i = 1; i <= count; i++)); do
    fv fault_kill_after "$i"
    state=$(it_domstate "$DOM")
    if [ "$i" -lt "${at:-0}" ]; then want=gone; else want="shut off"; fi
    if [ $rc != 0 ] || [ "$state" != "$want" ]; then
        bad="$bad $i"
        log_tail "after call $i: '$state', wanted '$want'" "$out"
    fi
    undefine
done
[ "$count" -gt 1 ] && [ -z "$bad" ]
tap_result $? "${DESC[1]} (N = 1..$count)${bad:+; wrong at:$bad}"

# ------------------------------------------------------------ by name
fv fault_kill_after virDomainDefineXMLFlags
[ $rc = 0 ] && [ "$FAULT_STATUS" = 137 ] && [ -z "$out" ] && [ "$FAULT_INDEX" = "$at" ] && defined
tap_result $? "${DESC[2]}" || log_tail "$out"
undefine

fv fault_fail virDomainDefineXMLFlags
[ $rc = 0 ] && [ "$FAULT_STATUS" = 1 ] && gone &&
    [ "$out" = "error: cannot define a domain from '$XML': internal error: client socket is closed" ]
tap_result $? "${DESC[3]}" || log_tail "$out"

fv fault_fail_after virDomainDefineXMLFlags
[ $rc = 0 ] && [ "$FAULT_STATUS" = 1 ] && defined &&
    [ "$out" = "error: cannot define a domain from '$XML': cannot recv data: Connection reset by peer" ]
tap_result $? "${DESC[4]}" || log_tail "$out"
undefine

# ------------------------------------------------------------ the real thing
# probe between|during: drop-probe's error line (in $line) when the daemon
# is killed before its call (after the client noticed) or while the call
# waits on the frozen daemon.  The daemon is started again either way.
probe() {
    local go=$T/go-$1 pid i
    rm -f "$go"
    it_run "$PROBE" "$go" >"$T/probe" 2>&1 &
    pid=$!
    for ((i = 0; i < 100; i++)); do grep -qs ready "$T/probe" && break; sleep 0.1; done
    if [ "$1" = during ]; then
        it_daemon_freeze
        touch "$go"
        sleep 1
        it_daemon_stop
    else
        it_daemon_stop
        sleep 1
        touch "$go"
    fi
    wait "$pid"
    it_daemon_start || tap_diag "the daemon did not start again"
    line=$(grep '^error ' "$T/probe")
}
# injected fail|fail-after: the same probe's line under the preload.
injected() {
    touch "$T/go-injected"
    fault_run "$1=virConnectNumOfDomains" "$PROBE" "$T/go-injected" >"$T/probe" 2>&1
    fake=$(grep '^error ' "$T/probe")
}

probe between
injected fail
[ -n "$line" ] && [ "$line" = "$fake" ]
tap_result $? "${DESC[5]}: $line" || tap_diag "injected: $fake"
probe during
injected fail-after
[ -n "$line" ] && [ "$line" = "$fake" ]
tap_result $? "${DESC[6]}: $line" || tap_diag "injected: $fake"

tap_plan
