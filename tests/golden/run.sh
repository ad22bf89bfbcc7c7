#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# tests/golden/run.sh BUILDDIR [CASE...]
#
# Runs every golden case (or only the named ones) against libvirt's test
# driver with tests/data/node.xml and prints TAP.  With VIRTSH_REGEN=1 it
# rewrites the .expected files instead of comparing.  The format is
# described in README.rst next to this script.
set -u

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
data="$srcdir/tests/data"
node="$data/node.xml"

if [ $# -lt 1 ]; then
    echo "usage: $0 BUILDDIR [CASE...]" >&2
    exit 2
fi
builddir=$(cd "$1" 2>/dev/null && pwd) || { echo "$0: no build directory '$1'" >&2; exit 2; }
shift
virtsh="$builddir/src/virtsh"
if [ ! -x "$virtsh" ]; then
    echo "$0: '$virtsh' is not built" >&2
    exit 2
fi

regen=${VIRTSH_REGEN:-0}
tmproot=$(mktemp -d "${TMPDIR:-/tmp}/virtsh-golden.XXXXXX")
trap 'chmod -R u+rwx "$tmproot" 2>/dev/null; rm -rf "$tmproot"' EXIT

# VIRTSH_WRAPPER="valgrind -q ..." runs every case under that program
# (tests/sanitize/run.sh): any message it prints breaks the comparison.
if [ -n "${VIRTSH_WRAPPER:-}" ]; then
    printf '#!/bin/sh\nexec %s %q "$@"\n' "$VIRTSH_WRAPPER" "$virtsh" > "$tmproot/virtsh"
    chmod +x "$tmproot/virtsh"
    virtsh=$tmproot/virtsh
fi

# A clean, predictable environment for every case.
unset LIBVIRT_DEFAULT_URI VISUAL EDITOR VIRTSH_HISTSIZE
# Every JSON result is checked against its command's declaration (core/contract.h).
export LC_ALL=C.UTF-8 NO_COLOR=1 TZ=UTC VIRTSH_CHECK_JSON=1

if [ $# -gt 0 ]; then
    cases=("$@")
else
    cases=()
    for f in "$here"/*.vsh "$here"/*.argv "$here"/*.gen; do
        [ -e "$f" ] || continue
        c=$(basename "$f")
        cases+=("${c%.*}")
    done
    mapfile -t cases < <(printf '%s\n' "${cases[@]}" | LC_ALL=C sort -u)
fi

# The test driver reports the real host name (what virGetHostname says).
host_short=$(hostname 2>/dev/null || echo localhost)
host_long=$(hostname -f 2>/dev/null || echo "$host_short")

# Volatile text in the output -> stable placeholders: paths (longest first),
# the host name, and the CPU time the test driver derives from the clock.
# A case adds its own sed expression with a "# filter: EXPR" directive.
normalize() {
    local tmp=$1 filter=$2
    sed -e "s|$node|@NODE@|g" -e "s|$tmp|@TMP@|g" -e "s|$data|@DATA@|g" \
        -e "s|$srcdir|@SRCDIR@|g" \
        -e "s|^$host_long\$|@HOSTNAME@|; s|^$host_short\$|@HOSTNAME@|" \
        -e "s|\"$host_long\"|\"@HOSTNAME@\"|g; s|\"$host_short\"|\"@HOSTNAME@\"|g" \
        -e 's|^\(CPU time: *\)[0-9][0-9.]*s$|\1@CPUTIME@|' \
        -e 's|"cpu_time_ns":[0-9][0-9]*|"cpu_time_ns":"@CPUTIME@"|g' \
        -e "${filter:-b}"
}

# Directive "# NAME: VALUE" (or "# NAME") among the leading comment lines.
directive() {
    local file=$1 name=$2 line
    while IFS= read -r line; do
        case $line in
            "# $name:"*) printf '%s\n' "${line#"# $name:"}" | sed 's/^ *//'; return 0 ;;
            "# $name") return 0 ;;
            "#"*) continue ;;
            *) return 1 ;;
        esac
    done <"$file"
    return 1
}

# Run one case in one output mode (text or json); leaves the combined
# result in $tmp/actual.  Returns 77 (skip, reason in $tmp/skip) or 0.
run_case() {
    local name=$1 omode=$2 tmp=$3 input rc extra=() kind=file filter=
    export GOLDEN_TMP="$tmp/work" GOLDEN_NODE="$node" GOLDEN_DATA="$data"
    mkdir -p "$GOLDEN_TMP"
    export HOME="$GOLDEN_TMP/home" XDG_STATE_HOME="$GOLDEN_TMP/state" \
        XDG_CONFIG_HOME="$GOLDEN_TMP/config"
    mkdir -p "$HOME"

    if [ -e "$here/$name.gen" ]; then
        # The generator writes the script on stdout (for inputs too big,
        # binary or environment-dependent to commit); exit 77 means skip.
        # It lands in the scratch directory, so messages show @TMP@/CASE.vsh.
        input="$GOLDEN_TMP/$name.vsh"
        (cd "$data" && bash "$here/$name.gen") >"$input" 2>"$tmp/skip"
        rc=$?
        [ $rc -eq 77 ] && return 77
        if [ $rc -ne 0 ]; then
            printf 'generator failed (%d): %s\n' "$rc" "$(cat "$tmp/skip")" >"$tmp/actual"
            return 0
        fi
    elif [ -e "$here/$name.vsh" ]; then
        input="$here/$name.vsh"
    elif [ -e "$here/$name.argv" ]; then
        kind=argv
    else
        echo "no such case" >"$tmp/actual"
        return 0
    fi

    if [ $kind = argv ]; then
        local words=() w
        while IFS= read -r w || [ -n "$w" ]; do
            w=${w//@URI@/test://$node}
            w=${w//@NODE@/$node}
            w=${w//@DATA@/$data}
            w=${w//@TMP@/$GOLDEN_TMP}
            words+=("$w")
        done <"$here/$name.argv"
        (cd "$data" && timeout 30 "$virtsh" "${words[@]}" </dev/null) >"$tmp/out" 2>"$tmp/err"
        rc=$?
    else
        local args envs=()
        filter=$(directive "$input" filter)
        if args=$(directive "$input" args); then
            read -r -a extra <<<"$args"
        fi
        if args=$(directive "$input" env); then
            args=${args//@DATA@/$data}
            read -r -a envs <<<"${args//@TMP@/$GOLDEN_TMP}"
        fi
        [ "$omode" = json ] && extra+=(-o json)
        if directive "$input" stdin >/dev/null; then
            (cd "$data" && timeout 30 env "${envs[@]}" "$virtsh" -c "test://$node" "${extra[@]}" \
                <"$input") \
                >"$tmp/out" 2>"$tmp/err"
        else
            (cd "$data" && timeout 30 env "${envs[@]}" "$virtsh" -c "test://$node" "${extra[@]}" -f "$input" \
                </dev/null) >"$tmp/out" 2>"$tmp/err"
        fi
        rc=$?
    fi

    {
        normalize "$GOLDEN_TMP" "$filter" <"$tmp/out"
        if [ -s "$tmp/out" ] && [ -n "$(tail -c 1 "$tmp/out")" ]; then
            echo
            echo "--- no newline at end of stdout ---"
        fi
        echo "--- stderr ---"
        normalize "$GOLDEN_TMP" "$filter" <"$tmp/err"
        if [ -s "$tmp/err" ] && [ -n "$(tail -c 1 "$tmp/err")" ]; then
            echo
            echo "--- no newline at end of stderr ---"
        fi
        echo "--- exit: $rc ---"
    } >"$tmp/actual"
    return 0
}

# Test points: "case" (text) and, for scripts with "# modes: text json",
# also "case.json" compared with case.json.expected.
points=()
for name in "${cases[@]}"; do
    modes=text
    for f in "$here/$name.vsh" "$here/$name.gen"; do
        [ -e "$f" ] && m=$(directive "$f" modes) && modes=$m
    done
    for m in $modes; do
        case $m in
            text) points+=("$name") ;;
            json) points+=("$name.json") ;;
            *) points+=("$name.$m") ;; # reported as a failure below
        esac
    done
done

# Expected files no case produces (a case renamed or removed): failures, so
# they do not linger unseen.  Only when every case runs.
orphans=()
if [ $# -eq 0 ]; then
    declare -A known=()
    for point in "${points[@]}"; do
        known[$point]=1
    done
    for f in "$here"/*.expected; do
        [ -e "$f" ] || continue
        point=$(basename "$f" .expected)
        [ -n "${known[$point]:-}" ] || orphans+=("$point")
    done
fi

echo "1..$((${#points[@]} + ${#orphans[@]}))"
n=0 failed=0
for point in "${orphans[@]}"; do
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $point.expected: no case produces it (remove it, or restore the case)"
done
for point in "${points[@]}"; do
    n=$((n + 1))
    tmp="$tmproot/$n"
    mkdir -p "$tmp"
    name=${point%.json}
    omode=text
    [ "$name" != "$point" ] && omode=json
    run_case "$name" "$omode" "$tmp"
    if [ $? -eq 77 ]; then
        echo "ok $n - $point # SKIP $(head -n 1 "$tmp/skip")"
        continue
    fi
    expected="$here/$point.expected"
    if [ "$regen" = 1 ]; then
        cp "$tmp/actual" "$expected"
        echo "ok $n - $point # regenerated"
    elif [ -e "$expected" ] && cmp -s "$expected" "$tmp/actual"; then
        echo "ok $n - $point"
    else
        failed=$((failed + 1))
        echo "not ok $n - $point"
        if [ -e "$expected" ]; then
            diff -u --label "$point.expected" --label "$point.actual" "$expected" "$tmp/actual" |
                sed 's/^/# /'
        else
            echo "# no $point.expected; the output was:"
            sed 's/^/# /' "$tmp/actual"
        fi
    fi
    chmod -R u+rwx "$tmp" 2>/dev/null
    rm -rf "$tmp"
done
[ $failed -eq 0 ]
