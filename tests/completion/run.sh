#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# tests/completion/run.sh - completion end to end, as TAP.
#
# Usage: tests/completion/run.sh BUILDDIR      (VIRTSH overrides the binary)
#
# Against libvirt's test driver with this directory's node.xml (domains in
# every state, names with a space, a quote and a '$'):
#   1. bash: a real bash with bash-completion loaded and completions/virtsh
#      sourced; COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set the way
#      bash sets them (words split at COMP_WORDBREAKS: '=' and ':' are words
#      of their own) and the function called with bash's arguments; the
#      COMPREPLY lists are compared.
#   2. the same bash interactively in tmux: Tab pressed, the screen read.
#   3. the virtsh REPL in tmux: Tab and double Tab, the screen read, and a
#      completed line run to show its quoting reads back right.
#   4. a daemon that never answers: completion comes back empty, quickly,
#      and silent.
# tmux runs on a private server socket in a temporary directory, stopped at the end.
set -u

builddir=${1:?usage: tests/completion/run.sh BUILDDIR}
builddir=$(cd "$builddir" && pwd) || exit 1
here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
VIRTSH=${VIRTSH:-$builddir/src/virtsh}
NODE=test://$here/node.xml
export LC_ALL=C.UTF-8
unset LIBVIRT_DEFAULT_URI
# shellcheck source=tests/lib/tap.sh
source "$srcdir/tests/lib/tap.sh"

tmp=$(mktemp -d /tmp/virtsh-completion.XXXXXX)
cleanup() {
    tmux -S "$tmp/tmux.sock" kill-server 2>/dev/null
    [ -n "${silent_pid:-}" ] && kill "$silent_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

BASH_COMPLETION=/usr/share/bash-completion/bash_completion

# ------------------------------------------------------------ 1. bash
# One bash runs every case: bash-completion and the script are loaded once.
# A case: DESC, the words as bash splits them (bash-quoted here), the index
# of the current word, readline's text ($2), and the expected COMPREPLY
# (sorted, '|'-separated).
cases=$tmp/cases.sh
files=$tmp/files
mkdir -p "$files/beta dir" "$files/gamma"
touch "$files/alpha.xml" "$files/beta dir/inner.xml"

cat >"$cases" <<EOF
c 'a command name'                      "sta"                                1 "sta" "start"
c 'an alias'                            "ex"                                 1 "ex"  "exit"
c 'start offers inactive domains'       "start ''"                           2 ""    'dollar\\\$x|my\\ vm|quote\\'"'"'s|web2'
c 'shutdown offers running domains'     "shutdown ''"                        2 ""    'my\\ vault|scratch|web1'
c 'resume offers paused domains'        "resume ''"                          2 ""    "db1"
c 'undefine offers persistent domains'  "undefine ''"                        2 ""    'db1|dollar\\\$x|my\\ vault|my\\ vm|quote\\'"'"'s|web1|web2'
c 'a prefix'                            "start w"                            2 "w"   "web2"
c 'inside single quotes'                "start \"'my v\""                    2 "my v" "my vm"
c 'inside double quotes'                "start '\"dol'"                      2 "dol" 'dollar\\\$x'
c 'a single quote inside single quotes' "start \"'quo\""                     2 "quo" "quote'\\\\''s"
c 'an escaped space'                    "start 'my\\ '"                      2 'my\\ ' 'my\\ vm'
c 'options not given yet'               "echo --shell --"                    3 "--"  "--err|--split"
c 'an enum value'                       "domifaddr web1 --source ''"         4 ""    "agent|arp|lease"
c 'a value after ='                     "dominfo --domain = we"              4 "we"  "web1|web2"
c 'an enum value after ='               "domifaddr web1 --source = a"        5 "a"   "agent|arp"
c 'a MAC split at the colons'           "domifaddr web1 --interface 52 : 54 : 00 : cc : 00 : 0" 14 "0" "01|02"
c 'a global option'                     "--out"                              1 "--out" "--output"
c 'a global option value'               "-o j"                               2 "j"   "json"
c 'global options before the command'   "-r -o json shutdown s"              5 "s"   "scratch"
c 'no options after --'                 "start -- --"                        3 "--"  ""
c 'nothing matches'                     "start zzz"                          2 "zzz" ""
c 'file names'                          "define '$files/al'"                 2 "$files/al" "$files/alpha.xml"
c 'file names after --file='            "define --file = '$files/al'"        4 "$files/al" "$files/alpha.xml"
c 'directory names only'                "cd '$files/'"                       2 "$files/" "$files/beta dir|$files/gamma"
EOF

# The -c case needs the URI split at ':' as bash does, with no default URI.
node_path=${NODE#test:}

bash_out=$tmp/bash.out
LIBVIRT_DEFAULT_URI=$NODE PATH=$builddir/src:$PATH bash --norc --noprofile >"$bash_out" 2>"$tmp/bash.err" <<EOF
source "$BASH_COMPLETION" || { echo "fatal: cannot load bash-completion"; exit 1; }
source "$srcdir/completions/virtsh" || { echo "fatal: cannot load completions/virtsh"; exit 1; }
# c DESC WORDS CWORD TEXT WANT: WORDS is eval'd into COMP_WORDS after "virtsh".
c() {
    local desc=\$1 text=\$4 want=\$5 got
    eval "COMP_WORDS=(virtsh \$2)"
    COMP_CWORD=\$3
    # COMP_LINE: the words as typed (the ones split at = and : are glued back)
    COMP_LINE=\$(printf '%s ' "\${COMP_WORDS[@]}")
    COMP_LINE=\${COMP_LINE% }
    COMP_LINE=\${COMP_LINE// = /=}
    COMP_LINE=\${COMP_LINE// : /:}
    COMP_POINT=\${#COMP_LINE}
    COMPREPLY=()
    _virtsh "$VIRTSH" "\$text" "\${COMP_WORDS[COMP_CWORD-1]}"
    got=\$(printf '%s\n' "\${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd'|')
    if [ "\$got" = "\$want" ]; then
        echo "ok - bash: \$desc"
    else
        echo "not ok - bash: \$desc"
        echo "#   line: \$COMP_LINE"
        echo "#   want: \$want"
        echo "#   got:  \$got"
    fi
}
source "$cases"

# -c URI on the command line is what the hidden command connects to
unset LIBVIRT_DEFAULT_URI
c 'the -c URI of the command line is used' "-c test : $node_path resume ''" 6 "" "db1"
# the binary: VIRTSH_COMPLETE_BIN, else the one being completed (\$1)
VIRTSH_COMPLETE_BIN=$VIRTSH c 'VIRTSH_COMPLETE_BIN names the binary' "-c test : $node_path resume ''" 6 "" "db1"
EOF
rc=$?
while IFS= read -r line; do
    case $line in
        "ok - "*) tap_ok "${line#ok - }" ;;
        "not ok - "*) tap_not_ok "${line#not ok - }" ;;
        "#"*) echo "$line" ;;
        fatal:*) tap_not_ok "bash: $line" ;;
    esac
done <"$bash_out"
if [ "$rc" -ne 0 ] || [ -s "$tmp/bash.err" ]; then
    tap_not_ok "bash: the cases ran without errors (status $rc)"
    tap_diag "$(head -20 "$tmp/bash.err")"
fi

# ------------------------------------------------------------ tmux helpers
tm() { tmux -S "$tmp/tmux.sock" "$@"; }

# screen SESSION: the visible pane (trailing blanks kept), blank lines dropped
screen() { tm capture-pane -N -p -t "$1" | sed '/^[[:space:]]*$/d'; }

# wait_for SESSION TEXT [SECONDS]: until TEXT is on screen
wait_for() {
    local i
    for ((i = 0; i < ${3:-5} * 20; i++)); do
        screen "$1" | grep -qF -- "$2" && return 0
        sleep 0.05
    done
    return 1
}

# settle SESSION: until the screen stops changing
settle() {
    local prev="" cur i
    for ((i = 0; i < 60; i++)); do
        sleep 0.1
        cur=$(screen "$1")
        [ "$cur" = "$prev" ] && return 0
        prev=$cur
    done
}

# type_tab SESSION TEXT TABS: type TEXT, press Tab TABS times, let it settle
type_tab() {
    local i
    tm send-keys -t "$1" -l "$2"
    for ((i = 0; i < $3; i++)); do
        tm send-keys -t "$1" Tab
        settle "$1"
    done
}

# clear_line SESSION: drop the line being edited, clear the screen
clear_line() {
    tm send-keys -t "$1" C-u
    tm send-keys -t "$1" C-l
    settle "$1"
}

# expect_line SESSION DESC WANT: the last line on screen is WANT
expect_line() {
    local got
    got=$(screen "$1" | tail -n 1)
    if [ "$got" = "$3" ]; then
        tap_ok "$2"
    else
        tap_not_ok "$2"
        tap_diag "want: [$3]" "got:  [$got]"
    fi
}

# expect_listing SESSION DESC WANT... NOT...: words shown (or not) above the prompt
expect_listing() {
    local s=$1 desc=$2 w bad=""
    shift 2
    local shown
    shown=$(screen "$s" | sed '$d')
    for w in "$@"; do
        if [[ $w == !* ]]; then
            grep -qwF -- "${w#!}" <<<"$shown" && bad+=" offered:${w#!}"
        else
            grep -qF -- "$w" <<<"$shown" || bad+=" missing:$w"
        fi
    done
    if [ -z "$bad" ]; then
        tap_ok "$desc"
    else
        tap_not_ok "$desc"
        tap_diag "$bad" "screen:" "$(screen "$s")"
    fi
}

if ! command -v tmux >/dev/null; then
    tap_skip "interactive bash in tmux" "tmux is not installed"
    tap_skip "the REPL in tmux" "tmux is not installed"
else
    # -------------------------------------------------- 2. interactive bash
    printf '' >"$tmp/inputrc"
    cat >"$tmp/bashrc" <<EOF
source "$BASH_COMPLETION"
source "$srcdir/completions/virtsh"
PS1='$ '
EOF
    tm -f /dev/null new-session -d -s bash -x 160 -y 40 \
        env -i HOME="$tmp" TERM=xterm PATH="$builddir/src:/usr/bin:/bin" INPUTRC="$tmp/inputrc" \
        LC_ALL=C.UTF-8 LIBVIRT_DEFAULT_URI="$NODE" bash --noprofile --rcfile "$tmp/bashrc" -i
    if ! wait_for bash '$ ' 10; then
        tap_not_ok "interactive bash started in tmux"
        tap_diag "$(screen bash)"
    else
        type_tab bash "virtsh start 'my v" 1
        expect_line bash "bash Tab: a quoted domain name is completed and closed" "\$ virtsh start 'my vm' "
        clear_line bash
        type_tab bash "virtsh start my" 1
        expect_line bash "bash Tab: a name with a space is escaped" "\$ virtsh start my\\ vm "
        clear_line bash
        type_tab bash "virtsh dominfo --domain=web" 2
        expect_listing bash "bash double Tab: the candidates after = are listed" web1 web2 '!db1'
        expect_line bash "bash double Tab: the line is kept" "\$ virtsh dominfo --domain=web"
        clear_line bash
        type_tab bash "virtsh -c ${NODE} resu" 1
        expect_line bash "bash Tab: a command after -c URI" "\$ virtsh -c ${NODE} resume "
        type_tab bash "" 1
        expect_line bash "bash Tab: a paused domain for resume on the -c URI" "\$ virtsh -c ${NODE} resume db1 "
        clear_line bash
    fi

    # -------------------------------------------------- 3. the REPL
    tm new-session -d -s repl -x 160 -y 40 \
        env -i HOME="$tmp" TERM=xterm PATH=/usr/bin:/bin INPUTRC="$tmp/inputrc" LC_ALL=C.UTF-8 \
        XDG_STATE_HOME="$tmp/state" "$VIRTSH" -c "$NODE"
    if ! wait_for repl 'virtsh ' 10; then
        tap_not_ok "the REPL started in tmux"
        tap_diag "$(screen repl)"
    else
        prompt=$(screen repl | tail -n 1)
        type_tab repl "sta" 1
        expect_line repl "REPL Tab: a command name" "${prompt}start "
        type_tab repl "" 2
        # shellcheck disable=SC2016 # a '$' in a domain name
        expect_listing repl "REPL double Tab: start lists the inactive domains" \
            web2 "my vm" "quote's" 'dollar$x' '!web1' '!db1' '!scratch' '!--paused'
        clear_line repl
        type_tab repl "start 'my" 1
        expect_line repl "REPL Tab: inside single quotes, closed" "${prompt}start 'my vm' "
        clear_line repl
        type_tab repl "start my" 1
        expect_line repl "REPL Tab: a space escaped" "${prompt}start my\\ vm "
        clear_line repl
        type_tab repl "dominfo my\\ va" 1
        expect_line repl "REPL Tab: after an escaped space" "${prompt}dominfo my\\ vault "
        clear_line repl
        type_tab repl "list --all; resu" 1
        type_tab repl "" 1
        expect_line repl "REPL Tab: after ';' a new command, then its domain" "${prompt}list --all; resume db1 "
        clear_line repl
        type_tab repl "domifaddr web1 --so" 1
        type_tab repl "" 2
        expect_listing repl "REPL double Tab: an option's values" agent arp lease
        clear_line repl
        type_tab repl "define $files/al" 1
        expect_line repl "REPL Tab: a file name" "${prompt}define $files/alpha.xml "
        clear_line repl
        type_tab repl "cd $files/be" 1
        expect_line repl "REPL Tab: a directory, left open" "${prompt}cd $files/beta\\ dir/"
        clear_line repl
        # the completed quoting reads back as the name
        type_tab repl "domname 'quo" 1
        expect_line repl "REPL Tab: a quote in a quoted name" "${prompt}domname 'quote'\\''s' "
        clear_line repl
        type_tab repl "dominfo 'quo" 1
        tm send-keys -t repl Enter
        if wait_for repl "quote's" 5 && screen repl | grep -q "^Name: *quote's"; then
            tap_ok "REPL: the completed line runs on the right domain"
        else
            tap_not_ok "REPL: the completed line runs on the right domain"
            tap_diag "$(screen repl)"
        fi
        clear_line repl
        tm send-keys -t repl -l "quit"
        tm send-keys -t repl Enter
    fi
fi

# ------------------------------------------------------------ 4. silence
# A socket that accepts (the kernel's backlog does) and never answers.
sock=$tmp/silent.sock
python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(sys.argv[1]); s.listen(8)
time.sleep(120)' "$sock" &
silent_pid=$!
for ((i = 0; i < 50; i++)); do [ -S "$sock" ] && break; sleep 0.1; done
t0=$(date +%s%N)
out=$("$VIRTSH" -c "qemu+unix:///session?socket=$sock" complete --bash "" -- start "" 2>"$tmp/silent.err")
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
if [ "$rc" -eq 0 ] && [ -z "$out" ] && [ "$ms" -lt 3000 ]; then
    tap_ok "a daemon that never answers: nothing, after ${ms} ms"
else
    tap_not_ok "a daemon that never answers: nothing, quickly"
    tap_diag "status $rc after ${ms} ms, output: [$out]"
fi
if [ ! -s "$tmp/silent.err" ]; then
    tap_ok "a daemon that never answers: nothing on stderr"
else
    tap_not_ok "a daemon that never answers: nothing on stderr"
    tap_diag "$(head -5 "$tmp/silent.err")"
fi
out=$("$VIRTSH" -c "qemu+unix:///session?socket=$tmp/none.sock" complete -- start "" 2>&1)
if [ -z "$out" ]; then
    tap_ok "no daemon at all: no output, no error message"
else
    tap_not_ok "no daemon at all: no output, no error message"
    tap_diag "$out"
fi

tap_done
