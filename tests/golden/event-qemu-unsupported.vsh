# modes: text json
# The test driver has no QEMU monitor: every QEMU monitor command says so in
# one line (virtsh's own checks still come first), and nothing changes.
qemu-monitor-command web1 query-status
qemu-monitor-command web1 --hmp info status
qemu-monitor-command web1 '{"execute": "query-status"}' --pretty
qmp-schema web1
qmp-schema web1 query-status
qemu-monitor-event web1 --timeout 1
qemu-monitor-command web1 '{"execute": '
qemu-monitor-command web1 stop bogus
qemu-monitor-command web1 --hmp --pretty info status
qemu-monitor-command web1 --return-value --hmp info status
qemu-monitor-command web1 --pass-fds 9x query-status
qemu-monitor-command web1 --pass-fds 250 query-status
qemu-monitor-command web1
qemu-monitor-command nosuch query-status
qmp-schema web1 --events query-status
domstate web1
