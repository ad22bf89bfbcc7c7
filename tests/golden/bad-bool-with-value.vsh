# modes: text json
destroy --graceful=yes web1
start --paused= build
list --all=1
list --all
