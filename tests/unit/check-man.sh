#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# check-man.sh - the man page and the built-in help document every command.
#
# Usage: check-man.sh BUILDDIR      (prints TAP; run by tests/unit/run.sh)
#
# The command list comes from the program itself (`virtsh -o json help`,
# which reads the command table), so a command added to the table without
# its documentation reaching BUILDDIR/man/virtsh.1 fails here.  Also checks
# that `help CMD` and `CMD --help` work for every command and alias, that
# every global option and every environment variable the sources read is in
# the man page, and that the man page has its sections.
set -uo pipefail

builddir=${1:?usage: check-man.sh BUILDDIR}
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
virtsh=$builddir/src/virtsh
man=$builddir/man/virtsh.1
export LIBVIRT_DEFAULT_URI=test:///default LC_ALL=C.UTF-8
# shellcheck source=tests/lib/tap.sh
source "$srcdir/tests/lib/tap.sh"


[ -x "$virtsh" ] || tap_bail "virtsh is built ($virtsh missing)"

# "name<TAB>synopsis" for every listed command, then "alias<TAB>name" lines.
commands=$(timeout 20 "$virtsh" -o json help | python3 -c '
import json, sys
for g in json.load(sys.stdin):
    for c in g["commands"]:
        print(c["name"])
') || tap_bail "'virtsh -o json help' lists the commands"
[ -n "$commands" ] || tap_bail "the command list is empty"

# The man page as plain text: roff escapes undone, so words compare as typed.
man_text=""
if [ -f "$man" ]; then
    man_text=$(sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g' -e 's/\\e/\\/g' \
                   -e 's/\\&//g' -e 's/\\(ti/~/g' -e 's/\\(ha/^/g' "$man")
fi
in_man() { grep -qxF -- "$1" <<<"$man_text"; }
in_man_text() { grep -qF -- "$1" <<<"$man_text"; }

for cmd in $commands; do
    # help CMD and CMD --help: exit 0, NAME line, identical output.
    h1=$(timeout 20 "$virtsh" help "$cmd" 2>&1); rc1=$?
    h2=$(timeout 20 "$virtsh" "$cmd" --help 2>&1); rc2=$?
    tap_check "'help $cmd' exits 0 and names the command" \
        eval '[ $rc1 -eq 0 ] && grep -q "^    $cmd - ." <<<"$h1"'
    tap_check "'$cmd --help' exits 0 and prints what 'help $cmd' prints" \
        eval '[ $rc2 -eq 0 ] && [ "$h1" = "$h2" ]'
    if [ -z "$man_text" ]; then
        tap_skip "man page documents '$cmd'" "man page not built (rst2man missing or -Dman=disabled)"
        continue
    fi
    syn=$(timeout 20 "$virtsh" -o json help "$cmd" | python3 -c 'import json,sys; print(json.load(sys.stdin)["synopsis"])')
    if in_man ".SS $cmd" && [ -n "$syn" ] && in_man "$syn"; then
        tap_ok "man page documents '$cmd' with its synopsis"
    else
        tap_not_ok "man page documents '$cmd' with its synopsis"
        tap_diag "expected a '.SS $cmd' heading and the line: $syn"
    fi
done

# Aliases resolve in help too.
aliases=$(for cmd in $commands; do
    timeout 20 "$virtsh" help "$cmd" | awk '/^  ALIASES$/ { getline; gsub(/[ ,]+/, " "); print }'
done)
for a in $aliases; do
    tap_check "'help $a' (an alias) exits 0" eval 'timeout 20 "$virtsh" help "$a" >/dev/null 2>&1'
done

if [ -n "$man_text" ]; then
    for sect in NAME SYNOPSIS DESCRIPTION OPTIONS MODES "EXIT STATUS" ENVIRONMENT FILES COMMANDS; do
        tap_check "man page has the section $sect" in_man ".SH $sect"
    done
    # Every global option `virtsh --help` shows.
    for opt in $("$virtsh" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
        tap_check "man page documents the global option $opt" in_man_text "$opt"
    done
    # Every environment variable the sources read.
    for var in $(grep -ohE 'getenv\("[A-Za-z_0-9]+"\)' "$srcdir"/src/*.c "$srcdir"/src/*/*.c | sed -E 's/getenv\("(.*)"\)/\1/' | sort -u); do
        tap_check "man page documents the environment variable $var" in_man_text "$var"
    done
    for var in LIBVIRT_DEFAULT_URI VIRTSH_HISTSIZE XDG_STATE_HOME VISUAL EDITOR NO_COLOR; do
        tap_check "man page documents $var" in_man_text "$var"
    done
fi

tap_done
