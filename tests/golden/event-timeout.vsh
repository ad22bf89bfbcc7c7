# modes: text json
# The test driver sends no event unless something changes: each wait times
# out (exit 1, one error line), with or without --loop, for one domain or all.
event --timeout 1
event --domain web1 --event lifecycle --loop --timeout 1
event web1 --event reboot --event agent-lifecycle --timeout 1
# the shell goes on after a timed-out wait
domstate web1
