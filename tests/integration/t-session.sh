#!/bin/bash
# t-session.sh - one long-lived virtsh session (a batch read from a pipe)
# while another client changes a domain under it.  A session remembers
# lookups and what dominfo learnt of OS type and persistence (src/domcache.h);
# each change made elsewhere must show in the session's next command.
#
# The session waits for the lifecycle event of each change with `event`
# before asking again: the remembered values follow events, so that is
# the moment from which they must be right.  Its cache listens on the same
# connection and was registered first, so it has seen the event by then.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

DESC=(
    "session: dominfo of an inactive persistent domain (shut off, persistent, no id)"
    "another client starts it: the session's dominfo shows it running with its id"
    "another client undefines it: the session's dominfo shows it transient"
    "another client defines it again: the session's dominfo shows it persistent"
    "another client destroys it: the session's dominfo shows it shut off, no id"
    "another client undefines it: the session's dominfo says it is not found"
    "the session ends with status 1 (one failed command); each of its event waits saw an event"
)
skip_all() { tap_skip_all "$1" "${DESC[@]}"; }
it_setup || skip_all "$IT_SKIP_REASON"

NAME=sess-a
XML=$IT_TMPDIR/xml/$NAME.xml
mkdir -p "$IT_TMPDIR/xml"
# No disk and no kernel: QEMU sits in its firmware, which is all a running
# domain needs to be here.  The UUID lets the file define the running
# domain again once it has become transient.
cat > "$XML" <<EOX
<domain type='qemu'>
  <name>$NAME</name>
  <uuid>$(cat /proc/sys/kernel/random/uuid)</uuid>
  <memory unit='MiB'>32</memory>
  <os><type arch='x86_64'>hvm</type></os>
</domain>
EOX
chown "$IT_UID:$IT_GID" "$XML"
it_track_domain "$NAME"
it_virtsh define "$XML" >/dev/null 2>&1 || skip_all "cannot define $NAME"

FIFO=$IT_TMPDIR/tmp/session.in
OUT=$IT_TMPDIR/tmp/session.out
mkfifo "$FIFO" && chown "$IT_UID:$IT_GID" "$FIFO"
it_virtsh < "$FIFO" > "$OUT" 2>&1 &
SESSION=$!
exec 7> "$FIFO"
echo 0 > "$IT_TMPDIR/tmp/session.mark"

# Sends the commands of "$@" (one per argument) and waits until the session
# has run them; prints what they printed.
session() {
    local from end mark
    from=$(wc -l < "$OUT")
    # (a file: this runs in $(...) subshells)
    mark=$(( $(cat "$IT_TMPDIR/tmp/session.mark") + 1 ))
    echo "$mark" > "$IT_TMPDIR/tmp/session.mark"
    printf '%s\n' "$@" "echo ==mark $mark==" >&7
    end=$((SECONDS + 40))
    until grep -qx "==mark $mark==" "$OUT"; do
        [ $SECONDS -ge $end ] && { echo "(session did not answer)"; return 1; }
        sleep 0.05
    done
    sed -n "$((from + 1)),\$p" "$OUT" | grep -vx "==mark $mark=="
}

# Lets the session wait for the next lifecycle event of the domain, then
# makes the change with another client (a one-shot virtsh) and prints what
# the session's dominfo says afterwards.
changed_by_other() {
    printf '%s\n' "event --domain $NAME --event lifecycle --timeout 30" >&7
    sleep 0.5   # the event command registers its callback
    it_virtsh "$@" >/dev/null 2>&1 || echo "(the other client failed: $*)"
    session "dominfo $NAME" | grep -v "^events received: "
}

field() { sed -n "s/^$1: *//p" <<< "$2"; }

out=$(session "dominfo $NAME")
[ "$(field State "$out")" = "shut off" ] && [ "$(field Persistent "$out")" = yes ] &&
    [ "$(field Id "$out")" = - ]
tap_result $? "${DESC[0]}" || tap_diag "$out"

out=$(changed_by_other start "$NAME")
id=$(it_virtsh domid "$NAME" 2>&1)
[ "$(field State "$out")" = running ] && [ "$(field Id "$out")" = "$id" ] && [ "$id" != - ]
tap_result $? "${DESC[1]}" || tap_diag "id $id: $out"

out=$(changed_by_other undefine "$NAME")
[ "$(field Persistent "$out")" = no ] && [ "$(field State "$out")" = running ]
tap_result $? "${DESC[2]}" || tap_diag "$out"

out=$(changed_by_other define "$XML")
[ "$(field Persistent "$out")" = yes ] && [ "$(field State "$out")" = running ]
tap_result $? "${DESC[3]}" || tap_diag "$out"

out=$(changed_by_other destroy "$NAME")
[ "$(field State "$out")" = "shut off" ] && [ "$(field Id "$out")" = - ] &&
    [ "$(field Persistent "$out")" = yes ]
tap_result $? "${DESC[4]}" || tap_diag "$out"

out=$(changed_by_other undefine "$NAME")
# the session reads standard input: its errors start with <stdin>:LINE:
grep -Eqx "error: <stdin>:[0-9]+: domain '$NAME' not found" <<< "$out"
tap_result $? "${DESC[5]}" || tap_diag "$out"

exec 7>&-
wait "$SESSION"
rc=$?
nevents=$(grep -c "^event 'lifecycle' for domain '$NAME'" "$OUT")
[ $rc -eq 1 ] && [ "$nevents" -eq 5 ] && ! grep -q "no event within" "$OUT"
tap_result $? "${DESC[6]}" || { tap_diag "exit $rc, $nevents events"; tap_diag < "$OUT"; }

tap_plan
