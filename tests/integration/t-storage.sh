#!/bin/bash
# t-storage.sh - storage pools and volumes on the real session daemon: a dir
# pool in the run's temporary directory; volumes created, resized, uploaded
# and downloaded with their holes, wiped and deleted; bad input; a guest
# cloned with its disk and the clone booted (its agent answers, its MAC
# address differs); undefine --remove-all-storage.  One guest boot.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=tests/integration/lib-storage.sh
source "$IT_SRCDIR/lib-storage.sh"
# shellcheck source=tests/tools/faults.sh
source "$IT_SRCDIR/../tools/faults.sh"

POOL=it-stg
DESC=(
    "pool-list --all --details and pool-info show the new dir pool as virsh does"
    "vol-create-as makes an empty raw volume; vol-list --details and vol-info match virsh"
    "vol-resize grows it to 16 MiB"
    "vol-resize to a smaller size without --shrink: exit 1, one line, the size unchanged"
    "vol-resize --shrink takes it to 12 MiB"
    "vol-upload --sparse: the volume holds the file, with as few blocks allocated"
    "vol-download --sparse: the same bytes back, with as few blocks allocated"
    "vol-upload - --sparse from a pipe, vol-download - to a pipe: the same bytes, holes kept"
    "--offset and --length: vol-upload --sparse writes that part only, the volume keeps its size; vol-download reads it back"
    "vol-download on a terminal shows a progress line on stderr, nothing else on stdout"
    "Ctrl-C during vol-download: exit 1, no file under the final name and no part file"
    "an upload larger than the volume: exit 1, one line, the volume unchanged"
    "a pipe larger than the volume: stopped at its end, exit 1, one line, the volume its size with what fitted"
    "bad input: no such pool, no such volume, a name with '/': exit 1, one line each"
    "vol-wipe: the volume reads as zeros"
    "pool-event --loop prints the pool's refresh and lifecycle events"
    "clone: the guest's disk copied in its pool, a new UUID, new MAC addresses"
    "the clone boots from its own disk and its agent answers"
    "inside the clone, the NIC has the clone's MAC address, not the original's"
    "clone --linked: a qcow2 overlay backed by the original volume"
    "undefine --remove-all-storage: each volume named, removed, then the domain"
    "vol-delete, pool-destroy, pool-delete, pool-undefine: the pool is gone with its directory"
)
it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"

T=$IT_TMPDIR/storage-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"
stg_pool "$POOL" || tap_bail "cannot make pool $POOL with virsh"
PDIR=$STG_DIR

# Both programs' text, blank lines aside (virsh ends every command with one).
same_as_virsh() {
    diff <(it_hvirsh "$@" 2>&1 | grep -v '^$') <(it_virtsh "$@" 2>&1 | grep -v '^$')
}

out=$(same_as_virsh pool-list --all --details && same_as_virsh pool-info "$POOL" &&
      same_as_virsh pool-info "$POOL" --bytes)
tap_result $? "${DESC[0]}" || tap_diag "$out"

out=$(it_virtsh vol-create-as "$POOL" v1 8M --allocation 0 --format raw 2>&1) &&
    [ "$out" = "Vol v1 created" ] && [ "$(stg_blocks "$PDIR/v1")" = 0 ] &&
    out=$(same_as_virsh vol-list "$POOL" --details && same_as_virsh vol-info v1 --pool "$POOL" &&
          same_as_virsh vol-info v1 --pool "$POOL" --bytes --physical)
tap_result $? "${DESC[1]}" || tap_diag "$out"

size() { stat -c %s "$PDIR/v1"; }
out=$(it_virtsh vol-resize v1 16M --pool "$POOL" 2>&1) &&
    [ "$out" = "Size of volume 'v1' successfully changed to 16M" ] && [ "$(size)" = 16777216 ]
tap_result $? "${DESC[2]}" || tap_diag "$out"

out=$(it_virtsh vol-resize v1 8M --pool "$POOL" 2>&1)
rc=$?
[ $rc = 1 ] && [ "$(echo "$out" | wc -l)" = 1 ] && [[ $out == *"add --shrink"* ]] && [ "$(size)" = 16777216 ]
tap_result $? "${DESC[3]}" || tap_diag "exit $rc: $out"

out=$(it_virtsh vol-resize v1 12M --pool "$POOL" --shrink 2>&1) && [ "$(size)" = 12582912 ]
tap_result $? "${DESC[4]}" || tap_diag "$out"

# ---- transfers ---------------------------------------------------------------
stg_holes "$T/holes.img" 12
out=$(it_virtsh vol-upload v1 "$T/holes.img" --pool "$POOL" --sparse 2>&1) && [ -z "$out" ] &&
    cmp "$T/holes.img" "$PDIR/v1" && [ "$(stg_blocks "$PDIR/v1")" -le "$(stg_blocks "$T/holes.img")" ]
tap_result $? "${DESC[5]}" || tap_diag "$out" "blocks: file $(stg_blocks "$T/holes.img"), volume $(stg_blocks "$PDIR/v1")"

out=$(it_virtsh vol-download v1 "$T/back.img" --pool "$POOL" --sparse 2>&1) && [ -z "$out" ] &&
    cmp "$T/holes.img" "$T/back.img" && [ "$(stg_blocks "$T/back.img")" -le "$(stg_blocks "$T/holes.img")" ]
tap_result $? "${DESC[6]}" || tap_diag "$out" "blocks: file $(stg_blocks "$T/holes.img"), back $(stg_blocks "$T/back.img")"

it_hvirsh vol-create-as "$POOL" v2 12M --allocation 0 --format raw >/dev/null
out=$(it_run sh -c "cat '$T/holes.img' | '$VIRTSH' vol-upload v2 - --pool $POOL --sparse &&
                    '$VIRTSH' vol-download v2 - --pool $POOL --sparse | cmp - '$T/holes.img'" 2>&1) &&
    cmp "$T/holes.img" "$PDIR/v2" && [ "$(stg_blocks "$PDIR/v2")" -le "$(stg_blocks "$T/holes.img")" ]
tap_result $? "${DESC[7]}" || tap_diag "$out"

# 2 MiB of the file (1 MiB of data, then a hole) at 4 MiB of a fresh volume:
# the hole truncates the file at 6 MiB until the last hole gives it back its
# 12 MiB (virt/volstream.h).
it_hvirsh vol-create-as "$POOL" v3 12M --allocation 0 --format raw >/dev/null
out=$(it_virtsh vol-upload v3 "$T/holes.img" --offset 4194304 --length 2097152 --pool "$POOL" --sparse 2>&1 &&
      it_virtsh vol-download v3 "$T/part.img" --pool "$POOL" --offset 4194304 --length 2097152 2>&1) &&
    [ "$(stat -c %s "$PDIR/v3")" = 12582912 ] && cmp -n 4194304 "$PDIR/v3" /dev/zero &&
    cmp -n 2097152 "$T/holes.img" "$T/part.img" && [ "$(stat -c %s "$T/part.img")" = 2097152 ] &&
    cmp -i 4194304:0 -n 2097152 "$PDIR/v3" "$T/holes.img" && cmp -i 6291456:0 -n 6291456 "$PDIR/v3" /dev/zero
tap_result $? "${DESC[8]}" || tap_diag "$out" "size $(stat -c %s "$PDIR/v3")"

# The progress line is drawn on a terminal only: script(1) gives one and
# records what was written to it; stdout goes to a file.
out=$(it_run script -qec "'$VIRTSH' vol-download v1 - --pool $POOL > '$T/tty.img'" "$T/tty.log" 2>&1) &&
    grep -q "downloading 'v1' to standard output: *[0-9]*%" "$T/tty.log" && cmp "$T/holes.img" "$T/tty.img"
tap_result $? "${DESC[9]}" || tap_diag "$out" "$(tr '\r' '\n' < "$T/tty.log" | tail -n 3)"

# Ctrl-C right after the third chunk arrived: the fault preload's SIGINT.
fault_available && fault_interrupt_after virStreamRecvFlags:3 "$VIRTSH" vol-download v1 "$T/cut.img" \
    --pool "$POOL" --sparse >"$T/cut.out" 2>&1
[ "$FAULT_STATUS" = 1 ] && [ ! -e "$T/cut.img" ] && [ -z "$(ls "$T" | grep 'cut.img.part')" ] &&
    grep -q "stopped by Ctrl-C" "$T/cut.out"
tap_result $? "${DESC[10]}" || tap_diag "status ${FAULT_STATUS:-?} ${FAULT_SKIP_REASON:-}: $(cat "$T/cut.out")" "$(ls "$T")"

head -c 20M /dev/urandom > "$T/big.img" && chown "$IT_UID:$IT_GID" "$T/big.img"
out=$(it_virtsh vol-upload v1 "$T/big.img" --pool "$POOL" 2>&1)
rc=$?
[ $rc = 1 ] && [ "$(echo "$out" | wc -l)" = 1 ] && [[ $out == *"does not fit"* ]] && cmp "$T/holes.img" "$PDIR/v1"
tap_result $? "${DESC[11]}" || tap_diag "exit $rc: $out"

# From a pipe the size shows only at the volume's end: stopped there, the
# volume keeps its size and holds what fitted.
it_hvirsh vol-create-as "$POOL" v4 12M --allocation 0 --format raw >/dev/null
out=$(it_run sh -c "cat '$T/holes.img' '$T/big.img' | '$VIRTSH' vol-upload v4 - --pool $POOL --sparse" 2>&1)
rc=$?
[ $rc = 1 ] && [ "$(echo "$out" | grep -c .)" = 1 ] && [[ $out == *"holds more than"* ]] &&
    cmp "$T/holes.img" "$PDIR/v4"
tap_result $? "${DESC[12]}" || tap_diag "exit $rc: $out" "size $(stat -c %s "$PDIR/v4")"

bad=()
for args in "vol-list nosuch" "vol-info nosuch --pool $POOL" "vol-create-as $POOL a/b 1M" \
            "pool-info nosuch" "vol-upload nosuch $T/holes.img --pool $POOL"; do
    # shellcheck disable=SC2086
    out=$(it_virtsh $args 2>&1)
    rc=$?
    [ $rc = 1 ] && [ "$(echo "$out" | wc -l)" = 1 ] && [[ $out == error:* ]] || bad+=("$args: exit $rc: $out")
done
[ ! -e "$PDIR/a" ] && [ ${#bad[@]} = 0 ]
tap_result $? "${DESC[13]}" || tap_diag "${bad[@]}"

out=$(it_virtsh vol-wipe v1 --pool "$POOL" 2>&1) && [ "$out" = "Vol v1 wiped" ] &&
    cmp -n 12582912 "$PDIR/v1" /dev/zero
tap_result $? "${DESC[14]}" || tap_diag "$out"

# ---- pool events ------------------------------------------------------------------
it_run "$VIRTSH" pool-event "$POOL" --loop --timeout 20 >"$T/events" 2>&1 &
for ((i = 0; i < 40; i++)); do
    it_hvirsh pool-refresh "$POOL" >/dev/null 2>&1
    grep -q "event 'refresh' for storage pool $POOL" "$T/events" && break
    sleep 0.25
done
it_hvirsh pool-destroy "$POOL" >/dev/null && it_hvirsh pool-start "$POOL" >/dev/null
for ((i = 0; i < 40; i++)); do
    grep -q "event 'lifecycle' for storage pool $POOL: Started" "$T/events" && break
    sleep 0.25
done
grep -q "event 'refresh' for storage pool $POOL" "$T/events" &&
    grep -q "event 'lifecycle' for storage pool $POOL: Stopped" "$T/events" &&
    grep -q "event 'lifecycle' for storage pool $POOL: Started" "$T/events"
tap_result $? "${DESC[15]}" || tap_diag "$(cat "$T/events")"
pid=$(it_virtsh_pid_below $!) && kill -INT "$pid"
wait

# ---- clone, boot, undefine --remove-all-storage ------------------------------------
ORIG=it-stg-orig CLONE=it-stg-clone LINKED=it-stg-linked
it_track_domain "$CLONE"
it_track_domain "$LINKED"
mac_of() { it_hvirsh domiflist "$1" | awk '/virtio/ {print $5}'; }
if ! it_guest_available; then
    for ((i = 16; i < 21; i++)); do tap_skip "${DESC[$i]}" "${IT_GUEST_SKIP:-no guest}"; done
else
    disk=$(stg_guest_volume "$POOL" "$ORIG.img") && xml=$(stg_guest_xml "$ORIG" "$disk") &&
        it_hvirsh define "$xml" >/dev/null
    out=$(it_virtsh clone "$ORIG" "$CLONE" 2>&1)
    src=$(it_hvirsh domblklist "$CLONE" | awk '$1 == "vda" {print $2}')
    [ "$out" = "Vol $CLONE.img cloned from $ORIG.img
Domain '$CLONE' cloned from '$ORIG'" ] && [ "$src" = "$PDIR/$CLONE.img" ] && cmp "$disk" "$src" &&
        [ "$(it_hvirsh domuuid "$ORIG")" != "$(it_hvirsh domuuid "$CLONE")" ] &&
        [ -n "$(mac_of "$CLONE")" ] && [ "$(mac_of "$ORIG")" != "$(mac_of "$CLONE")" ]
    tap_result $? "${DESC[16]}" || tap_diag "$out" "source '$src'" "MACs $(mac_of "$ORIG") $(mac_of "$CLONE")"

    it_hvirsh start "$CLONE" >/dev/null 2>&1 && it_wait_agent "$CLONE" 90 &&
        grep -q "$CLONE.img" <(it_hvirsh domblklist "$CLONE")
    tap_result $? "${DESC[17]} (${IT_AGENT_SECS:-?} s)" || it_dump_serial "$CLONE"

    ifaces=$(it_agent "$CLONE" '{"execute":"guest-network-get-interfaces"}' 2>&1)
    [[ $ifaces == *"\"$(mac_of "$CLONE")\""* ]] && [[ $ifaces != *"\"$(mac_of "$ORIG")\""* ]]
    tap_result $? "${DESC[18]}" || tap_diag "$ifaces"
    it_hvirsh destroy "$CLONE" >/dev/null 2>&1

    out=$(it_virtsh clone "$ORIG" "$LINKED" --linked 2>&1) &&
        it_run qemu-img info -U "$PDIR/$LINKED.img" | grep -q "backing file: $disk" &&
        it_hvirsh dumpxml "$LINKED" | grep -q "type='qcow2'"
    tap_result $? "${DESC[19]}" || tap_diag "$out" "$(it_run qemu-img info -U "$PDIR/$LINKED.img")"

    out=$(it_virtsh undefine "$CLONE" --remove-all-storage 2>&1) &&
        [ "$out" = "Removing volume 'vda'($PDIR/$CLONE.img) ... removed
Domain '$CLONE' has been undefined" ] &&
        [ "$(it_domstate "$CLONE")" = gone ] && [ ! -e "$PDIR/$CLONE.img" ] && [ -e "$disk" ]
    tap_result $? "${DESC[20]}" || tap_diag "$out"
    it_hvirsh undefine "$LINKED" --remove-all-storage >/dev/null 2>&1
    it_hvirsh undefine "$ORIG" --remove-all-storage >/dev/null 2>&1
fi

out=$(for v in v1 v2 v3 v4; do it_virtsh vol-delete "$v" --pool "$POOL" || exit 1; done &&
      it_virtsh pool-destroy "$POOL" && it_virtsh pool-delete "$POOL" &&
      it_virtsh pool-undefine "$POOL" 2>&1)
[ $? = 0 ] && [ ! -e "$PDIR" ] && ! it_hvirsh pool-info "$POOL" >/dev/null 2>&1
tap_result $? "${DESC[21]}" || tap_diag "$out" "$(ls -la "$PDIR" 2>&1)"

tap_plan
