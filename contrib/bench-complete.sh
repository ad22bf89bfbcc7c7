#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench-complete.sh - how long a bash Tab completion of domain names takes
# with many domains defined, virtsh side by side with virsh.
#
# Usage: VIRTSH=build/src/virtsh contrib/bench-complete.sh [DOMAINS [RUNS]]
#        (defaults: 1000 domains, 40 runs of each; run as root or as a user
#        who can run libvirtd)
#
# On a private libvirt session daemon (tests/integration/lib.sh) DOMAINS
# diskless guests are defined (shut off).  One bash, as the daemon's user,
# loads bash-completion, completions/virtsh and virsh's own completion, then
# alternates: the completion function of each program called the way bash
# calls it on Tab for "PROGRAM start bench-<Tab>" (COMP_WORDS set, the
# function run, COMPREPLY filled: one process of each program, a connection
# and the domain listing), timed with $EPOCHREALTIME.  The same is done for
# the bare hidden commands as each script runs them ("virtsh complete --bash
# bench- -- start bench-" and "virsh complete -- start bench-").  The word is
# "bench-", not empty: on an empty word virsh offers start's options, not the
# domains.  Prints the medians and ratios, and with BENCH_OUT=FILE writes
# them as a Markdown section.  A benchmark, not a test: it asserts only that
# both programs offered every domain.
set -u
HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=tests/integration/lib.sh
source "$REPO/tests/integration/lib.sh"

NDOM=${1:-1000}
RUNS=${2:-40}
if [ -z "${VIRTSH:-}" ]; then
    echo "bench-complete.sh: set VIRTSH to the virtsh binary" >&2
    exit 2
fi
if ! it_setup; then
    echo "bench-complete.sh: cannot start the session daemon: $IT_SKIP_REASON" >&2
    exit 1
fi
IT_CMD_TIMEOUT=1800

log() { echo "bench: $*" >&2; }

# ------------------------------------------------------------ domains
log "defining $NDOM domains"
script=$IT_TMPDIR/xml/define.vsh
undef=$IT_TMPDIR/xml/undefine.vsh
: >"$script"
: >"$undef"
for ((i = 1; i <= NDOM; i++)); do
    name=$(printf 'bench-%04d' "$i")
    f=$IT_TMPDIR/xml/$name.xml
    cat >"$f" <<EOF
<domain type='qemu'>
  <name>$name</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><controller type='usb' model='none'/><memballoon model='none'/></devices>
</domain>
EOF
    echo "define $f" >>"$script"
    echo "undefine $name" >>"$undef"
done
chown -R "$IT_UID:$IT_GID" "$IT_TMPDIR/xml"
# One virsh reads every define (and, at exit, every undefine): a process
# per domain would take minutes at teardown.
# shellcheck disable=SC2016 # eval'd at exit
it_at_exit 'it_hvirsh <"$undef" >/dev/null 2>&1'
t0=$EPOCHREALTIME
it_hvirsh <"$script" >/dev/null 2>"$IT_TMPDIR/tmp/define.err"
defined=$(it_hvirsh list --all --name | grep -c '^bench-')
log "defined $defined domains in $(it__elapsed "$t0" "$EPOCHREALTIME") s"
if [ "$defined" -ne "$NDOM" ]; then
    log "only $defined of $NDOM domains defined: $(head -3 "$IT_TMPDIR/tmp/define.err")"
    exit 1
fi

# ------------------------------------------------------------ timing
# The inner bash prints one line per sample: KIND MICROSECONDS COUNT.
# shellcheck disable=SC2016 # the script is for the inner bash
samples=$(it_run bash --norc --noprofile -c '
    source /usr/share/bash-completion/bash_completion || exit 1
    source "$1" || exit 1                                   # completions/virtsh
    source /usr/share/bash-completion/completions/virsh || exit 1
    virtsh=$2 runs=$3
    us() { local t=${EPOCHREALTIME/./}; echo $((t - T0)); }
    tab() {    # tab PROGRAM FUNCTION: "PROGRAM start bench-<Tab>"
        COMP_WORDS=("$1" start bench-)
        COMP_CWORD=2
        COMP_LINE="$1 start bench-"
        COMP_POINT=${#COMP_LINE}
        COMPREPLY=()
        T0=${EPOCHREALTIME/./}
        "$2" "$1" bench- start
        echo "$3 $(us) ${#COMPREPLY[@]}"
    }
    hidden() {    # hidden KIND COMMAND...
        local kind=$1 out
        shift
        T0=${EPOCHREALTIME/./}
        out=$("$@" -- start bench- 2>/dev/null)
        echo "$kind $(us) $(grep -c "^bench-" <<<"$out")"
    }
    # warm up: the daemon, the page cache, both binaries
    for ((i = 0; i < 3; i++)); do
        tab "$virtsh" _virtsh x >/dev/null
        tab virsh _virsh_complete x >/dev/null
    done
    for ((i = 0; i < runs; i++)); do
        if ((i % 2 == 0)); then
            tab "$virtsh" _virtsh bash-virtsh
            tab virsh _virsh_complete bash-virsh
            hidden hidden-virtsh "$virtsh" complete --bash bench-
            hidden hidden-virsh virsh complete
        else
            tab virsh _virsh_complete bash-virsh
            tab "$virtsh" _virtsh bash-virtsh
            hidden hidden-virsh virsh complete
            hidden hidden-virtsh "$virtsh" complete --bash bench-
        fi
    done
' bash "$REPO/completions/virtsh" "$VIRTSH" "$RUNS")

median() {    # median KIND: milliseconds, 1 decimal
    awk -v k="$1" '$1 == k { print $2 }' <<<"$samples" | sort -n |
        awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
              m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "%.1f\n", m / 1000 }'
}
counts() { awk -v k="$1" '$1 == k { print $3 }' <<<"$samples" | sort -u | paste -sd,; }

bv=$(median bash-virtsh) bs=$(median bash-virsh)
hv=$(median hidden-virtsh) hs=$(median hidden-virsh)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

ok=1
for k in bash-virtsh bash-virsh hidden-virtsh hidden-virsh; do
    if [ "$(counts "$k")" != "$NDOM" ]; then
        log "$k did not always offer $NDOM domains: counts $(counts "$k")"
        ok=0
    fi
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
libvirt=$(virsh --version 2>/dev/null)
report=$(cat <<EOF
## Completion: domain names, $NDOM domains (bench-complete.sh)

\`PROGRAM start bench-<Tab>\` in bash: the completion function run as bash runs it
(one process of the program, a connection to a private libvirt session
daemon, the listing of the inactive domains), median of $RUNS alternating
runs each, after 3 warm-up runs.  $(date -u +%Y-%m-%d), $(nproc) CPUs ($cpu),
libvirt $libvirt, both programs offered all $NDOM names: $([ "$ok" = 1 ] && echo yes || echo NO).

| what | virtsh | virsh | virtsh / virsh |
| --- | ---: | ---: | ---: |
| bash Tab, end to end | $bv ms | $bs ms | $(ratio "$bv" "$bs") |
| hidden command alone (\`complete [--bash bench-] -- start bench-\`) | $hv ms | $hs ms | $(ratio "$hv" "$hs") |

Goal: under 50 ms median and no slower than virsh.
EOF
)
echo "$report"
if [ -n "${BENCH_OUT:-}" ]; then
    echo "$report" >"$BENCH_OUT"
    log "wrote $BENCH_OUT"
fi
[ "$ok" = 1 ]
