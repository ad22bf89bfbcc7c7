# modes: text json
# cpu-stats: per host CPU and total, --total, --start/--count (as words
# too), a count beyond the host's CPUs, a start beyond them, --count 0.
cpu-stats web1
cpu-stats web1 --total
cpu-stats web1 1 2
cpu-stats web1 --start 3 --total
cpu-stats web1 --start 2 --count 9
cpu-stats web1 --count 0
cpu-stats web1 --start 9
cpu-stats build
