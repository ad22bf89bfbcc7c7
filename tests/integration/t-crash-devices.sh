#!/bin/bash
# t-crash-devices.sh - the device commands that change state in more than
# one libvirt call, cut short after their calls (tests/tools/faults.sh), on
# the real session daemon and a running guest; after each cut the state is
# one the man page's crash tables (WHEN A COMMAND IS CUT SHORT) name, and
# their continuation finishes the job:
#   attach-disk --pool --size: create the volume, attach it;
#   blockcopy --wait --pivot:  start the copy, follow it, pivot;
#   blockcommit --active --pivot of an external snapshot: the same;
#   blockcopy --finish, blockcommit --active --keep-overlay: cut after the
#   job's start (their other calls are those of the --pivot runs).
# The two block jobs poll the job while it runs: each call is cut at its
# first two occurrences (one of them inside the loop), not at every poll.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=tests/tools/faults.sh
source "$IT_SRCDIR/../tools/faults.sh"

DOM=dvc-guest
POOL=t-crash-dev-pool

DESC=(
    "attach-disk --pool --size: counted its libvirt calls (one full run)"
    "attach-disk --pool --size: killed after each call, then the documented continuation"
    "attach-disk --pool --size: the volume's create fails: exit 1, nothing made"
    "attach-disk --pool --size: the attach fails: exit 1, the new volume deleted again"
    "attach-disk --pool --size: the attach fails after it happened: the disk stays, exit 0"
    "attach-disk --pool --size: Ctrl-C after the create: stops, the volume kept; --vol attaches it"
    "blockcopy --wait --pivot: counted its libvirt calls (one full run)"
    "blockcopy --wait --pivot: killed after each call, then the same command finishes it"
    "blockcopy --wait --pivot: the pivot fails: the job mirrors on, the same command pivots"
    "blockcopy --wait --pivot: the pivot fails after it happened: the same command has nothing to do"
    "blockcopy --wait --pivot: Ctrl-C after the start: the job aborted, the disk as it was"
    "blockcommit --active --pivot: killed after each call, then the same command finishes it"
    "blockcopy --wait --finish: killed after the start, the same command finishes: the disk on its image, the copy whole"
    "blockcommit --active --keep-overlay: killed after the start, the same command finishes, the overlay kept"
)
skip_all() { tap_skip_all "$1" "${DESC[@]}"; }
it_setup || skip_all "$IT_SKIP_REASON"
it_guest_available || skip_all "${IT_GUEST_SKIP:-no guest built}"
fault_available || skip_all "$FAULT_SKIP_REASON"

T=$IT_TMPDIR/crash-devices-$$
mkdir -p "$T/pool" && chown -R "$IT_UID:$IT_GID" "$T"
mkfile() {   # mkfile PATH MIB
    dd if=/dev/urandom of="$1" bs=1M count="$2" status=none && chown "$IT_UID:$IT_GID" "$1"
}
cleanup_pool() { it_hvirsh pool-destroy "$POOL" >/dev/null 2>&1; }
it_at_exit cleanup_pool

XML=$(it_guest_xmlfile "$DOM" normal)
out=$(it_virtsh define "$XML" 2>&1 && it_virtsh start "$DOM" 2>&1 &&
      it_hvirsh pool-create-as "$POOL" dir --target "$T/pool" 2>&1)
if [ $? != 0 ] || ! it_wait_agent "$DOM" 90; then
    tap_diag "$out"
    skip_all "the guest did not come up"
fi

# vf: a faults.sh function on CMD..., outside $(...) so FAULT_STATUS stays;
# the command's output in $out.
vf() {
    "$@" >"$T/out" 2>&1
    fired=$?
    out=$(cat "$T/out")
}
# The calls of the last counted run to cut, as "NAME:K" (the K-th call of
# NAME, K = 1, 2 only: a polling loop repeats the same calls, and how often
# differs from run to run, so a call's number does not name it).
calls_to_cut() {
    fault_calls | awk '{ if (++seen[$2] <= 2) print $2 ":" seen[$2] }'
}
# After the cut at $at of a block job command: KILLED is fault_kill_after's
# status, OK and FOUND what the state check said.  A polled call may not
# come at all in this run (the job was quicker than in the counted one):
# then the command must have run to its end; else the continuation (the
# rest of the arguments) must finish the job.  Problems go to bad[].
check_cut() {   # check_cut KILLED OK FOUND CONTINUATION...
    local killed=$1 ok=$2 found=$3
    shift 3
    if [ "$killed" != 0 ]; then
        tap_diag "$at: not made in this run; the command ended with status $FAULT_STATUS: $found"
        [ "$FAULT_STATUS" = 0 ] && [ "$found" = pivoted ] ||
            bad+=("$at: not made, yet the command ended with status $FAULT_STATUS, found '$found'")
        return
    fi
    tap_diag "killed after $at: $found"
    if [ "$ok" != 0 ] || ! "$@"; then
        bad+=("after $at: found '$found'; continuation: $(tail -n 2 "$T/cont")")
    fi
}
live_source() {   # live_source TARGET: the live disk's file or volume
    it_virtsh dumpxml "$DOM" --xpath "string(//disk[target/@dev='$1']/source/@file | //disk[target/@dev='$1']/source/@volume)" 2>/dev/null | grep .
}
has_job() { it_virtsh blockjob "$DOM" "$1" 2>/dev/null | grep -q "Block\|Commit"; }

# ============================================================ attach-disk --pool --size
VOL=$DOM-vdf.qcow2
ATT=(attach-disk "$DOM" vdf --pool "$POOL" --size 4M --targetbus virtio)
# What a cut may leave: nothing, the volume alone, or the volume attached.
state_att() {
    local vol=0 att=0
    [ -e "$T/pool/$VOL" ] && vol=1
    [ "$(live_source vdf)" = "$VOL" ] && att=1
    case $vol$att in
        00) echo nothing ;;
        10) echo volume ;;
        11) echo attached ;;
        *) echo "unexpected: attached without its volume"; return 1 ;;
    esac
}
continue_att() {
    case $1 in
        nothing) it_virtsh "${ATT[@]}" ;;
        volume) it_virtsh attach-disk "$DOM" vdf --pool "$POOL" --vol "$VOL" --targetbus virtio ;;
        attached) true ;;
    esac >"$T/cont" 2>&1 && [ "$(state_att)" = attached ]
}
# Back to nothing; the next case starts only when the guest has let the
# disk go (under load that can take longer than detach-disk waits).
reset_att() {
    local i
    [ "$(live_source vdf)" = "$VOL" ] && it_virtsh detach-disk "$DOM" vdf >/dev/null 2>&1
    for ((i = 0; i < 100; i++)); do
        [ -z "$(live_source vdf)" ] && break
        sleep 0.2
    done
    it_hvirsh vol-delete "$VOL" --pool "$POOL" >/dev/null 2>&1
    [ "$(state_att)" = nothing ]
}

fault_count_calls "$VIRTSH" -c "$IT_URI" "${ATT[@]}" >"$T/count" 2>"$T/err"
rc=$?
count=$(cat "$T/count")
[ $rc = 0 ] && [ "$count" -gt 2 ] && [ "$(state_att)" = attached ]
tap_result $? "${DESC[0]}: $count calls" || tap_diag "$(cat "$T/err")" "$(fault_calls | tail -n 5)"
fault_calls >"$T/calls"
reset_att

bad=()
for ((i = 1; i <= count; i++)); do
    fault_kill_after "$i" "$VIRTSH" -c "$IT_URI" "${ATT[@]}" >/dev/null 2>&1
    killed=$?
    found=$(state_att)
    ok=$?
    name=$(sed -n "${i}s/^[0-9]* //p" "$T/calls")
    if [ $killed != 0 ] || [ $ok != 0 ] || ! continue_att "$found"; then
        bad+=("after call $i ($name): killed=$killed found '$found'; continuation: $(tail -n 2 "$T/cont")")
    fi
    tap_diag "killed after call $i ($name): $found"
    reset_att || bad+=("after call $i: cannot clean up")
done
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[1]} (N = 1..$count)" || tap_diag "${bad[@]}"

vf fault_fail virStorageVolCreateXML "$VIRTSH" -c "$IT_URI" "${ATT[@]}"
[ $fired = 0 ] && [ "$FAULT_STATUS" = 1 ] && [ "$(state_att)" = nothing ]
tap_result $? "${DESC[2]}" || tap_diag "status $FAULT_STATUS: $out"
reset_att

vf fault_fail virDomainAttachDevice "$VIRTSH" -c "$IT_URI" "${ATT[@]}"
[ $fired = 0 ] && [ "$FAULT_STATUS" = 1 ] && [ "$(state_att)" = nothing ] &&
    echo "$out" | grep -q "was deleted again"
tap_result $? "${DESC[3]}" || tap_diag "status $FAULT_STATUS: $out"
reset_att

vf fault_fail_after virDomainAttachDevice "$VIRTSH" -c "$IT_URI" "${ATT[@]}"
[ $fired = 0 ] && [ "$FAULT_STATUS" = 0 ] && [ "$(state_att)" = attached ] &&
    echo "$out" | grep -q "yet disk 'vdf' is attached"
tap_result $? "${DESC[4]}" || tap_diag "status $FAULT_STATUS: $out"
reset_att

: >"$T/cont"
vf fault_interrupt_after virStorageVolCreateXML "$VIRTSH" -c "$IT_URI" "${ATT[@]}"
found=$(state_att)
[ $fired = 0 ] && [ "$FAULT_STATUS" = 1 ] && [ "$found" = volume ] &&
    echo "$out" | grep -q "interrupted: volume '$VOL' was created" && continue_att volume
tap_result $? "${DESC[5]}" || tap_diag "fired $fired, status $FAULT_STATUS, found '$found': $out" \
    "continuation: $(cat "$T/cont"); now $(state_att)" "$(grep -Ev '^call ' "$FAULT_LOG")"
reset_att

# ============================================================ blockcopy --wait --pivot
BASE=$T/base.img
mkfile "$BASE" 8
it_virtsh attach-disk "$DOM" "$BASE" vdc --targetbus virtio --persistent >/dev/null 2>&1
bc_args() { BC=(blockcopy "$DOM" vdc "$1" --wait --pivot --transient-job); }
# What a cut may leave: the disk on its base (no job), the copy running, or
# the disk pivoted to the copy (live and next boot).
state_bc() {
    local src
    src=$(live_source vdc)
    if [ "$src" = "$1" ]; then
        it_virtsh domblklist "$DOM" --inactive | grep -q "vdc *$1" && echo pivoted && return 0
        echo "unexpected: pivoted live only"
        return 1
    fi
    [ "$src" = "$BASE" ] || { echo "unexpected: source '$src'"; return 1; }
    if has_job vdc; then echo running; else echo base; fi
}
continue_bc() {   # continue_bc DEST: the same command, whatever was found
    bc_args "$1"
    it_virtsh "${BC[@]}" >"$T/cont" 2>&1 && [ "$(state_bc "$1")" = pivoted ]
}
reset_bc() {
    has_job vdc && it_virtsh blockjob "$DOM" vdc --abort >/dev/null 2>&1
    if [ "$(live_source vdc)" != "$BASE" ]; then
        it_virtsh detach-disk "$DOM" vdc --persistent >/dev/null 2>&1
        it_virtsh attach-disk "$DOM" "$BASE" vdc --targetbus virtio --persistent >/dev/null 2>&1
    fi
    [ "$(state_bc none)" = base ]
}

bc_args "$T/copy-0.img"
fault_count_calls "$VIRTSH" -c "$IT_URI" "${BC[@]}" >"$T/count" 2>"$T/err"
rc=$?
count=$(cat "$T/count")
[ $rc = 0 ] && [ "$count" -gt 2 ] && [ "$(state_bc "$T/copy-0.img")" = pivoted ]
tap_result $? "${DESC[6]}: $count calls" || tap_diag "$(cat "$T/err")" "$(fault_calls | tail -n 5)"
calls_to_cut >"$T/calls"
reset_bc

bad=()
n=0
while read -r at; do
    n=$((n + 1))
    dest=$T/copy-$n.img
    bc_args "$dest"
    fault_kill_after "$at" "$VIRTSH" -c "$IT_URI" "${BC[@]}" >/dev/null 2>&1
    killed=$?
    found=$(state_bc "$dest")
    check_cut $killed $? "$found" continue_bc "$dest"
    rm -f "$dest"
    reset_bc || bad+=("after $at: cannot clean up")
done <"$T/calls"
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[7]} ($n cuts)" || tap_diag "${bad[@]}"

dest=$T/copy-fail.img
bc_args "$dest"
vf fault_fail virDomainBlockJobAbort "$VIRTSH" -c "$IT_URI" "${BC[@]}"
found=$(state_bc "$dest")
[ $fired = 0 ] && [ "$FAULT_STATUS" = 1 ] && [ "$found" = running ] && continue_bc "$dest"
tap_result $? "${DESC[8]}" || tap_diag "status $FAULT_STATUS, found '$found': $out" "$(cat "$T/cont")"
reset_bc

dest=$T/copy-lost.img
bc_args "$dest"
vf fault_fail_after virDomainBlockJobAbort "$VIRTSH" -c "$IT_URI" "${BC[@]}"
found=$(state_bc "$dest")
[ $fired = 0 ] && [ "$FAULT_STATUS" = 1 ] && [ "$found" = pivoted ] && continue_bc "$dest" &&
    grep -q "nothing to copy" "$T/cont"
tap_result $? "${DESC[9]}" || tap_diag "status $FAULT_STATUS, found '$found': $out" "$(cat "$T/cont")"
reset_bc

dest=$T/copy-int.img
bc_args "$dest"
vf fault_interrupt_after virDomainBlockCopy "$VIRTSH" -c "$IT_URI" "${BC[@]}"
found=$(state_bc "$dest")
[ $fired = 0 ] && [ "$FAULT_STATUS" = 1 ] && [ "$found" = base ] &&
    echo "$out" | grep -q "aborted (Ctrl-C)"
tap_result $? "${DESC[10]}" || tap_diag "status $FAULT_STATUS, found '$found': $out"
reset_bc

# ============================================================ blockcommit --active --pivot
BCM=(blockcommit "$DOM" vdc --active --pivot)
snap() {   # snap OVERLAY: an external disk-only snapshot of vdc, by the reference virsh
    it_hvirsh snapshot-create-as "$DOM" --disk-only --no-metadata \
        --diskspec vdc,file="$1" --diskspec vda,snapshot=no >/dev/null 2>&1
}
# What a cut may leave: the overlay on top (with or without the job), or the
# disk pivoted down to its base.
state_bcm() {
    local src
    src=$(live_source vdc)
    case $src in
        "$1") if has_job vdc; then echo committing; else echo overlay; fi ;;
        "$BASE") echo pivoted ;;
        *) echo "unexpected: source '$src'"; return 1 ;;
    esac
}
continue_bcm() {
    case $2 in
        overlay|committing) it_virtsh "${BCM[@]}" ;;
        pivoted) true ;;
    esac >"$T/cont" 2>&1 && [ "$(state_bcm "$1")" = pivoted ]
}

ov=$T/ov-0.qcow2
snap "$ov"
fault_count_calls "$VIRTSH" -c "$IT_URI" "${BCM[@]}" >"$T/count" 2>"$T/err"
count=$(cat "$T/count")
calls_to_cut >"$T/calls"
bad=()
[ "$(state_bcm "$ov")" = pivoted ] || bad+=("the counted run did not pivot: $(cat "$T/err")")
n=0
while read -r at; do
    n=$((n + 1))
    ov=$T/ov-$n.qcow2
    snap "$ov" || { bad+=("before $at: no snapshot"); continue; }
    fault_kill_after "$at" "$VIRTSH" -c "$IT_URI" "${BCM[@]}" >/dev/null 2>&1
    killed=$?
    found=$(state_bcm "$ov")
    check_cut $killed $? "$found" continue_bcm "$ov" "$found"
done <"$T/calls"
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[11]} ($count calls, $n cuts)" || tap_diag "${bad[@]}"

# ============================================================ --finish, --keep-overlay
# The other way to conclude, cut where it matters: after the job's start.
# (vdc is on its base again: the last cut's continuation pivoted down.)
# cut_start AT STATE WANT_CUT WANT_DONE CMD...: kill CMD after AT, see the
# state STATE (a state_* function with its argument) name WANT_CUT, run CMD
# again: it follows the job and leaves WANT_DONE.  Its output in $T/cont.
cut_start() {
    local at=$1 state=$2 want_cut=$3 want_done=$4 killed rc
    shift 4
    fault_kill_after "$at" "$VIRTSH" -c "$IT_URI" "$@" >/dev/null 2>&1
    killed=$?
    found=$($state)
    it_virtsh "$@" >"$T/cont" 2>&1
    rc=$?
    [ $killed = 0 ] && [ "$found" = "$want_cut" ] && [ $rc = 0 ] && [ "$($state)" = "$want_done" ] &&
        grep -q "already runs this job" "$T/cont" && return 0
    tap_diag "killed=$killed found '$found', status $rc: $(cat "$T/cont")"
    return 1
}

dest=$T/copy-fin.img
cut_start virDomainBlockCopy:1 "state_bc $dest" running base \
    blockcopy "$DOM" vdc "$dest" --wait --finish --transient-job &&
    cmp -s -n "$(stat -c %s "$BASE")" "$BASE" "$dest"
tap_result $? "${DESC[12]}"

ov=$T/ov-keep.qcow2
snap "$ov"
cut_start virDomainBlockCommit:1 "state_bcm $ov" committing overlay \
    blockcommit "$DOM" vdc --active --keep-overlay && grep -q "overlay image kept" "$T/cont"
tap_result $? "${DESC[13]}"

tap_plan
