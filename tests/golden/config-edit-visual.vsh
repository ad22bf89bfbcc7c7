# env: VISUAL=@DATA@/editor-sed.sh EDITOR=false EDIT_SED=s|<vcpu.*|<vcpu>1</vcpu>| TMPDIR=@TMP@
# $VISUAL wins over $EDITOR.
edit build
dumpxml build --xpath //vcpu
