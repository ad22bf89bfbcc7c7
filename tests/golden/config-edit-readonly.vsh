# args: -r
# Every command of the group that changes something is refused read-only.
edit build
setmem web1 512M
setmaxmem build 2G
setvcpus web1 1
dumpxml web1 --xpath //currentMemory|//vcpu
