# modes: text json
# setvcpus: live, config and the maximum.
setvcpus web1 1
dumpxml web1 --xpath //vcpu
setvcpus web1 4 --maximum --config
dumpxml web1 --inactive --xpath //vcpu
setvcpus web1 3 --config
dumpxml web1 --inactive --xpath //vcpu
dumpxml web1 --xpath //vcpu
setvcpus build 1
dumpxml build --xpath //vcpu
