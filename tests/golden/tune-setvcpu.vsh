# modes: text json
# setvcpu: the test driver has no vCPU hotplug; the options it needs.
setvcpu web1 1 --disable
setvcpu web1 1
setvcpu web1 1 --enable --disable
