# modes: text json
# memtune: show; set (prints nothing; sizes with units, a bare number is
# KiB, -1 is unlimited); what the test driver refuses; bad sizes.
memtune web1
memtune web1 --hard-limit 2G --soft-limit 1048576
memtune web1
memtune web1 1000
memtune web1 --swap-hard-limit -1
memtune web1
memtune web1 --min-guarantee 100
memtune web1 --hard-limit 1.5G
memtune web1 --current --live
