#!/bin/bash
# t-crash.sh - commands that change state in more than one libvirt call,
# cut short after each of their calls (tests/tools/faults.sh), on the real
# session daemon: nothing the user had may be lost, never may a domain run
# without the persistent config it was meant to have, and the documented
# continuation (man page, WHEN A COMMAND IS CUT SHORT) finishes the job.
#
# install: killed after every call N = 1..count; the create failing
# (nothing kept), failing after it happened (a lost reply: it goes on), a
# Ctrl-C between the define and the create (stops there, --resume goes on).
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=tests/tools/faults.sh
source "$IT_SRCDIR/../tools/faults.sh"

DOM=crash-inst

DESC=(
    "install: counted its libvirt calls (one full run)"
    "install: killed after each call, then the documented continuation"
    "install: the create fails: exit 1, the final config is removed again"
    "install: the create fails after it happened: the installer runs, install goes on"
    "install: Ctrl-C after the define: stops there; install --resume starts the installer"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
it_guest_available || tap_skip_all "${IT_GUEST_SKIP:-no guest built}" "${DESC[@]}"
fault_available || tap_skip_all "$FAULT_SKIP_REASON" "${DESC[@]}"

FINAL=$(it_guest_xmlfile "$DOM" normal)
INSTALL=(install "$FINAL" --kernel "$IT_GUEST_DIR/vmlinuz" --initrd "$IT_GUEST_DIR/initrd.img"
         --cmdline "console=ttyS0 quiet virtsh.mode=install")

persistent() { it_hvirsh dominfo "$DOM" 2>/dev/null | grep -q '^Persistent: *yes'; }
# The config libvirt will boot next is the final one; the running one (if
# any) is the installer's.
next_boot_is_final() { ! it_hvirsh dumpxml --inactive "$DOM" 2>/dev/null | grep -q 'virtsh.mode=install'; }
live_is_installer() { it_hvirsh dumpxml "$DOM" 2>/dev/null | grep -q 'virtsh.mode=install'; }
cleanup() {
    it_hvirsh destroy "$DOM" >/dev/null 2>&1
    it_hvirsh undefine "$DOM" >/dev/null 2>&1
    [ "$(it_domstate "$DOM")" = gone ]
}
# What the user may find after a cut: nothing, or the domain persistent
# with its final config for the next boot (shut off, or running the
# installer).  Prints what it found; 1 for anything else.
allowed_state() {
    local st
    st=$(it_domstate "$DOM")
    case $st in
        gone) echo nothing ;;
        "shut off") persistent && next_boot_is_final && echo defined ;;
        running) persistent && next_boot_is_final && live_is_installer && echo installing ;;
        *) echo "unexpected: $st"; return 1 ;;
    esac
}
# The documented continuation from what allowed_state found; ok if the
# installer then runs with the final config for the next boot.
continue_from() {
    case $1 in
        nothing) it_virtsh "${INSTALL[@]}" ;;
        defined) it_virtsh "${INSTALL[@]}" --resume ;;
        installing) true ;;
    esac >"$T/cont" 2>&1 && [ "$(allowed_state)" = installing ]
}

T=$IT_TMPDIR/crash-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"

# ------------------------------------------------------------ install
fault_count_calls "$VIRTSH" -c "$IT_URI" "${INSTALL[@]}" >"$T/count" 2>"$T/err"
rc=$?
count=$(cat "$T/count")
[ $rc = 0 ] && [ "$count" -gt 2 ] && [ "$(allowed_state)" = installing ]
tap_result $? "${DESC[0]}: $count calls" || tap_diag "$(cat "$T/err")" "$(fault_calls | tail -n 5)"
fault_calls >"$T/calls"
cleanup

bad=()
for ((i = 1; i <= count; i++)); do
    fault_kill_after "$i" "$VIRTSH" -c "$IT_URI" "${INSTALL[@]}" >/dev/null 2>&1
    killed=$?
    found=$(allowed_state)
    ok=$?
    name=$(sed -n "${i}s/^[0-9]* //p" "$T/calls")
    if [ $killed != 0 ] || [ $ok != 0 ] || ! continue_from "$found"; then
        bad+=("after call $i ($name): killed=$killed found '$found'; continuation: $(tail -n 2 "$T/cont")")
    fi
    tap_diag "killed after call $i ($name): $found"
    cleanup || bad+=("after call $i: cannot clean up")
done
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[1]} (N = 1..$count)" || tap_diag "${bad[@]}"

# fv FUNCTION ARG...: a faults.sh function on the install, outside $(...) so
# FAULT_STATUS stays; its output in $out.
fv() {
    "$@" "$VIRTSH" -c "$IT_URI" "${INSTALL[@]}" >"$T/out" 2>&1
    fired=$?
    out=$(cat "$T/out")
}

fv fault_fail virDomainCreateXML
[ $fired = 0 ] && [ "$FAULT_STATUS" = 1 ] && [ "$(it_domstate "$DOM")" = gone ] &&
    echo "$out" | grep -q "the final config this command defined was removed again"
tap_result $? "${DESC[2]}" || tap_diag "status $FAULT_STATUS: $out"
cleanup

fv fault_fail_after virDomainCreateXML
[ $fired = 0 ] && [ "$FAULT_STATUS" = 0 ] && [ "$(allowed_state)" = installing ] &&
    echo "$out" | grep -q "reported .*, yet it runs"
tap_result $? "${DESC[3]}" || tap_diag "status $FAULT_STATUS: $out"
cleanup

fv fault_interrupt_after virDomainDefineXML
found=$(allowed_state)
[ $fired = 0 ] && [ "$FAULT_STATUS" = 1 ] && [ "$found" = defined ] &&
    echo "$out" | grep -q "interrupted: the final config of '$DOM' is defined" &&
    continue_from defined
tap_result $? "${DESC[4]}" || tap_diag "status $FAULT_STATUS, found '$found': $out" "$(cat "$T/cont")"
cleanup

tap_plan
