#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# run.sh - the interactive shell, typed at through a real terminal (tmux).
#
# Usage: tests/repl/run.sh [BUILDDIR]     (VIRTSH=path overrides the binary)
#
# Starts `virtsh -c test:///default` in a tmux session on a private tmux
# server (its own socket in a temp dir, no config file), with HOME,
# XDG_STATE_HOME and INPUTRC in that temp dir, then types at it and reads
# the screen back with capture-pane.  Checks: the prompt, a table from
# `list --all`, Ctrl-C abandoning a half-typed line while the shell keeps
# running, Tab completion of command names, Ctrl-D leaving with status 0,
# the history file (mode 0600, its contents, reloaded by the next session),
# VIRTSH_HISTSIZE limiting it, and a secret never reaching it.  Then what
# issue 15 found (the virsh drop-in): Ctrl-C after recalling history, a
# continuation line for an open quote or a trailing backslash, Tab after
# `shutdown DOM --mode `, and for scripts run with -f in a terminal: Ctrl-C
# during `event --loop` and during `wait` (both stop the script with 130),
# file:line on run-time errors, and what -l's log masks.  A check for a
# known defect is a TAP "# TODO" (see todo_check); once it passes, it fails
# until its TODO mark is removed, so the list of known defects stays true.
# Only the sessions this script creates are killed.  Prints TAP.
set -uo pipefail

builddir=${1:-${VIRTSH_BUILDDIR:-build-test}}
virtsh=${VIRTSH:-$builddir/src/virtsh}
virtsh=$(readlink -f "$virtsh")
# shellcheck source=tests/lib/tap.sh
source "$(dirname "$(readlink -f "$0")")/../lib/tap.sh"

# todo_check DESC REASON COMMAND...: a check of a known virtsh defect.  Fails
# as a TAP TODO with REASON; passing, it is "not ok" until the TODO goes.
todo_check() {
    local desc=$1 reason=$2; shift 2
    if "$@"; then
        tap_not_ok "$desc (passes now: make it a plain check, drop the TODO '$reason')"
    else
        tap_todo "$desc" "$reason"
    fi
}
# plain_check DESC CMD...: ok if CMD succeeds, else not ok with the screen.
plain_check() {
    local desc=$1; shift
    if "$@"; then tap_ok "$desc"; else tap_not_ok "$desc"; screen | tap_diag; fi
}

command -v tmux >/dev/null || tap_skip_all "tmux is not installed"
[ -x "$virtsh" ] || tap_bail "virtsh is built ($virtsh missing)"

tmp=$(mktemp -d)
sock=$tmp/tmux.sock
sessions=()
cleanup() {
    local s
    for s in "${sessions[@]}"; do
        tmux -S "$sock" kill-session -t "$s" 2>/dev/null
    done
    rm -rf "$tmp"
}
trap cleanup EXIT
: >"$tmp/inputrc"
mkdir -p "$tmp/home"

# start NAME STATE_DIR [VAR=VALUE...]: run virtsh in a new session; when it
# exits the pane shows "__virtsh_exited=STATUS" and stays for inspection.
# The words in the array start_args follow `-c test:///default`.
current=""
start_args=()
start() {
    local name=$1 state=$2; shift 2
    {
        echo "cd '$tmp/home' || exit 1"
        printf 'exec env -u LIBVIRT_DEFAULT_URI HOME=%q XDG_STATE_HOME=%q INPUTRC=%q LC_ALL=C.UTF-8' \
            "$tmp/home" "$state" "$tmp/inputrc"
        [ $# -gt 0 ] && printf ' %q' "$@"
        printf ' bash -c %q\n' "$(printf '%q ' "$virtsh" -c test:///default "${start_args[@]}")"'; echo __virtsh_exited=$?; sleep 600'
    } >"$tmp/$name.sh"
    tmux -S "$sock" -f /dev/null new-session -d -s "$name" -x 160 -y 50 "bash $tmp/$name.sh" || return 1
    sessions+=("$name")
    current=$name
}

screen() { tmux -S "$sock" capture-pane -p -J -t "$current" 2>/dev/null; }
alive() { tmux -S "$sock" has-session -t "$current" 2>/dev/null; }
keys() { tmux -S "$sock" send-keys -t "$current" "$@" 2>/dev/null; }
type_text() { tmux -S "$sock" send-keys -t "$current" -l -- "$1" 2>/dev/null; }
type_line() { type_text "$1"; keys Enter; }

# wait_for REGEX [SECONDS]: until the screen has a line matching REGEX.
wait_for() {
    local re=$1 limit=${2:-10} i
    for ((i = 0; i < limit * 20; i++)); do
        screen | grep -qE -- "$re" && return 0
        alive || return 1
        sleep 0.05
    done
    return 1
}
# The prompt, alone on the last non-empty line (nothing typed after it).
prompt_re='^virtsh [#$] $'
prompt_prefix='^virtsh [#$] '
last_line() { screen | sed '/^[[:space:]]*$/d' | tail -n 1; }
wait_prompt_empty() {
    local i
    for ((i = 0; i < 200; i++)); do
        [[ $(last_line) =~ ^virtsh\ [#$]\ $ ]] && return 0
        alive || return 1
        sleep 0.05
    done
    return 1
}
# count_matches REGEX: lines of the screen matching REGEX.
count_matches() { screen | grep -cE -- "$1"; }

state1=$tmp/state1
start main "$state1" || tap_bail "tmux starts a session"

if wait_for "$prompt_re" 15; then
    tap_ok "the interactive shell shows its prompt"
else
    tap_not_ok "the interactive shell shows its prompt"
    screen | tap_diag
fi

# 1. A command and its table.
type_line "list --all"
if wait_for '^ Id +Name +State' && wait_for '^ 1 +test +running' && wait_prompt_empty; then
    tap_ok "'list --all' prints the domain table and the prompt comes back"
else
    tap_not_ok "'list --all' prints the domain table and the prompt comes back"
    screen | tap_diag
fi

# 2. Ctrl-C abandons the line being typed; the shell keeps running.
keys C-l
type_text "destroy tes"
wait_for 'destroy tes$' 5
keys C-c
if wait_prompt_empty; then
    tap_ok "Ctrl-C on a half-typed line gives a fresh, empty prompt"
else
    tap_not_ok "Ctrl-C on a half-typed line gives a fresh, empty prompt"
    screen | tap_diag
fi
type_line "domstate test"
if wait_for '^running$' && wait_prompt_empty; then
    tap_ok "after Ctrl-C the shell still runs 'domstate test' (the abandoned line did not run)"
else
    tap_not_ok "after Ctrl-C the shell still runs 'domstate test' (the abandoned line did not run)"
    screen | tap_diag
fi
if screen | grep -qE "error|destroyed"; then
    tap_not_ok "the abandoned 'destroy tes' was not executed"
    screen | tap_diag
else
    tap_ok "the abandoned 'destroy tes' was not executed"
fi

# 3. Tab completion of command names.
keys C-l
wait_prompt_empty
type_text "dom"
keys Tab Tab
if wait_for 'dominfo' 5 && wait_for 'domstate' 5 && wait_for 'domuuid' 5; then
    tap_ok "Tab Tab after 'dom' lists the dom* commands"
else
    tap_not_ok "Tab Tab after 'dom' lists the dom* commands"
    screen | tap_diag
fi
# The candidates are the lines between the first "virtsh # dom" and the next prompt.
others=$(screen | awk '/^virtsh [#$] dom$/ { n++; next } n == 1 && NF { print }' |
         tr -s ' ' '\n' | grep -v '^dom' | grep -v '^$')
if [ -z "$others" ] && screen | grep -q '^dominfo \|  dominfo '; then
    tap_ok "the candidates after 'dom' are only dom* commands"
else
    tap_not_ok "the candidates after 'dom' are only dom* commands (also: $others)"
    screen | tap_diag
fi
keys C-u C-l
wait_prompt_empty
type_text "domstate"
keys Tab
if wait_for "${prompt_prefix}domstate \$" 5; then
    tap_ok "Tab after 'domstate' (not 'domstats') completes to 'domstate '"
else
    tap_not_ok "Tab after 'domstate' (not 'domstats') completes to 'domstate '"
    screen | tap_diag
fi
type_line "test"
if wait_for '^running$' 5 && wait_prompt_empty; then
    tap_ok "the completed line runs"
else
    tap_not_ok "the completed line runs"
    screen | tap_diag
fi

# 4. A secret never reaches the history (set-user-password takes one).
keys C-l
type_line "set-user-password test root s3cr3t-word"
wait_prompt_empty

# 5. Ctrl-D leaves with status 0.
keys C-d
if wait_for '^__virtsh_exited=0$' 10; then
    tap_ok "Ctrl-D at an empty prompt leaves the shell with status 0"
else
    tap_not_ok "Ctrl-D at an empty prompt leaves the shell with status 0"
    screen | tap_diag
fi

# 6. The history file.
hist=$state1/virtsh/history
if [ -f "$hist" ]; then
    tap_ok "the history is saved in \$XDG_STATE_HOME/virtsh/history"
else
    tap_not_ok "the history is saved in \$XDG_STATE_HOME/virtsh/history"
    ls -laR "$state1" 2>&1 | tap_diag
fi
mode=$(stat -c %a "$hist" 2>/dev/null)
if [ "$mode" = 600 ]; then tap_ok "the history file has mode 0600"; else tap_not_ok "the history file has mode 0600 (it has '$mode')"; fi
dmode=$(stat -c %a "$state1/virtsh" 2>/dev/null)
if [ "$dmode" = 700 ]; then tap_ok "its directory has mode 0700"; else tap_not_ok "its directory has mode 0700 (it has '$dmode')"; fi
if grep -qxF "list --all" "$hist" 2>/dev/null && grep -qxF "domstate test" "$hist"; then
    tap_ok "the history holds the commands typed ('list --all', 'domstate test')"
else
    tap_not_ok "the history holds the commands typed ('list --all', 'domstate test')"
    tap_diag <"$hist" 2>/dev/null
fi
if grep -q "destroy tes" "$hist" 2>/dev/null; then
    tap_not_ok "a line abandoned with Ctrl-C is not in the history"
else
    tap_ok "a line abandoned with Ctrl-C is not in the history"
fi
if grep -q "s3cr3t-word" "$hist" 2>/dev/null; then
    tap_not_ok "a line with a secret (set-user-password) is not in the history"
else
    tap_ok "a line with a secret (set-user-password) is not in the history"
fi

# 7. The next session reads the history back: Up shows the last command.
start again "$state1"
wait_for "$prompt_re" 15
keys Up
if wait_for "${prompt_prefix}domstate test\$" 5; then
    tap_ok "a new session recalls the last command with Up"
else
    tap_not_ok "a new session recalls the last command with Up"
    screen | tap_diag
fi
keys C-u C-d
wait_for '^__virtsh_exited=0$' 10

# 8. VIRTSH_HISTSIZE limits the history.
state2=$tmp/state2
start small "$state2" VIRTSH_HISTSIZE=2
wait_for "$prompt_re" 15
for w in one two three four; do
    type_line "echo $w"
    wait_for "^$w\$" 5
done
keys C-d
wait_for '^__virtsh_exited=0$' 10
lines=$(grep -c . "$state2/virtsh/history" 2>/dev/null)
if [ "$lines" = 2 ] && grep -qxF "echo four" "$state2/virtsh/history"; then
    tap_ok "VIRTSH_HISTSIZE=2 keeps the last 2 lines"
else
    tap_not_ok "VIRTSH_HISTSIZE=2 keeps the last 2 lines (file has ${lines:-no} lines)"
    tap_diag <"$state2/virtsh/history" 2>/dev/null
fi

# ------------------------------------------------------------ issue 15
# 9. Ctrl-C after recalling a history line with Up (and editing it): the
# history keeps the recalled line as it was, the file gets no blank entry,
# and the next Up starts again from the newest line.
# two_lines NAME STATE: a session whose history is 'echo one', 'echo two'.
two_lines() {
    start "$1" "$2"
    wait_for "$prompt_re" 15
    type_line "echo one"
    wait_for '^one$' 5
    type_line "echo two"
    wait_for '^two$' 5
    keys C-l
    wait_prompt_empty
}
state3=$tmp/state3
two_lines recall "$state3"
keys Up
wait_for "${prompt_prefix}echo two\$" 5
type_text "X"
wait_for "${prompt_prefix}echo twoX\$" 5
keys C-c
wait_prompt_empty
type_line "echo three"
wait_for '^three$' 5
keys C-l
wait_prompt_empty
keys Up Up
kept=0
wait_for "${prompt_prefix}echo two *\$" 3 && kept=1
plain_check "a recalled line edited and abandoned with Ctrl-C stays in the history as it was" test "$kept" = 1
keys C-u C-d
wait_for '^__virtsh_exited=0$' 10
plain_check "the history file then holds 'echo one', 'echo two', 'echo three' and nothing else" \
    test "$(cat "$state3/virtsh/history" 2>/dev/null)" = $'echo one\necho two\necho three'
two_lines recall2 "$tmp/state3b"
keys Up Up
wait_for "${prompt_prefix}echo one\$" 5
keys C-c
wait_prompt_empty
keys C-l
wait_prompt_empty
keys Up
newest=0
wait_for "${prompt_prefix}echo two *\$" 3 && newest=1
plain_check "after Ctrl-C, Up starts again from the newest history line" test "$newest" = 1
keys C-u C-d
wait_for '^__virtsh_exited=0$' 10

# 10. An open quote or a trailing backslash continues on the next line, as
# in scripts, with a continuation prompt.
state4=$tmp/state4
start cont "$state4"
wait_for "$prompt_re" 15
type_line 'echo "first'
sleep 0.3
type_line 'second"'
quote_ok=0
wait_for '^second$' 3 && screen | grep -qx 'first' && ! screen | grep -q 'error' && quote_ok=1
plain_check "an open double quote continues on the next line" test "$quote_ok" = 1
keys C-c C-l
wait_prompt_empty
type_line 'echo three \'
sleep 0.3
type_line 'four'
bs_ok=0
wait_for '^three four$' 3 && ! screen | grep -q 'error' && bs_ok=1
plain_check "a trailing backslash continues on the next line" test "$bs_ok" = 1

# 11. Tab after `shutdown DOM --mode ` offers the modes.
keys C-c C-l
wait_prompt_empty
type_text "shutdown test --mode "
keys Tab Tab
modes_ok=0
wait_for 'acpi' 3 && wait_for 'agent' 1 && wait_for 'paravirt' 1 && modes_ok=1
todo_check "Tab after 'shutdown test --mode ' offers acpi, agent, ... paravirt" \
    "no completion of --mode values" test "$modes_ok" = 1
keys C-u C-d
wait_for '^__virtsh_exited=0$' 10

# 12. Scripts (-f FILE) in a terminal: Ctrl-C stops the script with 130,
# during `wait` as during `event --loop`; nothing after it runs.
# interrupted NAME COMMAND: run 'echo started; COMMAND; echo after' with -f,
# press Ctrl-C once it started; true if virtsh exited 130 before 'after'.
interrupted() {
    printf 'echo started\n%s\necho after\n' "$2" >"$tmp/$1.vsh"
    start_args=(-f "$tmp/$1.vsh")
    start "$1" "$tmp/state-$1"
    start_args=()
    wait_for '^started$' 15 && sleep 0.5 && keys C-c
    wait_for '^__virtsh_exited=' 10 && screen | grep -q '^__virtsh_exited=130$' &&
        ! screen | grep -q '^after$'
}
if interrupted script-wait "wait test --state shutoff"; then
    tap_ok "Ctrl-C during 'wait' in a script stops the script with status 130"
else
    tap_not_ok "Ctrl-C during 'wait' in a script stops the script with status 130"
    screen | tap_diag
fi
plain_check "Ctrl-C during 'event --loop' in a script stops the script with status 130" \
    interrupted script-event "event --loop --all"

# 13. A run-time error in a script names the file and line, as a parse
# error does.
printf 'echo ok\ndominfo nosuch\n' >"$tmp/rterr.vsh"
rterr=$(cd "$tmp" && env -u LIBVIRT_DEFAULT_URI HOME="$tmp/home" "$virtsh" -c test:///default -f rterr.vsh 2>&1 >/dev/null)
todo_check "a run-time error in a script starts with 'rterr.vsh:2:'" \
    "run-time errors carry no file:line" grep -q 'rterr\.vsh:2:' <<<"$rterr"

# 14. -l logs set-user-password with its domain and user; only the password
# is masked.
env -u LIBVIRT_DEFAULT_URI HOME="$tmp/home" "$virtsh" -c test:///default -l "$tmp/l.log" \
    set-user-password test root s3cr3t-word >/dev/null 2>&1
if grep -q 's3cr3t-word' "$tmp/l.log" 2>/dev/null; then
    tap_not_ok "-l masks set-user-password's password"
    tap_diag <"$tmp/l.log"
else
    tap_ok "-l masks set-user-password's password"
fi
todo_check "-l logs set-user-password's domain and user ('set-user-password test root ***')" \
    "the log masks the domain and the user too" grep -q 'set-user-password test root \*\*\*' "$tmp/l.log"

tap_done
