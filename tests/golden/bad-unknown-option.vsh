# modes: text json
destroy --force web1
list -a
list --all
