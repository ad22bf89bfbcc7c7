# modes: text json
start web1
start 2
list --all
