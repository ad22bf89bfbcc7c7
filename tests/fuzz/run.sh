#!/bin/bash
# tests/fuzz/run.sh - a smoke run of every libFuzzer target (TAP).
#
# Usage: tests/fuzz/run.sh [BUILDDIR]
#   The fuzz build lives beside BUILDDIR, in BUILDDIR-fuzz (default:
#   <repo>/build-fuzz): it needs clang, the main build may use gcc.
#   FUZZ_SECONDS  seconds per target (default 10)
#
# Configures BUILDDIR with clang and -Dfuzz=true if needed, builds the
# targets, replays each seed corpus (tests/fuzz/corpus-TARGET, which keeps
# every crash found so far as a regression input) and then fuzzes for
# FUZZ_SECONDS.  A crash, leak or broken invariant fails the target and
# leaves the input in BUILDDIR/fuzz-artifacts.  For long runs see README.rst
# ("Fuzzing").  Without clang every target is reported as skipped.
set -u
HERE=$(dirname "$(readlink -f "$0")")
REPO=$(cd "$HERE/../.." && pwd)
BUILDDIR=${1:+$1-fuzz}
BUILDDIR=${BUILDDIR:-$REPO/build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-10}
TARGETS=(lex args jsonargs qga-stream)
n=0

tap() { n=$((n + 1)); echo "$1 $n - $2"; }

if ! command -v clang >/dev/null 2>&1; then
    for t in "${TARGETS[@]}"; do tap ok "fuzz-$t # SKIP clang is not installed"; done
    echo "1..$n"
    exit 0
fi
if [ ! -f "$BUILDDIR/build.ninja" ]; then
    mkdir -p "$BUILDDIR"
    CC=clang meson setup "$BUILDDIR" "$REPO" -Dfuzz=true -Dman=disabled >"$BUILDDIR/setup.log" 2>&1 ||
        { tap "not ok" "configure a clang build for fuzzing (see $BUILDDIR/setup.log)"; echo "1..$n"; exit 1; }
fi
if ! ninja -C "$BUILDDIR" $(printf 'tests/fuzz/fuzz-%s ' "${TARGETS[@]}") >"$BUILDDIR/fuzz-build.log" 2>&1; then
    tap "not ok" "build the fuzz targets"
    tail -n 20 "$BUILDDIR/fuzz-build.log" | sed 's/^/# /'
    echo "1..$n"
    exit 1
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
        tap ok "fuzz-$t: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs, no crash"
    else
        tap "not ok" "fuzz-$t"
        grep -E 'invariant broken|ERROR|SUMMARY' "$log" | head -n 5 | sed 's/^/# /'
        ls "$ART/$t-"* 2>/dev/null | sed 's/^/# input: /'
    fi
done
echo "1..$n"
