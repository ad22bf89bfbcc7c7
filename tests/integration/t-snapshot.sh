#!/bin/bash
# t-snapshot.sh - snapshots, checkpoints and backups on the real stack: the
# test guest on a qcow2 disk, a marker file written and read back through
# its agent.  Internal snapshot with memory, external disk-only ones with
# and without --quiesce (reverted and deleted by virtsh where libvirt 9.0
# refuses), the tree in text and JSON, a push backup equal to the disk at
# its checkpoint (checksums computed in the guest), a pull backup read over
# NBD on a unix socket.  One guest for the whole script.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=tests/tools/faults.sh
source "$IT_SRCDIR/../tools/faults.sh"

DOM=snap-guest

DESC=(
    "internal snapshot with memory: created while the guest runs"
    "internal snapshot: revert brings the old marker back, the guest running"
    "external disk-only snapshot: created (no --quiesce)"
    "external snapshot: revert (libvirt 9.0 refuses; virtsh does it) gives the old marker, on a new overlay"
    "external disk-only snapshot with --quiesce: created, the guest's file systems frozen and thawed"
    "external snapshot: revert --running gives its marker"
    "--quiesce without an answering agent: refused before anything is made"
    "snapshot-list --tree draws the tree; JSON gives parent and children of each"
    "snapshot-list and snapshot-info: locations and states as libvirt has them"
    "delete an external snapshot over an internal one (libvirt 9.0 refuses): the chain shrinks, later data stays"
    "delete an external snapshot libvirt can delete itself: its own way, the data stays"
    "delete of a shut-off domain's external snapshot: started paused, merged, stopped again"
    "list --with-snapshot / --without-snapshot see the snapshots"
    "backup-begin push with a checkpoint: the backup equals the disk (checksums in the guest)"
    "checkpoint-list, checkpoint-info, checkpoint-dumpxml show the backup's checkpoint"
    "backup-begin pull: the disk read over NBD on a unix socket equals it; domjobabort ends it"
    "undefine --snapshots-metadata --checkpoints-metadata removes the domain"
    "checkpoint-edit killed after its redefine: an edit is done; a rename leaves both names, checkpoint-delete NEW --metadata takes it back"
    "external snapshot with memory: revert (libvirt 9.0 refuses; virtsh restores the memory) runs the guest on, its marker and uptime from the snapshot"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
it_guest_available || tap_skip_all "${IT_GUEST_SKIP:-no guest built}" "${DESC[@]}"

T=$IT_TMPDIR/snap-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"
DISKS=$IT_TMPDIR/disks
QCOW=$DISKS/$DOM.qcow2
qemu-img convert -f raw -O qcow2 "$(it_guest_disk "$DOM")" "$QCOW" && chown "$IT_UID:$IT_GID" "$QCOW"
XML=$(it_guest_xmlfile "$DOM" normal --disk "$QCOW" --disk-format qcow2)
it_at_exit "it_hvirsh destroy $DOM >/dev/null 2>&1; it_hvirsh undefine $DOM --snapshots-metadata --checkpoints-metadata --managed-save >/dev/null 2>&1"

# v ARG...: virtsh, its output in $out, its status returned.
v() {
    out=$(it_virtsh "$@" 2>&1)
}
# marker TEXT: write /data/marker in the guest and sync it to the disk.
marker() {
    it_guest_exec "$DOM" /bin/sh -c "echo $1 > /data/marker && sync"
}
# read_marker: the marker the guest sees, in $got.
read_marker() {
    got=""
    it_guest_exec "$DOM" /bin/cat /data/marker && got=$IT_EXEC_OUT
}
# top_and_chain: the disk's file and its chain length in the live XML.
chain_len() {
    it_hvirsh dumpxml "$DOM" | sed -n '/<disk /,/<\/disk>/p' | grep -c "<source file="
}
top_file() {
    it_hvirsh domblklist "$DOM" | awk '$1 == "vda" { print $2 }'
}
boot() {
    [ "$(it_domstate "$DOM")" = running ] || it_virtsh start "$DOM" >/dev/null 2>&1
    it_wait_agent "$DOM" 120
}

it_virtsh define "$XML" >/dev/null 2>&1 && boot
if [ $? != 0 ]; then
    it_dump_serial "$DOM"
    tap_skip_all "the guest did not boot" "${DESC[@]}"
fi

# ---------------------------------------------------------------- internal
marker one
v snapshot-create-as "$DOM" int1 "with memory"
tap_result $? "${DESC[0]}" || tap_diag "$out"
marker two
v snapshot-revert "$DOM" int1 && it_wait_agent "$DOM" 60 && read_marker &&
    [ "$got" = one ] && [ "$(it_domstate "$DOM")" = running ]
tap_result $? "${DESC[1]}" || tap_diag "$out" "marker: '$got'"

# ---------------------------------------------------------------- external
marker three
v snapshot-create-as "$DOM" ext1 --disk-only
ok=$?
[ $ok = 0 ] && [ "$(top_file)" = "$DISKS/$DOM.ext1" ]
tap_result $? "${DESC[2]}" || tap_diag "$out" "top: $(top_file)"
marker four
v snapshot-revert "$DOM" ext1
rc=$?
state=$(it_domstate "$DOM")
top=$(top_file)
boot && read_marker
[ $rc = 0 ] && [ "$state" = "shut off" ] && [ "$got" = three ] &&
    [ "$top" = "$DISKS/$DOM.qcow2.ext1-revert" ] && [ -f "$DISKS/$DOM.ext1" ] &&
    echo "$out" | grep -q "now on $DISKS/$DOM.qcow2.ext1-revert (a new overlay on $QCOW)"
tap_result $? "${DESC[3]}" || tap_diag "rc $rc, state '$state', top '$top', marker '$got'" "$out"

marker five
v snapshot-create-as "$DOM" ext2 --disk-only --quiesce
rc=$?
it_guest_exec "$DOM" /bin/sh -c "echo thawed > /data/thawcheck && sync"
[ $rc = 0 ] && [ "$IT_EXEC_RC" = 0 ]
tap_result $? "${DESC[4]}" || tap_diag "$out" "write after: rc '$IT_EXEC_RC' $IT_EXEC_ERR"
marker six
v snapshot-revert "$DOM" ext2 --running
rc=$?
it_wait_agent "$DOM" 120 && read_marker
[ $rc = 0 ] && [ "$got" = five ] && v snapshot-current "$DOM" --name && [ "$out" = ext2 ]
tap_result $? "${DESC[5]}" || tap_diag "rc $rc, marker '$got'" "$out"

it_virtsh suspend "$DOM" >/dev/null 2>&1
v snapshot-create-as "$DOM" noagent --disk-only --quiesce
rc=$?
msg=$out
it_virtsh resume "$DOM" >/dev/null 2>&1
[ $rc = 1 ] && echo "$msg" | grep -q "guest agent does not answer.*nothing was created" &&
    ! it_hvirsh snapshot-info "$DOM" noagent >/dev/null 2>&1 && [ ! -e "$DISKS/$DOM.noagent" ]
tap_result $? "${DESC[6]}" || tap_diag "rc $rc: $msg"

# ---------------------------------------------------------------- listings
v snapshot-list "$DOM" --tree
tree=$out
v -o json snapshot-list "$DOM"
json=$out
# (ext2 was taken after the revert to ext1: ext1, current then, is its parent)
python3 - "$json" <<'EOF' && [ "$tree" = "$(printf 'int1\n  |\n  +- ext1\n      |\n      +- ext2\n        ')" ]
import json, sys
rows = {r["name"]: r for r in json.loads(sys.argv[1])}
assert rows["int1"]["parent"] is None and rows["int1"]["children"] == ["ext1"], rows
assert rows["ext1"]["parent"] == "int1" and rows["ext1"]["children"] == ["ext2"], rows
assert rows["ext2"]["parent"] == "ext1" and rows["ext2"]["children"] == [], rows
assert rows["ext2"]["current"] and not rows["ext1"]["current"], rows
assert rows["int1"]["location"] == "internal" and rows["ext1"]["location"] == "external", rows
EOF
tap_result $? "${DESC[7]}" || tap_diag "$tree" "$json"

v snapshot-list "$DOM" --external --name
ext=$out
v snapshot-info "$DOM" ext1
[ "$ext" = "$(printf 'ext1\next2\n')" ] && echo "$out" | grep -q "^State: *disk-snapshot" &&
    echo "$out" | grep -q "^Location: *external"
tap_result $? "${DESC[8]}" || tap_diag "$ext" "$out"

# ---------------------------------------------------------------- delete
# int2 goes into the current top image; ext3 over it has an internal parent.
v snapshot-create-as "$DOM" int2 && v snapshot-create-as "$DOM" ext3 --disk-only
made=$?
before=$(chain_len)
marker seven
v snapshot-delete "$DOM" ext3
rc=$?
after=$(chain_len)
read_marker
[ $made = 0 ] && [ $rc = 0 ] && [ "$after" = $((before - 1)) ] && [ "$got" = seven ] &&
    ! it_hvirsh snapshot-info "$DOM" ext3 >/dev/null 2>&1 && [ ! -e "$DISKS/$DOM.ext3" ]
tap_result $? "${DESC[9]}" || tap_diag "rc $rc, chain $before -> $after, marker '$got'" "$out"

v snapshot-create-as "$DOM" ext4 --disk-only && v snapshot-create-as "$DOM" ext5 --disk-only
made=$?
marker eight
before=$(chain_len)
v snapshot-delete "$DOM" ext5
rc=$?
after=$(chain_len)
read_marker
[ $made = 0 ] && [ $rc = 0 ] && [ "$after" = $((before - 1)) ] && [ "$got" = eight ]
tap_result $? "${DESC[10]}" || tap_diag "rc $rc, chain $before -> $after, marker '$got'" "$out"

it_virtsh shutdown "$DOM" --mode agent >/dev/null 2>&1
it_wait_state "$DOM" 60 "shut off" || it_virtsh destroy "$DOM" >/dev/null 2>&1
v snapshot-create-as "$DOM" int3 && v snapshot-create-as "$DOM" ext6 --disk-only
made=$?
v snapshot-delete "$DOM" ext6
rc=$?
state=$(it_domstate "$DOM")
inactive_top=$(it_hvirsh domblklist "$DOM" --inactive | awk '$1 == "vda" { print $2 }')
boot && read_marker
[ $made = 0 ] && [ $rc = 0 ] && [ "$state" = "shut off" ] &&
    [ "$inactive_top" != "$DISKS/$DOM.ext6" ] && [ "$got" = eight ]
tap_result $? "${DESC[11]}" || tap_diag "rc $rc, state '$state', top '$inactive_top', marker '$got'" "$out"

if it_virtsh list --help 2>/dev/null | grep -q -- --with-snapshot; then
    v list --all --name --with-snapshot
    with=$out
    v list --all --name --without-snapshot
    echo "$with" | grep -qx "$DOM" && ! echo "$out" | grep -qx "$DOM"
    tap_result $? "${DESC[12]}" || tap_diag "with: $with" "without: $out"
else
    tap_skip "${DESC[12]}" "this build's list has no --with-snapshot yet (issue 15)"
fi

# ---------------------------------------------------------------- backups
# /data read-only while the checksums are taken: the disk does not change.
gsum() {
    gsum_out=""
    it_guest_exec "$DOM" /bin/sh -c "md5sum /dev/vda | cut -d' ' -f1" && gsum_out=$IT_EXEC_OUT
}
it_guest_exec "$DOM" /bin/mount -o remount,ro /data
cat > "$T/backup.xml" <<EOF
<domainbackup>
  <disks>
    <disk name='vda' type='file'>
      <target file='$T/backup.raw'/>
      <driver type='raw'/>
    </disk>
  </disks>
</domainbackup>
EOF
cat > "$T/checkpoint.xml" <<EOF
<domaincheckpoint>
  <name>cp1</name>
  <description>with the push backup</description>
</domaincheckpoint>
EOF
chown "$IT_UID:$IT_GID" "$T"/*.xml
gsum
guest=$gsum_out
v backup-begin "$DOM" "$T/backup.xml" "$T/checkpoint.xml" --wait
rc=$?
host=$(md5sum "$T/backup.raw" 2>/dev/null | cut -d' ' -f1)
[ $rc = 0 ] && [ -n "$guest" ] && [ "$guest" = "$host" ] &&
    echo "$out" | grep -q "^Backup of domain '$DOM' completed"
tap_result $? "${DESC[13]}" || tap_diag "rc $rc, guest '$guest', backup '$host'" "$out"

v checkpoint-list "$DOM" --name
names=$out
v checkpoint-info "$DOM" cp1
info=$out
v checkpoint-dumpxml "$DOM" cp1 --no-domain --xpath "string(//disk[@name='vda']/@checkpoint)"
[ "$names" = "$(printf 'cp1\n')" ] && echo "$info" | grep -q "^Parent: *-" && [ "$out" = bitmap ]
tap_result $? "${DESC[14]}" || tap_diag "$names" "$info" "$out"

sock=$T/nbd.sock
cat > "$T/pull.xml" <<EOF
<domainbackup mode='pull'>
  <server transport='unix' socket='$sock'/>
  <disks>
    <disk name='vda' type='file'>
      <scratch file='$T/scratch.qcow2'/>
    </disk>
  </disks>
</domainbackup>
EOF
chown "$IT_UID:$IT_GID" "$T/pull.xml"
v backup-begin "$DOM" "$T/pull.xml"
rc=$?
pulled=""
if [ $rc = 0 ]; then
    it_run qemu-img convert -f raw -O raw "nbd+unix:///vda?socket=$sock" "$T/pulled.raw" >/dev/null 2>&1 &&
        pulled=$(md5sum "$T/pulled.raw" | cut -d' ' -f1)
    v backup-dumpxml "$DOM" --xpath "string(/domainbackup/@mode)"
    mode=$out
    v domjobabort "$DOM"
    abort=$?
fi
it_guest_exec "$DOM" /bin/mount -o remount,rw /data
[ $rc = 0 ] && [ "$pulled" = "$guest" ] && [ "$mode" = pull ] && [ "${abort:-1}" = 0 ] &&
    [ "$(it_hvirsh domjobinfo "$DOM" | sed -n 's/^Job type: *//p' | tr -d ' ')" = None ]
tap_result $? "${DESC[15]}" || tap_diag "rc $rc, pulled '$pulled', guest '$guest', mode '${mode:-}'" "$out"

# ---------------------------------------------------------------- checkpoint-edit cut short
# (issue 14; the man page's WHEN A COMMAND IS CUT SHORT) An edit is one
# redefine; a rename is a redefine under the new name taken back at once.
# Killed right after the redefine (the fault preload), an edit is done, a
# rename leaves both names, which the documented continuation mends.
if fault_available; then
    cat > "$T/cp-ed.sh" <<'EOS'
#!/bin/sh
sed -i "$CP_SED" "$1"
EOS
    chmod 755 "$T/cp-ed.sh"
    cpedit() {   # cpedit SED: checkpoint-edit cp1 killed after its redefine
        local IT_ENV=("${IT_ENV[@]}" "EDITOR=$T/cp-ed.sh" "CP_SED=$1")
        fault_kill_after virDomainCheckpointCreateXML "$VIRTSH" -c "$IT_URI" \
            checkpoint-edit "$DOM" cp1 >/dev/null 2>&1
    }
    cpedit 's|<description>.*</description>|<description>edited, then killed</description>|'
    k1=$?
    v checkpoint-dumpxml "$DOM" cp1 --xpath 'string(//description)'
    desc=$out
    cpedit 's|<name>cp1</name>|<name>cp2</name>|'
    k2=$?
    v checkpoint-list "$DOM" --name
    both=$out
    v checkpoint-delete "$DOM" cp2 --metadata
    cont=$?
    v checkpoint-list "$DOM" --name
    [ $k1 = 0 ] && [ "$desc" = "edited, then killed" ] && [ $k2 = 0 ] &&
        [ "$(sort <<<"$both")" = "$(printf 'cp1\ncp2')" ] && [ $cont = 0 ] && [ "$out" = cp1 ]
    tap_result $? "${DESC[17]}" ||
        tap_diag "kills $k1 $k2 (status $FAULT_STATUS), description '$desc', after the rename: $both" "now: $out"
else
    tap_skip "${DESC[17]}" "$FAULT_SKIP_REASON"
fi

# ---------------------------------------------------------------- external, with memory
# Taken while the guest runs (memory to a file, the disk to an overlay);
# reverted by virtsh: a new overlay on the snapshot's image, the config
# defined, and the domain restored from the memory file: running at once,
# with the marker and the uptime of the moment of the snapshot.
uptime_s() {   # whole seconds since the guest booted
    it_guest_exec "$DOM" /bin/cat /proc/uptime && echo "${IT_EXEC_OUT%%.*}"
}
marker seven
up_then=$(uptime_s)
v snapshot-create-as "$DOM" extmem --memspec "file=$T/extmem.mem,snapshot=external" \
    --diskspec "vda,snapshot=external,file=$DISKS/$DOM.extmem"
created=$?
created_out=$out
sleep 3
marker eight
v snapshot-revert "$DOM" extmem
rc=$?
revert_out=$out
state=$(it_domstate "$DOM")
got=""
it_wait_agent "$DOM" 60 && read_marker
up_now=$(uptime_s)
# (the domain has the backup's checkpoint: libvirt 9.0 will not mark the
# snapshot current, a warning; the revert goes on)
[ $created = 0 ] && [ $rc = 0 ] && [ "$state" = running ] && [ "$got" = seven ] &&
    [ -n "$up_then" ] && [ -n "$up_now" ] && [ "$up_now" -lt $((up_then + 3)) ] &&
    [[ "$(top_file)" == *.extmem-revert* ]] && [ -f "$T/extmem.mem" ]
tap_result $? "${DESC[18]}" ||
    tap_diag "created $created, revert $rc, state '$state', marker '$got', uptime $up_then then $up_now s, top $(top_file)" \
        "$created_out" "$revert_out"

# ---------------------------------------------------------------- undefine
it_virtsh destroy "$DOM" >/dev/null 2>&1
if it_virtsh undefine --help 2>/dev/null | grep -q -- --checkpoints-metadata; then
    v undefine "$DOM" --snapshots-metadata --checkpoints-metadata
    [ $? = 0 ] && [ "$(it_domstate "$DOM")" = gone ]
    tap_result $? "${DESC[16]}" || tap_diag "$out"
else
    tap_skip "${DESC[16]}" "this build's undefine has no --checkpoints-metadata yet (issue 15)"
fi

tap_plan
