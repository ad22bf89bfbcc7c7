#!/bin/bash
# t-install.sh - the install workflow and machine types against a real QEMU
# guest on the private session daemon (issue: install workflow).
#
# The test guest boots straight from a kernel and initrd; its kernel command
# line chooses the behaviour: virtsh.mode=install writes /installed to the
# guest's disk and powers off, virtsh.mode=normal mounts the disk and runs
# the agent.  So the final config is the guest's normal XML and the install
# config is derived from it with --cmdline, exactly as an administrator
# would derive an installer boot.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

WAIT=inst-wait      # install --wait: installer, then the final config
CRASH=inst-crash    # virtsh killed right after the installer started
SLOW=inst-timeout   # --wait with a timeout shorter than the installer
BAD=inst-bad        # the installer cannot be created
ALIAS=inst-alias    # define with machine='pc'
ONCE=inst-once      # start --xml: one installer boot of a defined domain

DESC=(
    "machine-types lists pc as an alias of a versioned i440fx type"
    "machine-types -o json marks exactly one default machine type"
    "define notes that machine type 'pc' is an alias and names its versioned type"
    "install --wait exits 0 after the installer powered off and the final config started"
    "install --wait: the installer's marker is on the disk of the final boot"
    "install --wait: the live config is the final one (no installer command line)"
    "install --wait: the domain is persistent and its next-boot config has no installer"
    "crash: virtsh killed with SIGKILL right after the installer started"
    "crash: the domain is persistent with the final config while the installer runs"
    "crash: the installer powers off and the domain stays defined"
    "crash: start boots the final config and the marker is there"
    "install --wait 3: times out with exit 1 and says how to continue"
    "install --wait 3: the domain is defined and the installer goes on to power off"
    "install: a config libvirt cannot start defines nothing"
    "start --xml boots a defined domain once with the install config"
    "start --xml: the persistent config is untouched, before and after that boot"
    "define twice in one session: the alias note is given once"
    "define -q: no alias note"
)

# Every test of this script skipped, with the reason.
skip_all() { tap_skip_all "$1" "${DESC[@]}"; }

it_setup || skip_all "$IT_SKIP_REASON"
it_guest_available || skip_all "${IT_GUEST_SKIP:-no guest built}"

KERNEL=$IT_GUEST_DIR/vmlinuz
INITRD=$IT_GUEST_DIR/initrd.img
INSTALL_CMDLINE="console=ttyS0 quiet virtsh.mode=install"

# Runs "$@" in the guest through the agent; ok if /installed exists.
marker_present() {
    it_wait_agent "$1" 90 || return 1
    it_guest_exec "$1" /bin/cat /installed
}

# ------------------------------------------------------------ machine types
out=$(it_virtsh machine-types --arch x86_64 2>&1)
echo "$out" | grep -Eq '^ pc +pc-i440fx-[0-9.]+ '
tap_result $? "${DESC[0]}" || tap_diag "$out"

out=$(it_virtsh -o json machine-types --arch x86_64 2>&1)
[ "$(echo "$out" | grep -o '"default":true' | wc -l)" = 1 ]
tap_result $? "${DESC[1]}" || tap_diag "$out"

xml=$(it_guest_xmlfile "$ALIAS" normal)
out=$(it_virtsh define "$xml" 2>&1)
echo "$out" | grep -Eq "^note: machine type 'pc' is an alias: libvirt resolved it to 'pc-i440fx-[0-9.]+'"
tap_result $? "${DESC[2]}" || tap_diag "$out"
it_virtsh undefine "$ALIAS" >/dev/null 2>&1

out=$(it_virtsh "define $xml; undefine $ALIAS; define $xml; undefine $ALIAS" 2>&1)
[ "$(echo "$out" | grep -c "^note: machine type 'pc' is an alias")" = 1 ] &&
    [ "$(echo "$out" | grep -c "^Domain '$ALIAS' defined from")" = 2 ]
tap_result $? "${DESC[16]}" || tap_diag "$out"

out=$(it_virtsh -q define "$xml" 2>&1)
rc=$?
[ $rc = 0 ] && ! echo "$out" | grep -q "^note:"
tap_result $? "${DESC[17]}" || tap_diag "exit $rc: $out"
it_virtsh undefine "$ALIAS" >/dev/null 2>&1

# ------------------------------------------------------------ install --wait
final=$(it_guest_xmlfile "$WAIT" normal)
t0=$EPOCHREALTIME
out=$(it_virtsh install "$final" --kernel "$KERNEL" --initrd "$INITRD" \
      --cmdline "$INSTALL_CMDLINE" --wait 240 2>&1)
rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -q "installed and started with its final config"
tap_result $? "${DESC[3]}" || { tap_diag "exit $rc: $out"; it_dump_serial "$WAIT"; }
tap_diag "install --wait took $(it__elapsed "$t0" "$EPOCHREALTIME") s (installer boot + final boot)"

marker_present "$WAIT"
tap_result $? "${DESC[4]}" || { tap_diag "$IT_EXEC_ERR"; it_dump_serial "$WAIT"; }

live=$(it_virtsh dumpxml "$WAIT" 2>&1)
echo "$live" | grep -q 'virtsh.mode=normal' && ! echo "$live" | grep -q 'virtsh.mode=install'
tap_result $? "${DESC[5]}" || tap_diag "$live"

info=$(it_virtsh dominfo "$WAIT" 2>&1)
inactive=$(it_virtsh dumpxml --inactive "$WAIT" 2>&1)
echo "$info" | grep -Eq '^Persistent: +yes' && ! echo "$inactive" | grep -q 'virtsh.mode=install' &&
    echo "$inactive" | grep -q '<on_reboot>restart</on_reboot>'
tap_result $? "${DESC[6]}" || tap_diag "$info" "$inactive"
it_virtsh destroy "$WAIT" >/dev/null 2>&1

# ------------------------------------------------------------ crash
final=$(it_guest_xmlfile "$CRASH" normal)
instxml=$IT_TMPDIR/xml/$CRASH.install.xml
it_guest_xml "$CRASH" install > "$instxml" && chown "$IT_UID:$IT_GID" "$instxml"
it_virtsh install "$final" "$instxml" --wait 600 >/dev/null 2>&1 &
wrapper=$!
killed=1
for _ in $(seq 1 200); do       # up to 20 s for the installer to appear
    if [ "$(it_domstate "$CRASH")" = running ]; then
        pid=$(it_virtsh_pid_below "$wrapper")
        [ -n "$pid" ] && kill -9 "$pid" && killed=0
        break
    fi
    sleep 0.1
done
wait "$wrapper" 2>/dev/null
st=$?
[ $killed -eq 0 ] && [ $st -eq 137 ] && ! kill -0 "$pid" 2>/dev/null
tap_result $? "${DESC[7]}" || tap_diag "killed=$killed wrapper status $st"

info=$(it_virtsh dominfo "$CRASH" 2>&1)
inactive=$(it_virtsh dumpxml --inactive "$CRASH" 2>&1)
echo "$info" | grep -Eq '^Persistent: +yes' && echo "$inactive" | grep -q 'virtsh.mode=normal'
tap_result $? "${DESC[8]}" || tap_diag "$info" "$inactive"

it_wait_state "$CRASH" 120 "shut off"
tap_result $? "${DESC[9]}" || { tap_diag "state: $(it_domstate "$CRASH")"; it_dump_serial "$CRASH"; }

out=$(it_virtsh start "$CRASH" 2>&1) && marker_present "$CRASH" &&
    it_virtsh dumpxml "$CRASH" | grep -q 'virtsh.mode=normal'
tap_result $? "${DESC[10]}" || { tap_diag "$out" "$IT_EXEC_ERR"; it_dump_serial "$CRASH"; }
it_virtsh destroy "$CRASH" >/dev/null 2>&1

# ------------------------------------------------------------ timeout
final=$(it_guest_xmlfile "$SLOW" normal)
out=$(it_virtsh install "$final" --kernel "$KERNEL" --initrd "$INITRD" \
      --cmdline "$INSTALL_CMDLINE" --wait 3 2>&1)
rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "after 3 s; its final config is defined: when it powers off, run 'start $SLOW'"
tap_result $? "${DESC[11]}" || tap_diag "exit $rc: $out"

info=$(it_virtsh dominfo "$SLOW" 2>&1)
echo "$info" | grep -Eq '^Persistent: +yes' && it_wait_state "$SLOW" 120 "shut off"
tap_result $? "${DESC[12]}" || { tap_diag "$info"; it_dump_serial "$SLOW"; }

# ------------------------------------------------------------ creation fails
final=$(it_guest_xmlfile "$BAD" normal)
out=$(it_virtsh install "$final" --kernel /nonexistent/vmlinuz --initrd "$INITRD" 2>&1)
rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "^error: cannot start the installer of '$BAD'" &&
    [ "$(it_domstate "$BAD")" = gone ]
tap_result $? "${DESC[13]}" || tap_diag "exit $rc: $out" "state: $(it_domstate "$BAD")"

# ------------------------------------------------------------ start --xml
final=$(it_guest_xmlfile "$ONCE" normal)
instxml=$IT_TMPDIR/xml/$ONCE.install.xml
it_guest_xml "$ONCE" install > "$instxml" && chown "$IT_UID:$IT_GID" "$instxml"
it_virtsh define "$final" >/dev/null 2>&1
out=$(it_virtsh start "$ONCE" --xml "$instxml" 2>&1) &&
    it_virtsh dumpxml "$ONCE" | grep -q 'virtsh.mode=install' &&
    it_wait_state "$ONCE" 120 "shut off" && grep -q 'mode=install' "$(it_serial_log "$ONCE")"
tap_result $? "${DESC[14]}" || { tap_diag "$out"; it_dump_serial "$ONCE"; }
inactive=$(it_virtsh dumpxml --inactive "$ONCE" 2>&1)
echo "$inactive" | grep -q 'virtsh.mode=normal' && ! echo "$inactive" | grep -q 'virtsh.mode=install'
tap_result $? "${DESC[15]}" || tap_diag "$inactive"

tap_plan
