# modes: text json
# env: EDITOR=@DATA@/editor-sed.sh EDIT_SED=s|192.168.1.10|192.168.1.20|g TMPDIR=@TMP@
iface-edit eth0
iface-dumpxml eth0 --xpath //ip/@address
iface-edit eth2
