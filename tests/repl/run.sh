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
# VIRTSH_HISTSIZE limiting it, and a secret never reaching it.
# Only the sessions this script creates are killed.  Prints TAP.
set -uo pipefail

builddir=${1:-${VIRTSH_BUILDDIR:-build-test}}
virtsh=${VIRTSH:-$builddir/src/virtsh}
virtsh=$(readlink -f "$virtsh")

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
diag() { sed 's/^/# /'; }

if ! command -v tmux >/dev/null; then
    echo "1..0 # SKIP tmux is not installed"
    exit 0
fi
if [ ! -x "$virtsh" ]; then
    echo "1..1"
    echo "not ok 1 - virtsh is built ($virtsh missing)"
    exit 1
fi

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
current=""
start() {
    local name=$1 state=$2; shift 2
    {
        echo "cd '$tmp/home' || exit 1"
        printf 'exec env -u LIBVIRT_DEFAULT_URI HOME=%q XDG_STATE_HOME=%q INPUTRC=%q LC_ALL=C.UTF-8' \
            "$tmp/home" "$state" "$tmp/inputrc"
        [ $# -gt 0 ] && printf ' %q' "$@"
        printf ' bash -c %q\n' "$(printf '%q' "$virtsh") -c test:///default; echo __virtsh_exited=\$?; sleep 600"
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
start main "$state1" || { echo "1..1"; echo "not ok 1 - tmux starts a session"; exit 1; }

if wait_for "$prompt_re" 15; then
    ok "the interactive shell shows its prompt"
else
    not_ok "the interactive shell shows its prompt"
    screen | diag
fi

# 1. A command and its table.
type_line "list --all"
if wait_for '^ Id +Name +State' && wait_for '^ 1 +test +running' && wait_prompt_empty; then
    ok "'list --all' prints the domain table and the prompt comes back"
else
    not_ok "'list --all' prints the domain table and the prompt comes back"
    screen | diag
fi

# 2. Ctrl-C abandons the line being typed; the shell keeps running.
keys C-l
type_text "destroy tes"
wait_for 'destroy tes$' 5
keys C-c
if wait_prompt_empty; then
    ok "Ctrl-C on a half-typed line gives a fresh, empty prompt"
else
    not_ok "Ctrl-C on a half-typed line gives a fresh, empty prompt"
    screen | diag
fi
type_line "domstate test"
if wait_for '^running$' && wait_prompt_empty; then
    ok "after Ctrl-C the shell still runs 'domstate test' (the abandoned line did not run)"
else
    not_ok "after Ctrl-C the shell still runs 'domstate test' (the abandoned line did not run)"
    screen | diag
fi
if screen | grep -qE "error|destroyed"; then
    not_ok "the abandoned 'destroy tes' was not executed"
    screen | diag
else
    ok "the abandoned 'destroy tes' was not executed"
fi

# 3. Tab completion of command names.
keys C-l
wait_prompt_empty
type_text "dom"
keys Tab Tab
if wait_for 'dominfo' 5 && wait_for 'domstate' 5 && wait_for 'domuuid' 5; then
    ok "Tab Tab after 'dom' lists the dom* commands"
else
    not_ok "Tab Tab after 'dom' lists the dom* commands"
    screen | diag
fi
# The candidates are the lines between the first "virtsh # dom" and the next prompt.
others=$(screen | awk '/^virtsh [#$] dom$/ { n++; next } n == 1 && NF { print }' |
         tr -s ' ' '\n' | grep -v '^dom' | grep -v '^$')
if [ -z "$others" ] && screen | grep -q '^dominfo \|  dominfo '; then
    ok "the candidates after 'dom' are only dom* commands"
else
    not_ok "the candidates after 'dom' are only dom* commands (also: $others)"
    screen | diag
fi
keys C-u C-l
wait_prompt_empty
type_text "domsta"
keys Tab
if wait_for "${prompt_prefix}domstate \$" 5; then
    ok "Tab after 'domsta' completes to 'domstate '"
else
    not_ok "Tab after 'domsta' completes to 'domstate '"
    screen | diag
fi
type_line "test"
if wait_for '^running$' 5 && wait_prompt_empty; then
    ok "the completed line runs"
else
    not_ok "the completed line runs"
    screen | diag
fi

# 4. A secret never reaches the history (set-user-password takes one).
keys C-l
type_line "set-user-password test root s3cr3t-word"
wait_prompt_empty

# 5. Ctrl-D leaves with status 0.
keys C-d
if wait_for '^__virtsh_exited=0$' 10; then
    ok "Ctrl-D at an empty prompt leaves the shell with status 0"
else
    not_ok "Ctrl-D at an empty prompt leaves the shell with status 0"
    screen | diag
fi

# 6. The history file.
hist=$state1/virtsh/history
if [ -f "$hist" ]; then
    ok "the history is saved in \$XDG_STATE_HOME/virtsh/history"
else
    not_ok "the history is saved in \$XDG_STATE_HOME/virtsh/history"
    ls -laR "$state1" 2>&1 | diag
fi
mode=$(stat -c %a "$hist" 2>/dev/null)
if [ "$mode" = 600 ]; then ok "the history file has mode 0600"; else not_ok "the history file has mode 0600 (it has '$mode')"; fi
dmode=$(stat -c %a "$state1/virtsh" 2>/dev/null)
if [ "$dmode" = 700 ]; then ok "its directory has mode 0700"; else not_ok "its directory has mode 0700 (it has '$dmode')"; fi
if grep -qxF "list --all" "$hist" 2>/dev/null && grep -qxF "domstate test" "$hist"; then
    ok "the history holds the commands typed ('list --all', 'domstate test')"
else
    not_ok "the history holds the commands typed ('list --all', 'domstate test')"
    diag <"$hist" 2>/dev/null
fi
if grep -q "destroy tes" "$hist" 2>/dev/null; then
    not_ok "a line abandoned with Ctrl-C is not in the history"
else
    ok "a line abandoned with Ctrl-C is not in the history"
fi
if grep -q "s3cr3t-word" "$hist" 2>/dev/null; then
    not_ok "a line with a secret (set-user-password) is not in the history"
else
    ok "a line with a secret (set-user-password) is not in the history"
fi

# 7. The next session reads the history back: Up shows the last command.
start again "$state1"
wait_for "$prompt_re" 15
keys Up
if wait_for "${prompt_prefix}domstate test\$" 5; then
    ok "a new session recalls the last command with Up"
else
    not_ok "a new session recalls the last command with Up"
    screen | diag
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
    ok "VIRTSH_HISTSIZE=2 keeps the last 2 lines"
else
    not_ok "VIRTSH_HISTSIZE=2 keeps the last 2 lines (file has ${lines:-no} lines)"
    diag <"$state2/virtsh/history" 2>/dev/null
fi

echo "1..$n"
[ "$failed" -eq 0 ]
