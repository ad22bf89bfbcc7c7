# modes: text json
# Bad setvcpus input: one line each, nothing changes.
setvcpus web1 0
setvcpus web1 -1
setvcpus web1 two
setvcpus web1
setvcpus web1 4 --maximum
setvcpus web1 2 --guest --config
setvcpus web1 2 --guest --hotpluggable
setvcpus web1 1 --current --live
setvcpus web1 9 --live
setvcpus build 1 --live
setvcpus web1 1 --guest
setvcpus nosuch 1
dumpxml web1 --xpath //vcpu
dumpxml web1 --inactive --xpath //vcpu
