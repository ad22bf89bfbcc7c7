#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# check-tap.sh - tests/lib/tap.sh, the TAP helpers every test script uses.
#
# Usage: check-tap.sh [BUILDDIR]      (prints TAP; run by tests/unit/run.sh)
#
# Each helper runs in a subshell with fresh counters; its output, exit status
# and counters are compared with what TAP and tests/run expect.
set -uo pipefail

lib=$(cd "$(dirname "$0")/../lib" && pwd)/tap.sh
# shellcheck source=tests/lib/tap.sh
source "$lib"

# inner CODE: run CODE with a fresh tap.sh; prints its output, then
# "rc=N count=N failed=N skipped=N".
inner() {
    bash -c "source '$lib'; $1"'
        rc=$?; echo "rc=$rc count=$TAP_COUNT failed=$TAP_FAILED skipped=$TAP_SKIPPED"' 2>&1
}

# expect DESC CODE WANT: the output of inner CODE is exactly WANT.
expect() {
    local got
    got=$(inner "$2")
    [ "$got" = "$3" ]
    tap_result $? "$1" || tap_diag "want:" "$3" "got:" "$got"
}

expect "results are numbered and counted" \
    'tap_ok a; tap_not_ok b; tap_skip c "no d"; tap_plan' \
    "ok 1 - a
not ok 2 - b
ok 3 - c # SKIP no d
1..3
rc=0 count=3 failed=1 skipped=1"

expect "tap_result says ok for 0 and returns 1 for a failure" \
    'tap_result 0 good; tap_result 3 bad || echo returned-1' \
    "ok 1 - good
not ok 2 - bad
returned-1
rc=0 count=2 failed=1 skipped=0"

expect "tap_check runs the command" \
    'tap_check yes true; tap_check no false' \
    "ok 1 - yes
not ok 2 - no
rc=1 count=2 failed=1 skipped=0"

expect "tap_diag comments arguments and stdin, a last line without newline too" \
    'tap_diag "x y" z; printf "l1\nl2" | tap_diag; tap_ok after' \
    "# x y
# z
# l1
# l2
ok 1 - after
rc=0 count=1 failed=0 skipped=0"

# exits DESC CODE WANT: CODE, which ends the script, prints WANT and then
# its exit status is what a runner sees.
exits() {
    local got
    got=$(bash -c "source '$lib'; $2; echo not-reached"; echo "rc=$?")
    [ "$got" = "$3" ]
    tap_result $? "$1" || tap_diag "want:" "$3" "got:" "$got"
}
exits "tap_done exits 0 when nothing failed" 'tap_ok a; tap_done' $'ok 1 - a\n1..1\nrc=0'
exits "tap_done exits 1 after a failure" 'tap_not_ok a; tap_ok b; tap_done' \
    $'not ok 1 - a\nok 2 - b\n1..2\nrc=1'
exits "tap_bail fails, plans and exits" "tap_ok a; tap_bail 'cannot go on'" \
    $'ok 1 - a\nnot ok 2 - cannot go on\n1..2\nrc=1'
exits "tap_skip_all skips each test and exits 0" "tap_skip_all 'no tmux' one two" \
    $'ok 1 - one # SKIP no tmux\nok 2 - two # SKIP no tmux\n1..2\nrc=0'
exits "tap_skip_all without tests skips the plan" "tap_skip_all 'no compiler'" \
    $'1..0 # SKIP no compiler\nrc=0'
exits "tap_skip_all after a failure still fails" "tap_not_ok a; tap_skip_all 'no tmux' b" \
    $'not ok 1 - a\nok 2 - b # SKIP no tmux\n1..2\nrc=1'

# tap_relay: another stream, renumbered under a name.
expect "tap_relay renumbers, names, keeps comments and reads SKIP forms" \
    'tap_ok first; tap_relay sub < <(printf "%s\n" "1..4" "ok 1 - a" "# note" "not ok 2 - b" \
        "ok 3 # SKIP test_c" "ok 4 - d # SKIP why" "stray"); echo "relay=$?"' \
    "ok 1 - first
ok 2 - sub: a
# note
not ok 3 - sub: b
ok 4 - sub: test_c # SKIP skipped
ok 5 - sub: d # SKIP why
# stray
relay=1
rc=0 count=5 failed=1 skipped=2"

expect "tap_relay: a stream without a plan fails" \
    'tap_relay sub < <(printf "ok 1 - a\n"); echo "relay=$?"' \
    "ok 1 - sub: a
not ok 2 - sub: no TAP plan (it died?)
relay=1
rc=0 count=2 failed=1 skipped=0"

expect "tap_relay: fewer tests than planned fail" \
    'tap_relay sub < <(printf "1..2\nok 1 - a\n"); echo "relay=$?"' \
    "ok 1 - sub: a
not ok 2 - sub: planned 2 tests, ran 1
relay=1
rc=0 count=2 failed=1 skipped=0"

expect "tap_relay: a non-zero status without a failed test fails, Bail out! fails" \
    'tap_relay sub 3 < <(printf "ok 1 - a\n1..1\n"); tap_relay two < <(printf "1..0\nBail out! no disk\n")' \
    "ok 1 - sub: a
not ok 2 - sub: exited with status 3
not ok 3 - two: Bail out! no disk
rc=1 count=3 failed=2 skipped=0"

expect "tap_relay: a clean stream passes, and a skipped plan is one" \
    'tap_relay sub 0 < <(printf "1..1\nok 1 - a\n") && tap_relay two < <(printf "1..0 # SKIP none\n") && echo fine' \
    "ok 1 - sub: a
fine
rc=0 count=1 failed=0 skipped=0"

tap_done
