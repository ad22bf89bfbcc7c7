#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# check-sizes.sh - files and functions stay small enough to read.
#
# Usage: check-sizes.sh [BUILDDIR]      (prints TAP; run by tests/unit/run.sh)
#
# Every C file under src/ and tests/ has at most 1000 lines, and every
# function in it at most 120 (from the line of its name to its closing
# brace; comments, strings and character literals are skipped when braces
# are counted).  One TAP line per rule; each offender is named with its
# size.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 - "$root" <<'PY'
import os, re, sys

root = sys.argv[1]
MAX_FILE, MAX_FUNC = 1000, 120

def code_only(text):
    """The text with comments, strings and char literals blanked (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j]) + c); i = j + 1
        else:
            out.append(c); i += 1
    return "".join(out)

files = []
for top in ("src", "tests"):
    for d, _, names in os.walk(os.path.join(root, top)):
        files += [os.path.join(d, f) for f in names if f.endswith((".c", ".h"))]
files.sort()

big_files, big_funcs = [], []
for path in files:
    rel = os.path.relpath(path, root)
    text = open(path, encoding="utf-8", errors="replace").read()
    lines = text.split("\n")
    if len(lines) - 1 > MAX_FILE:
        big_files.append(f"{rel}: {len(lines) - 1} lines")
    code = code_only(text).split("\n")
    depth, start, name = 0, None, None
    for no, line in enumerate(code):
        if depth == 0 and line.startswith("{") and no > 0:
            # A function body opens at column 0 after its declarator.
            k = no - 1
            while k > 0 and code[k].strip() and not code[k].rstrip().endswith((";", "}")) \
                    and not re.match(r"^[A-Za-z_].*\(", code[k]):
                k -= 1
            if re.match(r"^[A-Za-z_].*\(", code[k]):
                start, name = k, lines[k].strip()
        depth += line.count("{") - line.count("}")
        if depth == 0 and start is not None and "}" in line:
            size = no - start + 1
            if size > MAX_FUNC:
                big_funcs.append(f"{rel}:{start + 1}: {size} lines: {name[:70]}")
            start = None

n = 0
def emit(ok, desc, items):
    global n
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {desc}")
    for it in items:
        print(f"#   {it}")
emit(not big_files, f"no C file has more than {MAX_FILE} lines", big_files)
emit(not big_funcs, f"no function has more than {MAX_FUNC} lines", big_funcs)
print(f"1..{n}")
sys.exit(1 if big_files or big_funcs else 0)
PY
