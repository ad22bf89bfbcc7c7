#!/bin/bash
# t-crash-storage.sh - the storage commands that change state in more than
# one libvirt call, cut short after each of their calls (tests/tools/
# faults.sh) on the real session daemon, as their tables in the man page
# (WHEN A COMMAND IS CUT SHORT) say: clone, undefine --remove-all-storage,
# vol-upload, vol-clone, and vol-download (whose file is never partial).
# After each cut: nothing the user had is lost, never a half-made clone nor
# a domain undefined with its volumes left, and the documented continuation
# finishes the job.  No guest boots.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=tests/integration/lib-storage.sh
source "$IT_SRCDIR/lib-storage.sh"
# shellcheck source=tests/tools/faults.sh
source "$IT_SRCDIR/../tools/faults.sh"

POOL=it-crash-stg SRC=crash-src DST=crash-dst UND=crash-und
DESC=(
    "clone: counted its libvirt calls (one full run)"
    "clone: killed after each call, then the documented continuation"
    "clone: the second copy fails: exit 1, the first copy deleted again, no domain"
    "clone: the define fails: exit 1, the copies deleted again"
    "clone: Ctrl-C after the first copy: exit 1, stops there, nothing left"
    "undefine --remove-all-storage: counted its libvirt calls"
    "undefine --remove-all-storage: killed after each call, then the same command again"
    "undefine --remove-all-storage: the second delete fails: exit 1, still defined; again: done"
    "undefine --remove-all-storage: Ctrl-C after the first delete: stops there; again: done"
    "vol-upload: killed after each call, then the documented continuation: the volume holds the file"
    "vol-upload: a send fails: exit 1; the continuation: the volume holds the file"
    "vol-upload: Ctrl-C after the hole: exit 1, the volume its size with the file's start; again: done"
    "vol-clone: killed after each call: no clone or a whole one; vol-clone again if none"
    "vol-download: killed after each call: the file is absent or whole, never partial"
)
it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
fault_available || tap_skip_all "$FAULT_SKIP_REASON" "${DESC[@]}"

T=$IT_TMPDIR/crash-storage-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"
stg_pool "$POOL" || tap_bail "cannot make pool $POOL with virsh"
P=$STG_DIR
it_track_domain "$SRC"
it_track_domain "$DST"
it_track_domain "$UND"

# vol NAME: a 1 MiB raw volume of random data (virsh and cp: not under test).
vol() {
    it_hvirsh vol-create-as "$POOL" "$1" 1M --allocation 0 --format raw >/dev/null &&
        head -c 1M /dev/urandom > "$P/$1" && chown "$IT_UID:$IT_GID" "$P/$1"
}
# domain NAME: a definition with two disks, the volumes NAME.img and NAME-data.img.
domain() {
    local xml=$T/$1.xml
    vol "$1.img" && vol "$1-data.img" || return 1
    sed -e "s|<name>.*</name>|<name>$1</name>|" \
        -e "s|<controller type='usb'|<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='$P/$1-data.img'/><target dev='vdb' bus='virtio'/></disk>\n    <controller type='usb'|" \
        "$(stg_guest_xml "$1" "$P/$1.img")" > "$xml" && chown "$IT_UID:$IT_GID" "$xml" &&
        it_hvirsh define "$xml" >/dev/null
}
gone() { [ "$(it_domstate "$1")" = gone ]; }
exists() { [ -e "$P/$1" ]; }
# run_calls NAME: what the last fault run's call N was, for diagnostics.
call_name() { sed -n "${1}s/^[0-9]* //p" "$T/calls.$2"; }

domain "$SRC" || tap_bail "cannot define $SRC with virsh"
cp "$P/$SRC.img" "$T/src.img" && cp "$P/$SRC-data.img" "$T/src-data.img"

# ---- clone -------------------------------------------------------------------------
CLONE=("$VIRTSH" clone "$SRC" "$DST")
clean_clone() {
    it_hvirsh undefine "$DST" >/dev/null 2>&1
    for v in "$DST.img" "$DST-data.img"; do it_hvirsh vol-delete "$v" --pool "$POOL" >/dev/null 2>&1; done
    gone "$DST" && ! exists "$DST.img" && ! exists "$DST-data.img"
}
# The source stays as it was, whatever happened.
src_intact() {
    [ "$(it_domstate "$SRC")" = "shut off" ] && cmp -s "$P/$SRC.img" "$T/src.img" &&
        cmp -s "$P/$SRC-data.img" "$T/src-data.img"
}
# What a cut clone may leave: nothing defined (copies, if any, named after
# the clone), or the whole clone.  Prints which.
clone_state() {
    if gone "$DST"; then
        echo nothing
    elif exists "$DST.img" && exists "$DST-data.img" &&
         it_hvirsh domblklist "$DST" | grep -q "$P/$DST-data.img"; then
        echo whole
    else
        echo "half: $(it_hvirsh domblklist "$DST" 2>&1 | tr '\n' ' ')"
        return 1
    fi
}
# The documented continuation: delete the copies the message names, clone again.
clone_continue() {
    if [ "$1" = nothing ]; then
        for v in "$DST.img" "$DST-data.img"; do
            exists "$v" && it_virtsh vol-delete "$v" --pool "$POOL" >/dev/null
        done
        it_virtsh "${CLONE[@]:1}" >"$T/cont" 2>&1 || return 1
    fi
    [ "$(clone_state)" = whole ] && cmp -s "$P/$DST.img" "$T/src.img"
}

fault_count_calls "${CLONE[@]}" >"$T/count" 2>"$T/err"
rc=$?
count=$(cat "$T/count")
fault_calls >"$T/calls.clone"
[ $rc = 0 ] && [ "$count" -gt 4 ] && [ "$(clone_state)" = whole ] && src_intact
tap_result $? "${DESC[0]}: $count calls" || tap_diag "$(cat "$T/err")"
clean_clone

bad=()
for ((i = 1; i <= count; i++)); do
    fault_kill_after "$i" "${CLONE[@]}" >/dev/null 2>&1
    killed=$?
    found=$(clone_state)
    ok=$?
    if [ $killed != 0 ] || [ $ok != 0 ] || ! src_intact || ! clone_continue "$found"; then
        bad+=("after call $i ($(call_name "$i" clone)): killed=$killed found '$found': $(tail -n 2 "$T/cont" 2>/dev/null)")
    fi
    tap_diag "clone killed after call $i ($(call_name "$i" clone)): $found"
    clean_clone || bad+=("after call $i: cannot clean up")
done
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[1]} (N = 1..$count)" || tap_diag "${bad[@]}"

fault_fail virStorageVolCreateXMLFrom:2 "${CLONE[@]}" >"$T/out" 2>&1
[ "$FAULT_STATUS" = 1 ] && gone "$DST" && ! exists "$DST.img" && ! exists "$DST-data.img" && src_intact
tap_result $? "${DESC[2]}" || tap_diag "status $FAULT_STATUS: $(cat "$T/out")"
clean_clone

fault_fail virDomainDefineXML "${CLONE[@]}" >"$T/out" 2>&1
[ "$FAULT_STATUS" = 1 ] && gone "$DST" && ! exists "$DST.img" && ! exists "$DST-data.img" &&
    grep -q "deleted again" "$T/out"
tap_result $? "${DESC[3]}" || tap_diag "status $FAULT_STATUS: $(cat "$T/out")"
clean_clone

fault_interrupt_after virStorageVolCreateXMLFrom:1 "${CLONE[@]}" >"$T/out" 2>&1
[ "$FAULT_STATUS" = 1 ] && gone "$DST" && ! exists "$DST.img" && ! exists "$DST-data.img" &&
    grep -q "interrupted" "$T/out"
tap_result $? "${DESC[4]}" || tap_diag "status $FAULT_STATUS: $(cat "$T/out")"
clean_clone

# ---- undefine --remove-all-storage ----------------------------------------------------
UNDEF=("$VIRTSH" undefine "$UND" --remove-all-storage)
fresh_und() {
    it_hvirsh undefine "$UND" >/dev/null 2>&1
    for v in "$UND.img" "$UND-data.img"; do it_hvirsh vol-delete "$v" --pool "$POOL" >/dev/null 2>&1; done
    domain "$UND"
}
# Allowed: defined, its volumes removed in disk order (none, the first, both);
# or gone with both volumes.  Never gone with a volume left.
und_state() {
    local a=1 b=1
    exists "$UND.img" || a=0
    exists "$UND-data.img" || b=0
    if ! gone "$UND"; then
        [ $a -le $b ] || { echo "defined, vdb removed before vda"; return 1; }
        echo "defined $((2 - a - b))"
    elif [ $a = 0 ] && [ $b = 0 ]; then
        echo done
    else
        echo "undefined with volumes left ($a $b)"
        return 1
    fi
}
und_continue() {
    case $1 in
        done) true ;;
        *) it_virtsh undefine "$UND" --remove-all-storage >"$T/cont" 2>&1 ;;
    esac && [ "$(und_state)" = done ]
}

fresh_und || tap_bail "cannot define $UND with virsh"
fault_count_calls "${UNDEF[@]}" >"$T/count" 2>"$T/err"
rc=$?
ucount=$(cat "$T/count")
fault_calls >"$T/calls.undefine"
[ $rc = 0 ] && [ "$ucount" -gt 3 ] && [ "$(und_state)" = done ]
tap_result $? "${DESC[5]}: $ucount calls" || tap_diag "$(cat "$T/err")"

bad=()
for ((i = 1; i <= ucount; i++)); do
    fresh_und || { bad+=("cannot define $UND"); break; }
    fault_kill_after "$i" "${UNDEF[@]}" >/dev/null 2>&1
    killed=$?
    found=$(und_state)
    ok=$?
    if [ $killed != 0 ] || [ $ok != 0 ] || ! und_continue "$found"; then
        bad+=("after call $i ($(call_name "$i" undefine)): killed=$killed found '$found': $(tail -n 2 "$T/cont" 2>/dev/null)")
    fi
    tap_diag "undefine killed after call $i ($(call_name "$i" undefine)): $found"
done
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[6]} (N = 1..$ucount)" || tap_diag "${bad[@]}"

fresh_und
fault_fail virStorageVolDelete:2 "${UNDEF[@]}" >"$T/out" 2>&1
found=$(und_state)
[ "$FAULT_STATUS" = 1 ] && [ "$found" = "defined 1" ] && grep -q "still defined" "$T/out" &&
    und_continue "$found"
tap_result $? "${DESC[7]}" || tap_diag "status $FAULT_STATUS, found '$found': $(cat "$T/out")" "$(cat "$T/cont")"

fresh_und
fault_interrupt_after virStorageVolDelete:1 "${UNDEF[@]}" >"$T/out" 2>&1
found=$(und_state)
[ "$FAULT_STATUS" = 1 ] && [ "$found" = "defined 1" ] && grep -q "interrupted after removing 1 of 2" "$T/out" &&
    und_continue "$found"
tap_result $? "${DESC[8]}" || tap_diag "status $FAULT_STATUS, found '$found': $(cat "$T/out")" "$(cat "$T/cont")"

# ---- vol-upload, vol-clone, vol-download ---------------------------------------------------
python3 -c "
import os
with open('$T/up.src', 'wb') as f:
    f.write(os.urandom(600 << 10)); f.seek(1600 << 10); f.write(os.urandom(448 << 10))
" && chown "$IT_UID:$IT_GID" "$T/up.src"
fresh_up() {
    it_hvirsh vol-delete up.img --pool "$POOL" >/dev/null 2>&1
    it_hvirsh vol-create-as "$POOL" up.img 2M --allocation 0 --format raw >/dev/null
}
UPLOAD=("$VIRTSH" vol-upload up.img "$T/up.src" --pool "$POOL" --sparse)
# The man page's continuation: a cut after a hole leaves the file ending at
# the hole (libvirt truncates it there): vol-resize it back to its size
# (2 MiB), then the same vol-upload.  SHORT counts the cuts that needed it.
SHORT=0
up_continue() {
    local cap
    cap=$(it_virtsh vol-info up.img --pool "$POOL" --bytes | awk '/^Capacity:/ {print $2}')
    if [ "$cap" != 2097152 ]; then
        SHORT=$((SHORT + 1))
        it_virtsh vol-resize up.img 2M --pool "$POOL" >"$T/cont" 2>&1 || return 1
    fi
    it_virtsh "${UPLOAD[@]:1}" >"$T/cont" 2>&1
}
fresh_up
fault_count_calls "${UPLOAD[@]}" >"$T/count" 2>&1
upcount=$(cat "$T/count")
fault_calls >"$T/calls.upload"
bad=()
cmp -s "$P/up.img" "$T/up.src" || bad+=("a full run did not upload the file: $(cat "$T/count")")
for ((i = 1; i <= upcount; i++)); do
    fresh_up
    fault_kill_after "$i" "${UPLOAD[@]}" >/dev/null 2>&1
    killed=$?
    if [ $killed != 0 ] || ! exists up.img || ! up_continue || ! cmp -s "$P/up.img" "$T/up.src"; then
        bad+=("after call $i ($(call_name "$i" upload)): killed=$killed: $(cat "$T/cont")")
    fi
done
[ ${#bad[@]} = 0 ] && [ $SHORT -gt 0 ]
tap_result $? "${DESC[9]} (N = 1..$upcount, $SHORT resized)" || tap_diag "${bad[@]}"

fresh_up
fault_fail virStreamSend:2 "${UPLOAD[@]}" >"$T/out" 2>&1
[ "$FAULT_STATUS" = 1 ] && [ "$(grep -c . "$T/out")" = 1 ] && up_continue && cmp -s "$P/up.img" "$T/up.src"
tap_result $? "${DESC[10]}" || tap_diag "status $FAULT_STATUS: $(cat "$T/out")" "$(cat "$T/cont")"

fresh_up
fault_interrupt_after virStreamSendHole:1 "${UPLOAD[@]}" >"$T/out" 2>&1
cap=$(it_virtsh vol-info up.img --pool "$POOL" --bytes | awk '/^Capacity:/ {print $2}')
[ "$FAULT_STATUS" = 1 ] && grep -q "stopped by Ctrl-C" "$T/out" && [ "$cap" = 2097152 ] &&
    cmp -s -n 614400 "$P/up.img" "$T/up.src" && it_virtsh "${UPLOAD[@]:1}" >"$T/cont" 2>&1 &&
    cmp -s "$P/up.img" "$T/up.src"
tap_result $? "${DESC[11]}" || tap_diag "status $FAULT_STATUS, capacity $cap: $(cat "$T/out")" "$(cat "$T/cont")"

VCLONE=("$VIRTSH" vol-clone up.img up2.img --pool "$POOL")
fault_count_calls "${VCLONE[@]}" >"$T/count" 2>&1
vccount=$(cat "$T/count")
fault_calls >"$T/calls.vclone"
bad=()
for ((i = 1; i <= vccount; i++)); do
    it_hvirsh vol-delete up2.img --pool "$POOL" >/dev/null 2>&1
    fault_kill_after "$i" "${VCLONE[@]}" >/dev/null 2>&1
    killed=$?
    exists up2.img || it_virtsh "${VCLONE[@]:1}" >"$T/cont" 2>&1
    if [ $killed != 0 ] || ! cmp -s "$P/up2.img" "$T/up.src"; then
        bad+=("after call $i ($(call_name "$i" vclone)): killed=$killed: $(cat "$T/cont" 2>/dev/null)")
    fi
done
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[12]} (N = 1..$vccount)" || tap_diag "${bad[@]}"

DOWNLOAD=("$VIRTSH" vol-download up.img "$T/down.img" --pool "$POOL" --sparse)
fault_count_calls "${DOWNLOAD[@]}" >"$T/count" 2>&1
dcount=$(cat "$T/count")
fault_calls >"$T/calls.download"
bad=()
for ((i = 1; i <= dcount; i++)); do
    rm -f "$T"/down.img*
    fault_kill_after "$i" "${DOWNLOAD[@]}" >/dev/null 2>&1
    killed=$?
    # How many chunks arrive varies from run to run: a run with fewer calls
    # than the count ends before call i, and must then have the whole file.
    [ $killed != 0 ] && [ "$FAULT_STATUS" = 0 ] && [ "$(fault_calls | wc -l)" -lt "$i" ] && killed=0
    if [ $killed != 0 ] || { [ -e "$T/down.img" ] && ! cmp -s "$T/down.img" "$T/up.src"; }; then
        bad+=("after call $i ($(call_name "$i" download)): killed=$killed, $(ls "$T" | grep down)")
    fi
done
rm -f "$T"/down.img*
[ ${#bad[@]} = 0 ]
tap_result $? "${DESC[13]} (N = 1..$dcount)" || tap_diag "${bad[@]}"

for f in clone undefine upload vclone download; do
    tap_diag "calls of $f: $(tr '\n' ' ' < "$T/calls.$f")"
done
it_hvirsh undefine "$SRC" --remove-all-storage >/dev/null 2>&1
tap_plan
