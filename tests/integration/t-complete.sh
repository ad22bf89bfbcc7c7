#!/bin/bash
# it-exclusive: session   (stops the session daemon with SIGSTOP)
# t-complete.sh - completion against the real private session daemon: domains
# filtered by state (the one bulk listing call with the command's flags),
# through the hidden command and through the bash script, machine types from
# the capabilities, and a daemon stopped with SIGSTOP: completion answers
# nothing within its bound, prints nothing, and works again once it resumes.
#
# The domains are diskless TCG guests sitting in the BIOS: running needs no
# guest image.  Their names start with "cpl" so that the listings can be
# narrowed to them on a shared daemon.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

OFF=cpl-off         # defined, shut off
SPACE="cpl my vm"   # defined, shut off, a space in the name
RUN=cpl-run         # defined, running
PAUSED=cpl-paused   # defined, paused
TRANS=cpl-trans     # transient, running
REPO=$(cd "$IT_SRCDIR/../.." && pwd)

DESC=(
    "the test domains are in place"
    "start offers the inactive domains"
    "shutdown offers the running domains"
    "console offers the running domains"
    "resume offers the paused domain"
    "destroy offers the active domains"
    "undefine offers the persistent domains"
    "dominfo offers every domain"
    "bash: _virtsh completes start's domains, a space escaped"
    "bash: inside a quote the name is completed as typed"
    "domcapabilities --machine offers machine types, canonical ones too"
    "qemu-monitor-command offers the domain's QMP commands"
    "qemu-monitor-command offers a QMP command's argument words"
    "qmp-schema offers QMP command names"
    "agent offers the guest agent's commands (guest-info)"
    "bash: agent commands through the script"
    "stopped daemon: the hidden command answers nothing within the bound"
    "stopped daemon: nothing on stderr"
    "stopped daemon: bash completion comes back empty within the bound"
    "resumed daemon: completion works again"
)

# Every test of this script skipped, with the reason.
skip_all() { tap_skip_all "$1" "${DESC[@]}"; }

it_setup || skip_all "$IT_SKIP_REASON"

# A diskless guest that boots into the BIOS and stays there.
xmlfile() {    # xmlfile NAME: prints the path of its XML
    local f=$IT_TMPDIR/xml/cpl-$RANDOM.xml
    cat >"$f" <<EOF
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <controller type='usb' model='none'/>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
    chown "$IT_UID:$IT_GID" "$f"
    echo "$f"
}

for d in "$OFF" "$SPACE" "$RUN" "$PAUSED" "$TRANS"; do it_track_domain "$d"; done
setup_ok=1
for d in "$OFF" "$SPACE" "$RUN" "$PAUSED"; do
    it_hvirsh define "$(xmlfile "$d")" >/dev/null 2>&1 || setup_ok=0
done
it_hvirsh start "$RUN" >/dev/null 2>&1 || setup_ok=0
it_hvirsh start --paused "$PAUSED" >/dev/null 2>&1 || setup_ok=0
it_hvirsh create "$(xmlfile "$TRANS")" >/dev/null 2>&1 || setup_ok=0
states=$(for d in "$OFF" "$SPACE" "$RUN" "$PAUSED" "$TRANS"; do it_domstate "$d"; done | paste -sd,)
if [ "$setup_ok" = 1 ] && [ "$states" = "shut off,shut off,running,paused,running" ]; then
    tap_ok "${DESC[0]}"
else
    tap_not_ok "${DESC[0]}"
    tap_diag "states: $states"
fi

# candidates COMMAND: what `complete` offers for COMMAND's domain among ours.
candidates() {
    it_virtsh complete -- "$1" cpl 2>/dev/null | paste -sd'|'
}
expect() {    # expect DESC GOT WANT
    if [ "$2" = "$3" ]; then
        tap_ok "$1"
    else
        tap_not_ok "$1"
        tap_diag "want: $3" "got:  $2"
    fi
}
expect "${DESC[1]}" "$(candidates start)" "$SPACE|$OFF"
expect "${DESC[2]}" "$(candidates shutdown)" "$RUN|$TRANS"
expect "${DESC[3]}" "$(candidates console)" "$RUN|$TRANS"
expect "${DESC[4]}" "$(candidates resume)" "$PAUSED"
expect "${DESC[5]}" "$(candidates destroy)" "$PAUSED|$RUN|$TRANS"
expect "${DESC[6]}" "$(candidates undefine)" "$SPACE|$OFF|$PAUSED|$RUN"
expect "${DESC[7]}" "$(candidates dominfo)" "$SPACE|$OFF|$PAUSED|$RUN|$TRANS"

# bash: the completion function, run as the test user; COMP_WORDS as bash
# splits "virtsh -c qemu:///session start cpl" (':' is a word break).
bash_complete() {    # bash_complete TEXT WORD...: prints COMPREPLY, '|'-separated
    local text=$1
    shift
    # shellcheck disable=SC2016 # the script is for the inner bash
    it_run bash --norc --noprofile -c '
        source /usr/share/bash-completion/bash_completion || exit 1
        source "$1" || exit 1
        bin=$2 text=$3
        shift 3
        COMP_WORDS=("$@")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="${COMP_WORDS[*]}"
        COMP_LINE=${COMP_LINE// : /:}
        COMP_POINT=${#COMP_LINE}
        _virtsh "$bin" "$text" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd"|"
    ' bash "$REPO/completions/virtsh" "$VIRTSH" "$text" "$@" 2>/dev/null
}
expect "${DESC[8]}" "$(bash_complete cpl virtsh -c qemu : ///session start cpl)" 'cpl-off|cpl\ my\ vm'
expect "${DESC[9]}" "$(bash_complete "cpl m" virtsh -c qemu : ///session start "'cpl m")" "cpl my vm"

# The daemon probes QEMU on the first capabilities call (seconds, more than
# completion waits): let it do that first.
it_hvirsh capabilities >/dev/null 2>&1
machines=$(it_virtsh complete -- domcapabilities --machine pc 2>/dev/null)
if grep -qx pc <<<"$machines" && grep -q '^pc-i440fx-' <<<"$machines"; then
    tap_ok "${DESC[10]}"
else
    tap_not_ok "${DESC[10]}"
    tap_diag "got: $(head -c 300 <<<"$machines" | paste -sd' ')"
fi

# QMP through libvirt-qemu on the running guest: the schema's names.
qmp=$(it_virtsh complete -- qemu-monitor-command "$RUN" query-sta 2>/dev/null)
if grep -qx query-status <<<"$qmp" && ! grep -qv '^query-sta' <<<"$qmp"; then
    tap_ok "${DESC[11]}"
else
    tap_not_ok "${DESC[11]}"
    tap_diag "got: $(paste -sd' ' <<<"$qmp")"
fi
expect "${DESC[12]}" "$(it_virtsh complete -- qemu-monitor-command "$RUN" device_del "" 2>/dev/null | paste -sd'|')" "id="
expect "${DESC[13]}" "$(it_virtsh complete -- qmp-schema "$RUN" query-status 2>/dev/null | paste -sd'|')" "query-status"

# The guest agent's commands, from guest-info, on a guest that runs qemu-ga.
AGENT=cpl-agent
if ! it_guest_available; then
    tap_skip "${DESC[14]}" "${IT_GUEST_SKIP:-no guest built (IT_GUEST_DIR unset)}"
    tap_skip "${DESC[15]}" "${IT_GUEST_SKIP:-no guest built (IT_GUEST_DIR unset)}"
elif ! it_hvirsh create "$(it_guest_xmlfile "$AGENT" normal)" >/dev/null 2>&1 ||
     ! it_wait_agent "$AGENT" 180; then
    tap_not_ok "${DESC[14]}"
    tap_diag "the guest's agent never answered"
    it_dump_serial "$AGENT"
    tap_skip "${DESC[15]}" "no agent"
else
    agent=$(it_virtsh complete -- agent "$AGENT" guest-p 2>/dev/null)
    if grep -qx guest-ping <<<"$agent" && ! grep -qv '^guest-p' <<<"$agent"; then
        tap_ok "${DESC[14]}"
    else
        tap_not_ok "${DESC[14]}"
        tap_diag "got: $(paste -sd' ' <<<"$agent")"
    fi
    expect "${DESC[15]}" "$(bash_complete guest-pi virtsh agent "$AGENT" guest-pi)" "guest-ping"
fi

# ------------------------------------------------------------ SIGSTOP
# The daemon this run started is stopped, and always resumed.
# shellcheck disable=SC2016 # eval'd at exit
it_at_exit 'kill -CONT "$IT_DAEMON_PID" 2>/dev/null'
kill -STOP "$IT_DAEMON_PID"
t0=$EPOCHREALTIME
out=$(it_virtsh complete -- start cpl 2>"$IT_TMPDIR/tmp/cpl.err")
rc=$?
ms=$(( (${EPOCHREALTIME/./} - ${t0/./}) / 1000 ))
if [ "$rc" -eq 0 ] && [ -z "$out" ] && [ "$ms" -lt 4000 ]; then
    tap_ok "${DESC[16]} (${ms} ms)"
else
    tap_not_ok "${DESC[16]}"
    tap_diag "status $rc after $ms ms, output: $out"
fi
if [ ! -s "$IT_TMPDIR/tmp/cpl.err" ]; then
    tap_ok "${DESC[17]}"
else
    tap_not_ok "${DESC[17]}"
    tap_diag "$(head -5 "$IT_TMPDIR/tmp/cpl.err")"
fi
t0=$EPOCHREALTIME
out=$(bash_complete cpl virtsh -c qemu : ///session start cpl)
ms=$(( (${EPOCHREALTIME/./} - ${t0/./}) / 1000 ))
if [ -z "$out" ] && [ "$ms" -lt 4000 ]; then
    tap_ok "${DESC[18]} (${ms} ms)"
else
    tap_not_ok "${DESC[18]}"
    tap_diag "after $ms ms: $out"
fi
kill -CONT "$IT_DAEMON_PID"
ok=0
for ((i = 0; i < 50; i++)); do
    [ "$(candidates resume)" = "$PAUSED" ] && { ok=1; break; }
    sleep 0.2
done
if [ "$ok" = 1 ]; then tap_ok "${DESC[19]}"; else tap_not_ok "${DESC[19]}"; fi

tap_plan
