# modes: text json
# Bad input: each is refused before anything is watched.
event --event lifecyle
event --event nosuchevent
event --list --all
event --event reboot --all
event --domain nosuch --timeout 1
event --timeout 0
event --timeout soon
qemu-monitor-event --regex
qemu-monitor-event nosuch --timeout 1
list --all
