# modes: text json
# env: EDITOR=@DATA@/editor-sed.sh EDIT_SED=s|<devices>|<devices|;s|1048576|2097152| TMPDIR=@TMP@
# Not well-formed after editing, and no terminal to ask on: exit 1, nothing changes.
edit build
dumpxml build --xpath //memory
