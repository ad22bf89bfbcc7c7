# modes: text json
# domiftune: show; set inbound and outbound (as words too); clear; the
# rate syntax and its limits.
domiftune web1 testnet0
domiftune web1 testnet0 --inbound 100,200,300 --outbound 1,2,3
domiftune web1 52:54:00:aa:00:01
domiftune web1 testnet0 0 0
domiftune web1 testnet0
domiftune web1 testnet0 --inbound ,,,100
domiftune web1 testnet0
domiftune web1 testnet0 --inbound ,200
domiftune web1 testnet0 --outbound 1,2,3,4
domiftune web1 testnet0 --inbound 5000000000
domiftune web1 testnet0 --inbound x
domiftune web1 nosuch
