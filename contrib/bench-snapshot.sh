#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench-snapshot.sh - snapshot-list on a domain with many snapshots, virtsh
# side by side with virsh: the table, --parent, --tree, --name, and
# virtsh's JSON (which carries each snapshot's parent and children), in
# wall time and in libvirt calls.
#
# Usage: VIRTSH=build/src/virtsh contrib/bench-snapshot.sh [SNAPSHOTS [RUNS]]
#        (defaults: 200 snapshots, 30 runs of each; run as root or as a user
#        who can run libvirtd)
#
# On a private libvirt session daemon (tests/integration/lib.sh) one
# diskless guest is defined (shut off, never started) and SNAPSHOTS
# snapshots of it are redefined from XML (metadata only, no image work):
# a tree where snapshot i's parent is snapshot i/2, so --tree draws 8
# levels.  One bash, as the daemon's user, then alternates the two programs
# on each case (RUNS runs each, after 3 warm-up runs), timing every run
# with $EPOCHREALTIME: one process, one connection, the listing.  The calls
# each program makes to libvirt are counted once per case with the fault
# preload's log (tests/tools/virtsh-fault.so, no fault: it only counts;
# built with the tests).  Prints medians, ratios and call counts, and with
# BENCH_OUT=FILE writes them as a Markdown section.  A benchmark, not a
# test: it asserts only that both programs listed every snapshot.
set -u
HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=tests/integration/lib.sh
source "$REPO/tests/integration/lib.sh"
# shellcheck source=tests/tools/faults.sh
source "$REPO/tests/tools/faults.sh"

NSNAP=${1:-200}
RUNS=${2:-30}
DOM=bench-snap
if [ -z "${VIRTSH:-}" ]; then
    echo "bench-snapshot.sh: set VIRTSH to the virtsh binary" >&2
    exit 2
fi
if ! it_setup; then
    echo "bench-snapshot.sh: cannot start the session daemon: $IT_SKIP_REASON" >&2
    exit 1
fi
IT_CMD_TIMEOUT=1800
log() { echo "bench: $*" >&2; }

# ------------------------------------------------------------ snapshots
D=$IT_TMPDIR/xml
domxml="<domain type='qemu'>
  <name>$DOM</name>
  <uuid>5e1f0c2a-7d3b-4b8e-9a61-2c4d8f0b7a13</uuid>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><controller type='usb' model='none'/><memballoon model='none'/></devices>
</domain>"
echo "$domxml" >"$D/$DOM.xml"
script=$D/snapshots.vsh
echo "define $D/$DOM.xml" >"$script"
for ((i = 1; i <= NSNAP; i++)); do
    parent=""
    [ "$i" -gt 1 ] && parent=$(printf '<parent><name>s%04d</name></parent>' $((i / 2)))
    cat >"$D/s$i.xml" <<EOF
<domainsnapshot>
  <name>$(printf 's%04d' "$i")</name>
  <description>snapshot number $i of the benchmark</description>
  $parent
  <state>shutoff</state>
  <creationTime>$((1700000000 + i * 60))</creationTime>
  <memory snapshot='no'/>
  $domxml
</domainsnapshot>
EOF
    echo "snapshot-create $DOM $D/s$i.xml --redefine" >>"$script"
done
chown -R "$IT_UID:$IT_GID" "$D"
it_at_exit "it_hvirsh undefine $DOM --snapshots-metadata >/dev/null 2>&1"
t0=$EPOCHREALTIME
it_hvirsh <"$script" >/dev/null 2>"$IT_TMPDIR/tmp/define.err"
made=$(it_hvirsh snapshot-list "$DOM" --name | grep -c '^s')
log "redefined $made snapshots in $(it__elapsed "$t0" "$EPOCHREALTIME") s"
if [ "$made" -ne "$NSNAP" ]; then
    log "only $made of $NSNAP snapshots: $(head -3 "$IT_TMPDIR/tmp/define.err")"
    exit 1
fi

# ------------------------------------------------------------ cases
# KIND|virtsh words|virsh words (empty: no virsh counterpart)
CASES=(
    "table|snapshot-list $DOM|snapshot-list $DOM"
    "parent|snapshot-list $DOM --parent|snapshot-list $DOM --parent"
    "tree|snapshot-list $DOM --tree|snapshot-list $DOM --tree"
    "name|snapshot-list $DOM --name|snapshot-list $DOM --name"
    "json|-o json snapshot-list $DOM|snapshot-list $DOM --parent"
    # JSON has every snapshot's time, state and parent (and children), with
    # or without --tree: virsh's listing with that much is --parent
    "json-tree|-o json snapshot-list $DOM --tree|snapshot-list $DOM --parent"
)

# ------------------------------------------------------------ calls
fault_available || { log "$FAULT_SKIP_REASON"; exit 1; }
declare -A CALLS LINES
for c in "${CASES[@]}"; do
    IFS='|' read -r kind ours theirs <<<"$c"
    # shellcheck disable=SC2086 # the words of the case
    CALLS[$kind-virtsh]=$(fault_count_calls "$VIRTSH" -c "$IT_URI" $ours)
    # shellcheck disable=SC2086
    CALLS[$kind-virsh]=$(fault_count_calls "$IT_REF_VIRSH" -c "$IT_URI" $theirs)
    # shellcheck disable=SC2086
    # (distinct names: JSON is one line, and names a snapshot again as a parent or child)
    LINES[$kind-virtsh]=$(it_virtsh $ours 2>/dev/null | grep -o 's[0-9]\{4\}' | sort -u | wc -l)
    # shellcheck disable=SC2086
    LINES[$kind-virsh]=$(it_hvirsh $theirs 2>/dev/null | grep -o 's[0-9]\{4\}' | sort -u | wc -l)
done

# ------------------------------------------------------------ timing
# The inner bash prints one line per sample: KIND-PROGRAM MICROSECONDS.
printf '%s\n' "${CASES[@]}" >"$IT_TMPDIR/tmp/cases"
chown "$IT_UID:$IT_GID" "$IT_TMPDIR/tmp/cases"
# shellcheck disable=SC2016 # the script is for the inner bash
samples=$(it_run bash --norc --noprofile -c '
    virtsh=$1 virsh=$2 uri=$3 runs=$4
    mapfile -t cases <"$5"
    one() {    # one LABEL PROGRAM WORDS
        local label=$1 prog=$2 t0
        t0=${EPOCHREALTIME/./}
        $prog -c "$uri" $3 >/dev/null 2>&1
        local t1=${EPOCHREALTIME/./}
        [ "$label" != x ] && echo "$label $((t1 - t0))"
    }
    for c in "${cases[@]}"; do
        IFS="|" read -r kind ours theirs <<<"$c"
        for ((i = 0; i < 3; i++)); do
            one x "$virtsh" "$ours"; one x "$virsh" "$theirs"
        done
        for ((i = 0; i < runs; i++)); do
            if ((i % 2 == 0)); then
                one "$kind-virtsh" "$virtsh" "$ours"; one "$kind-virsh" "$virsh" "$theirs"
            else
                one "$kind-virsh" "$virsh" "$theirs"; one "$kind-virtsh" "$virtsh" "$ours"
            fi
        done
    done
' bash "$VIRTSH" "$IT_REF_VIRSH" "$IT_URI" "$RUNS" "$IT_TMPDIR/tmp/cases")

median() {    # median LABEL: milliseconds, 1 decimal
    awk -v k="$1" '$1 == k { print $2 }' <<<"$samples" | sort -n |
        awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
              m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "%.1f\n", m / 1000 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

ok=1
rows=""
for c in "${CASES[@]}"; do
    IFS='|' read -r kind ours theirs <<<"$c"
    for p in virtsh virsh; do
        [ "${LINES[$kind-$p]}" -ge "$NSNAP" ] || { log "$kind-$p listed ${LINES[$kind-$p]} snapshots"; ok=0; }
    done
    mv=$(median "$kind-virtsh") ms=$(median "$kind-virsh")
    rows+="| \`$ours\` | \`$theirs\` | $mv ms | $ms ms | $(ratio "$mv" "$ms") | ${CALLS[$kind-virtsh]} | ${CALLS[$kind-virsh]} |"$'\n'
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
libvirt=$("$IT_REF_VIRSH" --version 2>/dev/null)
report=$(cat <<EOF
## snapshot-list, $NSNAP snapshots (bench-snapshot.sh)

One shut-off domain with $NSNAP snapshots (metadata redefined from XML; a tree,
snapshot i's parent is i/2) on a private libvirt session daemon; each run is
one process: a connection and the listing.  Median of $RUNS alternating runs
each after 3 warm-up runs; libvirt calls counted with the fault preload's log.
The JSON cases are compared with virsh's nearest text listing (JSON has the
parent and children of each snapshot).  $(date -u +%Y-%m-%d), $(nproc) CPUs
($cpu), libvirt $libvirt; both listed every snapshot: $([ "$ok" = 1 ] && echo yes || echo NO).

| virtsh | virsh | virtsh | virsh | virtsh / virsh | calls virtsh | calls virsh |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
${rows%$'\n'}

Goal: no slower than virsh.
EOF
)
echo "$report"
if [ -n "${BENCH_OUT:-}" ]; then
    echo "$report" >"$BENCH_OUT"
    log "wrote $BENCH_OUT"
fi
[ "$ok" = 1 ]
