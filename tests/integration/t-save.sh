#!/bin/bash
# t-save.sh - a domain's state saved and brought back, on the real stack:
# save/restore and managedsave/start keep the guest's uptime and a running
# process's counter going; Ctrl-C during a save aborts the job and leaves
# the domain running; domjobinfo prints what virsh prints; list sees the
# managed save image; save-image-* and managedsave-* read and change the
# saved XML; dump --memory-only.  One guest for the whole script.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

DOM=save-guest

DESC=(
    "save: the domain stops, the file holds its state"
    "restore: the guest's uptime and its counter process go on"
    "save-image-dumpxml / save-image-define / save-image-edit on the saved file"
    "managedsave, then start: uptime and counter go on"
    "list --with-managed-save / --without-managed-save see the image"
    "managedsave-dumpxml, managedsave-define, managedsave-edit, managedsave-remove"
    "Ctrl-C during a save: the job is aborted, the domain runs on, the counter too"
    "dump --memory-only writes the core; domjobinfo --completed prints what virsh prints"
    "domjobinfo while a save runs: virsh's lines, JSON figures with units"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
it_guest_available || tap_skip_all "${IT_GUEST_SKIP:-no guest built}" "${DESC[@]}"

T=$IT_TMPDIR/save-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"
XML=$(it_guest_xmlfile "$DOM" normal)
it_at_exit "it_hvirsh destroy $DOM >/dev/null 2>&1; it_hvirsh undefine $DOM --managed-save >/dev/null 2>&1"

v() {
    out=$(it_virtsh "$@" 2>&1)
}
# The guest's uptime (whole seconds) and counter, in $up and $count.
probe() {
    up="" count=""
    it_guest_exec "$DOM" /bin/sh -c 'cut -d. -f1 /proc/uptime; cat /run/counter' || return 1
    up=$(echo "$IT_EXEC_OUT" | sed -n 1p)
    count=$(echo "$IT_EXEC_OUT" | sed -n 2p)
    [ -n "$up" ] && [ -n "$count" ]
}
# It went on: uptime and counter not below what they were (a reboot or a
# new process would start them again from 0).
went_on() {
    local up0=$up count0=$count
    sleep 1
    probe && [ "$up" -ge "$up0" ] && [ "$count" -gt "$count0" ]
}

if ! { it_virtsh define "$XML" && it_virtsh start "$DOM" && it_wait_agent "$DOM" 120; } >/dev/null 2>&1; then
    it_dump_serial "$DOM"
    tap_skip_all "the guest did not boot" "${DESC[@]}"
fi
# A process counting five times a second, started through the agent.
it_guest_exec "$DOM" /bin/sh -c \
    'i=0; (while :; do i=$((i+1)); echo $i > /run/counter; sleep 0.2; done) >/dev/null 2>&1 & sleep 1'
sleep 2
probe

# ---------------------------------------------------------------- save/restore
v save "$DOM" "$T/guest.sav"
rc=$?
[ $rc = 0 ] && [ "$(it_domstate "$DOM")" = "shut off" ] && [ -s "$T/guest.sav" ] &&
    [ "$out" = "Domain '$DOM' saved to $T/guest.sav" ]
tap_result $? "${DESC[0]}" || tap_diag "$out"
v restore "$T/guest.sav"
rc=$?
it_wait_agent "$DOM" 60
[ $rc = 0 ] && [ "$out" = "Domain restored from $T/guest.sav" ] && went_on
tap_result $? "${DESC[1]}" || tap_diag "rc $rc: $out; uptime $up, count $count"

v save "$DOM" "$T/guest2.sav" --paused
v save-image-dumpxml "$T/guest2.sav" --xpath "string(/domain/on_crash)"
before=$out
it_hvirsh save-image-dumpxml "$T/guest2.sav" | sed 's|<on_crash>destroy<|<on_crash>restart<|' >"$T/edited.xml"
chown "$IT_UID:$IT_GID" "$T/edited.xml"
v save-image-define "$T/guest2.sav" "$T/edited.xml" --running
defined=$?
v save-image-dumpxml "$T/guest2.sav" --xpath "string(/domain/on_crash)"
after=$out
printf '#!/bin/sh\nsed -i "s|<on_crash>restart<|<on_crash>destroy<|" "$1"\n' >"$T/ed.sh"
chmod 755 "$T/ed.sh"
edited=$(it_run env EDITOR="$T/ed.sh" "$VIRTSH" -c "$IT_URI" save-image-edit "$T/guest2.sav" 2>&1)
v save-image-dumpxml "$T/guest2.sav" --xpath "string(/domain/on_crash)"
[ "$before" = destroy ] && [ $defined = 0 ] && [ "$after" = restart ] && [ "$out" = destroy ] &&
    [ "$edited" = "State file $T/guest2.sav edited." ]
tap_result $? "${DESC[2]}" || tap_diag "$before/$after/$out: $edited"
v restore "$T/guest2.sav"
it_wait_agent "$DOM" 60
probe

# ---------------------------------------------------------------- managedsave
v managedsave "$DOM"
rc=$?
msg=$out
has=$(it_hvirsh dominfo "$DOM" | sed -n 's/^Managed save: *//p')
v start "$DOM"
it_wait_agent "$DOM" 60
[ $rc = 0 ] && [ "$msg" = "Domain '$DOM' state saved by libvirt" ] && [ "$has" = yes ] && went_on
tap_result $? "${DESC[3]}" || tap_diag "rc $rc: $msg; managed save '$has'; uptime $up, count $count"

v managedsave "$DOM"
if it_virtsh list --help 2>/dev/null | grep -q -- --with-managed-save; then
    v list --all --name --with-managed-save
    with=$out
    v list --all --name --without-managed-save
    echo "$with" | grep -qx "$DOM" && ! echo "$out" | grep -qx "$DOM"
    tap_result $? "${DESC[4]}" || tap_diag "with: $with" "without: $out"
else
    tap_skip "${DESC[4]}" "this build's list has no --with-managed-save yet (issue 15)"
fi
v managedsave-dumpxml "$DOM" --xpath "string(/domain/name)"
name=$out
it_hvirsh managedsave-dumpxml "$DOM" | sed 's|<on_crash>destroy<|<on_crash>restart<|' >"$T/ms.xml"
chown "$IT_UID:$IT_GID" "$T/ms.xml"
v managedsave-define "$DOM" "$T/ms.xml"
defined=$out
v managedsave-dumpxml "$DOM" --xpath "string(/domain/on_crash)"
after=$out
edited=$(it_run env EDITOR="$T/ed.sh" "$VIRTSH" -c "$IT_URI" managedsave-edit "$DOM" 2>&1)
v managedsave-remove "$DOM"
removed=$out
[ "$name" = "$DOM" ] && [ "$defined" = "Managed save state file of domain '$DOM' updated." ] &&
    [ "$after" = restart ] &&
    [ "$edited" = "Managed save image of Domain '$DOM' XML configuration edited." ] &&
    [ "$removed" = "Removed managedsave image for domain '$DOM'" ] &&
    [ "$(it_hvirsh dominfo "$DOM" | sed -n 's/^Managed save: *//p')" = no ]
tap_result $? "${DESC[5]}" || tap_diag "$name" "$defined" "$after" "$edited" "$removed"
v start "$DOM"
it_wait_agent "$DOM" 120
it_guest_exec "$DOM" /bin/sh -c \
    'i=0; (while :; do i=$((i+1)); echo $i > /run/counter; sleep 0.2; done) >/dev/null 2>&1 & sleep 1'
sleep 1
probe

# ---------------------------------------------------------------- Ctrl-C
# The save goes into a FIFO read 64 KiB every 50 ms: it runs for minutes.
fifo=$T/slow.fifo
it_run mkfifo "$fifo"
it_run python3 -c "
import sys, time
with open('$fifo', 'rb') as f:
    while f.read(65536):
        time.sleep(0.05)
" &
reader=$!
it_virtsh save "$DOM" "$fifo" >"$T/int.out" 2>&1 &
saver=$!
job=""
for ((i = 0; i < 100; i++)); do
    job=$(it_hvirsh domjobinfo "$DOM" 2>/dev/null | sed -n 's/^Operation: *//p' | tr -d ' ')
    [ "$job" = Save ] && break
    sleep 0.1
done
jobtext=$(it_hvirsh domjobinfo "$DOM" 2>&1)
v domjobinfo "$DOM"
ourtext=$out
v -o json domjobinfo "$DOM"
ourjson=$out
pid=$(it_virtsh_pid_below "$saver")
[ -n "$pid" ] && kill -INT "$pid"
wait "$saver"
rc=$?
wait "$reader" 2>/dev/null
state=$(it_domstate "$DOM")
[ "$job" = Save ] && { [ $rc = 130 ] || [ $rc = 1 ]; } && [ "$state" = running ] &&
    grep -q "save of domain '$DOM' stopped by Ctrl-C: it runs on and nothing was saved" "$T/int.out" &&
    went_on
tap_result $? "${DESC[6]}" || tap_diag "job '$job', rc $rc, state $state, count $count" "$(cat "$T/int.out")"

# ---------------------------------------------------------------- domjobinfo
# (libvirt 9.0 keeps no statistics of a dump: the completed job is the last
# save that finished, the managedsave above)
v dump "$DOM" "$T/mem.elf" --memory-only
dumped=$?
ref=$(it_hvirsh domjobinfo "$DOM" --completed --keep-completed 2>&1)
v domjobinfo "$DOM" --completed
[ $dumped = 0 ] && [ "$(head -c 4 "$T/mem.elf" | tail -c 3)" = ELF ] && [ "$out" = "$ref" ] &&
    echo "$out" | grep -q "^Job type: *Completed"
tap_result $? "${DESC[7]}" || tap_diag "virsh:" "$ref" "virtsh:" "$out"

# Labels and layout of the lines, the figures aside (they moved meanwhile;
# a figure is padded to a width, so the blanks after it go with it).
shape() { sed -E 's/[0-9]+(\.[0-9]+)? */N /g; /^$/d'; }
python3 - "$ourjson" <<'EOF' && [ "$(echo "$ourtext" | shape)" = "$(echo "$jobtext" | shape)" ]
import json, sys
j = json.loads(sys.argv[1])
assert j["type"] == "unbounded" and j["operation"] == "save", j
assert j["memory_total_bytes"] > 0 and j["time_elapsed_ms"] >= 0, j
assert j["raw"] is None, j
EOF
tap_result $? "${DESC[8]}" || tap_diag "virsh:" "$jobtext" "virtsh:" "$ourtext" "$ourjson"

tap_plan
