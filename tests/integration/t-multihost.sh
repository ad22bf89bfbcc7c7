#!/bin/bash
# it-exclusive: multi   (kills, freezes and restarts multi-host daemon 3)
# t-multihost.sh - several hosts (issue 21) on three session daemons of
# lib-multi.sh: the hosts file and `hosts`, fan-out of list with a host
# frozen (SIGSTOP) and one killed, a domain found across hosts, live
# migration of the test guest with its agent answering on the destination,
# move (and back), a migration aborted by Ctrl-C leaving the guest running
# on the source, and move cut short after each kind of its calls (the fault
# preload): never defined nowhere, never running on two hosts, and `move`
# again finishes the job; merged events (and a host that drops out of
# them); --copy-storage-all to a disk file of the destination's own.
# Figures are TAP comments.
set -u
HERE=$(dirname "$(readlink -f "$0")")
# shellcheck source=tests/integration/lib.sh
source "$HERE/lib.sh"
# shellcheck source=tests/integration/lib-multi.sh
source "$HERE/lib-multi.sh"
# shellcheck source=tests/tools/faults.sh
source "$IT_SRCDIR/../tools/faults.sh"

G=mh-guest   # the test guest: booted on 1, migrated, moved
DESC=(
    "three daemons up; hosts lists them up with their versions"
    "fan-out: list --all on the three hosts shows the guest with its host (text and JSON)"
    "dominfo by name finds the host that has the guest"
    "migrate --live to h2 by host name: running on h2 only, JSON with the downtime"
    "after the migration the guest's agent answers on h2"
    "move back to h1: live, persistent on h1, undefined on h2"
    "Ctrl-C during a migration: the job aborts, the guest runs on the source only"
    "move cut short after each kind of call: one running copy, defined somewhere; move again finishes"
    "a host frozen (SIGSTOP): the others answer within the connect bound, exit 3, its error named"
    "a host killed: list and domstats: the others answer, exit 3, its error named"
    "event --loop on h1 and h2: one stream, each event with its host (text and JSON)"
    "event --loop survives a host killed and started again: says so, reconnects, its events flow again"
    "migrate --copy-storage-all to h2 with a disk file of its own there: runs on h2 from it, agent answers"
    "the merged stream ends once: 'events received: 4' for both hosts, exit 0 though h1 had none of h2's"
    "event without --loop on h1 and h2: the first event of either host ends the wait on both, exit 0"
    "top with h3 killed: one table with a HOST column, the guest on h1, h3 named, its error once, exit 3"
    "top on a terminal across h1 and h2: one live table with a HOST column from the first refresh; q ends it, exit 0"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
fault_available || tap_skip_all "$FAULT_SKIP_REASON" "${DESC[@]}"
multi_setup 3 || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
it_guest_available || tap_skip_all "${IT_GUEST_SKIP:-no guest built}" "${DESC[@]}"
T0=$EPOCHREALTIME

T=$IT_TMPDIR/multihost-$$
mkdir -p "$T/config/virtsh"
cat > "$T/config/virtsh/hosts" <<EOF
# the three daemons of lib-multi.sh
h1  $(multi_uri 1)  lab
h2  $(multi_uri 2)  lab
h3  $(multi_uri 3)  lab
EOF
chown -R "$IT_UID:$IT_GID" "$T"
since() { it__elapsed "$1" "$EPOCHREALTIME"; }

# virtsh with our hosts file (its own XDG_CONFIG_HOME), no default URI.
mh() {
    local IT_ENV=("${IT_ENV[@]}" "XDG_CONFIG_HOME=$T/config")
    it_run "$VIRTSH" "$@"
}
# Where the guest is: "R1 D1 R2 D2 R3 D3" as states on each daemon.
where() {
    local i out=""
    for i in 1 2 3; do out+="$i:$(multi_domstate "$i" "$G") "; done
    echo "${out% }"
}
# Defined persistently on exactly one daemon and running on at most one.
sane() {
    local i run=0 def=0 st
    for i in 1 2 3; do
        st=$(multi_domstate "$i" "$G")
        [ "$st" = running ] && run=$((run + 1))
        [ "$st" != gone ] && multi_virsh "$i" dominfo "$G" 2>/dev/null | grep -q '^Persistent: *yes' &&
            def=$((def + 1))
    done
    [ $run -le 1 ] && [ $def -ge 1 ]
}
MIG=(--listen-address 127.0.0.1 --migrateuri tcp://127.0.0.1)

# ------------------------------------------------------------ hosts, fan-out
out=$(mh --hosts @lab hosts 2>&1)
[ "$(grep -c ' up ' <<<"$out")" = 3 ]
tap_result $? "${DESC[0]}" || tap_diag "$out"

xml=$(multi_guest_xmlfile "$G" normal)
multi_virsh 1 define "$xml" >/dev/null 2>&1 && multi_virsh 1 start "$G" >/dev/null 2>&1 &&
    IT_URI=$(multi_uri 1) it_wait_agent "$G" 60 || it_dump_serial "$G"
t0=$EPOCHREALTIME
out=$(mh --hosts @lab list --all 2>&1)
rc=$?
secs=$(since "$t0")
js=$(mh --hosts @lab -o json list --all 2>&1)
[ $rc = 0 ] && grep -Eq "^ h1 +[0-9]+ +$G +running" <<<"$out" &&
    python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if [r["host"] for r in d if r["name"]==sys.argv[2]]==["h1"] else 1)' "$js" "$G"
tap_result $? "${DESC[1]}" || tap_diag "$out" "$js"
tap_diag "list --all over 3 hosts: $secs s"

out=$(mh --hosts @lab dominfo "$G" 2>&1)
grep -q '^Host: *h1$' <<<"$out" && grep -q "^Name: *$G$" <<<"$out"
tap_result $? "${DESC[2]}" || tap_diag "$out"

# ------------------------------------------------------------ migration
t0=$EPOCHREALTIME
out=$(mh -c h1 -o json migrate --live --unsafe --persistent --undefinesource "$G" h2 "${MIG[@]}" 2>&1)
rc=$?
secs=$(since "$t0")
[ $rc = 0 ] && [ "$(where)" = "1:gone 2:running 3:gone" ] && grep -q '"downtime_ms":[0-9]' <<<"$out"
tap_result $? "${DESC[3]}" || tap_diag "rc $rc: $out" "$(where)"
tap_diag "migrate --live: $secs s; $(grep -o '"downtime_ms":[0-9]*' <<<"$out")"

IT_URI=$(multi_uri 2) it_wait_agent "$G" 30 &&
    IT_URI=$(multi_uri 2) it_agent "$G" '{"execute":"guest-get-host-name"}' | grep -q virtsh-guest
tap_result $? "${DESC[4]}"

t0=$EPOCHREALTIME
out=$(mh --hosts @lab move "$G" h1 --unsafe "${MIG[@]}" 2>&1)
rc=$?
secs=$(since "$t0")
[ $rc = 0 ] && [ "$(where)" = "1:running 2:gone 3:gone" ] && sane
tap_result $? "${DESC[5]}" || tap_diag "rc $rc: $out" "$(where)"
tap_diag "move: $secs s"

# Ctrl-C right after the first progress tick (job stats) of a slow migration.
fault_interrupt_after virDomainGetJobStats:1 "$VIRTSH" -c "$(multi_uri 1)" migrate --live --unsafe \
    --p2p --bandwidth 1 "$G" "$(multi_uri 3)" "${MIG[@]}" > "$T/int.out" 2>&1
fired=$?
[ $fired = 0 ] && [ "$FAULT_STATUS" != 0 ] && [ "$(where)" = "1:running 2:gone 3:gone" ] &&
    grep -q 'stopped by Ctrl-C' "$T/int.out"
tap_result $? "${DESC[6]}" || tap_diag "fired $fired status $FAULT_STATUS: $(cat "$T/int.out")" "$(where)"

# ------------------------------------------------------------ move cut short
# After each kind of call move makes (the first of each name); the guest
# starts on h1 each time, and `move` again must end with it on h2.
settled() {   # settled N: host N has no job on the guest, or no guest
    [ "$(multi_domstate "$1" "$G")" = gone ] ||
        multi_virsh "$1" domjobinfo "$G" 2>/dev/null | grep -q 'Job type: *None'
}
bad=() seen=()
n=0
for call in virDomainLookupByName virConnectGetCapabilities virDomainGetInfo virNodeGetFreeMemory \
            virDomainIsActive virDomainGetJobStats:1 virDomainMigrateToURI3; do
    fault_kill_after "$call" "$VIRTSH" -c "$(multi_uri 1)" move "$G" "$(multi_uri 2)" --unsafe \
        "${MIG[@]}" > "$T/kill.out" 2>&1
    fired=$?
    n=$((n + 1))
    # both daemons finish (or drop) what they were doing: wait for their jobs
    # to end (the destination may still be finishing an incoming migration)
    for _ in $(seq 1 60); do
        settled 1 && settled 2 && break
        sleep 0.25
    done
    sane || bad+=("after $call (fired $fired): not sane: $(where)")
    seen+=("$call: $([ $fired = 0 ] && echo killed || echo "not reached ($FAULT_STATUS)") -> $(where)")
    # the documented continuation: move again, from wherever it is
    src=1
    [ "$(multi_domstate 2 "$G")" = running ] && src=""
    if [ -n "$src" ]; then
        multi_virtsh 1 move "$G" "$(multi_uri 2)" --unsafe "${MIG[@]}" >"$T/again.out" 2>&1 ||
            bad+=("after $call: move again failed: $(where): $(cat "$T/again.out")")
    fi
    [ "$(where)" = "1:gone 2:running 3:gone" ] || bad+=("after $call + move: $(where)")
    # back to h1 for the next round
    multi_virtsh 2 move "$G" "$(multi_uri 1)" --unsafe "${MIG[@]}" >"$T/back.out" 2>&1 ||
        bad+=("after $call: move back failed: $(where): $(cat "$T/back.out")")
done
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[7]}" || tap_diag "${bad[@]}"
tap_diag "move killed after $n kinds of call:" "${seen[@]}"

# ------------------------------------------------------------ merged events
E=mh-ev2
multi_track_domain "$E"
printf '%s\n' "<domain type='qemu'><name>$E</name><memory unit='MiB'>32</memory>" \
    "<os><type arch='x86_64'>hvm</type></os></domain>" > "$T/$E.xml"
chmod 644 "$T/$E.xml"
mh --hosts h1,h2 event --all --loop --timeout 6 > "$T/ev.txt" 2>&1 &
evpid=$!
mh --hosts h1,h2 -o json event --all --loop --timeout 6 > "$T/ev.json" 2>&1 &
evjpid=$!
sleep 2
multi_virsh 1 suspend "$G" >/dev/null 2>&1
multi_virsh 2 define "$T/$E.xml" >/dev/null 2>&1
multi_virsh 1 resume "$G" >/dev/null 2>&1
multi_virsh 2 undefine "$E" >/dev/null 2>&1
wait $evpid; evrc=$?
wait $evjpid
grep -q "^h1: event 'lifecycle' for domain '$G': Suspended" "$T/ev.txt" &&
    grep -q "^h2: event 'lifecycle' for domain '$E': Defined" "$T/ev.txt" &&
    grep -q "^h1: event 'lifecycle' for domain '$G': Resumed" "$T/ev.txt" &&
    grep -q "^{\"host\":\"h2\",.*\"$E\"" "$T/ev.json"
tap_result $? "${DESC[10]}" || tap_diag "$(cat "$T/ev.txt")" "$(cat "$T/ev.json")"
# the closing lines come once, for the stream, not a pair a host
[ "$evrc" = 0 ] && [ "$(grep -c 'events received' "$T/ev.txt")" = 1 ] &&
    grep -qx 'events received: 4' "$T/ev.txt"
tap_result $? "${DESC[13]}" || tap_diag "rc $evrc" "$(cat "$T/ev.txt")"

# without --loop: h2's event ends h1's wait too
mh --hosts h1,h2 event --all --timeout 20 > "$T/ev1.txt" 2>&1 &
evpid=$!
sleep 2
t0=$EPOCHREALTIME
multi_virsh 2 define "$T/$E.xml" >/dev/null 2>&1
wait $evpid; evrc=$?
secs=$(since "$t0")
multi_virsh 2 undefine "$E" >/dev/null 2>&1
[ "$evrc" = 0 ] && grep -q "^h2: event 'lifecycle' for domain '$E': Defined" "$T/ev1.txt" &&
    [ "$(grep -c "event 'lifecycle'" "$T/ev1.txt")" = 1 ] && grep -qx 'events received: 1' "$T/ev1.txt"
tap_result $? "${DESC[14]}" || tap_diag "rc $evrc" "$(cat "$T/ev1.txt")"
tap_diag "event without --loop: ended $secs s after h2's event"

# h3 dies under an event --loop and comes back: the loop says so, reconnects
# with backoff, and h3's events flow again while h1's never stopped.
mh --hosts h1,h3 event --all --loop --timeout 25 > "$T/evr.txt" 2> "$T/evr.err" &
evpid=$!
sleep 2
multi_stop 3
multi_start 3
sleep 3   # the first retries (1, 2 s)
multi_virsh 3 define "$T/$E.xml" >/dev/null 2>&1
multi_virsh 1 suspend "$G" >/dev/null 2>&1
multi_virsh 1 resume "$G" >/dev/null 2>&1
for _ in $(seq 1 60); do grep -q "^h3: event 'lifecycle' for domain '$E': Defined" "$T/evr.txt" && break; sleep 0.25; done
multi_virsh 3 undefine "$E" >/dev/null 2>&1
kill -INT "$(it_virtsh_pid_below "$evpid")" 2>/dev/null
wait $evpid
grep -q "^h3: event 'lifecycle' for domain '$E': Defined" "$T/evr.txt" &&
    grep -q "^h1: event 'lifecycle' for domain '$G': Suspended" "$T/evr.txt" &&
    grep -q "host 'h3': connection lost; reconnecting" "$T/evr.err"
tap_result $? "${DESC[11]}" || tap_diag "$(cat "$T/evr.txt")" "$(cat "$T/evr.err")"

# ------------------------------------------------------------ top on a terminal
if it_tmux_start "env XDG_CONFIG_HOME=$T/config $VIRTSH --hosts h1,h2 top --delay 0.5; echo __rc=\$?; sleep 60"; then
    ok=0
    it_tmux_wait "^h1 +[0-9]+ $G +running " 10 && it_tmux_wait 'hosts: 2 of 2 answering' 2 &&
        it_tmux_wait '^HOST +ID NAME' 2 || ok=1
    screen=$(it_tmux_screen)
    it_tmux_keys q
    it_tmux_wait '^__rc=0$' 5 || ok=1
    [ $ok = 0 ]
    tap_result $? "${DESC[16]}" || { tap_diag "$screen"; it_tmux_screen | tail -n 5 | tap_diag; }
    it_tmux_stop
else
    tap_skip "${DESC[16]}" "$IT_SKIP_REASON"
fi

# ------------------------------------------------------------ hosts failing
multi_freeze 3
t0=$EPOCHREALTIME
out=$(mh -k 1 -K 2 --hosts @lab list --all 2>&1)
rc=$?
secs=$(since "$t0")
multi_thaw 3
[ $rc = 3 ] && grep -q "error: host 'h3'" <<<"$out" && grep -Eq "^ h1 +[0-9]+ +$G" <<<"$out"
tap_result $? "${DESC[8]}" || tap_diag "rc $rc: $out"
tap_diag "list with h3 frozen: $secs s (bound 3 s)"

multi_stop 3
out2=$(mh --hosts @lab list --all 2>&1)
rc=$?
out3=$(mh --hosts @lab -o json domstats --state 2>&1)
rc3=$?
[ $rc = 3 ] && grep -q "error: host 'h3'" <<<"$out2" && grep -Eq "^ h1 +[0-9]+ +$G" <<<"$out2" &&
    [ $rc3 = 3 ] && grep -q "^\[{\"host\":\"h1\",\"name\":\"$G\"" <<<"$out3" &&
    grep -q "{\"host\":\"h3\",\"error\"" <<<"$out3"
tap_result $? "${DESC[9]}" || tap_diag "rc $rc: $out2" "rc $rc3: $out3"

mh --hosts @lab top --batch --iterations 2 --delay 0.5 > "$T/top.out" 2> "$T/top.err"
rc=$?
[ $rc = 3 ] && [ "$(grep -c '^HOST  *ID NAME' "$T/top.out")" = 2 ] &&
    grep -Eq "^h1 +[0-9]+ $G +running" "$T/top.out" &&
    [ "$(grep -c 'hosts: 2 of 3 answering (not .h3.)' "$T/top.out")" = 2 ] &&
    [ "$(grep -c "error: host 'h3'" "$T/top.err")" = 1 ]
tap_result $? "${DESC[15]}" || tap_diag "rc $rc" "$(cat "$T/top.out" "$T/top.err")"

# ------------------------------------------------------------ storage not shared
# The guest's disk copied to a file of its own on h2 (--xml names it).
D1=$(it_guest_disk "$G")
D2=$T/$G-h2.img
truncate -s "$(stat -c %s "$D1")" "$D2" && chown "$IT_UID:$IT_GID" "$D2" && chmod 600 "$D2"
multi_virsh 1 dumpxml --migratable "$G" 2>/dev/null | sed "s|$D1|$D2|" > "$T/$G-h2.xml"
chmod 644 "$T/$G-h2.xml"
t0=$EPOCHREALTIME
out=$(mh -c h1 migrate --live --copy-storage-all --persistent --undefinesource "$G" h2 \
    --xml "$T/$G-h2.xml" "${MIG[@]}" 2>&1)
rc=$?
secs=$(since "$t0")
# (h3 is down by now: only h1 and h2 are asked)
[ $rc = 0 ] && [ "$(multi_domstate 1 "$G")" = gone ] && [ "$(multi_domstate 2 "$G")" = running ] &&
    multi_virsh 2 domblklist "$G" 2>/dev/null | grep -q "$D2" &&
    IT_URI=$(multi_uri 2) it_wait_agent "$G" 30 &&
    IT_URI=$(multi_uri 2) it_agent "$G" '{"execute":"guest-get-host-name"}' | grep -q virtsh-guest
tap_result $? "${DESC[12]}" || tap_diag "rc $rc: $out" "$(where)"
tap_diag "migrate --copy-storage-all: $secs s"

tap_diag "t-multihost: $(since "$T0") s after setup"
tap_done
