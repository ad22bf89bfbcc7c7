#!/bin/bash
# t-devices.sh - a running guest's devices on the real stack (session
# daemon, TCG guest with qemu-ga): disk hotplug seen and written in the
# guest, detach waiting for the guest (and failing when it cannot answer),
# CD-ROM media, a pool volume made by attach-disk, blockcopy --pivot while
# the guest writes (checksums), blockcommit of virsh's external snapshot,
# blockresize, blockjob and Ctrl-C, send-key (sysrq on the console),
# screenshot (a valid PNG), domdisplay, the agent's host name and SSH keys.
#
# The guest gets, beyond guest-xml.sh's, an empty IDE CD-ROM, a VGA card
# and a VNC display on a unix socket (added here, not in guest-xml.sh).
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

DOM=dv-guest
POOL=t-devices-pool

DESC=(
    "attach-disk: a virtio disk hotplugged into the running guest shows in the guest"
    "the guest writes the hotplugged disk and reads it back"
    "detach-disk waits for the guest: the disk is gone from the guest and from domblklist"
    "detach-disk of a paused guest fails after --timeout saying the guest did not release it"
    "the pending detach completes once the guest runs again"
    "change-media: inserted media shows in QEMU, update changes it, eject empties the drive"
    "attach-disk --pool --size creates the volume and attaches it; the guest sees it"
    "attach-disk --pool --size whose attach fails deletes the volume it created"
    "blockcopy --wait --pivot while the guest writes: the guest's checksum equals the copy's"
    "blockcommit --active --pivot of virsh's snapshot-create-as --disk-only: the write reached the base"
    "blockresize: the guest sees the new size"
    "blockjob shows a throttled copy's progress; Ctrl-C in blockcopy --wait aborts the job"
    "send-key KEY_LEFTALT KEY_SYSRQ KEY_H reaches the guest (sysrq help on its console)"
    "screenshot writes a valid PNG of the guest's screen"
    "domdisplay shows the VNC socket; ttyconsole says there is no pty console"
    "domhostname --source agent and the agent's SSH keys (set from a file, get one a line)"
)
skip_all() { tap_skip_all "$1" "${DESC[@]}"; }
it_setup || skip_all "$IT_SKIP_REASON"
it_guest_available || skip_all "${IT_GUEST_SKIP:-no guest built}"

T=$IT_TMPDIR/devices-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"
mkfile() {   # mkfile PATH MIB [urandom]: a raw image the test user owns
    dd if=/dev/"${3:-zero}" of="$1" bs=1M count="$2" status=none && chown "$IT_UID:$IT_GID" "$1"
}
cleanup_pool() {
    it_hvirsh pool-destroy "$POOL" >/dev/null 2>&1
}
it_at_exit cleanup_pool

# ------------------------------------------------------------ the guest
XML=$(it_guest_xmlfile "$DOM" normal)
sed -i "s|<memballoon model='none'/>|<memballoon model='none'/>\n    <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>\n    <graphics type='vnc' socket='$T/vnc.sock'/>\n    <video><model type='vga'/></video>|" "$XML"
out=$(it_virtsh define "$XML" 2>&1 && it_virtsh start "$DOM" 2>&1)
if [ $? != 0 ] || ! it_wait_agent "$DOM" 90; then
    tap_diag "$out"
    it_dump_serial "$DOM"
    skip_all "the guest did not come up"
fi
tap_diag "guest agent after ${IT_AGENT_SECS} s"

# gsh CMD: a shell command in the guest; its output in IT_EXEC_OUT.
gsh() { it_guest_exec "$DOM" /bin/sh -c "$1"; }
# The guest names its virtio disks in the order it finds them, whatever
# their target: a disk is found by the serial number it was attached with.
gdev() { echo "\"\$(grep -l '^$1\$' /sys/block/vd*/serial 2>/dev/null | cut -d/ -f4)\""; }
# gwait SECONDS CMD: until CMD succeeds in the guest.
gwait() {
    local end=$((SECONDS + $1))
    until gsh "$2"; do
        [ $SECONDS -ge $end ] && return 1
        sleep 0.5
    done
}

# ------------------------------------------------------------ hotplug
mkfile "$T/hot.img" 16
out=$(it_virtsh attach-disk "$DOM" "$T/hot.img" vdb --targetbus virtio --serial hot 2>&1) &&
    gwait 20 "test -n $(gdev hot)"
tap_result $? "${DESC[0]}" || tap_diag "$out" "$(it_agent "$DOM" '{"execute":"guest-get-disks"}' 2>&1)"

gsh "d=/dev/$(gdev hot | tr -d '\"'); echo virtsh-hotplug-$$ > /tmp/w && dd if=/tmp/w of=\$d conv=notrunc 2>/dev/null && sync && echo 3 > /proc/sys/vm/drop_caches && head -n 1 \$d" &&
    [ "$IT_EXEC_OUT" = "virtsh-hotplug-$$" ] && grep -q "virtsh-hotplug-$$" "$T/hot.img"
tap_result $? "${DESC[1]}" || tap_diag "guest read '$IT_EXEC_OUT'"

out=$(it_virtsh detach-disk "$DOM" vdb 2>&1) &&
    ! it_virtsh domblklist "$DOM" | grep -q vdb && gsh "test -z $(gdev hot)"
tap_result $? "${DESC[2]}" || tap_diag "$out" "$(it_virtsh domblklist "$DOM" 2>&1)"

# A paused guest cannot answer the unplug request: the detach fails after
# the timeout, and the request stays pending until the guest runs.
it_virtsh attach-disk "$DOM" "$T/hot.img" vdb --targetbus virtio --serial hot >/dev/null 2>&1
gwait 20 "test -n $(gdev hot)"
it_virtsh suspend "$DOM" >/dev/null 2>&1
t0=$SECONDS
out=$(it_virtsh detach-disk "$DOM" vdb --timeout 3 2>&1)
rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "did not release disk 'vdb' within 3 s" && [ $((SECONDS - t0)) -lt 20 ]
tap_result $? "${DESC[3]}" || tap_diag "exit $rc after $((SECONDS - t0)) s: $out"
it_virtsh resume "$DOM" >/dev/null 2>&1
end=$((SECONDS + 30))
while it_virtsh domblklist "$DOM" 2>/dev/null | grep -q vdb && [ $SECONDS -lt $end ]; do sleep 0.5; done
! it_virtsh domblklist "$DOM" | grep -q vdb && gwait 10 "test -z $(gdev hot)"
tap_result $? "${DESC[4]}" || tap_diag "$(it_virtsh domblklist "$DOM" 2>&1)"

# ------------------------------------------------------------ media
mkfile "$T/cd1.iso" 1
mkfile "$T/cd2.iso" 1
blockinfo() { it_virtsh qemu-monitor-command "$DOM" --hmp 'info block' 2>&1 | grep -B1 'Attached to: *ide0-1-0'; }
out=$(it_virtsh change-media "$DOM" hdc "$T/cd1.iso" --insert 2>&1) &&
    blockinfo | grep -q "cd1.iso" &&
    out+=$(it_virtsh change-media "$DOM" hdc "$T/cd2.iso" --update 2>&1) &&
    blockinfo | grep -q "cd2.iso" &&
    out+=$(it_virtsh change-media "$DOM" hdc --eject 2>&1) &&
    ! blockinfo | grep -q "cd[12].iso" && echo "$out" | grep -q "Successfully ejected media."
tap_result $? "${DESC[5]}" || tap_diag "$out" "$(blockinfo)"

# ------------------------------------------------------------ a pool volume
mkdir -p "$T/pool" && chown "$IT_UID:$IT_GID" "$T/pool"
it_hvirsh pool-create-as "$POOL" dir --target "$T/pool" >/dev/null 2>&1
out=$(it_virtsh attach-disk "$DOM" vdd --pool "$POOL" --size 8M --targetbus virtio --serial pooled 2>&1) &&
    [ -f "$T/pool/$DOM-vdd.qcow2" ] && it_virtsh domblklist "$DOM" | grep -q "vdd *$POOL/$DOM-vdd.qcow2" &&
    gwait 20 "test -n $(gdev pooled)" && echo "$out" | grep -q "Volume '$DOM-vdd.qcow2' created"
tap_result $? "${DESC[6]}" || tap_diag "$out" "$(ls "$T/pool")"

out=$(it_virtsh attach-disk "$DOM" vde --pool "$POOL" --size 8M --targetbus bogus 2>&1)
rc=$?
[ $rc = 1 ] && [ ! -e "$T/pool/$DOM-vde.qcow2" ] && echo "$out" | grep -q "was deleted again" &&
    ! it_hvirsh vol-list "$POOL" | grep -q vde
tap_result $? "${DESC[7]}" || tap_diag "exit $rc: $out" "$(ls "$T/pool")"

# ------------------------------------------------------------ blockcopy while the guest writes
mkfile "$T/data.img" 32 urandom
it_virtsh detach-disk "$DOM" vdd >/dev/null 2>&1
it_virtsh attach-disk "$DOM" "$T/data.img" vdc --targetbus virtio --persistent --serial data >/dev/null 2>&1
gwait 20 "test -n $(gdev data)"
gsh "echo $(gdev data)"
DATA=/dev/$IT_EXEC_OUT
# The writer: 64 random 64 KiB blocks at spread offsets, then a marker file.
it_agent "$DOM" '{"execute":"guest-exec","arguments":{"path":"/bin/sh","arg":["-c","rm -f /tmp/w.done; i=0; while [ $i -lt 64 ]; do dd if=/dev/urandom of='"$DATA"' bs=64k count=1 seek=$((i * 7 % 512)) conv=notrunc 2>/dev/null; i=$((i + 1)); sleep 0.05; done; sync; touch /tmp/w.done"]}}' >/dev/null
out=$(it_virtsh blockcopy "$DOM" vdc "$T/copy.img" --wait --pivot --transient-job --bandwidth 8 2>&1)
rc=$?
gwait 60 "test -e /tmp/w.done" && gsh "sync; echo 3 > /proc/sys/vm/drop_caches; md5sum $DATA"
guest_sum=${IT_EXEC_OUT%% *}
host_sum=$(md5sum < "$T/copy.img" | cut -d' ' -f1)
[ $rc = 0 ] && echo "$out" | grep -q "Successfully pivoted" && [ -n "$guest_sum" ] &&
    [ "$guest_sum" = "$host_sum" ] && it_virtsh domblklist "$DOM" | grep -q "vdc *$T/copy.img" &&
    it_virtsh domblklist "$DOM" --inactive | grep -q "vdc *$T/copy.img"
tap_result $? "${DESC[8]}" || tap_diag "exit $rc: $out" "guest $guest_sum, copy $host_sum"

# ------------------------------------------------------------ blockcommit of an external snapshot
out=$(it_hvirsh snapshot-create-as "$DOM" t-dev-snap --disk-only --no-metadata \
      --diskspec vdc,file="$T/overlay.qcow2" --diskspec vda,snapshot=no 2>&1) &&
    it_virtsh domblklist "$DOM" | grep -q "vdc *$T/overlay.qcow2" &&
    gsh "printf virtsh-commit-$$ | dd of=$DATA bs=512 seek=1 conv=notrunc 2>/dev/null; sync" &&
    ! grep -q "virtsh-commit-$$" "$T/copy.img" &&
    out+=$(it_virtsh blockcommit "$DOM" vdc --active --pivot 2>&1) &&
    echo "$out" | grep -q "Successfully pivoted" && grep -q "virtsh-commit-$$" "$T/copy.img" &&
    it_virtsh domblklist "$DOM" | grep -q "vdc *$T/copy.img" &&
    ! it_virtsh dumpxml "$DOM" | grep -q overlay.qcow2
tap_result $? "${DESC[9]}" || tap_diag "$out" "$(it_virtsh domblklist "$DOM" 2>&1)"

# ------------------------------------------------------------ blockresize
out=$(it_virtsh blockresize "$DOM" vdc 48M 2>&1) &&
    gwait 10 "test \$(cat /sys/block/${DATA#/dev/}/size) = 98304"
tap_result $? "${DESC[10]}" || tap_diag "$out" "$DATA: $(gsh "cat /sys/block/${DATA#/dev/}/size"; echo "$IT_EXEC_OUT")"

# ------------------------------------------------------------ blockjob and Ctrl-C
it_run "$VIRTSH" -c "$IT_URI" blockcopy "$DOM" vdc "$T/slow.img" --wait --pivot --transient-job \
    --bandwidth 1 >"$T/slow.out" 2>&1 &
bg=$!
info="" end=$((SECONDS + 20))
until echo "$info" | grep -q "Block Copy: \[ *[0-9]* %\]    Bandwidth limit: 1048576 bytes/s"; do
    [ $SECONDS -ge $end ] && break
    sleep 0.5
    info=$(it_virtsh blockjob "$DOM" vdc 2>&1)
done
pid=$(it_virtsh_pid_below "$bg")
[ -n "$pid" ] && kill -INT "$pid"
wait "$bg"
rc=$?
echo "$info" | grep -q "Block Copy" && [ $rc = 1 ] && grep -q "Copy aborted" "$T/slow.out" &&
    grep -q "aborted (Ctrl-C)" "$T/slow.out" &&
    [ "$(it_virtsh blockjob "$DOM" vdc 2>&1)" = "No current block job for vdc" ] &&
    it_virtsh domblklist "$DOM" | grep -q "vdc *$T/copy.img"
tap_result $? "${DESC[11]}" || tap_diag "exit $rc, blockjob: $info" "$(cat "$T/slow.out")"

# ------------------------------------------------------------ send-key
log=$(it_serial_log "$DOM")
before=$(wc -c < "$log")
out=$(it_virtsh send-key "$DOM" KEY_LEFTALT KEY_SYSRQ KEY_H 2>&1)
end=$((SECONDS + 15))
until tail -c +"$((before + 1))" "$log" | grep -q "sysrq: HELP"; do
    [ $SECONDS -ge $end ] && break
    sleep 0.2
done
tail -c +"$((before + 1))" "$log" | grep -q "sysrq: HELP"
tap_result $? "${DESC[12]}" || { tap_diag "$out"; it_dump_serial "$DOM" 5; }

# ------------------------------------------------------------ screenshot
# A PNG as its specification says: the signature, chunks whose CRCs match,
# an IHDR, and IDAT data that inflates to exactly height rows of a filter
# byte and width*3 (RGB) or width (grey) bytes.
png_valid() {
    python3 - "$1" <<'EOP'
import struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n', 'signature'
pos, idat, ihdr = 8, b'', None
while pos < len(d):
    n, kind = struct.unpack('>I4s', d[pos:pos + 8])
    body = d[pos + 8:pos + 8 + n]
    assert zlib.crc32(kind + body) == struct.unpack('>I', d[pos + 8 + n:pos + 12 + n])[0], 'crc'
    if kind == b'IHDR':
        ihdr = struct.unpack('>IIBBBBB', body)
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
    if kind == b'IEND':
        break
w, h, depth, colour = ihdr[:4]
chans = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
assert depth == 8 and w > 0 and h > 0, 'header'
assert len(zlib.decompress(idat)) == h * (1 + w * chans), 'pixels'
print(w, h)
EOP
}
out=$(it_virtsh screenshot "$DOM" "$T/screen.png" 2>&1) &&
    echo "$out" | grep -q "with type of image/png" && size=$(png_valid "$T/screen.png") &&
    [ "$(it_virtsh -o json screenshot "$DOM" "$T/screen2.png" 2>/dev/null | sed -n 's/.*"width":\([0-9]*\),"height":\([0-9]*\).*/\1 \2/p')" = "$size" ]
tap_result $? "${DESC[13]}" || tap_diag "$out" "$(file "$T/screen.png" 2>&1)"

# ------------------------------------------------------------ domdisplay, ttyconsole
out=$(it_virtsh domdisplay "$DOM" 2>&1)
[ "$out" = "vnc+unix://$T/vnc.sock" ] &&
    it_virtsh ttyconsole "$DOM" 2>&1 | grep -q "has no console on a TTY"
tap_result $? "${DESC[14]}" || tap_diag "$out"

# ------------------------------------------------------------ the agent: host name, SSH keys
printf 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyOne one\n# a comment\n\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyTwo two\n' > "$T/keys.pub"
chown "$IT_UID:$IT_GID" "$T/keys.pub"
out=$(it_virtsh domhostname "$DOM" --source agent 2>&1) && [ "$out" = virtsh-guest ] &&
    it_virtsh set-user-sshkeys "$DOM" root --file "$T/keys.pub" >/dev/null 2>&1 &&
    keys=$(it_virtsh get-user-sshkeys "$DOM" root 2>&1) &&
    [ "$(echo "$keys" | grep -c '^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKey')" = 2 ] &&
    it_virtsh set-user-sshkeys "$DOM" root --remove --file "$T/keys.pub" >/dev/null 2>&1 &&
    [ -z "$(it_virtsh get-user-sshkeys "$DOM" root 2>&1)" ]
tap_result $? "${DESC[15]}" || tap_diag "$out" "$keys"

tap_plan
