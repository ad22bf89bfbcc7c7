# modes: text json
# filter: s/\([a-z]\) [0-9]\{5,\}$/\1 N/;s/":[0-9]\{5,\}/":N/g
# domifstat: by device and by MAC address; unknown interface; a domain
# that does not run.  The counters come from the clock (filtered).
domifstat web1 testnet0
domifstat 1 52:54:00:aa:00:02
domifstat web1 nosuch
domifstat build testnet0
domifstat web1
