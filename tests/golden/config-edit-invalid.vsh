# modes: text json
# env: EDITOR=@DATA@/editor-sed.sh EDIT_SED=s|on_poweroff|on_powerof|g;s|<vcpu.*|<vcpu>1</vcpu>| TMPDIR=@TMP@
# Well-formed but not valid: rejected against the schema; --skip-validate
# lets libvirt take it (it ignores the unknown element).
edit build
dumpxml build --xpath //vcpu
edit build --skip-validate
dumpxml build --xpath //vcpu
