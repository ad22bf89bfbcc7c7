#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# check-option-types.sh - an option row bound to a field of the wrong type
# does not compile.
#
# Usage: check-option-types.sh [BUILDDIR]      (prints TAP; run by tests/unit/run.sh)
#
# Compiles a small args struct with each OPT_* macro of core/table.h, once
# bound to a field of the right type (must compile) and once to a field of
# another type (must fail, naming the field).
set -uo pipefail

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/lib/tap.sh
source "$srcdir/tests/lib/tap.sh"

# try MACRO_ROW: compile a table with that one row; 0 if it compiles.
try() {
    cat >"$tmp/t.c" <<C
#include <stdbool.h>
#include "core/table.h"
struct a {
    bool flag;
    const char *str;
    long long num;
    unsigned long long size;
    int choice;
    struct strv list;
    double wrong;
};
const struct opt_def opts[] = { $1, { 0 } };
C
    "$cc" -std=gnu11 -c -I"$srcdir/src" -o "$tmp/t.o" "$tmp/t.c" 2>"$tmp/err"
}

command -v "$cc" >/dev/null || tap_skip_all "no C compiler ($cc)"
rows_good=(
    'OPT_FLAG(struct a, "f", flag, "h")'
    'OPT_STRING(struct a, "s", str, "h", .metavar = "S")'
    'OPT_INT(struct a, "n", num, 0, 9, "h")'
    'OPT_SCALED(struct a, "z", size, 1024, "h")'
    'OPT_ENUM(struct a, "e", choice, VALUES("x", "y"), "h")'
    'OPT_LIST(struct a, "l", list, "h")'
    'OPT_ARGV(struct a, "v", list, "h")'
)
for row in "${rows_good[@]}"; do
    if try "$row"; then tap_ok "compiles: $row"; else tap_not_ok "compiles: $row"; tap_diag <"$tmp/err"; fi
    bad=$(sed -E 's/, (flag|str|num|size|choice|list), /, wrong, /' <<<"$row")
    if try "$bad"; then
        tap_not_ok "refused: $bad"
    elif grep -q 'option bound to struct a\.' "$tmp/err"; then
        tap_ok "refused: $bad"
    else
        tap_not_ok "refused for its type: $bad"; head -5 "$tmp/err" | tap_diag
    fi
done
tap_done
