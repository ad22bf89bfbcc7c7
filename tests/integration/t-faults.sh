#!/bin/bash
# it-exclusive: session   (stops and freezes the session daemon)
# t-faults.sh - faults on the real stack (issue: robustness): the session
# daemon killed (kill -9) and restarted under an interactive shell, the
# daemon frozen (SIGSTOP) under a one-shot command and under the shell,
# Ctrl-C during guest-exec and during install --wait in the shell, stdout
# closed early on a long listing, and input ending inside a quote.
#
# The interactive shell is the real REPL in a terminal (tmux, as the test
# user), started with -k 1 -K 2 so that a frozen daemon is detected in about
# 3 s.  The daemon is the one run.sh shares between scripts: this script
# restarts it (lib.sh's it_daemon_start tells run.sh the new pid) and never
# leaves it frozen.  Faults that need no daemon are in tests/faults/run.sh.
#
# Figures (reconnect time, the bound on a frozen daemon, Ctrl-C response
# times) are printed as TAP comments and in the test descriptions.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

GUEST=fa-guest      # running, with the agent: guest-exec, EOF test
OFF=fa-off          # defined, never started
INST=fa-inst        # install --wait whose installer never powers off
PIPE_PREFIX=fa-pipe # many long-named domains for the closed pipe
PIPE_N=400

DESC=(
    "setup: $GUEST runs, $OFF is defined"
    "stdout closed early: 'list --all | head -1' prints the header and no error"
    "EOF inside a quote (batch on the daemon): one error, exit 2, nothing ran"
    "REPL: the shell starts in a terminal and lists both domains"
    "the daemon is killed (kill -9) and started again"
    "REPL after the restart: the next command reconnects, says so once, and succeeds"
    "REPL after the restart: the domains defined before are listed, $GUEST still running"
    "REPL after the restart: the command after that needs no reconnection"
    "frozen daemon (SIGSTOP): a REPL command in flight fails by keepalive within 10 s"
    "frozen daemon: the REPL stays usable (echo) and reopening gives up within 10 s"
    "frozen daemon: one-shot 'virtsh -k 1 -K 2 list' fails within 10 s, one clear error"
    "thawed daemon (SIGCONT): the next REPL command reconnects and works"
    "Ctrl-C during 'guest-exec $GUEST -- /bin/sleep 100': back at the prompt within 2 s, the message names the pid"
    "after that Ctrl-C the program still runs in the guest under that pid, and the shell takes commands"
    "Ctrl-C during 'install --wait' (installer that never powers off): back at the prompt within 2 s, says what to do"
    "after that Ctrl-C the domain is persistent and its installer still runs"
    "Ctrl-D leaves the REPL with status 0 after all that"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
it_guest_available || tap_skip_all "${IT_GUEST_SKIP:-no guest built}" "${DESC[@]}"
command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux is not installed" "${DESC[@]}"

T=$IT_TMPDIR/faults-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"

# Milliseconds since $1 ($EPOCHREALTIME).
ms_since() { echo $(( (${EPOCHREALTIME/./} - ${1/./}) / 1000 )); }
# Seconds with one decimal from milliseconds.
secs() { printf '%d.%d' $(($1 / 1000)) $((($1 % 1000) / 100)); }

# ------------------------------------------------------------ setup
ok=1
it_virtsh define "$(it_guest_xmlfile "$GUEST" normal)" >/dev/null 2>&1 || ok=0
it_virtsh start "$GUEST" >/dev/null 2>&1 || ok=0
it_virtsh define "$(it_guest_xmlfile "$OFF" normal)" >/dev/null 2>&1 || ok=0
[ $ok = 1 ] && [ "$(it_domstate "$GUEST")" = running ] && [ "$(it_domstate "$OFF")" = "shut off" ]
tap_result $? "${DESC[0]}" || tap_diag "$GUEST: $(it_domstate "$GUEST"), $OFF: $(it_domstate "$OFF")"

# ------------------------------------------------------------ closed pipe
# The listing must be longer than the pipe (64 KiB) plus what head reads,
# so that virtsh is still writing when head has gone: 400 domains with
# names of 200 characters, defined and removed in one batch each.
pipe_names() {
    local i long
    long=$(printf 'x%.0s' {1..190})
    for ((i = 0; i < PIPE_N; i++)); do printf '%s-%03d-%s\n' "$PIPE_PREFIX" "$i" "$long"; done
}
pipe_cleanup() {
    pipe_names | sed 's/^/undefine /' > "$T/undefine.vsh"
    it_hvirsh < "$T/undefine.vsh" >/dev/null 2>&1
}
it_at_exit pipe_cleanup
: > "$T/define.vsh"
while IFS= read -r n; do
    echo "<domain type='qemu'><name>$n</name><memory unit='MiB'>32</memory><os><type arch='x86_64'>hvm</type></os></domain>" > "$T/$n.xml"
    echo "define $T/$n.xml" >> "$T/define.vsh"
done < <(pipe_names)
chown -R "$IT_UID:$IT_GID" "$T"
t0=$EPOCHREALTIME
it_virtsh -q -f "$T/define.vsh" >/dev/null 2>"$T/define.err"
tap_diag "defined $PIPE_N domains in $(secs "$(ms_since "$t0")") s (one virtsh batch)"
full=$(it_virtsh list --all 2>&1 | wc -c)
it_virtsh list --all 2>"$T/pipe.err" | head -n 1 > "$T/pipe.out"
st=${PIPESTATUS[0]}
[ "$full" -gt 73728 ] && grep -Eqx ' Id +Name +State' "$T/pipe.out" && [ ! -s "$T/pipe.err" ]
tap_result $? "${DESC[1]} (listing of $full bytes, exit status $st)" ||
    { tap_diag "head got: $(cat "$T/pipe.out")"; tap_diag < "$T/pipe.err"; tap_diag < "$T/define.err"; }
pipe_cleanup

# ------------------------------------------------------------ EOF mid-line
out=$(printf 'destroy "%s' "$GUEST" | it_virtsh 2>&1)
st=$?
[ $st = 2 ] && [ "$out" = "error: <stdin>:1: unterminated double quote" ] &&
    [ "$(it_domstate "$GUEST")" = running ]
tap_result $? "${DESC[2]}" || tap_diag "status $st: $out" "state: $(it_domstate "$GUEST")"

# ------------------------------------------------------------ the REPL
# repl CMD [SECONDS]: marks the pane, types CMD and waits for the prompt to
# come back; OUT holds what CMD printed, MS how long it took (ms).
OUT="" MS=""
repl_wait() {    # repl_wait [SECONDS]: the prompt after the mark's command
    if it_tmux_wait_since '^virtsh [$#]( |$)' "${1:-20}" 2; then
        MS=$IT_TMUX_MS
        OUT=$(it_tmux_since | sed '1d;$d')
        return 0
    fi
    MS="" OUT=$(it_tmux_since | sed '1d')
    return 1
}
repl() {
    it_tmux_mark || { OUT="(no mark: $(it_tmux_screen | tail -n 3))"; return 1; }
    it_tmux_type "$1"
    repl_wait "${2:-20}"
}
screen_diag() { tap_diag "screen:"; it_tmux_screen | tail -n "${1:-15}" | tap_diag; }

it_tmux_start "'$VIRTSH' -c $IT_URI -k 1 -K 2; echo __virtsh_exited=\$?; exec sleep 600" ||
    tap_diag "$IT_SKIP_REASON"
it_tmux_wait '^virtsh [$#]' 10 &&
    repl "list --all" &&
    grep -Eq "^ [0-9]+ +$GUEST +running$" <<<"$OUT" && grep -Eq "^ - +$OFF +shut off$" <<<"$OUT"
tap_result $? "${DESC[3]}" || screen_diag

# ------------------------------------------------------------ daemon killed
old=$IT_DAEMON_PID
it_daemon_stop && it_daemon_start
tap_result $? "${DESC[4]} (pid $old -> $IT_DAEMON_PID, answering after $IT_DAEMON_SECS s)"

note="note: the connection was lost: reconnected to '$IT_URI'"
repl "list --all"
[ "$(grep -cxF "$note" <<<"$OUT")" = 1 ] && [ "$(grep -c '^error' <<<"$OUT")" = 0 ] &&
    grep -Eq '^ Id +Name +State$' <<<"$OUT"
tap_result $? "${DESC[5]} (${MS:-?} ms)" || screen_diag
[ -n "$MS" ] && tap_diag "reconnect after the daemon restart: 'list --all' took $MS ms in the REPL"
grep -Eq "^ [0-9]+ +$GUEST +running$" <<<"$OUT" && grep -Eq "^ - +$OFF +shut off$" <<<"$OUT"
tap_result $? "${DESC[6]}" || tap_diag "$OUT"

repl "domstate $GUEST"
[ "$OUT" = running ]
tap_result $? "${DESC[7]}" || tap_diag "$OUT"

# ------------------------------------------------------------ daemon frozen
# First under the shell, whose connection is open: the command in flight
# ends by keepalive; then reopening (the shell's, a one-shot's) is bounded.
it_daemon_freeze
repl "list --all" 30
[ -n "$MS" ] && [ "$MS" -lt 10000 ] && [ "$(grep -c '^error: ' <<<"$OUT")" = 1 ] &&
    grep -q keepalive <<<"$OUT"
tap_result $? "${DESC[8]} (${MS:-?} ms)" || screen_diag
tap_diag "frozen daemon, REPL -k 1 -K 2: '$OUT' after ${MS:-?} ms"

repl "echo still-usable" && [ "$OUT" = still-usable ] && [ "$MS" -lt 2000 ] &&
    repl "domstate $GUEST" 30 && ms2=$MS && [ "$ms2" -lt 10000 ] &&
    [ "$(grep -c '^error: ' <<<"$OUT")" = 1 ]
tap_result $? "${DESC[9]} (reopen gave up after ${ms2:-?} ms)" || screen_diag
tap_diag "frozen daemon, REPL reopening: '$OUT' after ${ms2:-?} ms"

t0=$EPOCHREALTIME
out=$(IT_CMD_TIMEOUT=60 it_virtsh -k 1 -K 2 list --all 2>&1)
st=$?
ms=$(ms_since "$t0")
[ $st = 1 ] && [ "$ms" -lt 10000 ] && [ "$(wc -l <<<"$out")" = 1 ] && [[ $out == error:* ]]
tap_result $? "${DESC[10]} ($(secs "$ms") s)" || tap_diag "status $st after $ms ms: $out"
tap_diag "frozen daemon, one-shot -k 1 -K 2: '$out' after $(secs "$ms") s"

it_daemon_thaw
repl "domstate $GUEST"
[ "$(grep -cxF "$note" <<<"$OUT")" = 1 ] && [ "$(tail -n 1 <<<"$OUT")" = running ]
tap_result $? "${DESC[11]} (${MS:-?} ms)" || screen_diag

# ------------------------------------------------------------ Ctrl-C: guest-exec
if it_wait_agent "$GUEST" 90; then
    tap_diag "agent of $GUEST answered after $IT_AGENT_SECS s"
else
    tap_diag "the agent of $GUEST does not answer"
    it_dump_serial "$GUEST" 20
fi
it_tmux_mark
it_tmux_type "guest-exec $GUEST -- /bin/sleep 100"
sleep 2
t0=$EPOCHREALTIME
it_tmux_keys C-c
repl_wait 10
ms=$MS
# (the terminal echoes ^C where the cursor is: before the message)
msg=$(sed -n 's/^\(\^C\)*\(error: .*\)/\2/p' <<<"$OUT")
pid=$(sed -n "s/^error: interrupted: stopped waiting for '\/bin\/sleep' (pid \([0-9]*\)) in domain '$GUEST'.*/\1/p" <<<"$msg")
[ -n "$ms" ] && [ "$ms" -lt 2000 ] && [ -n "$pid" ]
tap_result $? "${DESC[12]} ($ms ms)" || screen_diag
tap_diag "Ctrl-C during guest-exec: prompt back after ${ms:-?} ms: $msg"

st=$(it_agent "$GUEST" "{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":${pid:-0}}}" 2>&1)
[ -n "$pid" ] && [ "$(it__json_field exited "$st")" = false ] &&
    repl "domstate $GUEST" && [ "$OUT" = running ]
tap_result $? "${DESC[13]}" || { tap_diag "guest-exec-status: $st"; screen_diag; }

# ------------------------------------------------------------ Ctrl-C: install --wait
final=$(it_guest_xmlfile "$INST" normal)
it_tmux_mark
it_tmux_type "install $final --kernel $IT_GUEST_DIR/vmlinuz --initrd $IT_GUEST_DIR/initrd.img --cmdline 'console=ttyS0 quiet virtsh.mode=normal' --wait"
if it_tmux_wait_since "installer started" 60; then
    sleep 1
    it_tmux_keys C-c
    repl_wait 10
else
    MS="" OUT=$(it_tmux_since)
fi
ms=$MS
msg=$(sed -n 's/^\(\^C\)*\(error: .*\)/\2/p' <<<"$OUT")
[ -n "$ms" ] && [ "$ms" -lt 2000 ] &&
    [ "$msg" = "error: stopped waiting; the installer of '$INST' keeps running and its final config is defined: when it powers off, run 'start $INST'" ]
tap_result $? "${DESC[14]} (${ms:-?} ms)" || screen_diag
tap_diag "Ctrl-C during install --wait: prompt back after ${ms:-?} ms"

repl "dominfo $INST"
grep -Eq '^Persistent: +yes$' <<<"$OUT" && grep -Eq '^State: +running$' <<<"$OUT" &&
    it_hvirsh dumpxml "$INST" | grep -q 'virtsh.mode=normal' &&
    [ "$(it_domstate "$INST")" = running ]
tap_result $? "${DESC[15]}" || tap_diag "$OUT"
it_hvirsh destroy "$INST" >/dev/null 2>&1

# ------------------------------------------------------------ leave
it_tmux_keys C-d
it_tmux_wait '^__virtsh_exited=0$' 10
tap_result $? "${DESC[16]}" || { screen_diag 5; it_tmux list-panes -a -F '#{pid} #{pane_pid} #{pane_dead}' 2>&1 | tap_diag; }
it_tmux_stop

tap_plan
