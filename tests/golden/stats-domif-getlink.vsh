# modes: text json
# domif-getlink: by device, by MAC in any case and short form, --config
# (the test driver names devices in the live XML only), unknown ones.
domif-getlink web1 testnet0
domif-getlink web1 52:54:00:AA:00:1
domif-getlink 1 52:54:00:aa:00:02 --config
domif-getlink web1 testnet1 --config
domif-getlink web1 52:54:00:aa:00:09
domif-getlink build 52:54:00:aa:00:01
