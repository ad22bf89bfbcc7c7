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
# The commands with one state-changing call (edit, domrename, setmem
# --config, setvcpus --config, start --xml), killed after every call: the
# domain is as before or as after, never in between.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=tests/tools/faults.sh
source "$IT_SRCDIR/../tools/faults.sh"

DOM=crash-inst
ONE=crash-one

DESC=(
    "install: counted its libvirt calls (one full run)"
    "install: killed after each call, then the documented continuation"
    "install: the create fails: exit 1, the final config is removed again"
    "install: the create fails after it happened: the installer runs, install goes on"
    "install: Ctrl-C after the define: stops there; install --resume starts the installer"
    "edit, killed after each call: the definition is the old one or the edited one"
    "domrename, killed after each call: the domain has the old name or the new one, same UUID"
    "setmem --config, killed after each call: the next boot's memory is the old or the new"
    "setvcpus --config, killed after each call: the next boot's vCPUs are the old or the new"
    "start --xml, killed after each call: shut off, or running once with the other config; the persistent config unchanged"
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

# ------------------------------------------------------------ one state-changing call
# every_cut DESC CHECK CMD...: run CMD once to count its calls (CHECK must
# then say "after"), then killed after each call N; after each, CHECK must
# say the domain is as before or as after (it prints which), and
# `reset_one` brings it back.
every_cut() {
    local desc=$1 check=$2 n i found bad=()
    shift 2
    reset_one
    fault_count_calls "$@" >"$T/count" 2>"$T/err" || { tap_not_ok "$desc (the command fails: $(cat "$T/err"))"; return; }
    n=$(cat "$T/count")
    found=$($check)
    [ "$found" = after ] || bad+=("after the complete run: $found")
    for ((i = 1; i <= n; i++)); do
        reset_one
        fault_kill_after "$i" "$@" >/dev/null 2>&1 || bad+=("call $i: not killed")
        found=$($check) || bad+=("killed after call $i ($FAULT_NAME): $found")
    done
    [ ${#bad[@]} = 0 ]
    tap_result $? "$desc (N = 1..$n)" || tap_diag "${bad[@]}"
}
ONE_XML=$(it_guest_xmlfile "$ONE" normal)
ONE_UUID=6c5e1f0a-4b1e-4d3c-9a7e-0c0ffee0c0de
# One UUID for every definition, so that 'before' and 'after' compare.
sed -i "s|</name>|</name><uuid>$ONE_UUID</uuid>|" "$ONE_XML"
# The domain as it is before each run: defined, shut off, 192 MiB, 1 vCPU.
reset_one() {
    it_hvirsh destroy "$ONE" >/dev/null 2>&1
    it_hvirsh undefine "$ONE" >/dev/null 2>&1
    it_hvirsh undefine crash-renamed >/dev/null 2>&1
    it_hvirsh define "$ONE_XML" >/dev/null
}
inactive() { it_hvirsh dumpxml --inactive "$1" 2>/dev/null; }

# edit: the editor raises the memory; the definition is one or the other.
cat >"$T/editor.sh" <<'EOF2'
#!/bin/sh
exec sed -i -e 's|<memory unit=.KiB.>196608</memory>|<memory unit="KiB">262144</memory>|' "$1"
EOF2
chmod 755 "$T/editor.sh"
memory_is() { inactive "$ONE" | grep -o '<memory unit=.KiB.>[0-9]*<' | grep -o '[0-9]*'; }
edit_check() {
    case $(memory_is) in 196608) echo before ;; 262144) echo after ;; *) echo "memory $(memory_is)"; return 1 ;; esac
}
# (EDITOR=... goes to the env that fault_run starts virtsh with.)
every_cut "${DESC[5]}" edit_check EDITOR="$T/editor.sh" "$VIRTSH" -c "$IT_URI" edit "$ONE"

rename_check() {
    local old new
    old=$(it_domstate "$ONE") new=$(it_domstate crash-renamed)
    if [ "$old" = "shut off" ] && [ "$new" = gone ]; then
        echo before
    elif [ "$old" = gone ] && [ "$new" = "shut off" ] &&
         [ "$(it_hvirsh domuuid crash-renamed | head -n 1)" = "$ONE_UUID" ]; then
        echo after
    else
        echo "old name: $old, new name: $new"; return 1
    fi
}
every_cut "${DESC[6]}" rename_check "$VIRTSH" -c "$IT_URI" domrename "$ONE" crash-renamed

setmem_check() {
    case $(inactive "$ONE" | grep -o '<currentMemory unit=.KiB.>[0-9]*<' | grep -o '[0-9]*') in
        196608) echo before ;; 131072) echo after ;; *) echo "currentMemory changed otherwise"; return 1 ;;
    esac
}
every_cut "${DESC[7]}" setmem_check "$VIRTSH" -c "$IT_URI" setmem "$ONE" 128M --config

setvcpus_check() {
    case $(inactive "$ONE" | grep -o '<vcpu[^>]*>[0-9]*<' | grep -o '>[0-9]*' | tr -d '>') in
        1) echo before ;; 2) echo after ;; *) echo "vcpu changed otherwise"; return 1 ;;
    esac
}
every_cut "${DESC[8]}" setvcpus_check "$VIRTSH" -c "$IT_URI" setvcpus "$ONE" 2 --config --maximum

ONCE_XML=$T/once.xml
it_guest_xml "$ONE" install >"$ONCE_XML" && chmod 644 "$ONCE_XML"
reset_one
persistent_before=$(inactive "$ONE")
start_check() {
    [ "$(inactive "$ONE")" = "$persistent_before" ] || { echo "the persistent config changed"; return 1; }
    case $(it_domstate "$ONE") in
        "shut off") echo before ;;
        running) it_hvirsh dumpxml "$ONE" | grep -q 'virtsh.mode=install' && echo after ||
                     { echo "running without the other config"; return 1; } ;;
        *) echo "state $(it_domstate "$ONE")"; return 1 ;;
    esac
}
every_cut "${DESC[9]}" start_check "$VIRTSH" -c "$IT_URI" start "$ONE" --xml "$ONCE_XML"
reset_one
it_hvirsh undefine "$ONE" >/dev/null 2>&1

tap_plan
