# modes: text json
# env: EDITOR=@DATA@/editor-sed.sh EDIT_SED=s|1048576|2097152|g TMPDIR=@TMP@
# edit: the editor changes the memory; a second edit finds nothing to
# change, so nothing is defined.
edit build
dumpxml build --xpath //memory|//currentMemory
edit build
edit --domain 'my vm'
dumpxml 'my vm' --xpath //memory
