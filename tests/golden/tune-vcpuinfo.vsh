# modes: text json
# vcpuinfo: running (CPU time from the clock: @CPUTIME@), paused, shut off
# (its pinning from the configuration), --pretty, after a pinning.
vcpuinfo web1
vcpuinfo db1 --pretty
vcpuinfo build
vcpuinfo build --pretty
vcpupin web1 1 0,2,4-5
vcpuinfo web1 --pretty
vcpuinfo nosuch
