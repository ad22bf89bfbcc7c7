# modes: text json
# env: EDITOR=@DATA@/editor-sed.sh EDIT_SED=s|/var/lib/libvirt/images|/srv/images|
# pool-edit with a real, non-interactive editor: the new target path is the
# definition of the (stopped) pool afterwards.
pool-destroy default
pool-edit default
pool-dumpxml default --xpath //target/path
