# modes: text json
# domif-setlink: --print-xml (the interface as it stands in the domain's
# XML, with its new link); the test driver cannot update devices; bad
# states and interfaces.
domif-setlink web1 testnet0 down --print-xml
domif-setlink web1 52:54:00:aa:00:02 up --print-xml --config
domif-setlink web1 testnet0 down
domif-setlink web1 testnet0 UP
domif-setlink web1 nosuch up
domif-setlink build 52:54:00:aa:00:01 up
