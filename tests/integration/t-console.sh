#!/bin/bash
# t-console.sh - `virtsh console` against a real guest whose serial console
# is a pty with a root shell on it (guest-xml.sh --console pty; the console
# output is still logged to the serial log), driven in a real terminal
# (tmux, as the test user): attach, type, read the guest's answers, leave
# with the escape character (^] or -e ^X), from a shell and from the REPL,
# the console ended by a destroy from another client, a shut-off domain.
# Each time the terminal settings are compared (stty -g) before and after.
#
# While attached the terminal is raw, so Ctrl-C is not a signal for virtsh:
# it is the byte 0x03 for the guest (as with virsh), and the guest's tty
# turns it into SIGINT for the guest's foreground program.  The way out of
# the console is the escape character; that is tested below too.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

DOM=co-guest

DESC=(
    "setup: $DOM (pty console with a shell) runs, its boot still logged"
    "console $DOM: 'Connected to domain' and the escape character are shown"
    "typing reaches the guest and its output comes back, keys typed ahead of the attach too"
    "Ctrl-C in the console goes to the guest (its sleep is interrupted), the console stays"
    "^] leaves the console, exit status 0, back at the shell"
    "the terminal is restored after ^] (stty -g before = after)"
    "the console's input and output are in the serial log too"
    "-e ^X: announced, ^] goes to the guest, ^X leaves, terminal restored"
    "REPL: console, ^] returns to the virtsh prompt, the next command works"
    "REPL: after leaving the REPL the terminal is as before"
    "destroy from another client: the console ends by itself, status 0, no error"
    "destroy from another client: the terminal is restored"
    "console on a shut-off domain: one clear error, exit 1"
)

it_setup || tap_skip_all "$IT_SKIP_REASON" "${DESC[@]}"
it_guest_available || tap_skip_all "${IT_GUEST_SKIP:-no guest built}" "${DESC[@]}"
command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux is not installed" "${DESC[@]}"

T=$IT_TMPDIR/console-$$
mkdir -p "$T" && chown "$IT_UID:$IT_GID" "$T"
V="'$VIRTSH' -c $IT_URI"
LOG=$(it_serial_log "$DOM")

screen_diag() { tap_diag "screen:"; it_tmux_screen | tail -n 15 | tap_diag; }
# same_stty NAME: the settings saved in $T/NAME.before and $T/NAME.after agree
same_stty() {
    if [ -s "$T/$1.before" ] && cmp -s "$T/$1.before" "$T/$1.after"; then
        return 0
    fi
    tap_diag "stty before: $(cat "$T/$1.before" 2>&1)" "stty after:  $(cat "$T/$1.after" 2>&1)"
    return 1
}
# one_shot NAME ARGS...: in the pane's shell, saves the terminal settings,
# runs virtsh ARGS, then prints __rc=STATUS and saves the settings again.
one_shot() {
    local name=$1
    shift
    it_tmux_mark
    it_tmux_type "stty -g > $T/$name.before; $V $*; echo __rc=\$?; stty -g > $T/$name.after"
}
# The guest shell's answer to $((A*B)) after the last mark.
guest_calc() {    # guest_calc A B TAG
    it_tmux_type "echo \$(($1*$2))-$3"
    it_tmux_wait_since "^$(($1 * $2))-$3\$" 10
}

# ------------------------------------------------------------ setup
xml=$(it_guest_xmlfile "$DOM" normal --console pty)
out=$(it_virtsh define "$xml" 2>&1 && it_virtsh start "$DOM" 2>&1)
st=$?
# the shell on ttyS0 is started by init after this line
for ((i = 0; i < 600; i++)); do
    grep -q "handing over to busybox init" "$LOG" 2>/dev/null && break
    sleep 0.1
done
[ $st = 0 ] && grep -q "handing over to busybox init" "$LOG" &&
    it_hvirsh dumpxml "$DOM" | grep -q "<serial type='pty'>"
tap_result $? "${DESC[0]}" || { tap_diag "$out"; it_dump_serial "$DOM" 20; }
sleep 1

it_tmux_start "export PS1='co\$ '; exec sh -i" || tap_diag "$IT_SKIP_REASON"
it_tmux_wait '^co\$' 10 || screen_diag

# ------------------------------------------------------------ console, ^]
one_shot caret console "$DOM"
# typed at once, while virtsh starts: the keys wait in the terminal (which
# echoes them, before virtsh makes it raw: they may share the line that
# virtsh's first message ends)
it_tmux_type "echo \$((6*7))-typed"
it_tmux_wait_since "Connected to domain '$DOM'\$" 15 &&
    it_tmux_wait_since '^Escape character is \^]$' 2
tap_result $? "${DESC[1]}" || screen_diag

it_tmux_wait_since '^42-typed$' 10
tap_result $? "${DESC[2]}" || screen_diag

it_tmux_type "sleep 100"
sleep 0.5
t0=$EPOCHREALTIME
it_tmux_keys C-c
# (had the sleep gone on, the guest would run this line 100 s later)
guest_calc 7 8 after-ctrl-c && ! it_tmux_since | grep -q '^__rc='
tap_result $? "${DESC[3]}" || screen_diag
tap_diag "Ctrl-C to the guest's sleep, and its shell's next answer: $(it__elapsed "$t0" "$EPOCHREALTIME") s"

t0=$EPOCHREALTIME
it_tmux_keys C-]
it_tmux_wait_since '^__rc=0$' 5 && it_tmux_wait_since '^co\$' 5 2
tap_result $? "${DESC[4]} (${IT_TMUX_MS:-?} ms)" || screen_diag
same_stty caret
tap_result $? "${DESC[5]}"

# shellcheck disable=SC2016 # (the text typed, not expanded)
grep -q '^42-typed' "$LOG" && grep -qF 'echo $((6*7))-typed' "$LOG"
tap_result $? "${DESC[6]}" || it_dump_serial "$DOM" 10

# ------------------------------------------------------------ -e ^X
one_shot ctrlx "-e '^X' console $DOM"
ok=1
it_tmux_wait_since '^Escape character is \^X$' 15 || ok=0
it_tmux_keys Enter
guest_calc 3 4 before || ok=0
# ^] is an ordinary byte now: the guest's shell gets it (an unknown
# command, or nothing), and the console stays.
it_tmux_keys C-] Enter
guest_calc 4 5 still-attached || ok=0
it_tmux_since | grep -q '^__rc=' && ok=0
it_tmux_keys C-x
it_tmux_wait_since '^__rc=0$' 5 && it_tmux_wait_since '^co\$' 5 2 || ok=0
[ $ok = 1 ] && same_stty ctrlx
tap_result $? "${DESC[7]}" || screen_diag

# ------------------------------------------------------------ the REPL
it_tmux_mark
it_tmux_type "stty -g > $T/repl.before; $V; echo __rc=\$?; stty -g > $T/repl.after"
step=""
it_tmux_wait_since '^virtsh [$#]' 10 || step+=" prompt"
it_tmux_type "console $DOM"
it_tmux_wait_since "^Connected to domain '$DOM'\$" 15 || step+=" connected"
it_tmux_keys Enter
guest_calc 8 9 repl || step+=" typing"
it_tmux_keys C-]
# the prompt of the console line, and a fresh one after ^]
it_tmux_wait_since '^virtsh [$#]' 5 2 || step+=" escape"
it_tmux_type "domstate $DOM"
it_tmux_wait_since '^running$' 5 || step+=" domstate"
[ -z "$step" ]
tap_result $? "${DESC[8]}" || { tap_diag "failed:$step"; screen_diag; }
it_tmux_type quit
it_tmux_wait_since '^__rc=0$' 5 && same_stty repl
tap_result $? "${DESC[9]}" || screen_diag

# ------------------------------------------------------------ destroy
one_shot destroy console "$DOM"
it_tmux_wait_since "^Connected to domain '$DOM'\$" 15
it_tmux_keys Enter
guest_calc 2 21 alive
t0=$EPOCHREALTIME
out=$(it_hvirsh destroy "$DOM" 2>&1)
took=$(it__elapsed "$t0" "$EPOCHREALTIME")
it_tmux_wait_since '^__rc=' 20
ended=$(it__elapsed "$t0" "$EPOCHREALTIME")
it_tmux_wait_since '^__rc=0$' 1 && ! it_tmux_since | grep -q 'error'
tap_result $? "${DESC[10]}" || { tap_diag "destroy: $out"; screen_diag; }
tap_diag "destroy took $took s; the console had ended $ended s after it was issued"
it_tmux_wait_since '^co\$' 5 2 && same_stty destroy
tap_result $? "${DESC[11]}"

# ------------------------------------------------------------ shut off
out=$(it_virtsh console "$DOM" 2>&1)
st=$?
[ $st = 1 ] && [ "$out" = "error: domain '$DOM' is not running" ]
tap_result $? "${DESC[12]}" || tap_diag "status $st: $out"

it_tmux_stop
tap_plan
