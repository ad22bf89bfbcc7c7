# modes: text json
list --all --name
list --name
list --all --name --state-shutoff
