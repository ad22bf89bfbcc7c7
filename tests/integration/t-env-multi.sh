#!/bin/bash
# it-exclusive: multi   (stops, freezes and restarts the multi-host daemons)
# t-env-multi.sh - the multi-host daemons of lib-multi.sh are real: three
# more session daemons of the test user with their own host UUIDs, domains
# private to each, a live migration of the test guest from daemon 1 to
# daemon 2 over loopback with its agent answering there, one daemon killed
# and one frozen while the others answer, warm and cold restarts. Through
# the reference virsh. Figures (start times, migration time) are printed as
# TAP comments.
set -u
HERE=$(dirname "$(readlink -f "$0")")
# shellcheck source=tests/integration/lib.sh
source "$HERE/lib.sh"
# shellcheck source=tests/integration/lib-multi.sh
source "$HERE/lib-multi.sh"

GUEST=em-guest   # booted on 1, migrated to 2
DEF1=em-def1     # defined on daemon 1 only
DEF3=em-def3     # defined on daemon 3 only (survives its restarts)

DESC=(
    "three more session daemons of the test user start, each answering on its own socket"
    "each has a host UUID of its own, none equal to that of lib.sh's daemon"
    "a domain defined on daemon 1 is neither on daemons 2 and 3 nor on lib.sh's daemon"
    "the test guest boots on daemon 1 and its agent answers there"
    "virsh migrate --live from daemon 1 to daemon 2 over loopback: running on 2, gone from 1"
    "after the migration the guest's agent answers on daemon 2"
    "daemon 3 killed (kill -9): daemons 1 and 2 still answer, a client of 3 fails"
    "daemon 2 frozen (SIGSTOP): daemon 1 still answers, a client of 2 gets nothing; thawed, 2 answers and the guest runs there"
    "daemon 3 started again (warm): answers, $DEF3 still defined"
    "daemon 3 restarted cold (capability cache dropped): answers and probes QEMU again"
    "at the end nothing this script made remains"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"

T=$IT_TMPDIR/env-multi-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"

host_uuid() {
    IT_URI=$1 it_hvirsh capabilities 2>/dev/null | sed -n '/<host>/,/<\/host>/s/.*<uuid>\(.*\)<\/uuid>.*/\1/p' | head -n 1
}
# Milliseconds since $1 ($EPOCHREALTIME), as seconds with one decimal.
since() { it__elapsed "$1" "$EPOCHREALTIME"; }

# ------------------------------------------------------------ setup
multi_setup 3
tap_result $? "${DESC[0]}" || { tap_diag "$IT_SKIP_REASON"; tap_skip_all "no daemons" "${DESC[@]:1}"; }
tap_diag "3 daemons up in $MULTI_SETUP_SECS s (QEMU capabilities copied from lib.sh's daemon, unless they were running already)"
t0=$EPOCHREALTIME
multi_virsh 1 domcapabilities >/dev/null 2>&1
tap_diag "first domcapabilities on daemon 1: $(since "$t0") s"

u0=$(host_uuid "$IT_URI")
u1=$(host_uuid "$(multi_uri 1)") u2=$(host_uuid "$(multi_uri 2)") u3=$(host_uuid "$(multi_uri 3)")
[ -n "$u1" ] && [ -n "$u2" ] && [ -n "$u3" ] &&
    [ "$(printf '%s\n' "$u0" "$u1" "$u2" "$u3" | sort -u | wc -l)" = 4 ]
tap_result $? "${DESC[1]}" || tap_diag "uuids: '$u0' '$u1' '$u2' '$u3'"

# ------------------------------------------------------------ private domains
multi_track_domain "$DEF1"
multi_track_domain "$DEF3"
def_xml() {
    cat > "$T/$1.xml" <<EOF
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>32</memory>
  <os><type arch='x86_64'>hvm</type></os>
</domain>
EOF
    chmod 644 "$T/$1.xml"
    echo "$T/$1.xml"
}
multi_virsh 1 define "$(def_xml "$DEF1")" >/dev/null 2>&1 &&
    multi_virsh 3 define "$(def_xml "$DEF3")" >/dev/null 2>&1 &&
    [ "$(multi_domstate 1 "$DEF1")" = "shut off" ] && [ "$(multi_domstate 2 "$DEF1")" = gone ] &&
    [ "$(multi_domstate 3 "$DEF1")" = gone ] && [ "$(it_domstate "$DEF1")" = gone ]
tap_result $? "${DESC[2]}" ||
    tap_diag "$DEF1 on 1: $(multi_domstate 1 "$DEF1"), 2: $(multi_domstate 2 "$DEF1"), 3: $(multi_domstate 3 "$DEF1"), lib.sh's: $(it_domstate "$DEF1")"

# ------------------------------------------------------------ migration
if it_guest_available; then
    xml=$(multi_guest_xmlfile "$GUEST" normal)
    out=$(multi_virsh 1 create "$xml" 2>&1) && IT_URI=$(multi_uri 1) it_wait_agent "$GUEST" 60
    tap_result $? "${DESC[3]}" || { tap_diag "$out"; it_dump_serial "$GUEST"; }
    tap_diag "agent on daemon 1 after $IT_AGENT_SECS s"

    t0=$EPOCHREALTIME
    # (the disk is a file both daemons see: --unsafe, no storage copy)
    out=$(multi_virsh 1 migrate --live --unsafe "$GUEST" "$(multi_uri 2)" "${MULTI_MIGRATE_ARGS[@]}" 2>&1)
    rc=$?
    secs=$(since "$t0")
    [ $rc = 0 ] && [ "$(multi_domstate 2 "$GUEST")" = running ] && [ "$(multi_domstate 1 "$GUEST")" = gone ]
    tap_result $? "${DESC[4]}" ||
        tap_diag "$out" "on 1: $(multi_domstate 1 "$GUEST"), on 2: $(multi_domstate 2 "$GUEST")"
    tap_diag "live migration took $secs s"

    IT_URI=$(multi_uri 2) it_wait_agent "$GUEST" 30 &&
        IT_URI=$(multi_uri 2) it_agent "$GUEST" '{"execute":"guest-get-host-name"}' | grep -q virtsh-guest
    tap_result $? "${DESC[5]}"
else
    for i in 3 4 5; do tap_skip "${DESC[$i]}" "${IT_GUEST_SKIP:-no guest built}"; done
fi

# ------------------------------------------------------------ faults
multi_stop 3
rc=$?
t0=$EPOCHREALTIME
out=$(IT_CMD_TIMEOUT=10 multi_virsh 3 list 2>&1)
rc3=$?
[ $rc = 0 ] && [ $rc3 != 0 ] && multi_virsh 1 list >/dev/null 2>&1 && multi_virsh 2 list >/dev/null 2>&1
tap_result $? "${DESC[6]}" || tap_diag "client of 3 (rc $rc3): $out"
tap_diag "a client of the killed daemon failed after $(since "$t0") s"

multi_freeze 2
out=$(IT_CMD_TIMEOUT=3 multi_virsh 2 list 2>&1)
rc2=$?
multi_virsh 1 list >/dev/null 2>&1
rc1=$?
multi_thaw 2
[ $rc1 = 0 ] && [ $rc2 != 0 ] && multi_virsh 2 list >/dev/null 2>&1 &&
    { ! it_guest_available || [ "$(multi_domstate 2 "$GUEST")" = running ]; }
tap_result $? "${DESC[7]}" || tap_diag "frozen client rc $rc2, daemon 1 rc $rc1: $out"

multi_start 3 && [ "$(multi_domstate 3 "$DEF3")" = "shut off" ]
tap_result $? "${DESC[8]}" || tap_diag "$IT_SKIP_REASON"
tap_diag "warm restart of daemon 3: answers after ${MULTI_START_SECS:-?} s"

multi_stop 3 && MULTI_COLD=1 multi_start 3
rc=$?
secs=$MULTI_START_SECS
t0=$EPOCHREALTIME
multi_virsh 3 domcapabilities >/dev/null 2>&1 &&
    [ $rc = 0 ] && [ -n "$(ls "$(multi__dir 3)"/cache/libvirt/qemu/cache/capabilities/*.xml 2>/dev/null)" ]
tap_result $? "${DESC[9]}" || tap_diag "$IT_SKIP_REASON"
tap_diag "cold restart of daemon 3: answers after ${secs:-?} s, first domcapabilities $(since "$t0") s (libvirt probes QEMU at start when it has domains to load, else at the first call that needs it)"

# ------------------------------------------------------------ teardown
if [ "$IT_OWNER" = 1 ]; then
    multi_teardown
    tap_result $? "${DESC[10]} (own daemons: nothing left at all)" || tap_diag "$MULTI_TEARDOWN_DIAG"
else
    multi_teardown &&
        ( for i in 1 2 3; do
              for d in "$GUEST" "$DEF1" "$DEF3"; do
                  [ "$(multi_domstate "$i" "$d")" = gone ] || exit 1
              done
          done )
    tap_result $? "${DESC[10]} (shared daemons: its domains removed from all three)" ||
        tap_diag "$MULTI_TEARDOWN_DIAG"
fi
tap_plan
