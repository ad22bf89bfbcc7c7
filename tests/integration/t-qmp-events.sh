#!/bin/bash
# t-qmp-events.sh - QMP passthrough, the QMP schema, domain events and
# waiting, against a real QEMU guest with qemu-ga on the private session
# daemon (issue: QMP passthrough, lifecycle events and waiting).
#
# Listeners run in the background as their own virtsh processes; they are
# known to be listening when a probe event (a metadata change made with the
# reference virsh) shows up in their output, so no event is missed by a
# race with their registration.  They are ended with SIGINT, as a user's
# Ctrl-C would, which must end them cleanly with exit status 0.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

DOM=qmp-events

DESC=(
    "qemu-monitor-command with a JSON request returns QEMU's reply (status running)"
    "qemu-monitor-command NAME --return-value (friendly syntax, option after the command) prints the return value"
    "qemu-monitor-command --hmp 'info status' prints the human monitor's text as QEMU sent it (CRLF), as virsh"
    "qemu-monitor-command --hmp -o json gives {\"output\": ...}"
    "dominfo then shows the taint in virsh's Messages: lines, as virsh does; JSON messages too"
    "qmp-schema DOMAIN lists QMP commands, query-status among them"
    "qmp-schema query-status shows no arguments and the returned object with its status enum"
    "qmp-schema device_add shows driver required, bus and id optional"
    "qmp-schema -o json human-monitor-command: command-line required str, cpu-index optional int, returns str"
    "friendly syntax: 'stop bogus=1' is refused by the schema check (exit 1, says nothing was sent)"
    "friendly syntax: after the refused stop the domain is still running (nothing was sent)"
    "friendly syntax: a misspelt command gets 'did you mean', a string for a bool gets the key:=JSON hint"
    "qemu-monitor-event: a real 'stop' (friendly syntax) is seen as a STOP event in JSON, the domain paused"
    "QMP error replies are errors: exit 1 with QEMU's description"
    "event --loop -o json: the listener is live (probe event seen)"
    "event --loop -o json: each event is written as it happens (suspend seen while still listening)"
    "event one-shot (text): the first lifecycle event in virsh's words, then 'events received: 1', exit 0"
    "event --loop -o json: lifecycle suspended/paused, resumed/unpaused, stopped/destroyed, started/booted in order"
    "event --loop -o json: every line is one JSON object with event, domain, uuid, timestamp"
    "event --loop: SIGINT (Ctrl-C) ends it with exit 0"
    "guest reboot (agent guest-shutdown mode=reboot): listener live before the reboot"
    "guest reboot: seen as reboot event(s) and agent-lifecycle, with no lifecycle event"
    "guest reboot: every domstate sampled during it says running"
    "guest reboot: the agent answers again afterwards"
    "reboot --mode acpi (libvirt's fake reboot): no lifecycle event, every domstate sampled says running"
    "wait --state running returns at once (exit 0) on a running domain"
    "wait --state shutoff after an agent shutdown exits 0 and the domain is shut off"
    "wait --state running --timeout 2 on a shut-off domain: exit 1 naming the state it is in"
    "event --timeout 2 with nothing happening: exit 1, 'no event within 2 seconds'"
    "event --loop --timeout: events came, so it ends at the timeout with exit 0 and counts them"
    "qemu-monitor-event --timeout 2 on an idle domain: exit 1"
    "qmp-schema and qemu-monitor-command on a shut-off domain: one clear error"
)

# Every test of this script skipped, with the reason.
skip_all() { tap_skip_all "$1" "${DESC[@]}"; }

if [ -z "${IT_SHARED_TMPDIR:-}" ] && [ -z "${IT_GLOBAL_SKIP:-}" ] && [ -z "${IT_GUEST_DIR:-}" ]; then
    # Standalone run (not under run.sh): packages and the guest first.
    it_require_packages || skip_all "$IT_SKIP_REASON"
    it_build_guest "$(cd "$IT_SRCDIR/../.." && pwd)/build-integration/guest"
fi
it_setup || skip_all "$IT_SKIP_REASON"
it_guest_available || skip_all "${IT_GUEST_SKIP:-no guest built}"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is needed to read the JSON output"

n=0
res() { # res RC: one result, in DESC order
    tap_result "$1" "${DESC[$n]}"
    local rc=$?
    n=$((n + 1))
    return $rc
}

# pid of the virtsh process started (through it_run) below the job $1
virtsh_pid() {
    local root=$1 i p kids
    for ((i = 0; i < 50; i++)); do
        kids=$root
        for _ in 1 2 3 4; do
            for p in $kids; do
                if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = virtsh ]; then
                    echo "$p"
                    return 0
                fi
            done
            kids=$(for p in $kids; do pgrep -P "$p"; done)
        done
        sleep 0.1
    done
    return 1
}

# Make a metadata-change event (the reference virsh, not the code under test).
PROBES=0
probe() {
    PROBES=$((PROBES + 1))
    it_hvirsh desc "$DOM" --live --title "probe $PROBES" >/dev/null 2>&1
}

# Wait until the listener writing FILE has seen a probe event.
wait_listening() {
    local file=$1 i
    for ((i = 0; i < 40; i++)); do
        probe
        sleep 0.25
        grep -q 'metadata-change' "$file" 2>/dev/null && return 0
    done
    return 1
}

# Start a background virtsh (arguments after the file names); sets LPID
# (virtsh's pid) and LJOB (the job to wait for).
listen() {
    local out=$1 err=$2
    shift 2
    it_virtsh "$@" >"$out" 2>"$err" &
    LJOB=$!
    LPID=$(virtsh_pid "$LJOB")
}

# SIGINT to the listener; its exit status in LRC.
stop_listener() {
    [ -n "${LPID:-}" ] && kill -INT "$LPID" 2>/dev/null
    wait "$LJOB"
    LRC=$?
}

pyjson() { # pyjson FILE PYTHON-EXPR-on-"lines" -> exit 0 if true
    python3 - "$1" "$2" <<'EOF'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sys.exit(0 if eval(sys.argv[2]) else 1)
EOF
}

T=$IT_TMPDIR/tmp/qmp-events.$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"

xml=$(it_guest_xmlfile "$DOM" normal)
out=$(it_virtsh define "$xml" 2>&1) && out=$(it_virtsh start "$DOM" 2>&1) || skip_all "cannot start $DOM: $out"
if ! it_virtsh wait "$DOM" --agent --timeout 120 >/dev/null 2>&1; then
    it_dump_serial "$DOM"
    skip_all "the guest agent of $DOM did not answer"
fi

# ------------------------------------------------------------ QMP passthrough
out=$(it_virtsh qemu-monitor-command "$DOM" '{"execute": "query-status"}' 2>&1)
echo "$out" | grep -q '"status":"running"'
res $? || tap_diag "$out"

out=$(it_virtsh qemu-monitor-command "$DOM" query-status --return-value 2>&1)
echo "$out" | grep -q '^{"status":"running",' && ! echo "$out" | grep -q '"return"'
res $? || tap_diag "$out"

out=$(it_virtsh qemu-monitor-command "$DOM" --hmp info status 2>&1)
[ "$out" = $'VM status: running\r' ]
res $? || tap_diag "$(cat -A <<<"$out")"

out=$(it_virtsh -o json qemu-monitor-command "$DOM" --hmp info status 2>&1)
[ "$out" = '{"output":"VM status: running\n"}' ]
res $? || tap_diag "$out"

# libvirt taints a domain that got monitor commands; dominfo lists its messages
out=$(it_virtsh dominfo "$DOM" 2>&1 | grep -v '^CPU time:')
ref=$(it_hvirsh dominfo "$DOM" 2>&1 | grep -v '^CPU time:')
js=$(it_virtsh -o json dominfo "$DOM" 2>&1)
echo "$out" | grep -q '^Messages: *tainted: custom monitor' && [ "$out" = "$ref" ] &&
    [[ $js == *'"messages":["tainted: custom monitor'* ]]
res $? || tap_diag "$out" "--- virsh:" "$ref" "$js"

# ------------------------------------------------------------ qmp-schema
out=$(it_virtsh qmp-schema "$DOM" 2>&1)
echo "$out" | grep -qx 'query-status' && [ "$(echo "$out" | wc -l)" -gt 100 ]
res $? || tap_diag "$(echo "$out" | head -5)"
tap_diag "qmp-schema lists $(echo "$out" | wc -l) QMP commands"

out=$(it_virtsh qmp-schema "$DOM" query-status 2>&1)
echo "$out" | grep -qx 'Arguments: none' && echo "$out" | grep -qx 'Returns: object' &&
    echo "$out" | grep -Eq '^  status +enum \(.*running.*\)$' && echo "$out" | grep -Eq '^  running +bool$'
res $? || tap_diag "$out"

out=$(it_virtsh qmp-schema "$DOM" device_add 2>&1)
echo "$out" | grep -Eq '^  driver +str$' && echo "$out" | grep -Eq '^  bus +str, optional$' &&
    echo "$out" | grep -Eq '^  id +str, optional$'
res $? || tap_diag "$out"

it_virtsh -o json qmp-schema "$DOM" human-monitor-command >"$T/hmc.json" 2>&1
pyjson "$T/hmc.json" '[(m["name"], m["type"], m["required"]) for m in lines[0]["arguments"]["members"]] == [("command-line", "str", True), ("cpu-index", "int", False)] and lines[0]["returns"]["type"] == "str"'
res $? || tap_diag "$(cat "$T/hmc.json")"

tim=$(it_virtsh -t "qmp-schema $DOM query-status; qmp-schema $DOM stop" 2>&1 >/dev/null |
      grep -o 'Time: [0-9.]* ms' | tr '\n' ' ')
tap_diag "qmp-schema twice in one shell (query-qmp-schema fetched once, then cached): $tim"

# ------------------------------------------------------------ schema check: nothing sent
out=$(it_virtsh qemu-monitor-command "$DOM" stop bogus=1 2>&1)
rc=$?
[ $rc -eq 1 ] && [ "$out" = "error: 'stop' takes no arguments, but 'bogus' was given; nothing was sent" ]
res $? || tap_diag "exit $rc: $out"

st=$(it_domstate "$DOM")
q=$(it_virtsh qemu-monitor-command "$DOM" query-status --return-value 2>&1)
[ "$st" = running ] && echo "$q" | grep -q '"status":"running"'
res $? || tap_diag "domstate: $st; query-status: $q"

o1=$(it_virtsh qemu-monitor-command "$DOM" query-statsu 2>&1)
r1=$?
o2=$(it_virtsh qemu-monitor-command "$DOM" set_link name=net0 up=true 2>&1)
r2=$?
[ $r1 -eq 1 ] && echo "$o1" | grep -q "unknown QMP command 'query-statsu'; did you mean 'query-stat" &&
    [ $r2 -eq 1 ] && echo "$o2" | grep -q "write up:=true for JSON; nothing was sent"
res $? || tap_diag "$o1" "$o2"

# qemu-monitor-event sees the real stop; the listener only ends on the event
listen "$T/qme.out" "$T/qme.err" -o json qemu-monitor-event "$DOM" --event STOP --timeout 60
sleep 2 # registration of this one cannot be probed: STOP is the only event it takes
out=$(it_virtsh qemu-monitor-command "$DOM" stop 2>&1)
wait "$LJOB"
lrc=$?
st=$(it_domstate "$DOM")
[ $lrc -eq 0 ] && [ "$st" = paused ] &&
    pyjson "$T/qme.out" 'len(lines) == 1 and lines[0]["event"] == "STOP" and lines[0]["domain"] == "'"$DOM"'" and "timestamp" in lines[0]'
res $? || tap_diag "stop said: $out; listener exit $lrc; state $st" "$(cat "$T/qme.out" "$T/qme.err")"
it_virtsh qemu-monitor-command "$DOM" cont >/dev/null 2>&1
it_wait_state "$DOM" 10 running

out=$(it_virtsh qemu-monitor-command "$DOM" '{"execute": "device_del", "arguments": {"id": "no-such-device"}}' 2>&1)
rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "^error: QMP command 'device_del' failed: .*no-such-device"
res $? || tap_diag "exit $rc: $out"

# ------------------------------------------------------------ lifecycle events
listen "$T/ev.json" "$T/ev.err" -o json event --domain "$DOM" --event lifecycle --event metadata-change --loop
evjob=$LJOB evpid=$LPID
wait_listening "$T/ev.json"
res $? || tap_diag "pid ${evpid:-?}" "$(cat "$T/ev.json" "$T/ev.err")"

listen "$T/one.txt" "$T/one.err" event "$DOM" --event lifecycle --timestamp --timeout 60
onejob=$LJOB
sleep 2 # a one-shot listener cannot be probed without ending it

it_virtsh suspend "$DOM" >/dev/null 2>&1
for _ in $(seq 1 40); do grep -q '"suspended"' "$T/ev.json" && break; sleep 0.25; done
grep -q '"type":"suspended","detail":"paused"' "$T/ev.json" && kill -0 "$evpid" 2>/dev/null
res $? || tap_diag "$(cat "$T/ev.json")"

wait "$onejob"
orc=$?
[ $orc -eq 0 ] && grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+\+0000: event 'lifecycle' for domain '$DOM': Suspended Paused$" "$T/one.txt" &&
    [ "$(sed -n 2p "$T/one.txt")" = "events received: 1" ] && [ "$(wc -l < "$T/one.txt")" = 3 ] &&
    [ "$(tail -n 1 "$T/one.txt")" = "" ] # virsh's blank line after the command
res $? || tap_diag "exit $orc" "$(cat "$T/one.txt" "$T/one.err")"

it_virtsh resume "$DOM" >/dev/null 2>&1
it_virtsh destroy "$DOM" >/dev/null 2>&1
it_virtsh start "$DOM" >/dev/null 2>&1
for _ in $(seq 1 40); do grep -q '"started"' "$T/ev.json" && break; sleep 0.25; done
LJOB=$evjob LPID=$evpid
stop_listener
# In order; libvirt may add more around destroy and start (measured with
# libvirt 9.0: shutdown/host just before stopped/destroyed when QEMU got its
# SIGTERM in time, and resumed/unpaused just before started/booted, as QEMU
# starts paused): those extras are allowed, nothing else.
python3 - "$T/ev.json" <<'EOF2'
import json, sys
got = [(e["type"], e["detail"]) for e in map(json.loads, open(sys.argv[1])) if e["event"] == "lifecycle"]
want = [("suspended", "paused"), ("resumed", "unpaused"), ("stopped", "destroyed"), ("started", "booted")]
extra_ok = lambda ev: ev[0] == "shutdown" or ev == ("resumed", "unpaused")
i = 0
for ev in got:
    if i < len(want) and ev == want[i]:
        i += 1
    elif not extra_ok(ev):
        sys.exit(1)
sys.exit(0 if i == len(want) else 1)
EOF2
res $? || tap_diag "$(cat "$T/ev.json")"
tap_diag "lifecycle events: $(python3 -c 'import json,sys; print(", ".join(e["type"] + "/" + e["detail"] for e in map(json.loads, open(sys.argv[1])) if e["event"] == "lifecycle"))' "$T/ev.json")"
pyjson "$T/ev.json" 'len(lines) >= 5 and all(l["domain"] == "'"$DOM"'" and len(l["uuid"]) == 36 and l["timestamp"].endswith("Z") for l in lines)'
res $? || tap_diag "$(cat "$T/ev.json")"
[ "$LRC" -eq 0 ] && [ ! -s "$T/ev.err" ]
res $? || tap_diag "exit $LRC" "$(cat "$T/ev.err")"

# ------------------------------------------------------------ guest reboot
it_virtsh wait "$DOM" --agent --timeout 120 >/dev/null 2>&1 || it_dump_serial "$DOM"
listen "$T/rb.json" "$T/rb.err" -o json event --domain "$DOM" --all --loop
wait_listening "$T/rb.json"
res $? || tap_diag "$(cat "$T/rb.json" "$T/rb.err")"

t0=$EPOCHREALTIME
out=$(it_virtsh agent "$DOM" guest-shutdown mode=reboot 2>&1) || tap_diag "agent guest-shutdown: $out"
samples=() back=0
for _ in $(seq 1 600); do # up to ~2 minutes
    samples+=("$(it_virtsh domstate "$DOM" 2>&1)")
    if grep -q '"reboot"' "$T/rb.json" &&
       python3 - "$T/rb.json" <<'EOF'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
i = max(k for k, e in enumerate(ev) if e["event"] == "reboot")
sys.exit(0 if any(e["event"] == "agent-lifecycle" and e["state"] == "connected" for e in ev[i:]) else 1)
EOF
    then
        back=1
        break
    fi
    sleep 0.2
done
tap_diag "reboot: agent connected again after $(it__elapsed "$t0" "$EPOCHREALTIME") s; ${#samples[@]} domstate samples"
stop_listener
nrb=$(grep -c '"event":"reboot"' "$T/rb.json")
nlc=$(grep -c '"event":"lifecycle"' "$T/rb.json")
nag=$(grep -c '"event":"agent-lifecycle"' "$T/rb.json")
tap_diag "reboot: $nrb reboot, $nag agent-lifecycle, $nlc lifecycle event(s)"
[ "$back" = 1 ] && [ "$nrb" -ge 1 ] && [ "$nlc" -eq 0 ] && [ "$nag" -ge 1 ] && [ "$LRC" -eq 0 ]
res $? || tap_diag "exit $LRC" "$(cat "$T/rb.json" "$T/rb.err")"
bad=0
for s in "${samples[@]}"; do [ "$s" = running ] || bad=$((bad + 1)); done
[ "${#samples[@]}" -ge 3 ] && [ "$bad" -eq 0 ]
res $? || tap_diag "samples: ${samples[*]}"
it_virtsh wait "$DOM" --agent --timeout 120 >/dev/null 2>&1 &&
    it_virtsh agent "$DOM" guest-ping >/dev/null 2>&1
res $? || it_dump_serial "$DOM"

# ------------------------------------------------------------ host-initiated ACPI reboot
# libvirt reboots with ACPI by a "fake reboot": the guest powers off, QEMU
# stops instead of exiting, libvirt resets and resumes it.  It hides that
# shutdown and stop; virtsh must not show them as state changes either.
listen "$T/acpi.json" "$T/acpi.err" -o json event --domain "$DOM" --all --loop
wait_listening "$T/acpi.json" || tap_diag "the ACPI reboot listener did not see the probe"
t0=$EPOCHREALTIME
out=$(it_virtsh reboot "$DOM" --mode acpi 2>&1) || tap_diag "reboot --mode acpi: $out"
samples=() back=0
for _ in $(seq 1 600); do
    samples+=("$(it_virtsh domstate "$DOM" 2>&1)")
    if grep -q '"state":"disconnected"' "$T/acpi.json" && grep -q '"state":"connected"' "$T/acpi.json"; then
        back=1
        break
    fi
    sleep 0.2
done
stop_listener
tap_diag "acpi reboot: agent back after $(it__elapsed "$t0" "$EPOCHREALTIME") s, ${#samples[@]} domstate samples;" \
    "events: $(python3 -c 'import json,sys; print(", ".join(e["event"] + ("/" + e.get("type", e.get("state", "")) if e["event"] != "reboot" else "") for e in map(json.loads, open(sys.argv[1])) if e["event"] != "metadata-change"))' "$T/acpi.json")"
bad=0
for s in "${samples[@]}"; do [ "$s" = running ] || bad=$((bad + 1)); done
[ "$back" = 1 ] && [ "$bad" -eq 0 ] && ! grep -q '"event":"lifecycle"' "$T/acpi.json" && [ "$LRC" -eq 0 ]
res $? || tap_diag "exit $LRC; samples: ${samples[*]}" "$(cat "$T/acpi.json" "$T/acpi.err")"
it_virtsh wait "$DOM" --agent --timeout 120 >/dev/null 2>&1

# ------------------------------------------------------------ waiting
out=$(it_virtsh wait "$DOM" --state running --timeout 5 2>&1)
res $? || tap_diag "$out"

# the wait is under way before the shutdown is asked for
listen "$T/w.out" "$T/w.err" wait "$DOM" --state shutoff --timeout 120
sleep 1
t0=$EPOCHREALTIME
pending=0
kill -0 "$LPID" 2>/dev/null && pending=1
out=$(it_virtsh agent "$DOM" guest-shutdown 2>&1) || tap_diag "agent guest-shutdown: $out"
wait "$LJOB"
rc=$?
[ "$pending" = 1 ] && [ $rc -eq 0 ] && [ "$(it_domstate "$DOM")" = "shut off" ]
res $? || { tap_diag "pending=$pending exit $rc: $(cat "$T/w.out" "$T/w.err")"; it_dump_serial "$DOM"; }
tap_diag "wait --state shutoff returned $(it__elapsed "$t0" "$EPOCHREALTIME") s after the agent shutdown was sent"

out=$(it_virtsh wait "$DOM" --state running --timeout 2 2>&1)
rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "shut off"
res $? || tap_diag "exit $rc: $out"

# ------------------------------------------------------------ timeouts
t0=$EPOCHREALTIME
out=$(it_virtsh event --domain "$DOM" --timeout 2 2>&1)
rc=$?
[ $rc -eq 1 ] && [ "$out" = $'event loop timed out\nevents received: 0\nerror: no event within 2 seconds' ]
res $? || tap_diag "exit $rc: $out"
tap_diag "event --timeout 2 took $(it__elapsed "$t0" "$EPOCHREALTIME") s"

it_virtsh start "$DOM" >/dev/null 2>&1
listen "$T/lt.txt" "$T/lt.err" event --domain "$DOM" --event lifecycle --event metadata-change --loop --timeout 8
wait_listening "$T/lt.txt" || tap_diag "the --loop --timeout listener did not see the probe"
it_virtsh suspend "$DOM" >/dev/null 2>&1
it_virtsh resume "$DOM" >/dev/null 2>&1
wait "$LJOB"
rc=$?
[ $rc -eq 0 ] && grep -q "Suspended Paused" "$T/lt.txt" && grep -q "Resumed Unpaused" "$T/lt.txt" &&
    grep -qx "event loop timed out" "$T/lt.txt" && grep -Eq "^events received: [3-9][0-9]*$" "$T/lt.txt"
res $? || tap_diag "exit $rc" "$(cat "$T/lt.txt" "$T/lt.err")"

out=$(it_virtsh qemu-monitor-event "$DOM" --event STOP --timeout 2 2>&1)
rc=$?
[ $rc -eq 1 ] && [ "$out" = $'event loop timed out\nevents received: 0\nerror: no event within 2 seconds' ]
res $? || tap_diag "exit $rc: $out"

it_virtsh destroy "$DOM" >/dev/null 2>&1
o1=$(it_virtsh qmp-schema "$DOM" query-status 2>&1)
r1=$?
o2=$(it_virtsh qemu-monitor-command "$DOM" query-status 2>&1)
r2=$?
[ $r1 -eq 1 ] && [ $r2 -eq 1 ] && echo "$o1" | grep -q "^error: cannot run a monitor command on domain '$DOM': .*not running" &&
    [ "$(echo "$o1" | wc -l)" = 1 ] && [ "$(echo "$o2" | wc -l)" = 1 ]
res $? || tap_diag "$o1" "$o2"

tap_plan
