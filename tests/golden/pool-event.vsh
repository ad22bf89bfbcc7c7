# modes: text json
# pool-event lists its types; a one-shot wait times out (nothing happens
# on another connection): exit 1.
pool-event --list
pool-event --event lifecycle --timeout 1
