#!/bin/bash
# it-exclusive: system   (compares whole listings of the host objects with virsh)
# t-hostobj.sh - node devices, host interfaces, secrets and the host
# commands on the private system daemon (lib-system.sh): what the
# namespace shows (its lo, none of the host's interfaces), a secret's value
# from a file, a pipe and the prompt of the interactive shell - never from
# the command line, never in the history - and read back; the host
# commands against the real QEMU capabilities.  Text output is compared
# with the reference virsh's on the same daemon.
set -u
HERE=$(dirname "$(readlink -f "$0")")
# shellcheck source=tests/integration/lib.sh
source "$HERE/lib.sh"
# shellcheck source=tests/integration/lib-system.sh
source "$HERE/lib-system.sh"
# shellcheck source=tests/integration/lib-hostobj.sh
source "$HERE/lib-hostobj.sh"

SEC=7f7f7f7f-0000-4000-8000-000000000073 USAGE="client.th secret"

DESC=(
    "nodedev-list, --tree, --cap net and nodedev-info show the namespace's devices as virsh does; names complete"
    "iface-list --all shows the namespace's lo and none of the host's interfaces, as virsh"
    "secret-define, secret-list, secret-dumpxml print what virsh prints; the UUID completes"
    "a value from a file (base64) and from a pipe (--plain) is set; virsh reads it back"
    "a value on the command line is refused (exit 2), nothing is set, the log (-l) masks it"
    "secret-get-value: base64 and --plain as virsh; a secret by its usage ID"
    "interactive shell: the prompted value is set, the terminal refuses to show it without --plain, nothing in history"
    "secret-event --loop -o json sees value-changed and the undefine, as virsh's secret-event"
    "cpu-models, hypervisor-cpu-baseline, hypervisor-cpu-compare and cpu-baseline against QEMU: as virsh"
    "domcapabilities with its options as words, sysinfo, nodecpumap, maxvcpus: as virsh"
    "nodecpustats, nodememstats, freecell, freepages, node-memory-tune: virsh's lines, JSON numbers"
    "allocpages fails in one line on the namespace's read-only sysfs, as virsh; the host's pages unchanged"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
sys_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
sys_track secret "$SEC"

T=$IT_TMPDIR/hostobj-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"

# ------------------------------------------------------------ node devices, interfaces
ok=0
for args in "nodedev-list" "nodedev-list --tree" "nodedev-list --cap net" "nodedev-info computer" \
            "nodedev-dumpxml net_lo_00_00_00_00_00_00"; do
    # shellcheck disable=SC2086
    same $args || ok=1
done
tree=$(sys_virtsh nodedev-list --tree 2>&1)
bad=""
for l in $(ip -o link show | awk -F': ' '{ print $2 }' | sed 's/@.*//'); do
    [ "$l" = lo ] && continue
    echo "$tree" | grep -q "net_${l}_" && bad+=" $l"
done
cdev=$(sys_virtsh complete -- nodedev-dumpxml net_ 2>/dev/null | grep . | paste -sd'|')
[ $ok = 0 ] && echo "$tree" | grep -q '^  +- net_lo_00_00_00_00_00_00$' && [ -z "$bad" ] &&
    [ "$cdev" = net_lo_00_00_00_00_00_00 ] &&
    sys_virtsh -o json nodedev-list --cap net | grep -q '{"name":"net_lo_00_00_00_00_00_00","parent":"computer"}'
tap_result $? "${DESC[0]}" || tap_diag "host interfaces seen:$bad" "completion: $cdev" "$tree"

ifaces=$(sys_virtsh -o json iface-list --all 2>&1)
[ "$ifaces" = '[{"name":"lo","state":"inactive","mac":"00:00:00:00:00:00"}]' ] && same iface-list --all &&
    same iface-dumpxml lo && same iface-mac lo
tap_result $? "${DESC[1]}" || tap_diag "$ifaces"

# ------------------------------------------------------------ secrets
sxml=$(put secret.xml <<EOF
<secret ephemeral='no' private='no'>
  <uuid>$SEC</uuid>
  <description>t-hostobj</description>
  <usage type='ceph'>
    <name>$USAGE</name>
  </usage>
</secret>
EOF
)
out=$(sys_virtsh secret-define "$sxml" 2>&1)
csec=$(sys_virtsh complete -- secret-dumpxml 7f7f7f7f 2>/dev/null | grep . | paste -sd'|')
[ "$out" = "Secret $SEC created" ] && same secret-list && same secret-dumpxml "$SEC" && [ "$csec" = "$SEC" ] &&
    sys_virtsh -o json secret-list | grep -q "{\"uuid\":\"$SEC\",\"usage_type\":\"ceph\",\"usage_id\":\"$USAGE\"}"
tap_result $? "${DESC[2]}" || tap_diag "$out" "completion: $csec"

# values a test would never type, so a grep of any log finds only them
V1="th-file-$$-$RANDOM" V2="th-pipe-$$-$RANDOM" V3="th-argv-$$-$RANDOM" V4="th-prompt-$$-$RANDOM"
printf '%s' "$V1" | base64 | put v1.b64 >/dev/null
o1=$(sys_virtsh secret-set-value "$SEC" --file "$T/v1.b64" 2>&1)
g1=$(sys_virsh secret-get-value "$SEC" --plain 2>&1 | strip)
o2=$(printf '%s\n' "$V2" | sys_virtsh secret-set-value "$SEC" --plain 2>&1)
g2=$(sys_virsh secret-get-value "$SEC" --plain 2>&1 | strip)
[ "$o1" = "Secret value set" ] && [ "$g1" = "$V1" ] && [ "$o2" = "Secret value set" ] && [ "$g2" = "$V2" ]
tap_result $? "${DESC[3]}" || tap_diag "file: $o1 -> $g1" "pipe: $o2 -> $g2"

b3=$(printf '%s' "$V3" | base64)
o3=$(sys_virtsh -l "$T/v.log" secret-set-value "$SEC" --base64 "$b3" 2>&1)
r3=$?
o4=$(sys_virtsh secret-set-value "$SEC" "$T/v1.b64" "$b3" 2>&1)
r4=$?
g3=$(sys_virsh secret-get-value "$SEC" --plain 2>&1 | strip)
[ $r3 = 2 ] && [ $r4 = 2 ] && echo "$o3" | grep -q "^error: a secret value on the command line" &&
    [ "$(echo "$o3" | wc -l)" = 1 ] && [ "$g3" = "$V2" ] && grep -q "secret-set-value" "$T/v.log" &&
    ! grep -qF "$b3" "$T/v.log"
tap_result $? "${DESC[4]}" || tap_diag "$r3: $o3" "$r4: $o4" "value now: $g3"

same secret-get-value "$SEC" && same secret-get-value "$SEC" --plain &&
    [ "$(sys_virtsh secret-get-value "$USAGE" --plain 2>&1)" = "$V2" ] &&
    sys_virtsh -o json secret-get-value "$SEC" | grep -q "\"value_base64\":\"$(printf '%s' "$V2" | base64)\""
tap_result $? "${DESC[5]}"

# The interactive shell in tmux, as the test user.
HIST=$IT_TMPDIR/state/virtsh/history
rm -f "$HIST"
printf '%s' "$V4" > "$T/v4" && chmod 644 "$T/v4"
type_value() { it_tmux load-buffer "$T/v4" && it_tmux paste-buffer -d && it_tmux_keys Enter; }
repl=1 screen=""
if it_tmux_start "$VIRTSH -c '$SYS_URI'" && it_tmux_wait 'virtsh [#$]' 15; then
    it_tmux_type "secret-list" && it_tmux_wait "$SEC" 15 &&
        it_tmux_type "secret-set-value $SEC --interactive" && it_tmux_wait "New value for secret $SEC:" 15 &&
        type_value && it_tmux_wait "Retype the value:" 15 && type_value &&
        it_tmux_wait "^Secret value set" 15 &&
        it_tmux_type "secret-get-value $SEC" &&
        it_tmux_wait "error: not printing a secret value on a terminal" 15 &&
        it_tmux_type "secret-get-value $SEC --plain" && it_tmux_wait "^$V4\$" 15 && repl=0
    screen=$(it_tmux_screen)
    it_tmux_type "quit"
    for _ in $(seq 50); do [ -e "$HIST" ] && break; sleep 0.1; done
fi
it_tmux_stop
g4=$(sys_virsh secret-get-value "$SEC" --plain 2>&1 | strip)
[ $repl = 0 ] && [ "$g4" = "$V4" ] && [ -f "$HIST" ] && grep -q "^secret-list" "$HIST" &&
    ! grep -q "secret-set-value\|secret-get-value" "$HIST" && ! grep -qF "$V4" "$HIST" &&
    [ "$(echo "$screen" | grep -cF "$V4")" = 1 ]
tap_result $? "${DESC[6]}" || { tap_diag "value now: $g4" "history: $(tr '\n' '|' < "$HIST" 2>/dev/null)";
                                 echo "$screen" | tail -n 15 | tap_diag; }

( sys_virtsh -o json secret-event "$SEC" --loop --timeout 20 > "$T/ev.json" 2>&1 ) &
ev1=$!
( sys_virsh secret-event --secret "$SEC" --event value-changed --loop --timeout 20 > "$T/ev.virsh" 2>&1 ) &
ev2=$!
sleep 1.5
sys_virsh secret-set-value "$SEC" --file "$T/v1.b64" >/dev/null 2>&1
sys_virsh secret-undefine "$SEC" >/dev/null 2>&1
for _ in $(seq 100); do
    [ "$(grep -c '"event"' "$T/ev.json" 2>/dev/null)" -ge 2 ] && grep -q value-changed "$T/ev.virsh" && break
    sleep 0.1
done
kill "$ev1" "$ev2" 2>/dev/null
wait "$ev1" "$ev2" 2>/dev/null
python3 - "$T/ev.json" "$SEC" "$USAGE" <<'EOF' && grep -q "event 'value-changed' for secret $SEC" "$T/ev.virsh"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
got = [(e["event"], e.get("type")) for e in ev]
assert got[:2] == [("value-changed", None), ("lifecycle", "undefined")], got
assert all(e["uuid"] == sys.argv[2] and e["usage_id"] == sys.argv[3] for e in ev)
EOF
tap_result $? "${DESC[7]}" || tap_diag "virtsh: $(tr '\n' '|' < "$T/ev.json")" "virsh: $(tr '\n' '|' < "$T/ev.virsh")"

# ------------------------------------------------------------ host and CPU
sys_virsh capabilities 2>/dev/null | sed -n '/<host>/,/<\/host>/p' | sed -n '/<cpu>/,/<\/cpu>/p' | put hostcpu.xml >/dev/null
sys_virsh domcapabilities 2>/dev/null | put domcaps.xml >/dev/null
ok=0
for args in "cpu-models x86_64" "hypervisor-cpu-baseline --model qemu64" "hypervisor-cpu-baseline $T/domcaps.xml" \
            "hypervisor-cpu-compare $T/domcaps.xml" "hypervisor-cpu-compare $T/hostcpu.xml" \
            "cpu-baseline $T/hostcpu.xml" "cpu-baseline $T/hostcpu.xml --features --migratable" \
            "cpu-compare $T/hostcpu.xml"; do
    # shellcheck disable=SC2086
    same $args || ok=1
done
[ $ok = 0 ] && [ -s "$T/hostcpu.xml" ]
tap_result $? "${DESC[8]}"

ok=0
a=$(sys_virsh domcapabilities --virttype qemu 2>&1 | strip)
b=$(sys_virtsh domcapabilities qemu 2>&1)
[ -n "$a" ] && [ "$a" = "$b" ] || { ok=1; tap_diag "domcapabilities differs"; }
sys_virsh sysinfo >/dev/null 2>&1
r1=$?
sys_virtsh sysinfo >/dev/null 2>&1
[ $r1 = $? ] || { ok=1; tap_diag "sysinfo: virsh status $r1, virtsh another"; }
for args in "nodecpumap" "nodecpumap --pretty" "maxvcpus" "cpu-models x86_64"; do
    # shellcheck disable=SC2086
    same $args || ok=1
done
[ $ok = 0 ]
tap_result $? "${DESC[9]}"

# Counters that move between two runs: the same lines, numbers aside.
shape() { sed -E 's/[0-9]+(\.[0-9]+)?/N/g' | tr -s ' ' | strip; }
ok=0
for args in "nodecpustats" "nodecpustats --cpu 0" "nodememstats" "nodememstats --cell 0" "freecell" "freecell --all" \
            "nodecpustats --percent" "freepages --all" "node-memory-tune"; do
    # shellcheck disable=SC2086
    [ "$(sys_virsh $args 2>&1 | shape)" = "$(sys_virtsh $args 2>&1 | shape)" ] || { ok=1; tap_diag "differs: $args"; }
done
j1=$(sys_virtsh -o json nodememstats 2>&1)
j2=$(sys_virtsh -o json nodecpustats 2>&1)
[ $ok = 0 ] && echo "$j1" | grep -Eq '"total_kib":[0-9]+,"free_kib":[0-9]+' &&
    echo "$j2" | grep -Eq '"user_ns":[0-9]+,"system_ns":[0-9]+'
tap_result $? "${DESC[10]}" || tap_diag "$j1" "$j2"

hp=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
before=$(cat "$hp" 2>/dev/null)
o=$(sys_virtsh allocpages 2M $((${before:-0} + 1)) 2>&1)
r=$?
v=$(sys_virsh allocpages 2M $((${before:-0} + 1)) 2>&1)
[ $r = 1 ] && [ "$(echo "$o" | wc -l)" = 1 ] && echo "$o" | grep -qi 'read-only' && echo "$v" | grep -qi 'read-only' &&
    [ "$(cat "$hp" 2>/dev/null)" = "$before" ]
tap_result $? "${DESC[11]}" || tap_diag "rc $r: $o" "virsh: $v"

tap_plan
