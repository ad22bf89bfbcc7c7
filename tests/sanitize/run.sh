#!/bin/bash
# tests/sanitize/run.sh - the unit and golden suites under AddressSanitizer
# and UndefinedBehaviorSanitizer, and the golden suite under valgrind
# memcheck (TAP).
#
# Usage: tests/sanitize/run.sh BUILDDIR
#   BUILDDIR-asan   a build with -Dsanitize_all=true, configured here if missing
#   BUILDDIR        the ordinary build, whose virtsh runs under valgrind
#   VIRTSH_VALGRIND=0  skip the valgrind part; VIRTSH_SANITIZE_JOBS (2) in parallel
#
# Under the sanitizers any report (leaks included) aborts the process and
# shows in its stderr, so the case fails.  Under valgrind every case runs
# with --error-exitcode and definite leaks counted as errors: a memory
# error or a definite leak changes the exit status and stderr of the case.
# ASan runs every golden case; valgrind, 20 to 50 times slower, a
# representative subset: the first VIRTSH_VALGRIND_PER_GROUP (3) cases of
# each group of cases (the name up to its first '-': life, list, snapshot,
# pool, ...), so every command group is covered and the pass grows with
# the groups, not with the cases.
set -u
HERE=$(dirname "$(readlink -f "$0")")
REPO=$(cd "$HERE/../.." && pwd)
BUILDDIR=$(cd "${1:?usage: tests/sanitize/run.sh BUILDDIR}" && pwd) || exit 2
ASAN=$BUILDDIR-asan
JOBS=${VIRTSH_SANITIZE_JOBS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/lib/tap.sh
source "$REPO/tests/lib/tap.sh"

# ------------------------------------------------------------ ASan + UBSan
if [ ! -f "$ASAN/build.ninja" ]; then
    meson setup "$ASAN" "$REPO" -Dsanitize_all=true >"$tmp/setup.log" 2>&1 ||
        { tail "$tmp/setup.log" | tap_diag; tap_bail "configure an ASan+UBSan build"; }
fi
if ninja -C "$ASAN" >"$tmp/build.log" 2>&1; then
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:print_summary=1
    export LSAN_OPTIONS=suppressions=$HERE/lsan.supp:print_suppressions=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    VIRTSH_VALGRIND=0 bash "$REPO/tests/unit/run.sh" "$ASAN" >"$tmp/unit.tap" 2>"$tmp/unit.err"
    tap_relay "asan: unit" $? <"$tmp/unit.tap"
    bash "$REPO/tests/golden/run.sh" "$ASAN" >"$tmp/golden.tap" 2>"$tmp/golden.err"
    tap_relay "asan: golden" $? <"$tmp/golden.tap"
    unset ASAN_OPTIONS UBSAN_OPTIONS
else
    tap_not_ok "build with -Dsanitize_all=true"
    tail -n 20 "$tmp/build.log" | tap_diag
fi

# ------------------------------------------------------------ valgrind
if [ "${VIRTSH_VALGRIND:-1}" = 0 ]; then
    :
elif ! command -v valgrind >/dev/null 2>&1; then
    tap_skip "golden under valgrind" "valgrind is not installed"
else
    # completion waits for the daemon's names at most 1.5 s by default: too
    # short for a program 20 to 50 times slower
    export VIRTSH_COMPLETE_TIMEOUT_MS=20000
    export VIRTSH_WRAPPER="valgrind -q --vgdb=no --error-exitcode=97 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --suppressions=$HERE/valgrind.supp"
    # Split the cases over JOBS parallel runs of the golden harness.
    per_group=${VIRTSH_VALGRIND_PER_GROUP:-3}
    mapfile -t cases < <(cd "$REPO/tests/golden" && ls *.vsh *.argv *.gen 2>/dev/null |
                         sed 's/\.[a-z]*$//' | sort -u |
                         awk -F- -v n="$per_group" '++seen[$1] <= n')
    pids=()
    for ((j = 0; j < JOBS; j++)); do
        part=()
        for ((i = j; i < ${#cases[@]}; i += JOBS)); do part+=("${cases[i]}"); done
        bash "$REPO/tests/golden/run.sh" "$BUILDDIR" "${part[@]}" >"$tmp/vg$j.tap" 2>"$tmp/vg$j.err" &
        pids+=($!)
    done
    rcs=()
    for pid in "${pids[@]}"; do wait "$pid"; rcs+=($?); done
    for ((j = 0; j < JOBS; j++)); do tap_relay "valgrind: golden" "${rcs[j]}" <"$tmp/vg$j.tap"; done
fi
tap_done
