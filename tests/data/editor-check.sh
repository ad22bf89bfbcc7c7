#!/bin/sh
# An editor for the golden cases of "edit" that reports on the file it was
# given instead of changing it: its mode, its suffix, whether it is in
# $TMPDIR, and how many files that directory holds (only this one: earlier
# edits removed theirs).
f=$1
case $f in
    "$TMPDIR"/*) where=TMPDIR ;;
    *) where=elsewhere ;;
esac
printf 'editor: mode %s, suffix %s, in %s, %s file(s) there, %s\n' \
    "$(stat -c %a "$f")" ".${f##*.}" "$where" "$(ls -A "$TMPDIR" | wc -l)" \
    "$(grep -c '<name>' "$f") <name> line(s)" >&2
if [ -n "${EDIT_SED:-}" ]; then
    sed -i -e "$EDIT_SED" "$f"
fi
