#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# check-layers.sh - the include graph of src/ points down only.
#
# Usage: check-layers.sh [BUILDDIR]      (prints TAP; run by tests/unit/run.sh)
#
# src/ has one folder per layer, lowest first:
#     core  virt  guest  complete  cmd  shell      (and main.c on top)
# Project headers are included by their path below src/ ("core/util.h").
# For every #include "..." of every file under src/ this checks that
#   - the included file exists under src/ (or is the generated config.h);
#   - its layer is the includer's own layer or a lower one;
# and, per layer, that no two modules (foo.c + foo.h) include each other,
# directly or through others of the same layer (a cycle).
# One TAP line per layer, and one per offending include, so a failure
# names the file and line to change.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)/src
# shellcheck source=tests/lib/tap.sh
source "$here/../lib/tap.sh"

# The checks print "PASS DESC", "FAIL DESC" and "#" comment lines.
results=$(python3 - "$srcdir" <<'PY'
import os, re, sys

src = sys.argv[1]
layers = ["core", "virt", "guest", "complete", "cmd", "shell"]
rank = {name: i for i, name in enumerate(layers)}
rank["main.c"] = len(layers)

def layer_of(rel):
    top = rel.split("/", 1)[0]
    return top if top in rank else None

files = []
for root, _, names in os.walk(src):
    for n in names:
        if n.endswith((".c", ".h")):
            files.append(os.path.relpath(os.path.join(root, n), src))
files.sort()

edges = {}  # module -> set of modules, within one layer
inc_re = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
bad = []
for rel in files:
    me = layer_of(rel)
    if me is None:
        bad.append((rel, 0, "file outside the layer folders"))
        continue
    mod = os.path.splitext(rel)[0]
    with open(os.path.join(src, rel), encoding="utf-8", errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            m = inc_re.match(line)
            if not m:
                continue
            target = m.group(1)
            if target == "config.h":
                continue
            if not os.path.isfile(os.path.join(src, target)):
                bad.append((rel, lineno, f'includes "{target}", which is not a path below src/'))
                continue
            them = layer_of(target)
            if them is None or rank[them] > rank[me]:
                bad.append((rel, lineno, f'{me} includes "{target}" of the higher layer {them}'))
                continue
            tmod = os.path.splitext(target)[0]
            if them == me and tmod != mod:
                edges.setdefault(mod, set()).add(tmod)

def cycle_from(start):
    """A path start -> ... -> start through same-layer includes, or None."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(edges.get(node, ())):
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None

cycles = {}
for mod in sorted(edges):
    c = cycle_from(mod)
    if c:
        key = frozenset(c)
        cycles.setdefault(key, c)

def emit(ok, desc):
    print(f"{'PASS' if ok else 'FAIL'} {desc}")

for layer in list(layers) + ["main.c"]:
    mine = [b for b in bad if layer_of(b[0]) == layer]
    emit(not mine, f"{layer}: includes only its own layer and lower ones")
    for rel, lineno, why in mine:
        print(f"#   src/{rel}:{lineno}: {why}")
outside = [b for b in bad if layer_of(b[0]) is None]
emit(not outside, "every source file lives in a layer folder")
for rel, _, why in outside:
    print(f"#   src/{rel}: {why}")
emit(not cycles, "no include cycle between modules of one layer")
for c in cycles.values():
    print("#   " + " -> ".join(c))
PY
) || tap_bail "the include checker runs (python3)"
while IFS= read -r line; do
    case $line in
        "PASS "*) tap_ok "${line#PASS }" ;;
        "FAIL "*) tap_not_ok "${line#FAIL }" ;;
        *) echo "$line" ;;
    esac
done <<<"$results"
tap_done
