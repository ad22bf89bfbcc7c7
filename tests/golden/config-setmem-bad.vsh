# modes: text json
# Bad setmem/setmaxmem input: one line each, nothing changes.
setmem web1 0
setmem web1 1000b
setmem web1 1.5G
setmem web1 12x
setmem web1 -1
setmem web1
setmem web1 5G
setmem web1 1G --current --live
setmem web1 1G --config --current
setmem build 512M --live
setmem nosuch 1G
setmaxmem web1 0
setmaxmem web1 1536b
setmaxmem web1 4G
setmaxmem web1 4G --live
dumpxml web1 --xpath //memory|//currentMemory
dumpxml web1 --inactive --xpath //memory|//currentMemory
