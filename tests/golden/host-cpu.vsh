# modes: text json
# CPU models; the test driver computes a baseline but compares nothing.
cpu-models x86_64
cpu-models bogus
cpu-baseline cpu-host.xml
cpu-baseline cpu-host.xml --features
cpu-baseline dom-not-domain.xml
cpu-compare cpu-host.xml
hypervisor-cpu-compare cpu-host.xml --arch i686
hypervisor-cpu-baseline --model qemu64
hypervisor-cpu-baseline
hypervisor-cpu-baseline cpu-host.xml --model qemu64
domcapabilities test
