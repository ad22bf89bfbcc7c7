# modes: text json
# setmaxmem: the maximum of a shut-off domain, and of a running one's config.
setmaxmem build 3G
dumpxml build --xpath //memory
setmaxmem web1 4G --config
dumpxml web1 --inactive --xpath //memory
dumpxml web1 --xpath //memory
setmaxmem build 262144 --config
dumpxml build --xpath //memory|//currentMemory
