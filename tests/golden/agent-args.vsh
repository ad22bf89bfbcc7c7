# modes: text json
# Requests are checked before anything is sent (no domain lookup either).
agent web1 guest-exec path=/bin/ls 'arg:=["-l"'
agent web1 guest-exec path=/bin/ls "arg:=['-l']"
agent web1 guest-exec path=/bin/ls arg:=1 arg:=2
agent web1 guest-exec path
agent web1 =value
agent web1 '{"execute":"guest-ping",}'
agent web1 '{"execute":"guest-ping"}' extra=1
agent web1 @agent-nonexistent.json
agent web1 @agent-request-bad.json
agent web1 @agent-request-noexec.json
agent web1
agent
agent --socket /nonexistent/qga.sock guest-ping
qemu-agent-command web1 guest-ping
qemu-agent-command web1 '{"execute":"guest-ping"'
qemu-agent-command web1 --async --block '{"execute":"guest-ping"}'
qemu-agent-command web1 --timeout 0 '{"execute":"guest-ping"}'
guest-exec web1
guest-exec web1 --env NOEQUALS /bin/true
guest-exec web1 --stdin agent-nonexistent.txt /bin/true
guestvcpus web1 --enable
guestvcpus web1 --cpulist 1
guest-file-get web1
guest-file-put web1 agent-nonexistent.txt /tmp/x
