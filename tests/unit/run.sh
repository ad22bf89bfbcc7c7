#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# run.sh - the unit suite as one TAP stream.
#
# Usage: tests/unit/run.sh BUILDDIR
#
# Runs, in order:
#   - every cmocka program built from tests/unit/test-*.c (BUILDDIR/tests/unit/NAME)
#     with CMOCKA_MESSAGE_OUTPUT=TAP: each cmocka test is one TAP line,
#     "NAME: test_function";
#   - the same programs under valgrind (memory errors and definite leaks),
#     one line per program, when valgrind is installed and VIRTSH_VALGRIND
#     is not 0;
#   - every tests/unit/check-*.sh BUILDDIR (TAP scripts).
# Numbers are renumbered into one plan.  A program that is missing, crashes,
# exits non-zero without a failing line, or runs fewer tests than it planned
# is reported as a failure.  Exit status: 0 if nothing failed.
set -uo pipefail

builddir=${1:?usage: tests/unit/run.sh BUILDDIR}
builddir=$(cd "$builddir" && pwd) || exit 1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck source=tests/lib/tap.sh
source "$here/../lib/tap.sh"

programs=()
for src in "$here"/test-*.c; do
    [ -e "$src" ] || continue
    programs+=("$(basename "$src" .c)")
done

for prog in "${programs[@]}"; do
    exe=$builddir/tests/unit/$prog
    if [ ! -x "$exe" ]; then
        tap_not_ok "$prog: not built ($exe missing; is libcmocka-dev installed?)"
        continue
    fi
    (cd "$tmp" && CMOCKA_MESSAGE_OUTPUT=TAP timeout 300 "$exe" </dev/null >"$tmp/out" 2>"$tmp/err")
    rc=$?
    tap_relay "$prog" "$rc" <"$tmp/out"
    # cmocka writes assertion details to stderr: keep them as diagnostics.
    [ -s "$tmp/err" ] && sed 's/^/# /' "$tmp/err"
done

if [ "${VIRTSH_VALGRIND:-1}" != 0 ] && command -v valgrind >/dev/null; then
    for prog in "${programs[@]}"; do
        exe=$builddir/tests/unit/$prog
        [ -x "$exe" ] || continue
        (cd "$tmp" && CMOCKA_MESSAGE_OUTPUT=TAP timeout 600 valgrind -q --error-exitcode=99 \
            --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
            --log-file="$tmp/vg" "$exe" </dev/null >/dev/null 2>&1)
        rc=$?
        if [ "$rc" -eq 99 ] || [ -s "$tmp/vg" ]; then
            tap_not_ok "$prog: no memory errors or leaks under valgrind"
            head -60 "$tmp/vg" | sed 's/^/# /'
        elif [ "$rc" -ge 124 ]; then
            tap_not_ok "$prog: under valgrind exited with status $rc"
        else
            # rc 1..98 is the count of failed tests, already reported above.
            tap_ok "$prog: no memory errors or leaks under valgrind"
        fi
    done
else
    tap_skip "valgrind checks" "valgrind not installed or VIRTSH_VALGRIND=0"
fi

for script in "$here"/check-*.sh; do
    [ -e "$script" ] || continue
    name=$(basename "$script" .sh)
    (cd "$tmp" && timeout 300 bash "$script" "$builddir" </dev/null >"$tmp/out" 2>"$tmp/err")
    rc=$?
    tap_relay "$name" "$rc" <"$tmp/out"
    [ "$rc" -ne 0 ] && [ -s "$tmp/err" ] && tail -20 "$tmp/err" | sed 's/^/# /'
done

tap_done
