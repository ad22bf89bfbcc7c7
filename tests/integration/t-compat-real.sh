#!/bin/bash
# t-compat-real.sh - the conformance suite's cases the test driver cannot
# answer (issue 15): each line of tests/compat/real-daemon.txt runs through
# the reference virsh and through virtsh on the private session daemon,
# against one running QEMU guest with qemu-ga, and the two are compared as
# tests/compat compares the test-driver cases: stdout byte for byte (after
# normalising what changes between two calls: CPU time, QMP command ids,
# the guest's clock), stderr's presence, success or failure.  The guest got
# a monitor command first, so dominfo has a Messages: line (a taint).
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

DOM=t-compat-real
CASES=$IT_SRCDIR/../compat/real-daemon.txt

it_setup || tap_skip_all "$IT_SKIP_REASON" "real-daemon conformance cases"
it_guest_available || tap_skip_all "${IT_GUEST_SKIP:-no guest built}" "real-daemon conformance cases"
[ -r "$CASES" ] || tap_bail "cannot read $CASES"

T=$IT_TMPDIR/tmp/t-compat-real
mkdir -p "$T"
chown "$IT_UID:$IT_GID" "$T"

t0=$EPOCHREALTIME
XML=$(it_guest_xmlfile "$DOM" normal)
if ! it_hvirsh create "$XML" >/dev/null 2>&1 || ! it_wait_agent "$DOM" 120; then
    tap_not_ok "the guest $DOM boots and its agent answers"
    it_dump_serial "$DOM"
    tap_plan
    exit 0
fi
tap_ok "the guest $DOM boots and its agent answers"
tap_diag "guest up in $(it__elapsed "$t0" "$EPOCHREALTIME") s"
# a monitor command taints the domain: dominfo then has its Messages: line
it_hvirsh qemu-monitor-command "$DOM" '{"execute":"query-status"}' >/dev/null 2>&1

# What may change between two calls, made equal.
normalize() {
    sed -E -e 's/^(CPU time: *)[0-9.]+s$/\1@CPUTIME@/' \
        -e 's/"id": ?"libvirt-[0-9]+"/"id":"@ID@"/g' \
        -e 's/^(Time: *).*/\1@TIME@/'
}

# run PROG OUT WORDS...: one program's run of a case; its status in RC.
run() {
    local prog=$1 out=$2
    shift 2
    "$prog" "$@" >"$out.out" 2>"$out.err"
    RC=$?
    normalize <"$out.out" >"$out.norm"
}

n=0
while IFS= read -r line; do
    case $line in '' | '#'*) continue ;; esac
    todo= intended=
    if [[ $line == *'  # TODO '* ]]; then
        todo=${line#*  # TODO }
        line=${line%%  # TODO *}
    elif [[ $line == *'  # DIFFERENCE '* ]]; then
        intended=${line#*  # DIFFERENCE }
        line=${line%%  # DIFFERENCE *}
    fi
    case_line=${line//@DOM@/$DOM}
    eval "words=($case_line)"
    n=$((n + 1))
    run it_hvirsh "$T/$n.virsh" "${words[@]}"
    vrc=$RC
    run it_virtsh "$T/$n.virtsh" "${words[@]}"
    trc=$RC
    why=()
    cmp -s "$T/$n.virsh.norm" "$T/$n.virtsh.norm" || why+=(stdout)
    { [ -s "$T/$n.virsh.err" ] && [ -s "$T/$n.virtsh.err" ]; } ||
        { [ ! -s "$T/$n.virsh.err" ] && [ ! -s "$T/$n.virtsh.err" ]; } || why+=(stderr)
    { [ $vrc = 0 ] && [ $trc = 0 ]; } || { [ $vrc != 0 ] && [ $trc != 0 ]; } || why+=(status)
    if [ -n "$intended" ]; then
        if [ ${#why[@]} = 0 ]; then
            tap_not_ok "$line (no longer differs: drop its DIFFERENCE mark)"
        else
            tap_ok "$line (intended difference in ${why[*]}: $intended)"
        fi
    elif [ ${#why[@]} = 0 ]; then
        if [ -n "$todo" ]; then
            tap_not_ok "$line (passes now: drop its TODO mark)"
        else
            tap_ok "$line"
        fi
    else
        if [ -n "$todo" ]; then
            tap_todo "$line" "$todo"
        else
            tap_not_ok "$line (differs: ${why[*]})"
        fi
        # (a known defect shows its difference too: what there is to fix)
        tap_diag "exit: virsh $vrc, virtsh $trc; stdout, cat -A, virsh (-) and virtsh (+):"
        tap_diag "$(diff -u <(cat -A "$T/$n.virsh.norm") <(cat -A "$T/$n.virtsh.norm") | tail -n +3)"
        tap_diag "stderr: virsh: $(cat "$T/$n.virsh.err")" "stderr: virtsh: $(cat "$T/$n.virtsh.err")"
    fi
done <"$CASES"

it_virtsh destroy "$DOM" >/dev/null 2>&1
tap_diag "$n cases in $(it__elapsed "$t0" "$EPOCHREALTIME") s"
tap_plan
