# modes: text json
# setvcpus: live, config and the maximum.  Without --config, --live,
# --current (or --maximum, --guest) only a running domain changes (virsh's
# default): the shut off build refuses, and takes --current.
setvcpus web1 1
dumpxml web1 --xpath //vcpu
setvcpus web1 4 --maximum --config
dumpxml web1 --inactive --xpath //vcpu
setvcpus web1 3 --config
dumpxml web1 --inactive --xpath //vcpu
dumpxml web1 --xpath //vcpu
setvcpus build 1
dumpxml build --xpath //vcpu
setvcpus build 1 --current
dumpxml build --xpath //vcpu
