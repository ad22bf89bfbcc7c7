# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash
# tests/lib/tap.sh - TAP output for every test script: source it, then
#
#   tap_ok DESC               "ok N - DESC"
#   tap_not_ok DESC           "not ok N - DESC" (counted as a failure)
#   tap_skip DESC [WHY]       "ok N - DESC # SKIP WHY"
#   tap_todo DESC WHY         "not ok N - DESC # TODO WHY": a known defect,
#                             tracked (tests/run counts it as skipped)
#   tap_result RC DESC        ok when RC is 0, else not ok; returns 0 or 1 so
#                             `tap_result $? "..." || tap_diag "..."` works
#   tap_check DESC CMD...     run CMD, then tap_result with its status
#   tap_diag [TEXT...]        TEXT, or stdin, as "# " comment lines
#   tap_relay NAME [RC]       another TAP stream (stdin) as part of this one:
#                             results renumbered as "NAME: DESC", comments
#                             kept; a missing plan, a count that differs from
#                             it, "Bail out!" or RC != 0 without a failed test
#                             are failures; returns 1 if anything failed.
#                             Feed it by redirection (< FILE, < <(CMD)), not
#                             by a pipe: a pipe runs it in a subshell, and
#                             the counts would be lost
#   tap_plan                  "1..N", after the last result
#   tap_done                  the plan, then exit 1 if anything failed, else 0
#   tap_bail DESC             a failing DESC, the plan, exit 1 (the script
#                             cannot go on)
#   tap_skip_all WHY [DESC...]  the rest skipped: every DESC (or, with no test
#                             at all, "1..0 # SKIP WHY"), then tap_done
#
# Counters: TAP_COUNT, TAP_FAILED, TAP_SKIPPED.  Scripts that produce the TAP
# the suites are made of (tests/*/run.sh, tests/unit/check-*.sh,
# tests/integration/*.sh) use these and nothing else; tests/run reads them.

TAP_COUNT=0
TAP_FAILED=0
TAP_SKIPPED=0

tap_ok() {
    TAP_COUNT=$((TAP_COUNT + 1))
    echo "ok $TAP_COUNT - $*"
}

tap_not_ok() {
    TAP_COUNT=$((TAP_COUNT + 1))
    TAP_FAILED=$((TAP_FAILED + 1))
    echo "not ok $TAP_COUNT - $*"
}

tap_skip() {
    TAP_COUNT=$((TAP_COUNT + 1))
    TAP_SKIPPED=$((TAP_SKIPPED + 1))
    echo "ok $TAP_COUNT - $1 # SKIP ${2:-}"
}

tap_todo() {
    TAP_COUNT=$((TAP_COUNT + 1))
    TAP_SKIPPED=$((TAP_SKIPPED + 1))
    echo "not ok $TAP_COUNT - $1 # TODO $2"
}

tap_result() {
    local rc=$1
    shift
    if [ "$rc" -eq 0 ]; then
        tap_ok "$@"
        return 0
    fi
    tap_not_ok "$@"
    return 1
}

tap_check() {
    local desc=$1
    shift
    "$@"
    tap_result $? "$desc"
}

tap_diag() {
    # (awk: a last line without a newline must not swallow the next TAP line)
    if [ $# -gt 0 ]; then
        printf '%s\n' "$@" | awk '{ print "# " $0 }'
    else
        awk '{ print "# " $0 }'
    fi
}

tap_relay() {
    local name=$1 rc=${2:-} line planned="" ran=0 bad=0 notok desc what why
    local re_res='^(not )?ok([[:space:]]+[0-9]+)?[[:space:]]*(-[[:space:]]*)?(.*)$'
    local re_skip='^(.*)#[[:space:]]*[Ss][Kk][Ii][Pp]([[:space:]]+(.*))?$'
    local re_todo='^(.*[^[:space:]])[[:space:]]*#[[:space:]]*TODO([[:space:]]+(.*))?$'
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line%$'\r'}
        if [[ $line =~ ^1\.\.([0-9]+) ]]; then
            planned=${BASH_REMATCH[1]}
        elif [[ $line =~ $re_res ]]; then
            ran=$((ran + 1))
            notok=${BASH_REMATCH[1]}
            desc=${BASH_REMATCH[4]}
            if [[ $desc =~ $re_skip ]]; then
                # cmocka writes "ok 1 # SKIP test_name": the reason is the name
                what=${BASH_REMATCH[1]} why=${BASH_REMATCH[3]}
                what=${what%"${what##*[![:space:]]}"}
                [ -n "$what" ] || { what=$why; why=skipped; }
                tap_skip "$name: $what" "$why"
            elif [ -n "$notok" ] && [[ $desc =~ $re_todo ]]; then
                # a known defect (TAP TODO): reported, not a failure
                tap_todo "$name: ${BASH_REMATCH[1]}" "${BASH_REMATCH[3]}"
            elif [ -n "$notok" ]; then
                bad=$((bad + 1))
                tap_not_ok "$name: $desc"
            else
                tap_ok "$name: $desc"
            fi
        elif [[ $line =~ ^Bail\ out! ]]; then
            bad=$((bad + 1))
            tap_not_ok "$name: $line"
        elif [[ $line =~ ^# ]]; then
            echo "$line"
        elif [ -n "$line" ]; then
            echo "# $line"
        fi
    done
    if [ -z "$planned" ]; then
        bad=$((bad + 1))
        tap_not_ok "$name: no TAP plan (it died?)"
    elif [ "$ran" -ne "$planned" ]; then
        bad=$((bad + 1))
        tap_not_ok "$name: planned $planned tests, ran $ran"
    fi
    if [ -n "$rc" ] && [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
        bad=1
        tap_not_ok "$name: exited with status $rc"
    fi
    [ "$bad" -eq 0 ]
}

tap_plan() {
    echo "1..$TAP_COUNT"
}

tap_done() {
    tap_plan
    [ "$TAP_FAILED" -eq 0 ] && exit 0
    exit 1
}

tap_bail() {
    tap_not_ok "$@"
    tap_done
}

tap_skip_all() {
    local reason=$1 d
    shift
    if [ $# -eq 0 ] && [ "$TAP_COUNT" -eq 0 ]; then
        echo "1..0 # SKIP $reason"
        exit 0
    fi
    for d in "$@"; do tap_skip "$d" "$reason"; done
    tap_done
}
