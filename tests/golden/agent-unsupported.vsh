# modes: text json
# The test driver has no virDomainQemuAgentCommand, GetGuestInfo or
# GetGuestVcpus: every command built on them fails with libvirt's reason.
qemu-agent-command web1 '{"execute":"guest-ping"}'
agent web1 guest-info
guestinfo web1
guestvcpus web1
guest-exec web1 /bin/true
guest-file-get web1 /etc/hostname
guest-file-put web1 agent-password.txt /tmp/x
