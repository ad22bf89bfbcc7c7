#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# tests/faults/run.sh - faults that need no daemon: output closed early,
# input ending mid-line, and Ctrl-C during long waits in the interactive
# shell (typed through a real terminal, tmux) and in batch mode.  Runs on
# libvirt's test driver.  Faults that need a daemon (killed, frozen) are in
# tests/integration/t-faults.sh.  Prints TAP.
#
# Usage: tests/faults/run.sh [BUILDDIR]     (VIRTSH=path overrides the binary)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "$here/../data" && pwd)
builddir=${1:-${VIRTSH_BUILDDIR:-build-test}}
virtsh=$(readlink -f "${VIRTSH:-$builddir/src/virtsh}")
node="test://$data/node.xml"
# shellcheck source=tests/lib/tap.sh
source "$here/../lib/tap.sh"

tmp=$(mktemp -d)
sock=$tmp/tmux.sock
sessions=()
pids=()
cleanup() {
    local s p
    for s in "${sessions[@]}"; do tmux -S "$sock" kill-session -t "$s" 2>/dev/null; done
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
export LC_ALL=C.UTF-8
unset NO_COLOR
unset LIBVIRT_DEFAULT_URI

# ------------------------------------------------------------ output closed early
# 200 copies of the capabilities XML (about 1 MB) into a pipe closed after one line.
script=$tmp/many.vsh
for ((i = 0; i < 200; i++)); do echo capabilities; done > "$script"
"$virtsh" -c test:///default -f "$script" 2>"$tmp/err" | head -n 1 >"$tmp/out"
status=${PIPESTATUS[0]}
[ "$(wc -l <"$tmp/out")" = 1 ] && [ ! -s "$tmp/err" ]
tap_check "stdout closed early (| head -1): no error printed (status $status)" test $? -eq 0 ||
    tap_diag <"$tmp/err"

"$virtsh" -c test:///default -o json -f "$script" 2>"$tmp/err" | head -c 10 >/dev/null
[ ! -s "$tmp/err" ]
tap_check "stdout closed early in JSON mode: no error printed" test $? -eq 0 || tap_diag <"$tmp/err"

# ------------------------------------------------------------ EOF mid-line
out=$(printf 'echo one; echo "two' | "$virtsh" -c test:///default 2>&1)
status=$?
[ $status -eq 2 ] && [ "$out" = "error: <stdin>:1: unterminated double quote" ]
tap_check "EOF inside a quote: one error, exit 2, nothing of that line run" test $? -eq 0 ||
    echo "status $status: $out" | tap_diag

out=$(printf 'echo one\necho two' | "$virtsh" -c test:///default 2>&1)
[ "$out" = "$(printf 'one\ntwo')" ]
tap_check "EOF in the middle of the last line: that line still runs" test $? -eq 0 || echo "$out" | tap_diag

out=$(printf 'echo one \\' | "$virtsh" -c test:///default 2>&1)
status=$?
[ $status -eq 2 ] && echo "$out" | grep -q "error: <stdin>:1: backslash at end of input"
tap_check "EOF right after a continuation backslash: usage error" test $? -eq 0 ||
    echo "status $status: $out" | tap_diag

# ------------------------------------------------------------ colour
# "error" is coloured on a terminal only, and never with NO_COLOR.
if command -v script >/dev/null; then
    tty_out=$(TERM=xterm script -qc "'$virtsh' -c test:///default dominfo nosuch" /dev/null)
    nc_out=$(TERM=xterm NO_COLOR=1 script -qc "'$virtsh' -c test:///default dominfo nosuch" /dev/null)
    pipe_out=$(TERM=xterm "$virtsh" -c test:///default dominfo nosuch 2>&1)
    esc=$(printf '\033')
    case $tty_out in *"$esc[1;31merror$esc[0m: domain 'nosuch' not found"*) r=0 ;; *) r=1 ;; esac
    tap_check "on a terminal the error label is coloured" test $r -eq 0 || printf '%q\n' "$tty_out" | tap_diag
    case $nc_out$pipe_out in *"$esc"*) r=1 ;; *) r=0 ;; esac
    tap_check "no colour with NO_COLOR, nor into a pipe" test $r -eq 0 || printf '%q\n' "$nc_out" "$pipe_out" | tap_diag
else
    tap_skip "on a terminal the error label is coloured" "script(1) is not installed"
    tap_skip "no colour with NO_COLOR, nor into a pipe" "script(1) is not installed"
fi

# ------------------------------------------------------------ Ctrl-C in batch mode
"$virtsh" -c "$node" 'event --loop --all' >"$tmp/ev.out" 2>"$tmp/ev.err" &
pid=$!
pids+=("$pid")
sleep 1
t0=$EPOCHREALTIME
kill -INT "$pid"
for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
    tap_not_ok "SIGINT ends 'event --loop' in batch mode"
else
    wait "$pid"
    st=$?
    secs=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
    [ $st -eq 0 ] || [ $st -eq 130 ]
    tap_check "SIGINT ends 'event --loop' in batch mode (status $st, after $secs s)" test $? -eq 0
fi

# ------------------------------------------------------------ Ctrl-C in the shell
if ! command -v tmux >/dev/null; then
    for d in "Ctrl-C ends 'event --loop'" "Ctrl-C ends 'install --wait'" \
             "Ctrl-C ends 'wait --state'" "the shell keeps its state after them"; do
        tap_skip "$d" "tmux is not installed"
    done
    tap_done
fi
mkdir -p "$tmp/home" "$tmp/state"
: >"$tmp/inputrc"
cat >"$tmp/repl.sh" <<EOS
cd '$data' || exit 1
exec env HOME='$tmp/home' XDG_STATE_HOME='$tmp/state' INPUTRC='$tmp/inputrc' bash -c "'$virtsh' -c '$node'; echo __virtsh_exited=\\\$?; sleep 600"
EOS
tmux -S "$sock" -f /dev/null new-session -d -s faults -x 200 -y 50 "bash $tmp/repl.sh"
sessions+=(faults)
screen() { tmux -S "$sock" capture-pane -p -J -t faults -S -200 2>/dev/null; }
keys() { tmux -S "$sock" send-keys -t faults "$@"; }
type_line() { tmux -S "$sock" send-keys -t faults -l -- "$1"; keys Enter; }
wait_for() {   # wait_for REGEX [SECONDS]
    local i
    for ((i = 0; i < ${2:-10} * 20; i++)); do
        screen | grep -qE -- "$1" && return 0
        sleep 0.05
    done
    return 1
}
# Marks the screen so a later wait_for sees only what comes after.
mark=0
marker() { mark=$((mark + 1)); type_line "echo __mark_$mark"; wait_for "^__mark_$mark\$" 5; }

wait_for '^virtsh [#$] ' 10 || { tap_not_ok "the interactive shell starts"; screen | tap_diag; tap_done; }

# event --loop, then Ctrl-C: back at the prompt, shell alive.
marker
type_line "event --loop --all"
sleep 1
keys C-c
marker
ok_event=$?
screen | grep -q "__virtsh_exited" && ok_event=1
tap_check "Ctrl-C ends 'event --loop' and the shell takes the next command" test $ok_event -eq 0 ||
    screen | tail -n 15 | tap_diag

# install --wait on the test driver never sees a power-off: Ctrl-C stops waiting,
# the installer keeps running and its final config is defined.
marker
type_line "install install-final.xml --boot network --wait"
wait_for "installer started" 10
sleep 0.5
keys C-c
wait_for "^error: stopped waiting; the installer of 'newvm' keeps running" 5
r1=$?
marker
type_line "dominfo newvm"
wait_for "^Persistent: +yes" 5
r2=$?
[ $r1 -eq 0 ] && [ $r2 -eq 0 ]
tap_check "Ctrl-C ends 'install --wait'; the domain stays, persistent and running" test $? -eq 0 ||
    screen | tail -n 20 | tap_diag

# wait --state on a domain that does not change: Ctrl-C returns.
marker
type_line "wait web1 --state shutoff"
sleep 1
keys C-c
marker
tap_check "Ctrl-C ends 'wait --state' and the shell takes the next command" test $? -eq 0 ||
    screen | tail -n 15 | tap_diag

# After all that the session still has its connection and state.
marker
type_line "domstate newvm"
wait_for "^running$" 5
tap_check "the shell keeps its connection and state after the interrupted commands" test $? -eq 0 ||
    screen | tail -n 10 | tap_diag

keys C-d
wait_for "__virtsh_exited=0" 5
tap_check "Ctrl-D leaves the shell with status 0" test $? -eq 0 || screen | tail -n 5 | tap_diag

tap_done
