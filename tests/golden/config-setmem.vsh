# modes: text json
# setmem: scaled sizes (bare numbers are KiB), --live/--config/--current.
# Without any of them only a running domain changes (virsh's default): the
# shut off build refuses, and takes --current.
setmem web1 512M
dumpxml web1 --xpath //currentMemory
setmem web1 786432
dumpxml web1 --xpath //currentMemory
setmem web1 1GiB --config
dumpxml web1 --inactive --xpath //currentMemory
dumpxml web1 --xpath //currentMemory
setmem build 256M
dumpxml build --xpath //currentMemory
setmem --domain build --size 128M --current
dumpxml build --xpath //currentMemory
