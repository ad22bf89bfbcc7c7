# args: -r
# modes: text json
# What changes the guest is refused on a read-only connection; reading is not.
domtime web1
domtime web1 --now
set-user-password web1 root --password-file agent-password.txt
domfsfreeze web1
domfsinfo web1
guestvcpus web1 --cpulist 1 --enable
qemu-agent-command web1 '{"execute":"guest-ping"}'
agent web1 guest-ping
guest-exec web1 /bin/true
guest-file-put web1 agent-password.txt /tmp/x
