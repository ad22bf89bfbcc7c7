# modes: text json
# filter: s/waited [0-9.]* s/waited N s/;s/"seconds":[0-9.]*/"seconds":N/
# wait --state follows lifecycle events; --agent pings (the test driver has
# no agent, so it can only time out).
wait web1 --state running
wait db1 --state paused
wait build --state shutoff
wait build --state running --timeout 1
wait web1 --agent --timeout 1
wait web1 --agent
wait web1
wait web1 --state bogus
wait web1 --agent --state running
wait nosuch --agent
