# modes: text json
list --all --id
list --id --state-paused
