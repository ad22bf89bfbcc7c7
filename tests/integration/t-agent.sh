#!/bin/bash
# t-agent.sh - the guest agent commands (issue 5: raw forwarding and the
# convenience commands) against a real QEMU guest running qemu-ga, through the
# private session daemon, and `agent --socket` against the host-side qemu-ga
# (host-changing RPCs blocked).
#
# Effects are checked independently of virtsh wherever possible: inside the
# guest with the reference virsh's guest-exec (it_guest_exec), e.g. the
# tester entry of /etc/shadow after set-user-password, recomputed with
# openssl from the salt.  Secrets are checked never to reach the history
# file (the REPL driven in tmux), the -l log, -d output, or any process's
# argv (ps sampled all along).
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

DOM=t-agent-g

DESC=(
    "wait --agent --timeout 2 on a shut off domain times out with exit 1"
    "wait --agent returns once the booting guest's agent answers"
    "wait --agent is event-driven: one ping per 5 s at most, plus one per event"
    "wait --state running returns at once for a running domain"
    "qemu-agent-command guest-ping prints {\"return\":{}}"
    "qemu-agent-command --pretty indents the guest-info reply"
    "qemu-agent-command: an unknown command is one error line with a suggestion, exit 1"
    "qemu-agent-command: a request that is not JSON is refused before sending, exit 2"
    "agent guest-get-time prints the guest's time in ns, close to the host's"
    "agent: key:=JSON arguments reach the agent (guest-exec arg list)"
    "agent: invalid JSON is refused with the position of the error, exit 2"
    "agent: @FILE and - read a whole request"
    "agent: a typo gets 'did you mean' from the guest's own command list"
    "agent: an error reply from the agent is one clear line, exit 1"
    "domtime matches the host's clock; --pretty and -o json agree"
    "domtime --time sets the guest clock, --now puts it back"
    "set-user-password from stdin: the guest's shadow entry is that password"
    "set-user-password --password-file: the shadow entry changes to it"
    "set-user-password --encrypted: the shadow entry is the given hash"
    "set-user-password: an unknown user fails with the agent's reason, exit 1"
    "set-user-password: a positional password is masked in the -l log and -d output"
    "REPL (tmux): positional and prompted passwords are set, not echoed, not in history"
    "set-user-password refuses to run with LIBVIRT_DEBUG (libvirt would log the password)"
    "no password appeared in any process's argv while the commands ran"
    "guest-exec passes stdout, stderr and the exit status through"
    "guest-exec: a program killed by a signal gives 128+N"
    "guest-exec --stdin and --env reach the program"
    "guest-exec -o json has exitcode and output"
    "guest-exec --timeout stops waiting with exit 124"
    "guest-exec: Ctrl-C stops waiting with exit 130 and names the pid"
    "guest-file-put then guest-file-get round trip keeps the sha256 (checked in the guest too)"
    "guest-file-get to standard output"
    "guest-file-get of a missing file fails and creates nothing locally"
    "guest-file-get interrupted: exit 130, no local file, guest handle closed"
    "domfsinfo lists /data as ext2 on vda (text and JSON)"
    "guestinfo matches the reference virsh, and -o json nests fs[0].mountpoint"
    "guestvcpus lists the guest's vCPU"
    "domfsfreeze freezes (the agent says frozen), domfsthaw thaws"
    "domifaddr --source agent lists the guest's interfaces like the reference virsh"
    "agent --socket: guest-ping and guest-get-time on the host qemu-ga"
    "agent --socket: a blocked command is an error naming CommandNotFound, exit 1"
    "agent --socket: several commands in one shell reuse one connection; qemu-ga survives"
)

# Every test of this script skipped, with the reason.
skip_all() { tap_skip_all "$1" "${DESC[@]}"; }

it_setup || skip_all "$IT_SKIP_REASON"
it_guest_available || skip_all "${IT_GUEST_SKIP:-no guest built}"

T=$IT_TMPDIR/tmp/t-agent
mkdir -p "$T"
chown "$IT_UID:$IT_GID" "$T"

# Files handed to the test user.
user_file() {    # user_file PATH [CONTENT] - creates PATH owned by the user
    printf '%s' "${2:-}" > "$1"
    chown "$IT_UID:$IT_GID" "$1"
    chmod 600 "$1"
}

# Runs virtsh ARGS in the background (output to OUT), sends it SIGINT after
# SECS seconds as a Ctrl-C would, and returns its exit status; sets vpid.
ctrl_c_after() {    # ctrl_c_after SECS OUT ARGS...
    local secs=$1 outf=$2 job
    shift 2
    it_virtsh "$@" > "$outf" 2>&1 &
    job=$!
    sleep "$secs"
    vpid=$(it_virtsh_pid_below $job)
    [ -n "$vpid" ] && kill -INT "$vpid"
    wait $job
}

# The tester entry of the guest's /etc/shadow, read with the reference virsh.
shadow_tester() {
    it_guest_exec "$DOM" /bin/grep '^tester:' /etc/shadow || return 1
    echo "$IT_EXEC_OUT" | cut -d: -f2
}

# Does HASH ($6$salt$...) hash PASSWORD?  (The password goes to openssl on
# stdin: argv is watched.)
hash_is() {
    local hash=$1 pw=$2 salt
    salt=$(echo "$hash" | cut -d'$' -f3)
    [ -n "$salt" ] && [ "$(printf '%s' "$pw" | openssl passwd -6 -salt "$salt" -stdin)" = "$hash" ]
}

# Does FILE (or stdin) contain secret NAME?  grep reads the pattern from a
# file, so the secret is never a command-line word.
has_secret() {    # has_secret NAME [FILE]
    grep -qF -f "$T/secret.$1" "${2:--}"
}

# A JSON field of a one-line object (numbers, strings, booleans), via python.
jfield() {    # jfield EXPR JSON - EXPR indexes the object as d, e.g. 'd["os"]["id"]'
    python3 -c 'import json,sys; d=json.loads(sys.argv[2]); print(eval(sys.argv[1]))' "$1" "$2" 2>/dev/null
}

# ------------------------------------------------------------ secrets watch
# Every password used below, and a sampler of all processes' argv.
PW_STDIN="stdin-Pw-$RANDOM$RANDOM"
PW_FILE="file-Pw-$RANDOM$RANDOM"
PW_POS="argv-Pw-$RANDOM$RANDOM"   # deliberately on a command line (virsh compatibility)
PW_PROMPT="prompt-Pw-$RANDOM$RANDOM"
for s in STDIN FILE POS PROMPT; do
    v=PW_$s
    printf '%s' "${!v}" > "$T/secret.$s"    # no newline: type_secret pastes it
done
PS_LOG=$T/ps.log
PS_FLAG=$T/ps.on
touch "$PS_FLAG"
( while [ -e "$PS_FLAG" ]; do ps -eo args >> "$PS_LOG"; sleep 0.05; done ) &
PS_PID=$!
it_at_exit "rm -f '$PS_FLAG'; kill $PS_PID 2>/dev/null"

# ------------------------------------------------------------ boot, wait
XML=$(it_guest_xmlfile "$DOM" normal)
it_hvirsh define "$XML" >/dev/null 2>&1

out=$(it_virtsh wait "$DOM" --agent --timeout 2 2>&1)
rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "timed out after 2 s"
tap_result $? "${DESC[0]}" || tap_diag "rc=$rc: $out"

it_virtsh -o json wait "$DOM" --agent --timeout 120 > "$T/wait.json" 2> "$T/wait.err" &
WAIT_JOB=$!
sleep 0.5
it_hvirsh start "$DOM" >/dev/null 2>&1
wait $WAIT_JOB
rc=$?
out=$(cat "$T/wait.json" "$T/wait.err")
[ $rc = 0 ] && [ "$(jfield 'd["agent"]' "$(cat "$T/wait.json")")" = True ]
if tap_result $? "${DESC[1]}"; then
    tap_diag "agent answered $(jfield 'd["seconds"]' "$(cat "$T/wait.json")") s after wait began"
else
    tap_diag "rc=$rc: $out"
    it_dump_serial "$DOM"
    skip_all_rest=1
fi
# A ping every 5 s while nothing happens (the guest may need long to boot
# on a loaded host), one more after each of the few events of a boot (the
# domain started and resumed, the agent's channel connected): a poll every
# second would make one a second.
pings=$(jfield 'd["pings"]' "$(cat "$T/wait.json")")
secs=$(jfield 'd["seconds"]' "$(cat "$T/wait.json")")
[ -n "$pings" ] && [ -n "$secs" ] && [ "$pings" -le $((${secs%.*} / 5 + 6)) ]
tap_result $? "${DESC[2]}" || tap_diag "pings=$pings: $out"

out=$(it_virtsh wait "$DOM" --state running --timeout 5 2>&1)
tap_result $? "${DESC[3]}" || tap_diag "$out"

if [ "${skip_all_rest:-0}" = 1 ]; then
    for d in "${DESC[@]:4}"; do tap_skip "$d" "the guest agent never answered"; done
    rm -f "$PS_FLAG"
    tap_plan
    exit 0
fi

# ------------------------------------------------------------ raw forwarding
out=$(it_virtsh qemu-agent-command "$DOM" '{"execute":"guest-ping"}' 2>&1)
[ "$out" = '{"return":{}}' ]
tap_result $? "${DESC[4]}" || tap_diag "$out"

out=$(it_virtsh qemu-agent-command "$DOM" --pretty '{"execute":"guest-info"}' 2>&1)
echo "$out" | grep -q '^  "return": {' && echo "$out" | grep -q '"version"'
tap_result $? "${DESC[5]}" || tap_diag "$(echo "$out" | head -5)"

err=$(it_virtsh qemu-agent-command "$DOM" '{"execute":"guest-get-tim"}' 2>&1 >/dev/null)
rc=$?
[ $rc = 1 ] && [ "$(echo "$err" | wc -l)" = 1 ] &&
    echo "$err" | grep -q "^error: unknown agent command 'guest-get-tim'; did you mean 'guest-get-time'?"
tap_result $? "${DESC[6]}" || tap_diag "rc=$rc: $err"

err=$(it_virtsh qemu-agent-command "$DOM" '{"execute":"guest-ping",}' 2>&1)
rc=$?
[ $rc = 2 ] && echo "$err" | grep -q "column 25"
tap_result $? "${DESC[7]}" || tap_diag "rc=$rc: $err"

host_ns=$(date +%s%N)
out=$(it_virtsh agent "$DOM" guest-get-time 2>&1)
[[ $out =~ ^[0-9]+$ ]] && [ $(( (out - host_ns) / 1000000000 )) -lt 300 ] &&
    [ $(( (host_ns - out) / 1000000000 )) -lt 300 ]
tap_result $? "${DESC[8]}" || tap_diag "guest: $out host: $host_ns"

out=$(it_virtsh agent "$DOM" guest-exec path=/bin/echo 'arg:=["one", "two"]' capture-output:=true 2>&1)
pid=$(jfield 'd["pid"]' "$out")
st=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
    [ -n "$pid" ] || break
    st=$(it_virtsh agent "$DOM" guest-exec-status "pid:=$pid" 2>&1)
    [ "$(jfield 'd["exited"]' "$st")" = True ] && break
    sleep 0.3
done
[ "$(jfield 'd["out-data"]' "$st" | base64 -d 2>/dev/null)" = "one two" ]
tap_result $? "${DESC[9]}" || tap_diag "exec: $out status: $st"

err=$(it_virtsh agent "$DOM" guest-exec path=/bin/ls 'arg:=["-l"' 2>&1)
rc=$?
[ $rc = 2 ] && echo "$err" | grep -q "invalid JSON for 'arg' at offset 5"
tap_result $? "${DESC[10]}" || tap_diag "rc=$rc: $err"

user_file "$T/req.json" '{"execute": "guest-get-host-name"}'
out1=$(it_virtsh agent "$DOM" "@$T/req.json" 2>&1)
out2=$(echo '{"execute":"guest-get-timezone"}' | it_virtsh agent "$DOM" - 2>&1)
[ "$(jfield 'd["host-name"]' "$out1")" = virtsh-guest ] && [ "$(jfield 'd["zone"]' "$out2")" = UTC ]
tap_result $? "${DESC[11]}" || tap_diag "@file: $out1 -: $out2"

err=$(it_virtsh agent "$DOM" guest-get-osinf 2>&1)
rc=$?
[ $rc = 1 ] && echo "$err" | grep -q "did you mean 'guest-get-osinfo'"
tap_result $? "${DESC[12]}" || tap_diag "rc=$rc: $err"

err=$(it_virtsh agent "$DOM" guest-file-open path=/nonexistent/x 2>&1 >/dev/null)
rc=$?
[ $rc = 1 ] && [ "$(echo "$err" | wc -l)" = 1 ] &&
    echo "$err" | grep -q "^error: agent command 'guest-file-open' failed: .*No such file or directory"
tap_result $? "${DESC[13]}" || tap_diag "rc=$rc: $err"

# ------------------------------------------------------------ domtime
host_s=$(date +%s)
t_plain=$(it_virtsh domtime "$DOM" 2>&1)
t_pretty=$(it_virtsh domtime "$DOM" --pretty 2>&1)
t_json=$(it_virtsh -o json domtime "$DOM" 2>&1)
secs=${t_plain#Time: }
[[ $secs =~ ^[0-9]+$ ]] && [ $((secs - host_s)) -lt 300 ] && [ $((host_s - secs)) -lt 300 ] &&
    [[ $t_pretty =~ ^Time:\ [0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}:[0-9]{2}$ ]] &&
    [ $(( $(jfield 'd["seconds"]' "$t_json") - secs )) -lt 10 ]
tap_result $? "${DESC[14]}" || tap_diag "$t_plain / $t_pretty / $t_json (host $host_s)"

it_virtsh domtime "$DOM" --time 1000000000 >/dev/null 2>&1
t_set=$(it_virtsh domtime "$DOM" 2>&1)
it_virtsh domtime "$DOM" --now >/dev/null 2>&1
t_back=$(it_virtsh domtime "$DOM" 2>&1)
now=$(date +%s)
set_s=${t_set#Time: } back_s=${t_back#Time: }
[[ $set_s =~ ^[0-9]+$ ]] && [ "$set_s" -ge 1000000000 ] && [ "$set_s" -lt 1000000030 ] &&
    [[ $back_s =~ ^[0-9]+$ ]] && [ $((now - back_s)) -lt 30 ] && [ $((back_s - now)) -lt 30 ]
tap_result $? "${DESC[15]}" || tap_diag "after --time: $t_set, after --now: $t_back (host $now)"

# ------------------------------------------------------------ passwords
out=$(printf '%s\n' "$PW_STDIN" | it_virtsh set-user-password "$DOM" tester 2>&1)
rc=$?
h=$(shadow_tester)
[ $rc = 0 ] && hash_is "$h" "$PW_STDIN"
tap_result $? "${DESC[16]}" || tap_diag "rc=$rc: $out; shadow: $h"

user_file "$T/pw" "$PW_FILE"
out=$(it_virtsh set-user-password "$DOM" tester --password-file "$T/pw" 2>&1)
rc=$?
h2=$(shadow_tester)
[ $rc = 0 ] && [ "$h2" != "$h" ] && hash_is "$h2" "$PW_FILE"
tap_result $? "${DESC[17]}" || tap_diag "rc=$rc: $out; shadow: $h2"

enc=$(openssl passwd -6 -salt virtshts "encrypted-$RANDOM")
user_file "$T/pw-enc" "$enc"
out=$(it_virtsh set-user-password "$DOM" tester --encrypted --password-file "$T/pw-enc" 2>&1)
rc=$?
h3=$(shadow_tester)
[ $rc = 0 ] && [ "$h3" = "$enc" ]
tap_result $? "${DESC[18]}" || tap_diag "rc=$rc: $out; shadow: $h3, want $enc"

err=$(it_virtsh set-user-password "$DOM" nosuchuser --password-file "$T/pw" 2>&1)
rc=$?
[ $rc = 1 ] && echo "$err" | grep -q "agent command 'guest-set-user-password' failed"
tap_result $? "${DESC[19]}" || tap_diag "rc=$rc: $err"

user_file "$T/virtsh.log"
out=$(it_virtsh -l "$T/virtsh.log" -d 0 set-user-password "$DOM" tester "$PW_POS" 2>&1)
rc=$?
h4=$(shadow_tester)
[ $rc = 0 ] && hash_is "$h4" "$PW_POS" && ! has_secret POS "$T/virtsh.log" &&
    ! echo "$out" | has_secret POS && grep -q "set-user-password" "$T/virtsh.log" &&
    echo "$out" | grep -q "warning: a password on the command line"
tap_result $? "${DESC[20]}" || { tap_diag "rc=$rc: $out"; tap_diag < "$T/virtsh.log"; }

# The REPL in tmux, as the test user: a positional password and a prompt.
# Types a secret into the pane without it being a tmux argument.
type_secret() {
    it_tmux load-buffer - < "$T/secret.$1" && it_tmux paste-buffer -d && it_tmux_keys Enter
}
repl_ok=0 screen="" tmux_err=""
HIST=$IT_TMPDIR/state/virtsh/history
rm -f "$HIST"
if it_tmux_start "$VIRTSH -c $IT_URI"; then
    if it_tmux_wait 'virtsh \$' 20; then
        it_tmux_type "domstate $DOM"
        it_tmux_wait '^running' 20 &&
        it_tmux_keys "set-user-password $DOM tester " &&
        type_secret POS &&
        it_tmux_wait "Password set successfully for tester" 30 &&
        it_tmux_type "set-user-password $DOM tester" &&
        it_tmux_wait "New password for 'tester':" 20 &&
        type_secret PROMPT &&
        it_tmux_wait "Retype the password:" 20 &&
        type_secret PROMPT &&
        it_tmux_wait "Password set successfully for tester" 30 2 && repl_ok=1
        screen=$(it_tmux_screen) # while the shell runs: the session ends with it
        it_tmux_type "quit"
        for _ in $(seq 50); do [ -e "$HIST" ] && break; sleep 0.1; done
    fi
else
    tmux_err=$IT_SKIP_REASON
fi
h5=$(shadow_tester)
[ $repl_ok = 1 ] && hash_is "$h5" "$PW_PROMPT" && echo "$screen" | grep -q "Retype the password:" &&
    ! echo "$screen" | has_secret PROMPT &&
    [ -f "$HIST" ] && grep -q "domstate $DOM" "$HIST" && ! grep -q "set-user-password" "$HIST" &&
    ! has_secret PROMPT "$HIST" && ! has_secret POS "$HIST"
tap_result $? "${DESC[21]}" || { tap_diag "screen:"; echo "$screen" | tail -15 | tap_diag;
                                 tap_diag "history: $(cat "$HIST" 2>/dev/null | tr '\n' '|') $tmux_err"; }
it_tmux_stop

out=$(it_run env LIBVIRT_DEBUG=1 "$VIRTSH" -c "$IT_URI" set-user-password "$DOM" tester \
      --password-file "$T/pw" 2>&1)
rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "^error: LIBVIRT_DEBUG turns on libvirt's debug log" &&
    ! echo "$out" | has_secret FILE
tap_result $? "${DESC[22]}" || tap_diag "rc=$rc: $(echo "$out" | grep -v ' debug : ' | tail -3)"

# A prompt-less run that waits for its password on a pipe while ps looks.
mkfifo "$T/pw.fifo"
chown "$IT_UID:$IT_GID" "$T/pw.fifo"
it_virtsh set-user-password "$DOM" tester < "$T/pw.fifo" > "$T/fifo.out" 2>&1 &
FIFO_JOB=$!
exec {FIFO_FD}> "$T/pw.fifo"
sleep 1    # the sampler sees virtsh waiting
printf '%s\n' "$PW_STDIN" >&$FIFO_FD
exec {FIFO_FD}>&-
wait $FIFO_JOB
sleep 0.2
rm -f "$PS_FLAG"
wait $PS_PID 2>/dev/null
leaked=""
for p in STDIN FILE PROMPT; do
    has_secret $p "$PS_LOG" && leaked+=" $p"
done
samples=$(grep -c '^COMMAND' "$PS_LOG")
[ -z "$leaked" ] && [ "$samples" -gt 20 ] && grep -q "set-user-password $DOM tester$" "$PS_LOG"
tap_result $? "${DESC[23]}" || tap_diag "leaked:$leaked samples=$samples $(cat "$T/fifo.out")"

# ------------------------------------------------------------ guest-exec
it_virtsh guest-exec "$DOM" -- /bin/sh -c 'echo out; echo err >&2; exit 3' > "$T/o" 2> "$T/e"
rc=$?
[ $rc = 3 ] && [ "$(cat "$T/o")" = out ] && [ "$(cat "$T/e")" = err ]
tap_result $? "${DESC[24]}" || tap_diag "rc=$rc out=$(cat "$T/o") err=$(cat "$T/e")"

it_virtsh guest-exec "$DOM" /bin/sh -c 'kill -9 $$' > "$T/o" 2>&1
rc=$?
[ $rc = 137 ]
tap_result $? "${DESC[25]}" || tap_diag "rc=$rc $(cat "$T/o")"

out=$(printf 'line1\nline2\n' | it_virtsh guest-exec "$DOM" --stdin - --env GREETING=hello -- /bin/sh -c 'wc -l; echo $GREETING' 2>&1)
[ "$(echo "$out" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')" = "2 hello" ]
tap_result $? "${DESC[26]}" || tap_diag "$out"

out=$(it_virtsh -o json guest-exec "$DOM" /bin/sh -c 'printf abc; exit 5' 2>&1)
rc=$?
[ $rc = 5 ] && [ "$(jfield 'd["exitcode"]' "$out")" = 5 ] && [ "$(jfield 'd["stdout"]' "$out")" = abc ]
tap_result $? "${DESC[27]}" || tap_diag "rc=$rc: $out"

t0=$SECONDS
err=$(it_virtsh guest-exec --timeout 2 "$DOM" /bin/sleep 20 2>&1)
rc=$?
[ $rc = 124 ] && [ $((SECONDS - t0)) -lt 10 ] && echo "$err" | grep -q "still runs"
tap_result $? "${DESC[28]}" || tap_diag "rc=$rc: $err"

ctrl_c_after 2 "$T/ctrlc.out" guest-exec "$DOM" /bin/sleep 20
rc=$?
[ $rc = 130 ] && grep -Eq "interrupted: .*\(pid [0-9]+\)" "$T/ctrlc.out"
tap_result $? "${DESC[29]}" || tap_diag "rc=$rc vpid=${vpid:-}: $(cat "$T/ctrlc.out")"

# ------------------------------------------------------------ files
head -c 1500000 /dev/urandom > "$T/up.bin"
chown "$IT_UID:$IT_GID" "$T/up.bin"
sum=$(sha256sum < "$T/up.bin" | cut -d' ' -f1)
o1=$(it_virtsh guest-file-put "$DOM" "$T/up.bin" /data/up.bin 2>&1)
r1=$?
it_guest_exec "$DOM" /usr/bin/sha256sum /data/up.bin
gsum=$(echo "$IT_EXEC_OUT" | cut -d' ' -f1)
o2=$(it_virtsh guest-file-get "$DOM" /data/up.bin "$T/down.bin" 2>&1)
r2=$?
dsum=$(sha256sum < "$T/down.bin" 2>/dev/null | cut -d' ' -f1)
[ $r1 = 0 ] && [ $r2 = 0 ] && [ "$gsum" = "$sum" ] && [ "$dsum" = "$sum" ] &&
    echo "$o1" | grep -q "Copied 1500000 bytes"
tap_result $? "${DESC[30]}" || tap_diag "put rc=$r1 $o1 / get rc=$r2 $o2 / sums $sum $gsum $dsum"

out=$(it_virtsh guest-file-get "$DOM" /etc/passwd 2>&1)
echo "$out" | grep -q '^tester:x:1000:'
tap_result $? "${DESC[31]}" || tap_diag "$out"

err=$(it_virtsh guest-file-get "$DOM" /nonexistent "$T/missing.bin" 2>&1)
rc=$?
[ $rc = 1 ] && [ ! -e "$T/missing.bin" ] && [ -z "$(ls -A "$T" | grep '\.virtsh-')" ]
tap_result $? "${DESC[32]}" || tap_diag "rc=$rc: $err; $(ls -A "$T")"

# /dev/urandom never ends: only Ctrl-C stops the copy.
fds() { it_guest_exec "$DOM" /bin/sh -c 'ls /proc/$(pidof qemu-ga)/fd | wc -l'; echo "$IT_EXEC_OUT" | tr -d ' '; }
fd0=$(fds)
ctrl_c_after 2 "$T/endless.out" guest-file-get "$DOM" /dev/urandom "$T/endless.bin"
rc=$?
fd1=$(fds)
[ $rc = 130 ] && [ ! -e "$T/endless.bin" ] && [ -z "$(ls -A "$T" | grep '\.virtsh-')" ] &&
    [ -n "$fd0" ] && [ "$fd0" = "$fd1" ]
tap_result $? "${DESC[33]}" || tap_diag "rc=$rc fds $fd0 -> $fd1: $(cat "$T/endless.out"); $(ls -A "$T")"

# ------------------------------------------------------------ information
out=$(it_virtsh domfsinfo "$DOM" 2>&1)
js=$(it_virtsh -o json domfsinfo "$DOM" 2>&1)
echo "$out" | grep -Eq '^ /data +vda +ext2 +vda$' && [ "$(jfield 'd[0]["targets"]' "$js")" = "['vda']" ]
tap_result $? "${DESC[34]}" || tap_diag "$out $js"

out=$(it_virtsh guestinfo "$DOM" 2>&1)
ref=$(it_hvirsh guestinfo "$DOM" 2>&1)
js=$(it_virtsh -o json guestinfo "$DOM" 2>&1)
[ "$out" = "$ref" ] && [ "$(jfield 'd["fs"][0]["mountpoint"]' "$js")" = /data ] &&
    [ "$(jfield 'd["os"]["id"]' "$js")" = virtsh-guest ]
tap_result $? "${DESC[35]}" || { diff <(echo "$ref") <(echo "$out") | tap_diag; tap_diag "$js"; }

out=$(it_virtsh guestvcpus "$DOM" 2>&1)
echo "$out" | grep -Eq '^vcpus +: 0$' && echo "$out" | grep -Eq '^online +: 0$'
tap_result $? "${DESC[36]}" || tap_diag "$out"

o1=$(it_virtsh domfsfreeze "$DOM" 2>&1)
st=$(it_virtsh agent "$DOM" guest-fsfreeze-status 2>&1)
o2=$(it_virtsh domfsthaw "$DOM" 2>&1)
st2=$(it_virtsh agent "$DOM" guest-fsfreeze-status 2>&1)
[ "$o1" = "Froze 1 filesystem(s)" ] && [ "$st" = '"frozen"' ] && [ "$o2" = "Thawed 1 filesystem(s)" ] &&
    [ "$st2" = '"thawed"' ]
tap_result $? "${DESC[37]}" || tap_diag "$o1 / $st / $o2 / $st2"
[ "$st2" = '"thawed"' ] || it_hvirsh domfsthaw "$DOM" >/dev/null 2>&1

out=$(it_virtsh domifaddr "$DOM" --source agent 2>&1)
rc=$?
ref=$(it_hvirsh domifaddr "$DOM" --source agent 2>&1)
# Same rows (names, MACs, addresses); column widths may differ.
norm() { sed 's/  */ /g; s/^ //; s/ $//' | grep -v '^-*$' | grep -v '^$'; }
[ $rc = 0 ] && [ "$(echo "$out" | norm)" = "$(echo "$ref" | norm)" ] && echo "$out" | grep -q ' lo '
tap_result $? "${DESC[38]}" || { tap_diag "virtsh (rc=$rc):"; echo "$out" | tap_diag; tap_diag "virsh:"; echo "$ref" | tap_diag; }

# ------------------------------------------------------------ --socket
if hostga_start; then
    out=$(it_virtsh agent --socket "$HOSTGA_SOCK" guest-ping 2>&1)
    t=$(it_virtsh agent --socket "$HOSTGA_SOCK" guest-get-time 2>&1)
    [ "$out" = "{}" ] && [[ $t =~ ^[0-9]{19}$ ]]
    tap_result $? "${DESC[39]}" || tap_diag "$out / $t"

    err=$(it_virtsh agent --socket "$HOSTGA_SOCK" guest-exec path=/bin/true 2>&1)
    rc=$?
    [ $rc = 1 ] && echo "$err" | grep -q "^error: agent command 'guest-exec' failed: CommandNotFound: .*disabled"
    tap_result $? "${DESC[40]}" || tap_diag "rc=$rc: $err"

    out=$(it_virtsh "agent --socket $HOSTGA_SOCK guest-ping; agent --socket $HOSTGA_SOCK guest-info; agent --socket $HOSTGA_SOCK guest-get-host-name" 2>&1)
    rc=$?
    [ $rc = 0 ] && echo "$out" | grep -q '"host-name"' && kill -0 "$HOSTGA_PID" 2>/dev/null &&
        hostga_cmd '{"execute":"guest-ping"}' | grep -q '"return"'
    tap_result $? "${DESC[41]}" || tap_diag "rc=$rc: $(echo "$out" | tail -3)"
    hostga_stop
else
    for d in "${DESC[@]:39:3}"; do tap_skip "$d" "$IT_SKIP_REASON"; done
fi

tap_plan
