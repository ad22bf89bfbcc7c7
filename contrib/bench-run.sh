#!/bin/bash
# contrib/bench-run.sh - the measuring loop of contrib/bench.
#
# Usage: bench-run.sh RUNS PEAK_RUNS INPUT "COMMAND A" "COMMAND B"
# Runs A and B alternately RUNS times each (after one warm-up run each),
# stdin from INPUT, output discarded, then PEAK_RUNS more runs each under
# /usr/bin/time.  Prints one line: the median wall time of A and of B in
# seconds, then the median peak resident set of A and of B in KiB.
# contrib/bench starts this script once per case, as the user the commands
# must run as: the wrapper that switches user is not part of the times.
set -u
runs=$1 peak_runs=$2 input=$3 a=$4 b=$5

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

seconds() {   # seconds COMMAND
    local t0=$EPOCHREALTIME
    eval "$1" <"$input" >/dev/null 2>&1
    awk -v s="$t0" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.6f\n", e - s }'
}

peak_kib() {   # peak_kib COMMAND
    local f
    f=$(mktemp) || exit 2
    eval "/usr/bin/time -f %M -o $f $1" <"$input" >/dev/null 2>&1
    tail -n 1 "$f"
    rm -f "$f"
}

eval "$a" <"$input" >/dev/null 2>&1
eval "$b" <"$input" >/dev/null 2>&1
ta=() tb=() pa=() pb=()
for ((i = 0; i < runs; i++)); do
    ta+=("$(seconds "$a")")
    tb+=("$(seconds "$b")")
done
for ((i = 0; i < peak_runs; i++)); do
    pa+=("$(peak_kib "$a")")
    pb+=("$(peak_kib "$b")")
done
echo "$(printf '%s\n' "${ta[@]}" | median) $(printf '%s\n' "${tb[@]}" | median)" \
     "$(printf '%s\n' "${pa[@]}" | median) $(printf '%s\n' "${pb[@]}" | median)"
