# modes: text json
# A file-backed test host is read afresh on every connection: "connect"
# with no URI reconnects to the current one and the suspend is gone.
uri
suspend web1
list
connect
list
# The shared default test host, then read-only.
connect test:///default
uri
list --all
connect --readonly
uri
suspend test
list
