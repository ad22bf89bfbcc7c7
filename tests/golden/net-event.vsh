# modes: text json
# net-event: the types, a wait that times out (exit 1), bad types.
net-event --list
net-event --timeout 1
net-event default --event lifecycle --loop --timeout 1
net-event --event bogus
net-event --event lifecycl
net-event nosuch --timeout 1
net-info default
