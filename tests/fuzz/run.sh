#!/bin/bash
# tests/fuzz/run.sh - a smoke run of every libFuzzer target (TAP).
#
# Usage: tests/fuzz/run.sh [BUILDDIR]
#   The fuzz build lives beside BUILDDIR, in BUILDDIR-fuzz (default:
#   <repo>/build-fuzz): it needs clang, the main build may use gcc.
#   FUZZ_SECONDS  seconds per target (default 10)
#
# First, BUILDDIR's fuzz-TARGET-replay programs (the targets built without
# libFuzzer, tests/fuzz/replay.c) replay each seed corpus
# (tests/fuzz/corpus-TARGET, which keeps every crash found so far as a
# regression input): that needs no clang.  Then, with clang, configures the
# fuzz build with -Dfuzz=true if needed, builds the targets, and fuzzes each
# for FUZZ_SECONDS, seeds first.  A crash, leak or broken invariant fails the
# target and leaves the input in BUILDDIR-fuzz/fuzz-artifacts.  For long runs
# see README.rst ("Fuzzing").  Without clang the fuzzing is reported as
# skipped.
set -u
HERE=$(dirname "$(readlink -f "$0")")
REPO=$(cd "$HERE/../.." && pwd)
MAINDIR=${1:-}
BUILDDIR=${1:+$1-fuzz}
BUILDDIR=${BUILDDIR:-$REPO/build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-10}
TARGETS=(lex args jsonargs qga-stream)
# shellcheck source=tests/lib/tap.sh
source "$REPO/tests/lib/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The seed corpora through the ordinary build, without libFuzzer.
for t in "${TARGETS[@]}"; do
    exe=$MAINDIR/tests/fuzz/fuzz-$t-replay
    if [ -z "$MAINDIR" ]; then
        tap_skip "fuzz-$t: the seed corpus replays" "no BUILDDIR given"
    elif [ ! -x "$exe" ]; then
        tap_not_ok "fuzz-$t: the seed corpus replays ($exe is not built)"
    elif out=$("$exe" "$HERE/corpus-$t" 2>"$tmp/replay.err"); then
        tap_ok "fuzz-$t: the seed corpus replays ($out, no invariant broken)"
    else
        tap_not_ok "fuzz-$t: the seed corpus replays"
        tail -n 3 "$tmp/replay.err" | tap_diag
    fi
done

if ! command -v clang >/dev/null 2>&1; then
    tap_skip_all "clang is not installed" "${TARGETS[@]/#/fuzz-}"
fi
if [ ! -f "$BUILDDIR/build.ninja" ]; then
    mkdir -p "$BUILDDIR"
    CC=clang meson setup "$BUILDDIR" "$REPO" -Dfuzz=true -Dman=disabled >"$BUILDDIR/setup.log" 2>&1 ||
        tap_bail "configure a clang build for fuzzing (see $BUILDDIR/setup.log)"
fi
if ! ninja -C "$BUILDDIR" $(printf 'tests/fuzz/fuzz-%s ' "${TARGETS[@]}") >"$BUILDDIR/fuzz-build.log" 2>&1; then
    tail -n 20 "$BUILDDIR/fuzz-build.log" | tap_diag
    tap_bail "build the fuzz targets"
fi

ART=$BUILDDIR/fuzz-artifacts
mkdir -p "$ART"
for t in "${TARGETS[@]}"; do
    work=$BUILDDIR/fuzz-corpus-$t        # grows between runs; the seeds stay in git
    mkdir -p "$work"
    log=$ART/fuzz-$t.log
    if "$BUILDDIR/tests/fuzz/fuzz-$t" -max_total_time="$SECONDS_EACH" -timeout=10 \
            -rss_limit_mb=2048 -artifact_prefix="$ART/$t-" -print_final_stats=1 \
            "$work" "$HERE/corpus-$t" >"$log" 2>&1; then
        tap_ok "fuzz-$t: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs, no crash"
    else
        tap_not_ok "fuzz-$t"
        grep -E 'invariant broken|ERROR|SUMMARY' "$log" | head -n 5 | tap_diag
        ls "$ART/$t-"* 2>/dev/null | sed 's/^/input: /' | tap_diag
    fi
done
tap_done
