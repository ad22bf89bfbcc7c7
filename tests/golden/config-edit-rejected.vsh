# modes: text json
# env: EDITOR=@DATA@/editor-sed.sh EDIT_SED=s|<on_crash>destroy<|<on_crash>explode<| TMPDIR=@TMP@
# libvirt rejects the edited XML (with and without validation): exit 1, nothing changes.
edit build
edit build --skip-validate
dumpxml build --xpath //on_crash
