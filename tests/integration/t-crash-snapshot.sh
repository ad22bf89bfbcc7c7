#!/bin/bash
# t-crash-snapshot.sh - the snapshot commands that change state in more
# than one libvirt call, cut short after each of their calls
# (tests/tools/faults.sh) on the real session daemon: the revert to and the
# delete of external snapshots libvirt 9.0 refuses (virt/extsnap*.c) and
# snapshot-edit --rename.  After every cut: nothing the user had is lost,
# the domain never runs on a config other than its persistent one, and the
# continuation the man page gives (WHEN A COMMAND IS CUT SHORT) finishes the
# job.  The guest never boots: the domain is started paused at most (a
# block commit needs a QEMU), data is written into the images with qemu-io
# while it is shut off and read back after the delete.
#
# The cuts are at "NAME:K" (the Kth call of NAME) rather than at the Nth
# call: a block commit's progress is polled a varying number of times, so
# call numbers move between runs; polls past the second are not cut, nor
# are the calls that never leave the process (virDomainGetName,
# virDomainSnapshotGetName, the *Free and *Ref of handles): after them the
# state is that of the call before.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=tests/tools/faults.sh
source "$IT_SRCDIR/../tools/faults.sh"

DOM=crash-snap

DESC=(
    "snapshot-revert to an external snapshot: counted its libvirt calls (one full run)"
    "snapshot-revert: killed after each call, then the documented continuation"
    "snapshot-revert: Ctrl-C after the overlay is made: stops there, snapshot-revert again finishes"
    "snapshot-delete of an external snapshot over an internal one, domain shut off: counted its calls"
    "snapshot-delete: killed after each call, then the documented continuation; the data written after the snapshot stays"
    "snapshot-delete: Ctrl-C after the start for the merge: nothing merged, the domain stopped again; snapshot-delete again finishes"
    "snapshot-edit --rename: killed after each call, then the documented continuation"
    "snapshot-delete --children of two external snapshots: killed after each kind of call and each state change, the same command again: both gone, the data written after each stays"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
it_guest_available || tap_skip_all "${IT_GUEST_SKIP:-no guest built}" "${DESC[@]}"
fault_available || tap_skip_all "$FAULT_SKIP_REASON" "${DESC[@]}"

# The images in a directory of this script's own: the transient pool a
# revert makes over it is this script's alone.
T=$IT_TMPDIR/crashsnap-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"
BASE=$T/$DOM.qcow2
qemu-img convert -f raw -O qcow2 "$(it_guest_disk "$DOM")" "$BASE" && chown "$IT_UID:$IT_GID" "$BASE"
XML=$(it_guest_xmlfile "$DOM" normal --disk "$BASE" --disk-format qcow2)
it_at_exit "it_hvirsh destroy $DOM >/dev/null 2>&1; it_hvirsh undefine $DOM --snapshots-metadata >/dev/null 2>&1"

V=("$VIRTSH" -c "$IT_URI")

# vda's file in the persistent config, and in the live one.
inactive_top() { it_hvirsh domblklist "$DOM" --inactive | awk '$1 == "vda" { print $2 }'; }
live_top() { it_hvirsh domblklist "$DOM" | awk '$1 == "vda" { print $2 }'; }
backing_of() { qemu-img info -U --output=json "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("backing-filename", ""))'; }
persistent() { it_hvirsh dominfo "$DOM" 2>/dev/null | grep -q '^Persistent: *yes'; }
has_snap() { it_hvirsh snapshot-info "$DOM" "$1" >/dev/null 2>&1; }
shut_off() {
    [ "$(it_domstate "$DOM")" = "shut off" ] || it_hvirsh destroy "$DOM" >/dev/null 2>&1
    [ "$(it_domstate "$DOM")" = "shut off" ]
}
# The cut points of the last logged run: NAME:K per call, polls of a
# block job past the second and calls local to the process left out.
cut_points() {
    fault_calls | awk '{ k = ++n[$2] }
        $2 ~ /^vir(Domain|DomainSnapshot|StoragePool|StorageVol)(GetName|Free|Ref)$/ { next }
        $2 == "virDomainGetBlockJobInfo" && k > 2 { next }
        { print $2 ":" k }'
}

if ! it_hvirsh define "$XML" >/dev/null 2>&1 ||
    ! it_hvirsh snapshot-create-as "$DOM" e1 --disk-only >/dev/null 2>&1; then
    tap_skip_all "cannot define $DOM with an external snapshot" "${DESC[@]}"
fi
E1=$(inactive_top) # the overlay e1 made; e1 froze $BASE

# ------------------------------------------------------------ revert
# What a cut revert may leave: the domain persistent, its live config (if
# it runs) the persistent one, that on the old top or on a new overlay on
# the image e1 froze; e1's overlay and that image kept.  Prints what it
# found ("before", "reverted-shut-off", "reverted-active").
revert_state() {
    local prev=$1 top st
    persistent && [ -f "$BASE" ] && [ -f "$E1" ] || { echo "lost: persistent or images"; return 1; }
    top=$(inactive_top)
    st=$(it_domstate "$DOM")
    if [ "$st" != "shut off" ] && [ "$(live_top)" != "$top" ]; then
        echo "runs on $(live_top), its config on $top"
        return 1
    fi
    if [ "$top" = "$prev" ]; then
        echo before
    elif [[ $top == "$BASE.e1-revert"* ]] && [ "$(backing_of "$top")" = "$BASE" ]; then
        [ "$st" = "shut off" ] && echo reverted-shut-off || echo reverted-active
    else
        echo "unexpected top $top ($st)"
        return 1
    fi
}
# The revert done: paused on a new overlay on $BASE, e1 current, no
# transient pool left.
reverted() {
    local top
    top=$(inactive_top)
    [ "$(it_domstate "$DOM")" = paused ] && [[ $top == "$BASE.e1-revert"* ]] &&
        [ "$(backing_of "$top")" = "$BASE" ] && [ "$(live_top)" = "$top" ] &&
        [ "$(it_hvirsh snapshot-current "$DOM" --name 2>/dev/null)" = e1 ] && ! our_pool_left
}
# A transient pool a revert made over $T is still there (other scripts on the
# shared daemon make theirs over their own directories).
our_pool_left() {
    local p
    for p in $(it_hvirsh pool-list --name | grep '^virtsh-'); do
        [ "$(it_virtsh pool-dumpxml "$p" --xpath 'string(//target/path)' 2>/dev/null)" = "$T" ] &&
            return 0
    done
    return 1
}
REVERT=(snapshot-revert "$DOM" e1 --paused)
it_hvirsh start "$DOM" --paused >/dev/null 2>&1
fault_count_calls "${V[@]}" "${REVERT[@]}" >"$T/count" 2>"$T/err"
rc=$?
count=$(cat "$T/count")
cut_points >"$T/revert.cuts"
reverted
tap_result $? "${DESC[0]}: $count calls" || tap_diag "rc $rc: $(cat "$T/err")" "$(fault_calls | tail -n 5)"

bad=()
while read -r cut; do
    [ "$(it_domstate "$DOM")" = paused ] || it_hvirsh start "$DOM" --paused >/dev/null 2>&1
    prev=$(inactive_top)
    fault_kill_after "$cut" "${V[@]}" "${REVERT[@]}" >/dev/null 2>&1
    killed=$?
    found=$(revert_state "$prev")
    ok=$?
    # the continuation: snapshot-revert again
    it_virtsh "${REVERT[@]}" >"$T/cont" 2>&1
    if [ $killed != 0 ] || [ $ok != 0 ] || ! reverted; then
        bad+=("after $cut: killed=$killed found '$found'; continuation: $(tail -n 2 "$T/cont")")
    fi
    tap_diag "killed after $cut: $found"
done <"$T/revert.cuts"
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[1]} ($(wc -l <"$T/revert.cuts") cuts)" || tap_diag "${bad[@]}"

prev=$(inactive_top)
fault_interrupt_after virStorageVolCreateXML "${V[@]}" "${REVERT[@]}" >"$T/out" 2>&1
fired=$?
found=$(revert_state "$prev")
it_virtsh "${REVERT[@]}" >"$T/cont" 2>&1
[ $fired = 0 ] && [ "$FAULT_STATUS" = 1 ] && [ "$found" = before ] &&
    grep -q "interrupted: new overlays were made, nothing else changed; run snapshot-revert again" "$T/out" &&
    reverted
tap_result $? "${DESC[2]}" ||
    tap_diag "status $FAULT_STATUS, found '$found'" "$(cat "$T/out" "$T/cont")" \
        "now: $(it_domstate "$DOM"), top $(inactive_top), live $(live_top)" \
        "current: $(it_hvirsh snapshot-current "$DOM" --name 2>&1)" "pools: $(it_hvirsh pool-list --name | tr '\n' ' ')"

# ------------------------------------------------------------ delete
# An internal snapshot i1 in the current top, an external x<N> over it
# (libvirt 9.0 refuses to delete that one): the domain shut off, a pattern
# written into x<N>'s overlay.  Sets UNDER (the image below), OVER, PAT.
N=0
prepare_delete() {
    N=$((N + 1))
    shut_off || return 1
    has_snap i1 || it_hvirsh snapshot-create-as "$DOM" i1 >/dev/null 2>&1 || return 1
    it_hvirsh snapshot-current "$DOM" i1 >/dev/null 2>&1 || return 1
    UNDER=$(inactive_top)
    it_hvirsh snapshot-create-as "$DOM" "x$N" --disk-only >/dev/null 2>&1 || return 1
    OVER=$(inactive_top)
    PAT=$(((N * 7 + 16) % 256))
    [ "$OVER" != "$UNDER" ] &&
        it_run qemu-io -f qcow2 -c "write -P $PAT 3M 64k" "$OVER" >/dev/null 2>&1
}
# What a cut delete may leave: persistent, never running (paused at most),
# its persistent config on the overlay or (merged) on the image below.
delete_state() {
    local st top
    st=$(it_domstate "$DOM")
    top=$(inactive_top)
    persistent && [ -f "$UNDER" ] || { echo "lost: persistent or $UNDER"; return 1; }
    case $st in "shut off" | paused) ;; *) echo "state $st"; return 1 ;; esac
    if [ "$top" = "$OVER" ] && [ -f "$OVER" ]; then
        echo "on the overlay, $st"
    elif [ "$top" = "$UNDER" ]; then
        has_snap "x$N" && echo "merged, $st, metadata kept" || echo "merged, $st"
    else
        echo "unexpected top $top ($st)"
        return 1
    fi
}
# The documented continuation: snapshot-delete again while the snapshot
# exists, then destroy a domain left paused.
continue_delete() {
    if has_snap "x$N"; then
        it_virtsh snapshot-delete "$DOM" "x$N" >"$T/cont" 2>&1 || return 1
    fi
    [ "$(it_domstate "$DOM")" = paused ] && it_virtsh destroy "$DOM" >>"$T/cont" 2>&1
    deleted
}
has_pattern() {   # has_pattern IMAGE PATTERN OFFSET: 64 KiB of PATTERN there
    it_run qemu-io -r -f qcow2 -c "read -P $2 $3 64k" "$1" 2>&1 | grep -q "^read 65536/65536"
}
# Deleted: the snapshot gone, shut off on the image below, which holds the
# pattern written after the snapshot.
deleted() {
    ! has_snap "x$N" && [ "$(it_domstate "$DOM")" = "shut off" ] && [ "$(inactive_top)" = "$UNDER" ] &&
        has_pattern "$UNDER" "$PAT" 3M
}
# After fault_kill_after (status in $killed): a call this run did not make
# (a poll a shorter merge did not need, a lookup of a step already done) is
# not a defect when the command ended well; what it left must then be the
# finished state, which the caller checks.  Sets killed (0 then) and reached.
cut_outcome() {
    reached=killed
    if [ "$killed" != 0 ] && [ "$FAULT_STATUS" = 0 ]; then
        killed=0 reached="not reached, the command ended well"
    fi
}

prepare_delete || tap_skip_all "cannot prepare the external snapshot to delete" "${DESC[@]:3}"
fault_count_calls "${V[@]}" snapshot-delete "$DOM" "x$N" >"$T/count" 2>"$T/err"
rc=$?
count=$(cat "$T/count")
cut_points >"$T/delete.cuts"
[ $rc = 0 ] && grep -q virDomainBlockCommit "$T/delete.cuts" && deleted
tap_result $? "${DESC[3]}: $count calls" || tap_diag "rc $rc: $(cat "$T/err")" "$(fault_calls | tail -n 8)"

bad=()
while read -r cut; do
    if ! prepare_delete; then
        bad+=("before $cut: cannot prepare")
        continue
    fi
    fault_kill_after "$cut" "${V[@]}" snapshot-delete "$DOM" "x$N" >/dev/null 2>&1
    killed=$?
    found=$(delete_state)
    ok=$?
    cut_outcome
    if [ $killed != 0 ] || [ $ok != 0 ] || ! continue_delete; then
        bad+=("after $cut: killed=$killed ($FAULT_STATUS) found '$found'; continuation: $(tail -n 2 "$T/cont")")
    fi
    tap_diag "$reached after $cut: $found"
done <"$T/delete.cuts"
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[4]} ($(wc -l <"$T/delete.cuts") cuts)" || tap_diag "${bad[@]}"

if prepare_delete; then
    fault_interrupt_after virDomainCreateWithFlags "${V[@]}" snapshot-delete "$DOM" "x$N" >"$T/out" 2>&1
    fired=$?
    found=$(delete_state)
    [ $fired = 0 ] && [ "$FAULT_STATUS" = 1 ] && [ "$found" = "on the overlay, shut off" ] &&
        grep -q "interrupted: nothing was merged; run 'snapshot-delete $DOM x$N' again" "$T/out" &&
        continue_delete
    tap_result $? "${DESC[5]}" || tap_diag "status $FAULT_STATUS, found '$found'" "$(cat "$T/out" "$T/cont")"
else
    tap_result 1 "${DESC[5]}" || tap_diag "cannot prepare"
fi

# ------------------------------------------------------------ delete --children
# x<N> with y<N> over it (both external, over i1; a pattern written into
# each overlay): snapshot-delete x<N> --children merges y<N>'s overlay,
# then x<N>'s, deepest first.  Cut after the first call of each name and
# after every call that changes something, then the documented
# continuation: the same command again, and destroy of a domain left paused.
prepare_children() {
    prepare_delete || return 1
    it_hvirsh snapshot-create-as "$DOM" "y$N" --disk-only >/dev/null 2>&1 || return 1
    OVER2=$(inactive_top)
    PAT2=$(((N * 11 + 40) % 256))
    [ "$OVER2" != "$OVER" ] &&
        it_run qemu-io -f qcow2 -c "write -P $PAT2 5M 64k" "$OVER2" >/dev/null 2>&1
}
children_deleted() {
    ! has_snap "x$N" && ! has_snap "y$N" && [ "$(it_domstate "$DOM")" = "shut off" ] &&
        [ "$(inactive_top)" = "$UNDER" ] && has_pattern "$UNDER" "$PAT" 3M &&
        has_pattern "$UNDER" "$PAT2" 5M
}
continue_children() {
    # (deepest first: while y<N> is there, x<N> is too)
    if has_snap "x$N"; then
        it_virtsh snapshot-delete "$DOM" "x$N" --children >"$T/cont" 2>&1 || return 1
    fi
    [ "$(it_domstate "$DOM")" = paused ] && it_virtsh destroy "$DOM" >>"$T/cont" 2>&1
    children_deleted
}
if prepare_children; then
    fault_count_calls "${V[@]}" snapshot-delete "$DOM" "x$N" --children >"$T/count" 2>"$T/err"
    rc=$?
    children_deleted || rc=1
    fault_calls | awk '{ k = ++n[$2] }
        $2 ~ /^vir(Domain|DomainSnapshot|StoragePool|StorageVol)(GetName|Free|Ref)$/ { next }
        k == 1 || $2 ~ /(BlockCommit|BlockJobAbort|SnapshotDelete|CreateWithFlags|Destroy|VolDelete)$/ {
            print $2 ":" k }' >"$T/children.cuts"
    bad=()
    [ $rc = 0 ] || bad+=("the full run: rc $rc: $(cat "$T/err")")
    while read -r cut; do
        if ! prepare_children; then
            bad+=("before $cut: cannot prepare")
            continue
        fi
        fault_kill_after "$cut" "${V[@]}" snapshot-delete "$DOM" "x$N" --children >/dev/null 2>&1
        killed=$?
        cut_outcome
        persistent && [ -f "$UNDER" ] || bad+=("after $cut: lost: persistent or $UNDER")
        if [ $killed != 0 ] || ! continue_children; then
            bad+=("after $cut: killed=$killed ($FAULT_STATUS); continuation: $(tail -n 2 "$T/cont")")
        fi
        tap_diag "$reached after $cut"
    done <"$T/children.cuts"
    [ ${#bad[@]} = 0 ]
    tap_result $? "${DESC[7]} ($(wc -l <"$T/children.cuts") cuts)" || tap_diag "${bad[@]}"
else
    tap_result 1 "${DESC[7]}" || tap_diag "cannot prepare"
fi

# ------------------------------------------------------------ edit --rename
# n<K> renamed to n<K+1> by an editor; cut after each call, the
# continuation: nothing if only the new name exists, snapshot-delete OLD
# --metadata if both do, the same snapshot-edit again if only the old.
K=0
shut_off
it_hvirsh snapshot-create-as "$DOM" n0 --disk-only >/dev/null 2>&1
printf '#!/bin/sh\nsed -i "s|<name>$(cat %s)</name>|<name>$(cat %s)</name>|" "$1"\n' \
    "$T/old" "$T/new" >"$T/ed.sh"
chmod 755 "$T/ed.sh"
ENV_BEFORE=("${IT_ENV[@]}")
IT_ENV+=("EDITOR=$T/ed.sh")
edit() {
    echo "n$K" >"$T/old"
    echo "n$((K + 1))" >"$T/new"
    chmod 644 "$T/old" "$T/new"
}
edit
fault_count_calls "${V[@]}" snapshot-edit "$DOM" "n$K" --rename >"$T/count" 2>"$T/err"
K=$((K + 1))
cut_points >"$T/edit.cuts"
bad=()
while read -r cut; do
    edit
    old=n$K new=n$((K + 1))
    fault_kill_after "$cut" "${V[@]}" snapshot-edit "$DOM" "$old" --rename >/dev/null 2>&1
    killed=$?
    if has_snap "$old" && has_snap "$new"; then
        found=both
        it_virtsh snapshot-delete "$DOM" "$old" --metadata >"$T/cont" 2>&1
    elif has_snap "$old"; then
        found=old
        it_virtsh snapshot-edit "$DOM" "$old" --rename >"$T/cont" 2>&1
    elif has_snap "$new"; then
        found=new
        : >"$T/cont"
    else
        found=none
    fi
    if [ $killed != 0 ] || [ $found = none ] || has_snap "$old" || ! has_snap "$new"; then
        bad+=("after $cut: killed=$killed found '$found'; continuation: $(tail -n 2 "$T/cont")")
    fi
    tap_diag "killed after $cut: $found"
    K=$((K + 1))
done <"$T/edit.cuts"
IT_ENV=("${ENV_BEFORE[@]}")
[ "$(wc -l <"$T/edit.cuts")" -gt 2 ] && [ ${#bad[@]} = 0 ]
tap_result $? "${DESC[6]} ($(wc -l <"$T/edit.cuts") cuts)" || tap_diag "$(cat "$T/err")" "${bad[@]}"

tap_plan
