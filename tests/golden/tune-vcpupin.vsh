# modes: text json
# vcpupin: the table, one vCPU, a shut off domain; pinning (prints
# nothing; JSON says what changed), the syntax of CPU lists, and bad ones.
vcpupin web1
vcpupin build --vcpu 1
vcpupin web1 0 1-3
vcpupin web1 --vcpu 1 --cpulist 0-7,^2
vcpupin web1
vcpupin web1 0 r
vcpupin web1 0
vcpupin web1 5
vcpupin web1 0 9
vcpupin web1 0 x
vcpupin web1 0 ^1
vcpupin web1 --cpulist 1
vcpupin web1 --live --config
vcpupin build 0 2 --config
