# modes: text json
# env: EDITOR=@DATA@/editor-sed.sh EDIT_SED=s|<name>build<|<name>build2<| TMPDIR=@TMP@
# Renaming through edit is refused with a pointer to domrename.
edit build
list --all --name
