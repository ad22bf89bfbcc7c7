# modes: text json
# vcpucount: all counts of a running, a transient and a shut off domain;
# one count with --maximum, --active, --live, --config, --current.
vcpucount web1
vcpucount scratch
vcpucount build
vcpucount web1 --maximum
vcpucount web1 --active --config
vcpucount web1 --current
vcpucount web1 --live
vcpucount build --active --live
vcpucount web1 --guest
vcpucount web1 --maximum --active
